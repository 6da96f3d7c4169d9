import type { Builder, Z } from '../builder.js';
import type { Graph } from '../graph.js';
import { sameShape } from '../tensor.js';

/**
 * One forward-mode sweep: tangents of every node given tangents of some variables
 * (`seeds`, variable node id → tangent). Nodes whose inputs all have zero tangent are
 * skipped. Generic in the builder, like `reverse`.
 *
 * `onNode`, when given, is called with each op node's tangent as the sweep computes it
 * (a forward rule yields a node's tangent at once, not per edge; narration writes the
 * per-input terms from the op's partials beside it). With it, nodes reached only by zero
 * tangents are reported too, with tangent undefined.
 */
export function forward<T>(
  g: Graph,
  b: Builder<T>,
  val: (id: number) => T,
  seeds: ReadonlyMap<number, T>,
  upto = g.nodes.length - 1,
  onNode?: (node: number, tangent: Z<T>) => void,
): Z<T>[] {
  const tan: Z<T>[] = new Array(upto + 1);
  const reached = onNode ? new Uint8Array(upto + 1) : undefined;
  const nodes = g.nodes;
  for (let i = 0; i <= upto; i++) {
    const n = nodes[i];
    const def = n.def;
    if (!def) {
      tan[i] = seeds.get(i);
      if (reached && tan[i] !== undefined) reached[i] = 1;
      continue;
    }
    const ins = n.inputs;
    let any = false;
    let near = false;
    for (const j of ins) {
      if (tan[j] !== undefined) any = true;
      if (reached?.[j]) near = true;
    }
    if (!any) {
      if (near) {
        reached![i] = 1;
        onNode!(i, undefined);
      }
      continue;
    }
    if (!def.jvp) throw new Error(`op ${def.name} has no forward-mode rule`);
    let t = def.jvp(b, { x: ins.map(val), y: val(i), dx: ins.map((j) => tan[j]), attrs: n.attrs });
    // A tangent from a broadcast input may be smaller than the node: repeat it.
    if (t !== undefined && def.broadcasts && !sameShape(b.shape(t), n.shape)) t = b.broadcastTo(t, n.shape);
    tan[i] = t;
    if (reached) {
      reached[i] = 1;
      onNode!(i, t);
    }
  }
  return tan;
}
