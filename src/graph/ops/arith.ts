import type { Attrs, Builder, Z } from '../builder.js';
import { broadcastTo, sameShape, sizeOf, sumTo, Tensor, zip, type Shape } from '../tensor.js';
import { defineOp, elementwiseOp } from './define.js';
import { cadd, cdiv, cmul, cneg, cpow, csquare, csub } from '../../util/complex.js';
import { dimCall } from './dim-call.js';
import { divLocal, extremumLocal } from './locals.js';
import { infix, PREC, ref, routes, wrapTerm, type Form, type FormContext, type Term } from './printing.js';

export const add = elementwiseOp({
  name: 'add',
  arity: 2,
  infix: '+',
  print: { ...infix('+', PREC.add, { spaced: true }), gate: { name: 'add distributes', meaning: 'each input gets the upstream gradient unchanged' } },
  scalar: (p, q) => p + q,
  complex: cadd,
  partials: () => [1, 1],
  constantPartials: true,
  vjp: (_b, { g }) => [g, g],
});

export const sub = elementwiseOp({
  name: 'sub',
  arity: 2,
  infix: '-',
  print: {
    ...infix('-', PREC.add, { spaced: true, label: '−' }),
    gate: { name: 'sub distributes', meaning: 'the left input gets the upstream gradient, the right one its negative' },
  },
  scalar: (p, q) => p - q,
  complex: csub,
  partials: () => [1, -1],
  constantPartials: true,
  vjp: (b, { g }) => [g, b.neg(g)],
});

/** Elementwise product (`.*`, and `*` when one side is a scalar). */
export const mul = elementwiseOp({
  name: 'mul',
  arity: 2,
  infix: '*',
  print: {
    ...infix('*', PREC.mul, { label: '×' }),
    // `.*` (and ⊙) between two tensors; `*` where a scalar scales.
    text: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(0) && c.rank(1) ? '.*' : '*', ref(1, PREC.unary)] }),
    latex: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(0) && c.rank(1) ? ' \\odot ' : ' \\cdot ', ref(1, PREC.unary)] }),
    gate: { name: 'mul switches', meaning: 'each input gets the upstream gradient times the other input' },
  },
  scalar: (p, q) => p * q,
  complex: cmul,
  partials: (_b, x) => [x[1], x[0]],
});

export const div = elementwiseOp({
  name: 'div',
  arity: 2,
  domainNote: { value: 'x / y needs y ≠ 0', derivative: 'the derivative of x / y needs y ≠ 0' },
  infix: '/',
  print: {
    ...infix('/', PREC.mul, { label: '÷' }),
    text: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(1) ? './' : '/', ref(1, PREC.unary)] }),
    latex: () => ({ prec: PREC.atom, pieces: ['\\frac{', ref(0, 0), '}{', ref(1, 0), '}'] }),
    local: divLocal,
  },
  scalar: (p, q) => p / q,
  complex: cdiv,
  // ∂(p/q)/∂q = -p/q² = -y/q: reuses the output instead of squaring q.
  partials: (b, [, q], y, needs) => [b.div(1, q), needs?.[1] === false ? undefined : b.neg(b.div(y, q))],
  domain: [
    [-3, 3],
    [0.5, 3],
  ],
});

function negForm(c: FormContext): Form {
  const p = c.precOf(0);
  if (p >= PREC.pow) return { prec: PREC.unary, pieces: ['-', ref(0, PREC.pow)] };
  if (p === PREC.mul && !c.minusOf(0)) return { prec: PREC.mul, pieces: ['-', ref(0, PREC.mul)] };
  return { prec: PREC.unary, pieces: ['-', ref(0, PREC.atom + 1)] };
}

export const neg = elementwiseOp({
  name: 'neg',
  arity: 1,
  activation: true,
  print: {
    // -x*y reads as (-x)*y, which is -(x*y) exactly: no parentheses for a product.
    text: negForm,
    latex: negForm,
    term: ([a]) => ({ text: `-${wrapTerm(a, PREC.pow)}`, prec: PREC.unary }),
  },
  scalar: (p) => -p,
  complex: cneg,
  partials: () => [-1],
  constantPartials: true,
  vjp: (b, { g }) => [b.neg(g)],
});

export const square = elementwiseOp({
  name: 'square',
  arity: 1,
  activation: true,
  print: {
    text: (c) => ({ prec: PREC.pow, pieces: [ref(0, PREC.post), c.rank(0) ? '.^2' : '^2'] }),
    // In LaTeX a superscript's base must not carry one already (x^{\top}^{2}).
    latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), '^{2}'] }),
    term: ([a]) => ({ text: `${wrapTerm(a, PREC.atom)}^2`, prec: PREC.pow }),
    label: '^2',
  },
  scalar: (p) => p * p,
  complex: csquare,
  partials: (b, [p]) => [b.mul(2, p)],
});

