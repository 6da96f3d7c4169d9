import { matmulKernel, transposeKernel } from '../kernels.js';
import { fmtShape, sameShape, sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { defineOp } from './define.js';
import { infix, PREC, ref, wrapTerm, type Form, type FormContext, type Piece } from './printing.js';

/**
 * Matrix products with mathjs's meaning of `*` between tensors: matrix·matrix,
 * matrix·vector, vector·matrix, and vector·vector (the dot product, a scalar).
 */
function matmulShape([a, b]: Shape[]): Shape {
  const bad = () => new Error(`${fmtShape(a)} * ${fmtShape(b)}`);
  if (a.length === 0 || b.length === 0 || a.length > 2 || b.length > 2) throw bad();
  const k = a[a.length - 1];
  const kb = b.length === 2 ? b[0] : b[0];
  if (k !== kb) throw bad();
  const out: number[] = [];
  if (a.length === 2) out.push(a[0]);
  if (b.length === 2) out.push(b[1]);
  return out;
}

/** C = A·B on row-major data through the kernel seam (native or TypeScript by size). */
function product(a: Tensor, b: Tensor): Value {
  return matmulKernel(a, b, matmulShape([a.shape, b.shape]));
}

export const matmul = defineOp({
  name: 'matmul',
  arity: 2,
  // Written `*` like a product; drawn as a function box (`matmul`), not as an infix gate.
  print: infix('*', PREC.mul, { latex: ' ', label: 'matmul' }),
  shape: matmulShape,
  eval: ([a, b]) => product(a as Tensor, b as Tensor),
  linearity: 'bilinear',
  vjp: (b, { x: [p, q], g, needs }) => {
    const [sp, sq] = [b.shape(p), b.shape(q)];
    if (sp.length === 1 && sq.length === 1) return [b.mul(g, q), b.mul(g, p)];
    // Each side's adjoint is the product of g with the other side, transposed to fit.
    // Built only for the inputs that need them: the other product is work (and, in a
    // derivative graph, dead nodes) for nothing.
    const dp = !needs[0] ? undefined : sp.length === 1 ? b.op('matmul', q, g) : sq.length === 1 ? b.op('outer', g, q) : b.op('matmul', g, b.op('transpose', q));
    const dq = !needs[1] ? undefined : sq.length === 1 ? b.op('matmul', b.op('transpose', p), g) : sp.length === 1 ? b.op('outer', p, g) : b.op('matmul', b.op('transpose', p), g);
    return [dp, dq];
  },
  jvp: (b, { x: [p, q], dx: [dp, dq] }) =>
    b.add(dp === undefined ? undefined : b.op('matmul', dp, q), dq === undefined ? undefined : b.op('matmul', p, dq)),
  sample: { shapes: [[2, 3], [3, 4]] },
  // matrix·vector, vector·matrix, vector·vector (the dot product)
  moreSamples: [
    [[2, 3], [3]],
    [[3], [3, 2]],
    [[4], [4]],
  ],
});

export const transpose = defineOp({
  name: 'transpose',
  arity: 1,
  print: {
    text: () => ({ prec: PREC.post, pieces: [ref(0, PREC.post), "'"] }),
    latex: () => ({ prec: PREC.post, pieces: [ref(0, PREC.atom), '^{\\top}'] }),
    term: ([a]) => ({ text: `${wrapTerm(a, PREC.atom)}'`, prec: PREC.atom }),
  },
  // A vector's transpose is itself, as in mathjs.
  shape: ([a]) => (a.length === 2 ? [a[1], a[0]] : a),
  eval: ([a]) => (typeof a === 'number' || a.shape.length < 2 ? a : transposeKernel(a)),
  linearity: 'linear',
  vjp: (b, { g }) => [b.op('transpose', g)],
  jvp: (b, { dx: [d] }) => (d === undefined ? undefined : b.op('transpose', d)),
  sample: { shapes: [[2, 3]] },
});

/** u·vᵀ for vectors u, v: the adjoint of a matrix·vector product with respect to the matrix. */
export const outer = defineOp({
  name: 'outer',
  arity: 2,
  print: { latex: () => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), '\\,', ref(1, PREC.atom), '^{\\top}'] }) },
  shape: ([a, b]) => {
    if (a.length !== 1 || b.length !== 1) throw new Error(`outer needs two vectors, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return [a[0], b[0]];
  },
  linearity: 'bilinear',
  eval: ([u, v]) => {
    const [a, b] = [u as Tensor, v as Tensor];
    const out = new Float64Array(a.size * b.size);
    for (let i = 0; i < a.size; i++) for (let j = 0; j < b.size; j++) out[i * b.size + j] = a.data[i] * b.data[j];
    return new Tensor([a.size, b.size], out);
  },
  vjp: (b, { x: [u, v], g }) => [b.op('matmul', g, v), b.op('matmul', u, g)],
  jvp: (b, { x: [u, v], dx: [du, dv] }) =>
    b.add(du === undefined ? undefined : b.op('outer', du, v), dv === undefined ? undefined : b.op('outer', u, dv)),
  sample: { shapes: [[3], [2]] },
});

export const dot = defineOp({
  name: 'dot',
  arity: 2,
  shape: ([a, b]) => {
    if (a.length !== 1 || !sameShape(a, b)) throw new Error(`dot needs two vectors of one length, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return [];
  },
  linearity: 'bilinear',
  eval: ([u, v]) => {
    const [a, b] = [u as Tensor, v as Tensor];
    let s = 0;
    for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
    return s;
  },
  vjp: (b, { x: [u, v], g }) => [b.mul(g, v), b.mul(g, u)],
  jvp: (b, { x: [u, v], dx: [du, dv] }) =>
    b.add(du === undefined ? undefined : b.op('dot', du, v), dv === undefined ? undefined : b.op('dot', u, dv)),
  sample: { shapes: [[4], [4]] },
});

