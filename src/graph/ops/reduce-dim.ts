import type { Attrs } from '../builder.js';
import { fmtShape, sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { dimArg, dimCall, spread } from './dim-call.js';
import { defineOp, type OpDef } from './define.js';
import { PREC, ref } from './printing.js';

/*
 * Reductions along one dimension (issue 24), as mathjs defines them: sum(A, dim),
 * mean(A, dim), prod, max(A, dim), min(A, dim), cumsum(A, dim), std and variance (unbiased,
 * n - 1, mathjs's default), 1-based dim. Written `sum(A, 2)`: the call of sum, mean, max
 * and min with a tensor and a constant dimension lowers here (dimCall). Also prod(A),
 * std(A), variance(A) over all entries, and norm(x, p) for p = 1, 2, Infinity.
 */

/** outer × n × inner around dimension `dim`. */
function around(shape: Shape, dim: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d];
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  return [outer, shape[dim], inner];
}

const without = (shape: Shape, dim: number): Shape => shape.filter((_, d) => d !== dim);
const keep = (shape: Shape, dim: number): Shape => shape.map((n, d) => (d === dim ? 1 : n));
const dimOf = (attrs: Attrs) => attrs!.dim as number;

function valueOf(shape: Shape, d: Float64Array): Value {
  return shape.length === 0 ? d[0] : new Tensor(shape, d);
}

/** Reduce each line along dim with f (its entries, stride inner). */
function reduceAlong(a: Tensor, dim: number, f: (get: (k: number) => number, n: number) => number): Value {
  const [outer, n, inner] = around(a.shape, dim);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      out[o * inner + i] = f((k) => a.data[base + k * inner], n);
    }
  return valueOf(without(a.shape, dim), out);
}

function dimShape(name: string) {
  return ([a]: Shape[], attrs: Attrs): Shape => {
    const dim = dimOf(attrs);
    if (!(dim >= 0 && dim < a.length)) throw new Error(`${name} of ${fmtShape(a)} has no dimension ${dim + 1}`);
    return without(a, dim);
  };
}

/** `name(A, dim)` as written back (1-based). */
const dimPrint = (name: string) => ({
  text: (c: { attrs?: Attrs }) => ({ prec: PREC.atom, pieces: [`${name}(`, ref(0, 0), `, ${dimOf(c.attrs) + 1})`] }),
  term: ([a]: readonly { text: string }[], attrs: Attrs) => ({ text: `${name}(${a.text}, ${dimOf(attrs) + 1})`, prec: PREC.atom }),
});

function along(name: string, callAs: string, def: Pick<OpDef, 'eval' | 'vjp' | 'jvp'> & Partial<OpDef>): OpDef {
  return defineOp({
    name,
    arity: 1,
    internal: true,
    callAs,
    shape: dimShape(callAs),
    print: dimPrint(callAs),
    sample: { shapes: [[2, 3]], attrs: { dim: 1 } },
    ...def,
  });
}

export const sum_dim = along('sum_dim', 'sum', {
  eval: ([a], attrs) => reduceAlong(a as Tensor, dimOf(attrs), (get, n) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += get(k);
    return s;
  }),
  vjp: (b, { x: [a], g, attrs }) => [spread(b, g, b.shape(a), dimOf(attrs))],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('sum_dim', [d], attrs)),
});

export const mean_dim = along('mean_dim', 'mean', {
  eval: ([a], attrs) => reduceAlong(a as Tensor, dimOf(attrs), (get, n) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += get(k);
    return s / n;
  }),
  vjp: (b, { x: [a], g, attrs }) => [b.div(spread(b, g, b.shape(a), dimOf(attrs)), b.shape(a)[dimOf(attrs)])],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('mean_dim', [d], attrs)),
});

export const prod_dim = along('prod_dim', 'prod', {
  eval: ([a], attrs) => reduceAlong(a as Tensor, dimOf(attrs), (get, n) => {
    let s = 1;
    for (let k = 0; k < n; k++) s *= get(k);
    return s;
  }),
  // ∂Π/∂x_k = Π/x_k (entries must be nonzero, as the note says).
  vjp: (b, { x: [a], y, g, attrs }) => [b.div(spread(b, b.mul(g, y)!, b.shape(a), dimOf(attrs)), a)],
  jvp: (b, { x: [a], y, dx: [d], attrs }) => (d === undefined ? undefined : b.mul(y, b.apply('sum_dim', [b.div(d, a)!], attrs))),
  domain: [0.5, 2],
  domainNote: { value: 'prod is defined everywhere', derivative: "prod's derivative here needs nonzero entries" },
});

