import type { Graph } from '../graph.js';
import { num } from './numeric.js';
import type { OpDef } from '../ops/define.js';
import { getOp } from '../ops/index.js';
import type { Value } from '../tensor.js';

/**
 * The engines again, for graphs of scalars only, on flat typed arrays: no boxed numbers and
 * no walks over node objects, so a million-node graph costs per node about what a small one
 * does. They use each op's `scalar` function and `partials` rule — the same rule the
 * generic engines use, applied with the numeric builder.
 */

/**
 * Ops whose value and local partials linearize() works out inline, by code: the same
 * arithmetic their `scalar` and `partials` rules do through the numeric builder (which is
 * the number-for-number contract; tests/graph/engines/property.test.ts compares the engines), without
 * a call through a shared site and an array per node. Others (code 0) call the rules.
 */
const INLINE: Record<string, number> = { add: 1, sub: 2, mul: 3, div: 4, neg: 5, square: 6, exp: 7, log: 8, sqrt: 9, sin: 10, cos: 11, tanh: 12, sigmoid: 13 };

/** The rules the inline arithmetic stands for: an op whose rules were replaced (a test's spy) is called instead. */
const RULES = new Map(Object.keys(INLINE).map((name) => [name, { scalar: getOp(name).scalar, partials: getOp(name).partials }]));

/** The code of op nodes that call their rules; 0 is no op (a variable or constant). */
const GENERIC = 255;

function inlineCode(d: OpDef): number {
  const r = RULES.get(d.name);
  return r && r.scalar === d.scalar && r.partials === d.partials ? INLINE[d.name] : 0;
}

/** The graph flattened once: op nodes in order, their inputs, and their ops by index. */
interface Plan {
  n: number;
  /** Op node ids in topological order. */
  ops: Int32Array;
  /** Per node: first input (the graph's column; read for op nodes only). */
  in0: Int32Array;
  /** Second input, or -1 for unary ops (the graph's column). */
  in1: Int32Array;
  /** Per node: index into `defs`. */
  def: Uint16Array;
  /** Per node: its op's INLINE code (0: call the rules). */
  code: Uint8Array;
  defs: OpDef[];
  /**
   * Per def: partials that do not depend on the values (ops with `constantPartials`),
   * worked out once here instead of at every node.
   */
  constant: (readonly [number, number] | undefined)[];
  /** Constants in place, zeros elsewhere: the start of every evaluation (a view of the graph's column). */
  template: Float64Array;
  /**
   * Buffers the sweeps reuse. Fresh multi-megabyte arrays per gradient make V8 run full
   * collections over the whole graph (external-memory pressure); these are overwritten.
   */
  scratch: { vals: Float64Array; d0: Float64Array; d1: Float64Array; adj?: Float64Array; tan?: Float64Array };
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
  const { nodes, columns } = g;
  const { rank } = columns;
  let count = 0;
  const vars: Plan['vars'] = [];
  for (let i = 0; i < n; i++) {
    if (rank[i] !== 0) return undefined;
    const node = nodes[i];
    if (node.def) count++;
    else if (node.op === 'var') vars.push({ id: i, name: node.name! });
  }
  // The inputs and the constants' values are the graph's own columns (entries past n are
  // not read; the graph may write them, or move to larger arrays, as it grows).
  const { in0, in1 } = columns;
  const ops = new Int32Array(count);
  const def = new Uint16Array(n);
  const code = new Uint8Array(n);
  const defs: OpDef[] = [];
  const index = new Map<OpDef, number>();
  const codes: number[] = [];
  count = 0;
  for (let i = 0; i < n; i++) {
    const d = nodes[i].def;
    if (!d) continue;
    // More than two inputs: in0 is -2.
    if (!d.scalar || !d.partials || in0[i] < 0) return undefined;
    ops[count++] = i;
    let k = index.get(d);
    if (k === undefined) {
      if (defs.length === 0xffff) return undefined;
      index.set(d, (k = defs.length));
      defs.push(d);
      codes.push(inlineCode(d));
    }
    def[i] = k;
    code[i] = codes[k] || GENERIC;
  }
  const constant = defs.map((d) => {
    if (!d.constantPartials) return undefined;
    const p = d.partials!(num, [], 0) as (number | undefined)[];
    return [p[0] ?? 0, p[1] ?? 0] as const;
  });
  // `adj` and `tan` are made on first use: gradient() sweeps in the values' buffer, and most runs need no forward mode.
  const scratch = { vals: new Float64Array(n), d0: new Float64Array(n), d1: new Float64Array(n) };
  return { n, ops, in0, in1, def, code, defs, constant, template: columns.num.subarray(0, n), vars, scratch };
}

/** True when every node is a scalar and every op has a scalar form. */
export function isScalarGraph(g: Graph): boolean {
  return planOf(g) !== undefined;
}

export function evaluateScalar(g: Graph, env: ReadonlyMap<string, Value>): Float64Array {
  return evaluateScalarAt(g, variableValues(g, env));
}

/** The variables' values in the plan's order (a snapshot of what `env` holds now). */
export function variableValues(g: Graph, env: ReadonlyMap<string, Value>): number[] {
  return planOf(g)!.vars.map((v) => env.get(v.name) as number);
}

