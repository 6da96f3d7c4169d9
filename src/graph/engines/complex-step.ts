import { dependents, type Graph } from '../graph.js';
import { broadcastTo, sameShape, shapeOf, sizeOf, Tensor, zip, type Shape, type Value } from '../tensor.js';
import { cx } from '../../util/complex.js';
import type { OpDef } from '../ops/define.js';

/**
 * The complex step: Im f(x + i·h·v)/h with h = 1e-200 is the derivative of f along v to
 * rounding, with no step to choose and no cancellation. The graph is evaluated on complex
 * values only where the seed reaches: an elementwise op through its `complex` evaluation,
 * a linear or bilinear op through its own `eval` on the parts (OpDef.linearity). Nodes the
 * seed does not reach keep their real values. Nothing here reads a derivative rule.
 */

export const COMPLEX_H = 1e-200;

/** A node's value: the real part, and the imaginary part where the seed reached it. */
interface Part {
  re: Value;
  im?: Value;
}

/** An op the complex step can pass: it declares a complex evaluation or its linearity. */
export const complexCapable = (g: Graph, id: number): boolean => {
  const def = g.nodes[id].def;
  return def === undefined || def.complex !== undefined || def.linearity !== undefined;
};

/**
 * The variables whose every path to `output` passes only ops the complex step can evaluate
 * (an `abs`, `max` or `relu` on the way means differences for that variable). By name, with
 * the first op that blocks the others (for the report).
 */
export function complexReach(g: Graph, output = g.output): { ok: Set<string>; blocked: Map<string, string> } {
  const ok = new Set<string>();
  const blocked = new Map<string, string>();
  // Nodes that lead to the output: only ops on a path to it matter.
  const leads = new Uint8Array(g.nodes.length);
  leads[output] = 1;
  for (let id = output; id >= 0; id--) if (leads[id]) for (const i of g.nodes[id].inputs) leads[i] = 1;
  for (const [name, id] of g.vars) {
    const on = dependents(g, [id]);
    let stop: string | undefined;
    for (let k = id; k <= output && stop === undefined; k++) if (on[k] && leads[k] && !complexCapable(g, k)) stop = g.nodes[k].op;
    if (stop === undefined) ok.add(name);
    else blocked.set(name, stop);
  }
  return { ok, blocked };
}

const flat = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);
const zeros = (v: Value): Value => (typeof v === 'number' ? 0 : new Tensor(v.shape, new Float64Array(v.size)));
const plus = (a: Value, b: Value) => zip(a, b, (p, q) => p + q);

/**
 * Im f(x + i·h·seed)/h at the output: `vals` are the real values of every node at x, `seed`
 * the imaginary direction by variable. Undefined where the complex evaluation leaves the
 * neighbourhood of the real line (an imaginary part not tiny against the real one: a branch
 * cut, say) or is not finite: then differences must serve.
 */
/** Per graph, once: each node's op definition, inputs and name (the node objects build these on access). */
interface Plan {
  size: number;
  defs: (OpDef | undefined)[];
  inputs: (readonly number[])[];
  names: (string | undefined)[];
}
const plans = new WeakMap<Graph, Plan>();
function planOf(g: Graph): Plan {
  let p = plans.get(g);
  // A graph only grows (gradient nodes appended): a plan of the right size is current.
  if (!p || p.size !== g.nodes.length) {
    const nodes = g.nodes;
    p = { size: nodes.length, defs: nodes.map((n) => n.def), inputs: nodes.map((n) => n.inputs), names: nodes.map((n) => (n.op === 'var' ? n.name : undefined)) };
    plans.set(g, p);
  }
  return p;
}

