import type { Builder } from '../builder.js';
import { map, sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { defineOp } from './define.js';
import { routes } from './printing.js';
import { dimCall } from './dim-call.js';
import { constantArg } from './constant-arg.js';
import { CgError } from '../../errors.js';

const toScalar = (): Shape => [];
const data = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);

function total(v: Value): number {
  const d = data(v);
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}

/** Sum of all entries; `sum(a, b, ...)` with several arguments adds them, as in mathjs. */
export const sum = defineOp({
  name: 'sum',
  arity: [1, Infinity],
  shape: toScalar,
  eval: ([a]) => total(a),
  linearity: 'linear',
  // sum(A, dim) along a dimension, as mathjs (issue 24); several scalars or same-shaped values add.
  call: (b, args) => dimCall(b, 'sum', args) ?? (args.length === 1 ? b.apply('sum', args) : args.reduce((acc, x) => b.apply('add', [acc, x]))),
  vjp: (b, { x: [a], g }) => [b.broadcastTo(g, b.shape(a))],
  jvp: (b, { dx: [d] }) => (d === undefined ? undefined : b.op('sum', d)),
  sample: { shapes: [[2, 3]] },
});

export const mean = defineOp({
  name: 'mean',
  arity: [1, 2],
  // mean(A, dim) along a dimension, as mathjs (issue 24).
  call: (b, args) => dimCall(b, 'mean', args) ?? (args.length === 1 ? b.apply('mean', args) : b.apply('mean', [b.apply('stack', args)])),
  shape: toScalar,
  eval: ([a]) => total(a) / data(a).length,
  linearity: 'linear',
  vjp: (b, { x: [a], g }) => [b.broadcastTo(b.div(g, sizeOf(b.shape(a))), b.shape(a))],
  jvp: (b, { dx: [d] }) => (d === undefined ? undefined : b.op('mean', d)),
  sample: { shapes: [[3, 2]] },
});

/** The 2-norm of a vector (Frobenius for a matrix, as mathjs's default). */
export const norm = defineOp({
  name: 'norm',
  arity: [1, 2],
  // norm(x, p) for p = 1, 2, Infinity, as mathjs (issue 24): vectors' p-norms, matrices' induced 1- and ∞-norms.
  call: (b, [a, p]) => {
    if (p === undefined) return b.apply('norm', [a]);
    const v = constantArg(b, p, 'the p of norm');
    const rank = b.shape(a).length;
    if (v === 2 && rank <= 1) return b.apply('norm', [a]);
    const abs = b.op('abs', a);
    if (v === 1) return rank === 2 ? b.apply('maxall', [b.apply('sum_dim', [abs], { dim: 0 })]) : b.op('sum', abs);
    if (v === Infinity) return rank === 2 ? b.apply('maxall', [b.apply('sum_dim', [abs], { dim: 1 })]) : b.apply('maxall', [abs]);
    throw new CgError('value', `norm(x, p) takes p = 1, 2 (vectors) or Infinity; got ${typeof v === 'number' ? v : 'a tensor'}`, {
      hint: "norm(A) is the Frobenius norm (mathjs's norm(A, 'fro'): strings are not part of cg's syntax)",
    });
  },
  shape: toScalar,
  eval: ([a]) => Math.hypot(...Array.from(data(a))),
  vjp: (b, { x: [a], y, g }) => [b.mul(b.div(g, y), a)],
  jvp: (b, { x: [a], y, dx: [d] }) => (d === undefined ? undefined : b.div(b.op('sum', b.mul(a, d)!), y)),
  sample: { shapes: [[4]] },
});

/** Stable log(sum(exp(v))). Its gradient is softmax(v) = exp(v - y). */
export const logsumexp = defineOp({
  name: 'logsumexp',
  arity: 1,
  shape: toScalar,
  eval: ([a]) => {
    const d = data(a);
    let m = -Infinity;
    for (let i = 0; i < d.length; i++) m = Math.max(m, d[i]);
    if (!Number.isFinite(m)) return m;
    let s = 0;
    for (let i = 0; i < d.length; i++) s += Math.exp(d[i] - m);
    return m + Math.log(s);
  },
  vjp: (b, { x: [a], y, g }) => [b.mul(g, b.op('exp', b.sub(a, y)!))],
  jvp: (b, { x: [a], y, dx: [d] }) => (d === undefined ? undefined : b.op('sum', b.mul(d, b.op('exp', b.sub(a, y)!))!)),
  sample: { shapes: [[5]] },
});

