import type { Graph } from './graph.js';
import { num } from './numeric.js';
import type { Value } from './tensor.js';

/**
 * The engines again, for graphs of scalars only, on Float64Arrays: no boxed numbers, no
 * per-node objects, so a million-node graph costs per node what a small one does. They
 * use each op's `scalar` function and `partials` rule — the same rule the generic
 * engines use, applied with the numeric builder.
 */

const ready = new WeakMap<Graph, { n: number; ok: boolean }>();

/** True when every node is a scalar and every op has a scalar form. */
export function isScalarGraph(g: Graph): boolean {
  const known = ready.get(g);
  if (known && known.n === g.nodes.length) return known.ok;
  const ok = g.nodes.every((n) => n.shape.length === 0 && (n.def ? !!(n.def.scalar && n.def.partials) : true));
  ready.set(g, { n: g.nodes.length, ok });
  return ok;
}

export function evaluateScalar(g: Graph, env: ReadonlyMap<string, Value>): Float64Array {
  const nodes = g.nodes;
  const vals = new Float64Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const f = n.def?.scalar;
    if (f) {
      const ins = n.inputs;
      vals[i] = ins.length === 1 ? f(vals[ins[0]]) : f(vals[ins[0]], vals[ins[1]]);
    } else vals[i] = n.op === 'const' ? (n.value as number) : (env.get(n.name!) as number);
  }
  return vals;
}

// One flag buffer reused across sweeps: a fresh one per call costs more in GC than the fill.
let flags = new Uint8Array(0);
function scratch(n: number): Uint8Array {
  if (flags.length < n) flags = new Uint8Array(n);
  const view = flags.subarray(0, n);
  view.fill(0);
  return view;
}

// Argument arrays reused across calls: rules read their inputs and keep no reference.
const X1 = [0];
const X2 = [0, 0];

function partials(g: Graph, vals: Float64Array, i: number): (number | Value | undefined)[] {
  const n = g.nodes[i];
  const ins = n.inputs;
  let x: number[];
  if (ins.length === 1) {
    X1[0] = vals[ins[0]];
    x = X1;
  } else {
    X2[0] = vals[ins[0]];
    X2[1] = vals[ins[1]];
    x = X2;
  }
  return n.def!.partials!(num, x, vals[i]);
}

/**
 * Adjoints of every node from one backward sweep (0 where no path leads). Constants get
 * adjoints too: skipping them would cost a pass over the graph to find them.
 */
export function reverseScalar(g: Graph, vals: Float64Array, output: number): Float64Array {
  const nodes = g.nodes;
  const adj = new Float64Array(output + 1);
  const reached = scratch(output + 1);
  adj[output] = 1;
  reached[output] = 1;
  for (let i = output; i >= 0; i--) {
    if (!reached[i]) continue;
    const n = nodes[i];
    if (!n.def) continue;
    const ins = n.inputs;
    const d = partials(g, vals, i);
    const gi = adj[i];
    for (let k = 0; k < ins.length; k++) {
      const j = ins[k];
      const dk = d[k];
      if (dk === undefined) continue;
      adj[j] += gi * (dk as number);
      reached[j] = 1;
    }
  }
  return adj;
}

/** ∂output/∂(variable node `seed`) by one forward-mode sweep. */
export function forwardScalar(g: Graph, vals: Float64Array, seed: number, output: number): number {
  const nodes = g.nodes;
  const tan = new Float64Array(output + 1);
  const live = scratch(output + 1);
  tan[seed] = 1;
  live[seed] = 1;
  for (let i = seed + 1; i <= output; i++) {
    const n = nodes[i];
    if (!n.def) continue;
    const ins = n.inputs;
    if (!live[ins[0]] && (ins.length === 1 || !live[ins[1]])) continue;
    const d = partials(g, vals, i);
    let t = 0;
    for (let k = 0; k < ins.length; k++) {
      const dk = d[k];
      if (live[ins[k]] && dk !== undefined) t += tan[ins[k]] * (dk as number);
    }
    tan[i] = t;
    live[i] = 1;
  }
  return live[output] ? tan[output] : 0;
}