export function complexStep(g: Graph, vals: ArrayLike<Value>, seed: ReadonlyMap<string, Value>, h = COMPLEX_H, output = g.output, entry = 0): number | undefined {
  const parts: (Part | undefined)[] = new Array(output + 1);
  const plan = planOf(g);
  for (let id = 0; id <= output; id++) {
    const name = plan.names[id];
    if (name !== undefined) {
      const s = seed.get(name);
      parts[id] = s === undefined ? undefined : { re: vals[id], im: typeof s === 'number' ? s * h : new Tensor(s.shape, s.data.map((v) => v * h)) };
      continue;
    }
    const def = plan.defs[id];
    if (!def) continue;
    const inputs = plan.inputs[id];
    let reached = false;
    for (let k = 0; k < inputs.length; k++) if (parts[inputs[k]] !== undefined) reached = true;
    if (!reached) continue;
    // Scalars (most nodes of a calculator's expression): no arrays, no broadcasting.
    if (def.complex && typeof vals[id] === 'number' && inputs.length <= 2) {
      const a = inputs[0];
      const za = cx(vals[a] as number, (parts[a]?.im as number | undefined) ?? 0);
      let z: number;
      if (inputs.length === 1) z = def.complex(za).im;
      else {
        const b = inputs[1];
        z = def.complex(za, cx(vals[b] as number, (parts[b]?.im as number | undefined) ?? 0)).im;
      }
      if (!(Math.abs(z) <= 1e50 * h * Math.max(1, Math.abs(vals[id] as number)))) return undefined;
      parts[id] = { re: vals[id], im: z };
      continue;
    }
    const ins = inputs.map((i) => parts[i]);
    const re = inputs.map((i, k) => ins[k]?.re ?? vals[i]);
    const ims = inputs.map((_, k) => ins[k]?.im);
    // The real part of every node is its real value, exactly: Re f(x + ih) = f(x) + O(h²), and a
    // complex formula's own real part (a^1.5 as exp(1.5·log a)) can round differently, which
    // would move sin of a large argument to another point than the one AD differentiates at.
    let im: Value;
    if (def.complex) {
      const shape: Shape = shapeOf(vals[id]);
      const size = sizeOf(shape);
      const wide = (v: Value | undefined) => (v === undefined ? undefined : flat(shape.length === 0 || sameShape(shapeOf(v), shape) ? v : broadcastTo(v, shape)));
      const rs = re.map(wide) as ArrayLike<number>[];
      const is = ims.map(wide);
      const outIm = new Float64Array(size);
      const f = def.complex;
      if (rs.length === 1) {
        const [r0, i0] = [rs[0], is[0]];
        for (let j = 0; j < size; j++) outIm[j] = f(cx(r0[j], i0 ? i0[j] : 0)).im;
      } else if (rs.length === 2) {
        const [r0, i0, r1, i1] = [rs[0], is[0], rs[1], is[1]];
        for (let j = 0; j < size; j++) outIm[j] = f(cx(r0[j], i0 ? i0[j] : 0), cx(r1[j], i1 ? i1[j] : 0)).im;
      } else {
        for (let j = 0; j < size; j++) outIm[j] = f(...rs.map((r, k) => cx(r[j], is[k]?.[j] ?? 0))).im;
      }
      im = shape.length === 0 ? outIm[0] : new Tensor(shape, outIm);
    } else if (def.linearity === 'linear') {
      im = def.eval(ims.map((v, k) => v ?? zeros(re[k])), g.nodes[id].attrs);
    } else if (def.linearity === 'bilinear') {
      // (a + ib)(c + id) = ac − bd + i(ad + bc): the imaginary part.
      const [[a, b], [c, d]] = [[re[0], ims[0]], [re[1], ims[1]]];
      const ev = (p: Value, q: Value) => def.eval([p, q], g.nodes[id].attrs);
      im = b === undefined ? ev(a, d!) : d === undefined ? ev(b, c) : plus(ev(a, d), ev(b, c));
    } else {
      return undefined;
    }
    const out: Part = { re: vals[id], im };
    // The step must stay a perturbation: an imaginary part beyond 1e-150·|re| (derivatives past 1e50) or
    // a non-finite one means the evaluation left the real line's neighbourhood.
    const r = flat(out.re);
    const m = flat(out.im!);
    for (let j = 0; j < m.length; j++) if (!(Math.abs(m[j]) <= 1e50 * h * Math.max(1, Math.abs(r[j])))) return undefined;
    parts[id] = out;
  }
  const top = parts[output];
  if (!top) return 0;
  return flat(top.im!)[entry] / h;
}
