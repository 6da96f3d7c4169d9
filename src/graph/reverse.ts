import type { Builder, Z } from './builder.js';
import type { Graph } from './graph.js';
import { sameShape } from './tensor.js';

/**
 * One backward sweep from `output`, seeded with `seed`: adjoints of every node that
 * depends on a variable (`active`), summed where a node fans out. Generic in the builder:
 * numbers give the gradient, a graph builder gives the gradient as nodes. `val(i)` is
 * node i's value as the builder sees it (a number, or the node itself).
 */
export function reverse<T>(
  g: Graph,
  b: Builder<T>,
  val: (id: number) => T,
  output: number,
  seed: T,
  active: Uint8Array,
): Z<T>[] {
  const adj: Z<T>[] = new Array(output + 1);
  adj[output] = seed;
  const nodes = g.nodes;
  for (let i = output; i >= 0; i--) {
    const gi = adj[i];
    if (gi === undefined) continue;
    const n = nodes[i];
    const def = n.def;
    if (!def) continue;
    const ins = n.inputs;
    const needs = ins.map((j) => active[j] === 1);
    if (!needs.includes(true)) continue;
    if (!def.vjp) throw new Error(`op ${def.name} has no reverse-mode rule`);
    const parts = def.vjp(b, { x: ins.map(val), y: val(i), g: gi, attrs: n.attrs, needs });
    for (let k = 0; k < ins.length; k++) {
      let c = parts[k];
      if (!needs[k] || c === undefined) continue;
      const j = ins[k];
      // Broadcasting copied input j; its adjoint is the sum over the copies.
      if (def.broadcasts && !sameShape(nodes[j].shape, n.shape)) c = b.sumTo(c, nodes[j].shape);
      const prev = adj[j];
      adj[j] = prev === undefined ? c : b.add(prev, c);
    }
  }
  return adj;
}