/** softmax over all entries of its argument (a vector, in practice). */
export const softmax = defineOp({
  name: 'softmax',
  arity: 1,
  shape: ([a]) => a,
  eval: ([a]) => {
    const lse = logsumexp.eval([a], undefined) as number;
    return map(a, (v) => Math.exp(v - lse));
  },
  // J = diag(y) - y yᵀ, which is symmetric: both rules are y ⊙ (t - <y, t>).
  vjp: (b, { y, g }) => [softmaxJ(b, y, g)],
  jvp: (b, { y, dx: [d] }) => (d === undefined ? undefined : softmaxJ(b, y, d)),
  sample: { shapes: [[4]] },
});

function softmaxJ<T>(b: Builder<T>, y: T, t: T): T {
  return b.mul(y, b.sub(t, b.op('sum', b.mul(y, t)!))!)!;
}

/**
 * max(A) / min(A) of one tensor. The gradient goes to the extreme entry; a tie splits it
 * equally among the tied entries, like the two-argument max.
 */
function extremeOf(name: 'maxall' | 'minall', sign: 1 | -1) {
  const pick = (v: Value) => {
    const d = data(v);
    let best = -Infinity;
    for (let i = 0; i < d.length; i++) best = Math.max(best, sign * d[i]);
    return sign * best;
  };
  return defineOp({
    name,
    arity: 1,
    internal: true,
    callAs: name === 'maxall' ? 'max' : 'min',
    print: { latex: name === 'maxall' ? '\\max' : '\\min', gate: routes(name === 'maxall' ? 'max' : 'min') },
    shape: toScalar,
    eval: ([a]) => pick(a),
    vjp: (b, { x: [a], y, g }) => [b.mul(g, b.apply('tie_mask', [a, y]))],
    jvp: (b, { x: [a], y, dx: [d] }) => (d === undefined ? undefined : b.op('sum', b.mul(d, b.apply('tie_mask', [a, y]))!)),
    // Entry i: its lead over the best other entry. The signs change when the extreme moves.
    kink: {
      at: ([a]) => {
        const d = Array.from(data(a), (v) => sign * v);
        const top = d.indexOf(Math.max(...d));
        const rest = Math.max(...d.filter((_, i) => i !== top));
        const out = d.map((v, i) => (i === top ? v - rest : v - d[top]));
        return out.length === 1 ? out[0] : new Tensor([out.length], Float64Array.from(out));
      },
      convention: `a tie in ${name === 'maxall' ? 'max' : 'min'}(A) splits the gradient equally`,
    },
    sample: { shapes: [[5]] },
  });
}

export const maxall = extremeOf('maxall', 1);
export const minall = extremeOf('minall', -1);

/** 1/(number of ties) where a equals the extreme y, else 0. Piecewise constant: zero derivative. */
export const tie_mask = defineOp({
  name: 'tie_mask',
  arity: 2,
  internal: true,
  shape: ([a]) => a,
  eval: ([a, y]) => {
    let ties = 0;
    const d = data(a);
    for (let i = 0; i < d.length; i++) if (d[i] === y) ties++;
    return map(a, (v) => (v === y ? 1 / ties : 0));
  },
  vjp: () => [undefined, undefined],
  jvp: () => undefined,
  // 1 - sign|a - y| is 1 where a equals y and 0 elsewhere; divided by the number of ties.
  callable: (b, [a, y]) => {
    const eq = b.sub(1, b.op('sign', b.op('abs', b.sub(a, y)!)))!;
    return b.div(eq, b.op('sum', eq))!;
  },
  sample: { shapes: [[4], []] },
});
