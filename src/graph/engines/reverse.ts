import type { Builder, Z } from '../builder.js';
import type { Graph } from '../graph.js';
import { sameShape } from '../tensor.js';

/**
 * One edge of the backward sweep, as the engine computed it: node `node`'s upstream adjoint
 * and the contribution it sends to its input number `input` (already summed down to that
 * input's shape). `undefined` is a structural zero.
 */
export interface ReverseEdge<T> {
  node: number;
  input: number;
  upstream: Z<T>;
  contribution: Z<T>;
}

/**
 * One backward sweep from `output`, seeded with `seed`: adjoints of every node that
 * depends on a variable (`active`), summed where a node fans out. Generic in the builder:
 * numbers give the gradient, a graph builder gives the gradient as nodes. `val(i)` is
 * node i's value as the builder sees it (a number, or the node itself).
 *
 * `onEdge`, when given, is called once per edge into an active input, in the order the
 * sweep takes them: narration (`--steps`) and the pictures' edge gradients are built from
 * it, so they show what the engine computed. With it, nodes reached only by zero
 * contributions are visited too (their edges report zeros), so every edge is reported.
 */
export function reverse<T>(
  g: Graph,
  b: Builder<T>,
  val: (id: number) => T,
  output: number,
  seed: T,
  active: Uint8Array,
  onEdge?: (e: ReverseEdge<T>) => void,
): Z<T>[] {
  const adj: Z<T>[] = new Array(output + 1);
  adj[output] = seed;
  const reached = onEdge ? new Uint8Array(output + 1) : undefined;
  if (reached) reached[output] = 1;
  const nodes = g.nodes;
  for (let i = output; i >= 0; i--) {
    const gi = adj[i];
    if (gi === undefined && !reached?.[i]) continue;
    const n = nodes[i];
    const def = n.def;
    if (!def) continue;
    const ins = n.inputs;
    const needs = ins.map((j) => active[j] === 1);
    if (!needs.includes(true)) continue;
    if (gi === undefined) {
      // Zero upstream: nothing flows, but the edges are there to report.
      for (let k = 0; k < ins.length; k++) {
        if (!needs[k]) continue;
        reached![ins[k]] = 1;
        onEdge!({ node: i, input: k, upstream: undefined, contribution: undefined });
      }
      continue;
    }
    if (!def.vjp) throw new Error(`op ${def.name} has no reverse-mode rule`);
    const parts = def.vjp(b, { x: ins.map(val), y: val(i), g: gi, attrs: n.attrs, needs });
    for (let k = 0; k < ins.length; k++) {
      if (!needs[k]) continue;
      let c = parts[k];
      const j = ins[k];
      // Broadcasting copied input j; its adjoint is the sum over the copies.
      if (c !== undefined && def.broadcasts && !sameShape(nodes[j].shape, n.shape)) c = b.sumTo(c, nodes[j].shape);
      if (reached) {
        reached[j] = 1;
        onEdge!({ node: i, input: k, upstream: gi, contribution: c });
      }
      if (c === undefined) continue;
      const prev = adj[j];
      adj[j] = prev === undefined ? c : b.add(prev, c);
    }
  }
  return adj;
}
