import type { Graph } from './graph.js';
import { num } from './numeric.js';
import type { OpDef } from './ops/define.js';
import type { Value } from './tensor.js';

/**
 * The engines again, for graphs of scalars only, on flat typed arrays: no boxed numbers and
 * no walks over node objects, so a million-node graph costs per node about what a small one
 * does. They use each op's `scalar` function and `partials` rule — the same rule the
 * generic engines use, applied with the numeric builder.
 */

/** The graph flattened once: op nodes in order, their inputs, functions and rules. */
interface Plan {
  n: number;
  /** Op node ids in topological order. */
  ops: Int32Array;
  in0: Int32Array;
  /** Second input, or -1 for unary ops. */
  in1: Int32Array;
  scalar: OpDef['scalar'][];
  partials: OpDef['partials'][];
  /** Constants in place, zeros elsewhere: the start of every evaluation. */
  template: Float64Array;
  vars: { id: number; name: string }[];
}

const plans = new WeakMap<Graph, { n: number; plan: Plan | undefined }>();

function planOf(g: Graph): Plan | undefined {
  const known = plans.get(g);
  if (known && known.n === g.nodes.length) return known.plan;
  const plan = compile(g);
  plans.set(g, { n: g.nodes.length, plan });
  return plan;
}

function compile(g: Graph): Plan | undefined {
  const n = g.nodes.length;
  const ops: number[] = [];
  const in0 = new Int32Array(n);
  const in1 = new Int32Array(n).fill(-1);
  const scalar: OpDef['scalar'][] = new Array(n);
  const partials: OpDef['partials'][] = new Array(n);
  const template = new Float64Array(n);
  const vars: Plan['vars'] = [];
  for (const node of g.nodes) {
    if (node.shape.length !== 0) return undefined;
    const def = node.def;
    if (!def) {
      if (node.op === 'const') template[node.id] = node.value as number;
      else vars.push({ id: node.id, name: node.name! });
      continue;
    }
    if (!def.scalar || !def.partials || node.inputs.length > 2) return undefined;
    ops.push(node.id);
    in0[node.id] = node.inputs[0];
    if (node.inputs.length === 2) in1[node.id] = node.inputs[1];
    scalar[node.id] = def.scalar;
    partials[node.id] = def.partials;
  }
  return { n, ops: Int32Array.from(ops), in0, in1, scalar, partials, template, vars };
}

/** True when every node is a scalar and every op has a scalar form. */
export function isScalarGraph(g: Graph): boolean {
  return planOf(g) !== undefined;
}

export function evaluateScalar(g: Graph, env: ReadonlyMap<string, Value>): Float64Array {
  const p = planOf(g)!;
  const vals = p.template.slice();
  for (const v of p.vars) vals[v.id] = env.get(v.name) as number;
  const { ops, in0, in1, scalar } = p;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    const b = in1[i];
    vals[i] = b < 0 ? scalar[i]!(vals[in0[i]]) : scalar[i]!(vals[in0[i]], vals[b]);
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

function partialsAt(p: Plan, vals: Float64Array, i: number): (number | Value | undefined)[] {
  const b = p.in1[i];
  let x: number[];
  if (b < 0) {
    X1[0] = vals[p.in0[i]];
    x = X1;
  } else {
    X2[0] = vals[p.in0[i]];
    X2[1] = vals[b];
    x = X2;
  }
  return p.partials[i]!(num, x, vals[i]);
}

/**
 * Adjoints of every node from one backward sweep (0 where no path leads). Constants get
 * adjoints too: skipping them would cost a pass over the graph to find them.
 */
export function reverseScalar(g: Graph, vals: Float64Array, output: number): Float64Array {
  const p = planOf(g)!;
  const { ops, in0, in1 } = p;
  const adj = new Float64Array(output + 1);
  const reached = scratch(output + 1);
  adj[output] = 1;
  reached[output] = 1;
  for (let k = ops.length - 1; k >= 0; k--) {
    const i = ops[k];
    if (i > output || !reached[i]) continue;
    const gi = adj[i];
    const a = in0[i];
    const d = partialsAt(p, vals, i);
    if (d[0] !== undefined) {
      adj[a] += gi * (d[0] as number);
      reached[a] = 1;
    }
    const b = in1[i];
    if (b >= 0 && d[1] !== undefined) {
      adj[b] += gi * (d[1] as number);
      reached[b] = 1;
    }
  }
  return adj;
}

/** ∂output/∂(variable node `seed`) by one forward-mode sweep. */
export function forwardScalar(g: Graph, vals: Float64Array, seed: number, output: number): number {
  const p = planOf(g)!;
  const { ops, in0, in1 } = p;
  const tan = new Float64Array(output + 1);
  const live = scratch(output + 1);
  tan[seed] = 1;
  live[seed] = 1;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    if (i < seed) continue;
    if (i > output) break;
    const a = in0[i];
    const b = in1[i];
    if (!live[a] && (b < 0 || !live[b])) continue;
    const d = partialsAt(p, vals, i);
    let t = 0;
    if (live[a] && d[0] !== undefined) t += tan[a] * (d[0] as number);
    if (b >= 0 && live[b] && d[1] !== undefined) t += tan[b] * (d[1] as number);
    tan[i] = t;
    live[i] = 1;
  }
  return seed <= output && live[output] ? tan[output] : 0;
}