/** 1/(ties) where an entry equals its line's extreme (y spread back), else 0: where max and min route the gradient. */
export const extreme_mask = defineOp({
  name: 'extreme_mask',
  arity: 2,
  internal: true,
  shape: ([a]) => a,
  eval: ([a, y], attrs) => {
    const t = a as Tensor;
    const ys = typeof y === 'number' ? [y] : Array.from(y.data);
    const [outer, n, inner] = around(t.shape, dimOf(attrs));
    const out = new Float64Array(t.data.length);
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        const m = ys[o * inner + i];
        let ties = 0;
        for (let k = 0; k < n; k++) if (t.data[base + k * inner] === m) ties++;
        for (let k = 0; k < n; k++) if (t.data[base + k * inner] === m) out[base + k * inner] = 1 / ties;
      }
    return new Tensor(t.shape.slice(), out);
  },
  vjp: () => [undefined, undefined],
  jvp: () => undefined,
  // equal(A, y spread back) ./ (their count per line, spread back).
  callable: (b, [a, y], attrs) => {
    const s = b.shape(a);
    const eq = b.op('equal', a, spread(b, y, s, dimOf(attrs)));
    // (a line without its extreme, as in a sampled test, divides by 1: zeros, as eval gives)
    const count = spread(b, b.apply('sum_dim', [eq], attrs), s, dimOf(attrs));
    return b.div(eq, b.add(count, b.op('equal', count, 0))!)!;
  },
  sample: { shapes: [[2, 3], [2]], attrs: { dim: 1 } },
});

function extremeAlong(name: 'max' | 'min') {
  const pick = name === 'max' ? Math.max : Math.min;
  return along(`${name}_dim`, name, {
    eval: ([a], attrs) => reduceAlong(a as Tensor, dimOf(attrs), (get, n) => {
      let m = get(0);
      for (let k = 1; k < n; k++) m = pick(m, get(k));
      return m;
    }),
    vjp: (b, { x: [a], y, g, attrs }) => [b.mul(spread(b, g, b.shape(a), dimOf(attrs)), b.apply('extreme_mask', [a, y], attrs))],
    jvp: (b, { x: [a], y, dx: [d], attrs }) =>
      d === undefined ? undefined : b.apply('sum_dim', [b.mul(d, b.apply('extreme_mask', [a, y], attrs))!], attrs),
    // A tie splits the gradient equally (extreme_mask). Not declared a kink to the checker: a kink's
    // function sees no attributes, so it cannot know the dimension (max(A) of all entries is one).
  });
}

export const max_dim = extremeAlong('max');
export const min_dim = extremeAlong('min');

/** A selection that reverses dimension `dim` (for cumsum's adjoint, a reversed cumulative sum). */
function reversed(shape: Shape, dim: number): Attrs {
  return {
    sel: shape.map((n, d) => Array.from({ length: n }, (_, k) => (d === dim ? n - 1 - k : k))),
    drop: shape.map(() => false),
  };
}

/** cumsum(A, dim): running sums along dim (mathjs's default: the first dimension). */
export const cumsum = defineOp({
  name: 'cumsum',
  arity: [1, 2],
  print: dimPrint('cumsum'),
  call: (b, [a, d]) => {
    const rank = b.shape(a).length;
    if (rank === 0) return a;
    const dim = d === undefined ? 0 : dimArg(b, d, rank, 'cumsum');
    return b.apply('cumsum', [a], { dim });
  },
  shape: ([a], attrs) => {
    if (!(dimOf(attrs) < a.length)) throw new Error(`cumsum of ${fmtShape(a)} has no dimension ${dimOf(attrs) + 1}`);
    return a;
  },
  eval: ([a], attrs) => {
    const t = a as Tensor;
    const [outer, n, inner] = around(t.shape, dimOf(attrs));
    const out = Float64Array.from(t.data);
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) for (let k = 1; k < n; k++) out[o * n * inner + i + k * inner] += out[o * n * inner + i + (k - 1) * inner];
    return new Tensor(t.shape.slice(), out);
  },
  // The adjoint sums from the end: reverse, cumsum, reverse.
  vjp: (b, { g, attrs }) => {
    const rev = reversed(b.shape(g), dimOf(attrs));
    return [b.apply('index', [b.apply('cumsum', [b.apply('index', [g], rev)], attrs)], rev)];
  },
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('cumsum', [d], attrs)),
  sample: { shapes: [[3, 2]], attrs: { dim: 0 } },
});