/** evaluateScalar, given variableValues(). */
export function evaluateScalarAt(g: Graph, at: readonly number[]): Float64Array {
  const p = planOf(g)!;
  const vals = p.template.slice();
  p.vars.forEach((v, k) => (vals[v.id] = at[k]));
  const { ops, in0, in1, def, defs } = p;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    const b = in1[i];
    const f = defs[def[i]].scalar!;
    vals[i] = b < 0 ? f(vals[in0[i]]) : f(vals[in0[i]], vals[b]);
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
 * twice for a node, however many sweeps follow. With `reuse`, the values go into a buffer
 * the next call overwrites (read what you need first); a fresh array per call costs about
 * a fifth of a 10k-node gradient in allocation and collection.
 */
export function linearize(g: Graph, env: ReadonlyMap<string, Value>, given?: Float64Array, reuse = false): { vals: Float64Array } & Linearization {
  const p = planOf(g)!;
  let vals = given;
  if (!vals) {
    if (reuse) {
      vals = p.scratch.vals;
      vals.set(p.template);
    } else vals = p.template.slice();
    for (const v of p.vars) vals[v.id] = env.get(v.name) as number;
  }
  const { n, in0, in1, code, def, defs, constant } = p;
  // Every op node's entries are written below; the others are never read.
  const { d0, d1 } = p.scratch;
  // Over every node in order (variables and constants have code 0): no indirection. The
  // rules' own arithmetic (ops/arith.ts, ops/unary.ts), written out: first the value (given
  // values, in forward mode, win), then the partials from inputs and value.
  for (let i = 0; i < n; i++) {
    const c = code[i];
    if (c === 0) continue;
    const b = in1[i];
    const x = vals[in0[i]];
    const q = b < 0 ? 0 : vals[b];
    let y: number;
    switch (c) {
      case 1: y = x + q; break; // add
      case 2: y = x - q; break; // sub
      case 3: y = x * q; break; // mul
      case 4: y = x / q; break; // div
      case 5: y = -x; break; // neg
      case 6: y = x * x; break; // square
      case 7: y = Math.exp(x); break;
      case 8: y = Math.log(x); break;
      case 9: y = Math.sqrt(x); break;
      case 10: y = Math.sin(x); break;
      case 11: y = Math.cos(x); break;
      case 12: y = Math.tanh(x); break;
      case 13: // sigmoid, two branches so exp never overflows
        if (x >= 0) y = 1 / (1 + Math.exp(-x));
        else {
          const e = Math.exp(x);
          y = e / (1 + e);
        }
        break;
      default: {
        const f = defs[def[i]].scalar!;
        y = given ? 0 : b < 0 ? f(x) : f(x, q);
      }
    }
    if (given) y = vals[i];
    else vals[i] = y;
    switch (c) {
      case 1: d0[i] = 1; d1[i] = 1; break;
      case 2: d0[i] = 1; d1[i] = -1; break;
      case 3: d0[i] = q; d1[i] = x; break;
      case 4: d0[i] = 1 / q; d1[i] = -(y / q); break;
      case 5: d0[i] = -1; break;
      case 6: d0[i] = 2 * x; break;
      case 7: d0[i] = y; break;
      case 8: d0[i] = 1 / x; break;
      case 9: d0[i] = 0.5 / y; break;
      case 10: d0[i] = Math.cos(x); break;
      case 11: d0[i] = -Math.sin(x); break;
      case 12: d0[i] = 1 - y * y; break;
      case 13: d0[i] = y * (1 - y); break;
      default: {
        const k = constant[def[i]];
        if (k) {
          d0[i] = k[0];
          d1[i] = k[1];
          break;
        }
        let xs: number[];
        if (b < 0) {
          X1[0] = x;
          xs = X1;
        } else {
          X2[0] = x;
          X2[1] = q;
          xs = X2;
        }
        const r = defs[def[i]].partials!(num, xs, y);
        // A structural zero (undefined) is 0 here; sweeps skip zero partials.
        d0[i] = (r[0] as number | undefined) ?? 0;
        if (b >= 0) d1[i] = (r[1] as number | undefined) ?? 0;
      }
    }
  }
  return { vals, d0, d1 };
}

/**
 * Adjoints of every node from one backward sweep (0 where no path leads). Zero adjoints
 * and zero partials pass nothing on, so an infinite adjoint times a zero partial (a relu
 * that is off) stays out instead of making NaN. The array returned is reused by the next
 * sweep over this graph: read what you need from it first. With `into` (at least output + 1
 * long), the sweep writes there instead: gradient() gives it the values' buffer, once read.
 */
export function reverseScalar(g: Graph, lin: Linearization, output: number, into?: Float64Array): Float64Array {
  const p = planOf(g)!;
  const { ops, in0, in1 } = p;
  const { d0, d1 } = lin;
  const adj = (into ?? (p.scratch.adj ??= new Float64Array(p.n))).subarray(0, output + 1);
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
  const tan = (p.scratch.tan ??= new Float64Array(p.n)).subarray(0, output + 1);
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