/** a^c for any real c; `^` and `.^` and `pow(a, c)`. */
export const pow = elementwiseOp({
  name: 'pow',
  arity: 2,
  domainNote: { value: 'x ^ y needs x > 0 unless y is an integer', derivative: 'the derivative of x ^ y needs x > 0 (or x ≠ 0 for y ≥ 1)' },
  infix: '^',
  print: {
    text: (c) => ({ prec: PREC.pow, pieces: [ref(0, PREC.post), c.rank(0) ? '.^' : '^', ref(1, PREC.unary)] }),
    latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), '^{', ref(1, 0), '}'] }),
    term: ([a, b]) => ({ text: `${wrapTerm(a, PREC.atom)}^${wrapTerm(b, PREC.atom)}`, prec: PREC.pow }),
    label: '^',
  },
  scalar: Math.pow,
  complex: cpow,
  // x^0 and 0^y (y > 0) are constants: a zero exponent (or base) known as a number or a constant
  // node gives no partial, so x^0 at 0 differentiates to 0 (Hessians too), as the peers have it,
  // where c·a^(c−1) and y·log(a) would meet 0·∞ = NaN (issue 24).
  partials: (b, [a, c], y, needs) => [
    needs?.[0] === false || isZero(c) ? undefined : b.mul(c, b.op('pow', a, b.sub(c, 1)!)),
    needs?.[1] === false || isZero(a) ? undefined : b.mul(y, b.op('log', a)),
  ],
  domain: [
    [0.2, 3],
    [-2, 3],
  ],
});

/** A number 0, or a graph's constant scalar 0 (a node is read by its fields: no graph import here). */
function isZero(x: unknown): boolean {
  if (typeof x === 'number') return x === 0;
  const n = x as { op?: string; value?: unknown };
  return n.op === 'const' && n.value === 0;
}

/** ∂max/∂a with s = sign(a - b): 1, 0, or ½ at a tie (the subgradient's midpoint). */
function tieSplit<T>(b: Builder<T>, s: T, side: 1 | -1): Z<T> {
  return b.mul(0.5, side === 1 ? b.add(1, s) : b.sub(1, s));
}

function extremum(name: 'max' | 'min', pick: (p: number, q: number) => number, side: 1 | -1) {
  return elementwiseOp({
    name,
    print: { latex: `\\${name}`, gate: routes(name), local: extremumLocal(name) },
    scalar: pick,
    // max(A) of one tensor reduces it; max(a, b, c, ...) of scalars is max of their stack,
    // so a tie of three splits the gradient in thirds, not pairwise (½, ¼, ¼); tensors fold
    // elementwise pairwise.
    call: (b, args) => {
      if (args.length === 1) return b.apply(`${name}all`, args);
      // max(A, dim) along a dimension, as mathjs reads a tensor then a constant (issue 24).
      const along = dimCall(b, name, args);
      if (along !== undefined) return along;
      if (args.length > 2 && args.every((x) => b.shape(x).length === 0)) return b.apply(`${name}all`, [b.apply('stack', args)]);
      return args.reduce((acc, x) => b.apply(name, [acc, x]));
    },
    arity: [1, Infinity] as const,
    partials: (b, [p, q]) => {
      const s = b.op('sign', b.sub(p, q)!);
      return [tieSplit(b, s, side), tieSplit(b, s, side === 1 ? -1 : 1)];
    },
    kink: { at: ([a, b]) => zip(a, b, (p, q) => p - q), convention: `a tie in ${name} splits the gradient equally` },
  });
}

export const max = extremum('max', (p, q) => (p >= q ? p : q), 1);
export const min = extremum('min', (p, q) => (p <= q ? p : q), -1);

const shapeCall = (name: string, a: Term, attrs: Attrs): Term => ({ text: `${name}(${a.text}, [${(attrs!.shape as number[]).join(', ')}])`, prec: PREC.atom });

/** Internal: the adjoint of broadcasting. */
export const sum_to = defineOp({
  name: 'sum_to',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => shapeCall('sum_to', a, attrs) },
  sample: { shapes: [[2, 3]], attrs: { shape: [3] } },
  shape: (_s, attrs) => attrs!.shape as Shape,
  eval: ([a], attrs) => sumTo(a, attrs!.shape as Shape),
  linearity: 'linear',
  vjp: (b, { x: [a], g }) => [b.broadcastTo(g, b.shape(a))],
  jvp: (b, { dx: [d], attrs }) => b.sumTo(d, attrs!.shape as Shape),
  // Rows or columns are summed by products with vectors of ones (operands of rank ≤ 2).
  callable: (b, [a], attrs, constant) => {
    const [from, to] = [b.shape(a), attrs!.shape as Shape];
    if (sameShape(from, to)) return a;
    if (sizeOf(to) === 1) return to.reduce((s) => b.apply('stack', [s]), b.op('sum', a));
    if (to.length === 2 && to[0] === from[0]) return b.op('matmul', a, constant(Tensor.filled([from[1], 1], 1)));
    const rows = b.op('matmul', constant(Tensor.filled([from[0]], 1)), a);
    return to.length === 2 ? b.apply('stack', [rows]) : rows;
  },
});

/** Internal: repeat a value to a larger shape. */
export const broadcast_to = defineOp({
  name: 'broadcast_to',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => shapeCall('broadcast_to', a, attrs) },
  sample: { shapes: [[3]], attrs: { shape: [2, 3] } },
  shape: (_s, attrs) => attrs!.shape as Shape,
  eval: ([a], attrs) => broadcastTo(a, attrs!.shape as Shape),
  linearity: 'linear',
  vjp: (b, { x: [a], g }) => [b.sumTo(g, b.shape(a))],
  jvp: (b, { dx: [d], attrs }) => b.broadcastTo(d, attrs!.shape as Shape),
  callable: (b, [a], attrs, constant) => b.mul(a, constant(Tensor.filled(attrs!.shape as Shape, 1)))!,
});
