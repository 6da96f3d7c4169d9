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
  /** Partials that do not depend on the values (ops with `constantPartials`), worked out once here instead of at every node. */
  constant: (readonly [number, number] | undefined)[];
  /** Constants in place, zeros elsewhere: the start of every evaluation. */
  template: Float64Array;
  /**
   * Buffers the sweeps reuse. Fresh multi-megabyte arrays per gradient make V8 run full
   * collections over the whole graph (external-memory pressure); these are overwritten.
   */
  scratch: { d0: Float64Array; d1: Float64Array; adj: Float64Array; tan: Float64Array };
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
  const constant: Plan['constant'] = new Array(n);
  const constants = new Map<OpDef, Plan['constant'][number]>();
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
    if (def.constantPartials) {
      if (!constants.has(def)) {
        const d = def.partials(num, [], 0) as (number | undefined)[];
        constants.set(def, [d[0] ?? 0, d[1] ?? 0]);
      }
      constant[node.id] = constants.get(def);
    }
  }
  const scratch = { d0: new Float64Array(n), d1: new Float64Array(n), adj: new Float64Array(n), tan: new Float64Array(n) };
  return { n, ops: Int32Array.from(ops), in0, in1, scalar, partials, constant, template, vars, scratch };
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

/** Local partial derivatives of every op node: ∂node/∂input0 and ∂node/∂input1. */
export interface Linearization {
  d0: Float64Array;
  d1: Float64Array;
}

// Argument arrays reused across calls: rules read their inputs and keep no reference.
const X1 = [0];
const X2 = [0, 0];

/**
 * Values (unless given) and local partials in one pass over the plan. With them, every
 * sweep afterwards, backward or forward, is arithmetic on typed arrays: no rule is called
 * twice for a node, however many sweeps follow.
 */
export function linearize(g: Graph, env: ReadonlyMap<string, Value>, given?: Float64Array): { vals: Float64Array } & Linearization {
  const p = planOf(g)!;
  let vals = given;
  if (!vals) {
    vals = p.template.slice();
    for (const v of p.vars) vals[v.id] = env.get(v.name) as number;
  }
  const { ops, in0, in1, scalar, partials, constant } = p;
  // Every op node's entries are written below; the others are never read.
  const { d0, d1 } = p.scratch;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    const b = in1[i];
    const c = constant[i];
    if (c) {
      if (!given) vals[i] = b < 0 ? scalar[i]!(vals[in0[i]]) : scalar[i]!(vals[in0[i]], vals[b]);
      d0[i] = c[0];
      d1[i] = c[1];
      continue;
    }
    let x: number[];
    if (b < 0) {
      X1[0] = vals[in0[i]];
      x = X1;
    } else {
      X2[0] = vals[in0[i]];
      X2[1] = vals[b];
      x = X2;
    }
    if (!given) vals[i] = b < 0 ? scalar[i]!(x[0]) : scalar[i]!(x[0], x[1]);
    const d = partials[i]!(num, x, vals[i]);
    // A structural zero (undefined) is 0 here; sweeps skip zero partials.
    d0[i] = (d[0] as number | undefined) ?? 0;
    if (b >= 0) d1[i] = (d[1] as number | undefined) ?? 0;
  }
  return { vals, d0, d1 };
}

/**
 * Adjoints of every node from one backward sweep (0 where no path leads). Zero adjoints
 * and zero partials pass nothing on, so an infinite adjoint times a zero partial (a relu
 * that is off) stays out instead of making NaN. The array returned is reused by the next
 * sweep over this graph: read what you need from it first.
 */
export function reverseScalar(g: Graph, lin: Linearization, output: number): Float64Array {
  const p = planOf(g)!;
  const { ops, in0, in1 } = p;
  const { d0, d1 } = lin;
  const adj = p.scratch.adj.subarray(0, output + 1);
  adj.fill(0);
  adj[output] = 1;
  for (let k = ops.length - 1; k >= 0; k--) {
    const i = ops[k];
    if (i > output) continue;
    const gi = adj[i];
    if (gi === 0) continue;
    if (d0[i] !== 0) adj[in0[i]] += gi * d0[i];
    const b = in1[i];
    if (b >= 0 && d1[i] !== 0) adj[b] += gi * d1[i];
  }
  return adj;
}

/** ∂output/∂(variable node `seed`) by one forward-mode sweep. */
export function forwardScalar(g: Graph, lin: Linearization, seed: number, output: number): number {
  if (seed > output) return 0;
  const p = planOf(g)!;
  const { ops, in0, in1 } = p;
  const { d0, d1 } = lin;
  const tan = p.scratch.tan.subarray(0, output + 1);
  tan.fill(0);
  tan[seed] = 1;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    if (i < seed) continue;
    if (i > output) break;
    const b = in1[i];
    const ta = tan[in0[i]];
    const tb = b >= 0 ? tan[b] : 0;
    let t = 0;
    if (ta !== 0 && d0[i] !== 0) t += ta * d0[i];
    if (tb !== 0 && d1[i] !== 0) t += tb * d1[i];
    tan[i] = t;
  }
  return tan[output];
}
