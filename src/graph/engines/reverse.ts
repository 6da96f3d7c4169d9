import type { Builder, Z } from '../builder.js';
import type { Graph } from '../graph.js';
import { sameShape, sizeOf, type Value } from '../tensor.js';
import { pool } from './buffers.js';
import { num } from './numeric.js';
import { PooledBuilder } from './pooled.js';

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
 *
 * Every adjoint comes back, each its own value for as long as the caller keeps it.
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
  return sweep(g, b, val, output, seed, active, onEdge);
}

/**
 * The same sweep on numbers, for callers that read only the adjoints of `keep` (the
 * variables of a gradient): every other adjoint is dropped as soon as its node's rule has
 * run, and its buffer, with the rules' temporaries, serves later ops (buffers.ts). Sums
 * are written in place into adjoints the sweep alone holds. The numbers are `reverse`'s
 * with `num`, bit for bit. Only the `keep` entries of the result are set; they, and
 * whatever `onEdge` was handed, are never written again nor recycled.
 */
export function reverseNumeric(
  g: Graph,
  val: (id: number) => Value,
  output: number,
  seed: Value,
  active: Uint8Array,
  keep: readonly number[],
  onEdge?: (e: ReverseEdge<Value>) => void,
): Z<Value>[] {
  const kept = new Uint8Array(output + 1);
  for (const id of keep) if (id <= output) kept[id] = 1;
  if (!hasPooledSizes(g)) {
    // Small tensors only: nothing would be pooled, and the plain sweep costs less.
    const adj = sweep(g, num, val, output, seed, active, onEdge);
    for (let i = 0; i <= output; i++) if (!kept[i]) adj[i] = undefined;
    return adj;
  }
  const b = new PooledBuilder();
  const adj = sweep(g, b, val, output, seed, active, onEdge, b, kept);
  for (let i = 0; i <= output; i++) {
    if (kept[i]) b.buffers.escape(adj[i]);
    else if (adj[i] !== undefined) {
      b.buffers.drop(adj[i]);
      adj[i] = undefined;
    }
  }
  return adj;
}

// Per graph: whether a node's value is as long as the pool's minLength, as of how many nodes.
const sized = new WeakMap<Graph, { nodes: number; min: number; any: boolean }>();

function hasPooledSizes(g: Graph): boolean {
  const min = pool.minLength;
  const seen = sized.get(g);
  if (seen && seen.nodes === g.nodes.length && seen.min === min) return seen.any;
  const any = g.nodes.some((n) => sizeOf(n.shape) >= min);
  sized.set(g, { nodes: g.nodes.length, min, any });
  return any;
}

/** What a sweep that owns its buffers does beside the arithmetic (PooledBuilder). */
interface Owner<T> {
  buffers: {
    hold(v: Z<T>): void;
    unhold(v: Z<T>): void;
    drop(v: Z<T>): void;
    escape(v: Z<T>): void;
    endStep(): void;
  };
  accumulate(prev: T, c: T): T;
}

function sweep<T>(
  g: Graph,
  b: Builder<T>,
  val: (id: number) => T,
  output: number,
  seed: T,
  active: Uint8Array,
  onEdge?: (e: ReverseEdge<T>) => void,
  own?: Owner<T>,
  kept?: Uint8Array,
): Z<T>[] {
  const adj: Z<T>[] = new Array(output + 1);
  adj[output] = seed;
  const reached = onEdge ? new Uint8Array(output + 1) : undefined;
  if (reached) reached[output] = 1;
  const bufs = own?.buffers;
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
    let cs: Z<T>[] | undefined;
    if (bufs) {
      // Every part is held until it is stored: one stored first must not be written into
      // while another part (the same tensor, or its buffer) still waits.
      cs = ins.map((_, k) => summedDown(g, b, i, k, needs[k] ? parts[k] : undefined));
      for (let k = 0; k < ins.length; k++) bufs.hold(cs[k]);
    }
    for (let k = 0; k < ins.length; k++) {
      if (!needs[k]) continue;
      // Without buffers, in the order a graph builder makes its nodes: each sum, then its add.
      const c = cs ? cs[k] : summedDown(g, b, i, k, parts[k]);
      const j = ins[k];
      if (reached) {
        reached[j] = 1;
        onEdge!({ node: i, input: k, upstream: gi, contribution: c });
        // The caller may keep what it was shown.
        bufs?.escape(gi);
        bufs?.escape(c);
      }
      if (c === undefined) continue;
      const prev = adj[j];
      if (!own) {
        adj[j] = prev === undefined ? c : b.add(prev, c);
        continue;
      }
      bufs!.unhold(c);
      const sum = prev === undefined ? c : own.accumulate(prev, c);
      if (sum !== prev) {
        bufs!.hold(sum);
        bufs!.drop(prev);
      }
      adj[j] = sum;
    }
    if (bufs) {
      // Node i's consumers are all done (they come later in id order): its adjoint is dead.
      if (!kept![i]) {
        bufs.drop(gi);
        adj[i] = undefined;
      }
      bufs.endStep();
    }
  }
  return adj;
}

/** Node i's part for its input k; broadcasting copied that input, so its adjoint is the sum over the copies. */
function summedDown<T>(g: Graph, b: Builder<T>, i: number, k: number, c: Z<T>): Z<T> {
  const n = g.nodes[i];
  const to = g.nodes[n.inputs[k]].shape;
  return c !== undefined && n.def!.broadcasts && !sameShape(to, n.shape) ? b.sumTo(c, to) : c;
}