/** n groups of pieces with a separator between them. */
function list(n: number, item: (k: number) => Piece[], sep: string): Piece[] {
  const out: Piece[] = [];
  for (let k = 0; k < n; k++) {
    if (k) out.push(sep);
    out.push(...item(k));
  }
  return out;
}

/**
 * `[a, b]` in LaTeX: scalars stack into a column; rows written inline (`[[1, 2], [3, 4]]`)
 * are spread over `&`; other vectors become rows `u^{\top}`.
 */
function latexMatrix(c: FormContext): Form {
  const rows = list(
    c.arity,
    (k) => {
      const items = c.rowItems(k);
      if (items !== undefined) return list(items, (item) => [{ k, need: 0, item }], ' & ');
      return c.rank(k) === 1 ? [ref(k, PREC.atom), '^{\\top}'] : [ref(k, 0)];
    },
    ' \\\\ ',
  );
  return { prec: PREC.atom, pieces: ['\\begin{bmatrix}', ...rows, '\\end{bmatrix}'] };
}

/** `[a, b, c]`: items of one shape stacked along a new first axis. */
export const stack = defineOp({
  name: 'stack',
  arity: [1, Infinity],
  internal: true,
  // Written as an array literal.
  print: {
    text: (c) => ({ prec: PREC.atom, pieces: ['[', ...list(c.arity, (k) => [ref(k, 0)], ', '), ']'] }),
    latex: latexMatrix,
    term: (xs) => ({ text: `[${xs.map((x) => x.text).join(', ')}]`, prec: PREC.atom }),
    label: '[ ]',
  },
  shape: (shapes) => {
    const first = shapes[0];
    for (const s of shapes) if (!sameShape(s, first)) throw new Error(`array rows differ in shape: ${shapes.map(fmtShape).join(', ')}`);
    return [shapes.length, ...first];
  },
  linearity: 'linear',
  eval: (xs) => {
    const item = typeof xs[0] === 'number' ? 1 : (xs[0] as Tensor).size;
    const out = new Float64Array(item * xs.length);
    xs.forEach((x, k) => (typeof x === 'number' ? (out[k] = x) : out.set(x.data, k * item)));
    const itemShape = typeof xs[0] === 'number' ? [] : (xs[0] as Tensor).shape;
    return new Tensor([xs.length, ...itemShape], out);
  },
  vjp: (b, { x, g, needs }) => x.map((_, k) => (needs[k] ? b.apply('pick', [g], { k }) : undefined)),
  jvp: (b, { x, dx }) => {
    const parts = dx.map((d, k) => (d === undefined ? undefined : b.apply('place', [d], { k, n: x.length })));
    return parts.reduce((acc, p) => b.add(acc, p), undefined);
  },
  sample: { shapes: [[2], [2], [2]] },
});

const unitVector = (n: number, k: number): Value => Tensor.from(Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)));

/** Row k of a stacked value (the adjoint of `stack`). */
export const pick = defineOp({
  name: 'pick',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `${wrapTerm(a, PREC.atom)}[${attrs!.k}]`, prec: PREC.atom }) },
  shape: ([a]) => a.slice(1),
  linearity: 'linear',
  eval: ([a], attrs) => {
    const t = a as Tensor;
    const k = attrs!.k as number;
    const item = sizeOf(t.shape.slice(1));
    if (t.shape.length === 1) return t.data[k];
    return new Tensor(t.shape.slice(1), t.data.slice(k * item, (k + 1) * item));
  },
  vjp: (b, { x: [a], g, attrs }) => [b.apply('place', [g], { k: attrs!.k, n: b.shape(a)[0] })],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('pick', [d], attrs)),
  // Row k is e_k times the stack (a dot product for a vector).
  callable: (b, [a], attrs, constant) => b.op('matmul', constant(unitVector(b.shape(a)[0], attrs!.k as number)), a),
  sample: { shapes: [[3, 2]], attrs: { k: 1 } },
});

/** A value placed as row k of n, zeros elsewhere (the adjoint of `pick`). */
export const place = defineOp({
  name: 'place',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `place(${a.text}, ${attrs!.k}, ${attrs!.n})`, prec: PREC.atom }) },
  shape: ([a], attrs) => [attrs!.n as number, ...a],
  linearity: 'linear',
  eval: ([a], attrs) => {
    const n = attrs!.n as number;
    const k = attrs!.k as number;
    const item = typeof a === 'number' ? 1 : a.size;
    const out = new Float64Array(n * item);
    if (typeof a === 'number') out[k] = a;
    else out.set(a.data, k * item);
    return new Tensor([n, ...(typeof a === 'number' ? [] : a.shape)], out);
  },
  vjp: (b, { g, attrs }) => [b.apply('pick', [g], { k: attrs!.k })],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('place', [d], attrs)),
  callable: (b, [a], attrs, constant) => {
    const e = constant(unitVector(attrs!.n as number, attrs!.k as number));
    return b.shape(a).length === 0 ? b.mul(a, e)! : b.op('outer', e, a);
  },
  sample: { shapes: [[2]], attrs: { k: 1, n: 3 } },
});