/** prod(A) of all entries, or prod(A, dim). */
export const prod = defineOp({
  name: 'prod',
  arity: [1, 2],
  call: (b, args) => dimCall(b, 'prod', args) ?? b.apply('prod', [args[0]]),
  shape: () => [],
  eval: ([a]) => {
    let s = 1;
    for (const v of typeof a === 'number' ? [a] : a.data) s *= v;
    return s;
  },
  vjp: (b, { x: [a], y, g }) => [b.div(b.mul(g, y)!, a)],
  jvp: (b, { x: [a], y, dx: [d] }) => (d === undefined ? undefined : b.mul(y, b.op('sum', b.div(d, a)!))),
  domain: [0.5, 2],
  sample: { shapes: [[4]] },
  domainNote: { value: 'prod is defined everywhere', derivative: "prod's derivative here needs nonzero entries" },
});

/** variance(A) (unbiased, over n - 1, mathjs's default) of all entries, or along a dimension. */
export const variance = defineOp({
  name: 'variance',
  arity: [1, 2],
  call: (b, [a, d]) => {
    if (d === undefined) return b.apply('variance', [a]);
    return b.apply('variance_dim', [a], { dim: dimArg(b, d, b.shape(a).length, 'variance') });
  },
  shape: () => [],
  eval: ([a]) => {
    const d = typeof a === 'number' ? [a] : Array.from(a.data);
    const m = d.reduce((s, v) => s + v, 0) / d.length;
    return d.reduce((s, v) => s + (v - m) * (v - m), 0) / (d.length - 1);
  },
  // ∂var/∂x = 2(x - mean)/(n - 1).
  vjp: (b, { x: [a], g }) => [b.mul(b.div(b.mul(2, g)!, sizeOf(b.shape(a)) - 1)!, b.sub(a, b.op('mean', a))!)],
  jvp: (b, { x: [a], dx: [d] }) =>
    d === undefined ? undefined : b.div(b.mul(2, b.op('sum', b.mul(d, b.sub(a, b.op('mean', a))!)!))!, sizeOf(b.shape(a)) - 1),
  sample: { shapes: [[5]] },
});

export const variance_dim = along('variance_dim', 'variance', {
  eval: ([a], attrs) => reduceAlong(a as Tensor, dimOf(attrs), (get, n) => {
    let m = 0;
    for (let k = 0; k < n; k++) m += get(k);
    m /= n;
    let s = 0;
    for (let k = 0; k < n; k++) s += (get(k) - m) * (get(k) - m);
    return s / (n - 1);
  }),
  vjp: (b, { x: [a], g, attrs }) => {
    const s = b.shape(a);
    const dim = dimOf(attrs);
    const centred = b.sub(a, spread(b, b.apply('mean_dim', [a], attrs), s, dim))!;
    return [b.mul(b.div(b.mul(2, spread(b, g, s, dim))!, s[dim] - 1)!, centred)];
  },
  jvp: (b, { x: [a], dx: [d], attrs }) => {
    if (d === undefined) return undefined;
    const s = b.shape(a);
    const centred = b.sub(a, spread(b, b.apply('mean_dim', [a], attrs), s, dimOf(attrs)))!;
    return b.div(b.mul(2, b.apply('sum_dim', [b.mul(d, centred)!], attrs))!, s[dimOf(attrs)] - 1);
  },
});

/** std(A) = √variance(A), of all entries or along a dimension (a composite: its graph is sqrt of variance). */
export const std = defineOp({
  name: 'std',
  arity: [1, 2],
  call: (b, args) => b.op('sqrt', variance.call!(b, args)),
  shape: () => [],
  eval: (x, attrs) => Math.sqrt(variance.eval(x, attrs) as number),
  vjp: (b, { x: [a], y, g }) => [b.mul(b.div(g, b.mul(2, y)!)!, b.mul(b.div(2, sizeOf(b.shape(a)) - 1)!, b.sub(a, b.op('mean', a))!)!)],
  jvp: (b, { x: [a], y, dx: [d] }) =>
    d === undefined ? undefined : b.div(b.op('sum', b.mul(d, b.sub(a, b.op('mean', a))!)!), b.mul(sizeOf(b.shape(a)) - 1, y)!),
  sample: { shapes: [[5]] },
});
