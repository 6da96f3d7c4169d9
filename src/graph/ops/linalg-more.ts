import { CgError } from '../../errors.js';
import type { Builder } from '../builder.js';
import { fmtShape, sameShape, Tensor, type Shape } from '../tensor.js';
import { defineOp } from './define.js';
import { PREC, ref } from './printing.js';

/*
 * Linear algebra beyond the product (issue 24): det, logdet, inv, trace, solve / lusolve /
 * lsolve / usolve, kron, cross. Rules from the matrix-calculus identities:
 *   d det A = det A · tr(A⁻¹ dA)        ∂det/∂A = det A · A⁻ᵀ
 *   d A⁻¹   = -A⁻¹ dA A⁻¹              ∂/∂A ⟨G, A⁻¹⟩ = -A⁻ᵀ G A⁻ᵀ
 *   x = A⁻¹b: dx = A⁻¹(db - dA x)      ḡ_b = A⁻ᵀ g,  ḡ_A = -ḡ_b xᵀ
 * A singular matrix is refused with its size and why (no NaN further on).
 */

/** LU with partial pivoting of a square matrix; throws a CgError when it is singular. */
function lu(a: Tensor, what: string): { lu: Float64Array; perm: number[]; sign: number; n: number } {
  const n = a.shape[0];
  const m = Float64Array.from(a.data);
  const perm = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]) > Math.abs(m[p * n + k])) p = i;
    if (!(Math.abs(m[p * n + k]) > 1e-14 * scale)) {
      throw new CgError('value', `${what}: the ${n}×${n} matrix is singular (or numerically so: pivot ${m[p * n + k]} in column ${k + 1})`, {
        hint: 'its determinant is 0, so it has no inverse; pick another point, or use a well-conditioned matrix',
      });
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) [m[k * n + j], m[p * n + j]] = [m[p * n + j], m[k * n + j]];
      [perm[k], perm[p]] = [perm[p], perm[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (m[i * n + k] /= m[k * n + k]);
      for (let j = k + 1; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return { lu: m, perm, sign, n };
}

/** Solve A X = B for a vector or a matrix B (columns solved together). */
function luSolve(f: ReturnType<typeof lu>, b: Tensor): Tensor {
  const { lu: m, perm, n } = f;
  const k = b.shape.length === 1 ? 1 : b.shape[1];
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) x[i * k + c] = b.data[perm[i] * k + c];
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i * k + c] -= m[i * n + j] * x[j * k + c];
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j < n; j++) x[i * k + c] -= m[i * n + j] * x[j * k + c];
      x[i * k + c] /= m[i * n + i];
    }
  }
  return new Tensor(b.shape.slice(), x);
}

const eye = (n: number): Tensor => {
  const t = Tensor.zeros([n, n]);
  for (let i = 0; i < n; i++) t.data[i * n + i] = 1;
  return t;
};

function square(name: string) {
  return ([a]: Shape[]): void => {
    if (a.length !== 2 || a[0] !== a[1]) throw new Error(`${name} needs a square matrix, got ${fmtShape(a)}`);
  };
}

/** Entries of the registry test's random matrices (its seeded draws are well conditioned). */
const wellConditioned = [[-1, 1]] as const;

export const det = defineOp({
  name: 'det',
  arity: 1,
  shape: (s) => (square('det')(s), []),
  eval: ([a]) => {
    const t = a as Tensor;
    if (t.shape[0] === 0) return 1;
    let f: ReturnType<typeof lu>;
    try {
      f = lu(t, 'det');
    } catch {
      return 0; // a singular matrix has determinant 0; its derivative (the adjugate) is refused by inv
    }
    let d = f.sign;
    for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i];
    return d;
  },
  vjp: (b, { x: [a], y, g }) => [b.mul(b.mul(g, y)!, b.op('transpose', b.op('inv', a)))],
  jvp: (b, { x: [a], y, dx: [d] }) => (d === undefined ? undefined : b.mul(y, b.op('trace', b.op('matmul', b.op('inv', a), d)))),
  print: { latex: '\\det' },
  sample: { shapes: [[3, 3]] },
  domain: wellConditioned[0],
  domainNote: { value: 'det is defined for any square matrix', derivative: "det's derivative here needs A invertible" },
});

/** log|det A|: the stable form a Gaussian's likelihood uses. */
export const logdet = defineOp({
  name: 'logdet',
  arity: 1,
  shape: (s) => (square('logdet')(s), []),
  eval: ([a]) => {
    const f = lu(a as Tensor, 'logdet');
    let s = 0;
    for (let i = 0; i < f.n; i++) s += Math.log(Math.abs(f.lu[i * f.n + i]));
    return s;
  },
  vjp: (b, { x: [a], g }) => [b.mul(g, b.op('transpose', b.op('inv', a)))],
  jvp: (b, { x: [a], dx: [d] }) => (d === undefined ? undefined : b.op('trace', b.op('matmul', b.op('inv', a), d))),
  print: { latex: '\\log\\left|\\det\\right|' },
  sample: { shapes: [[3, 3]] },
  domain: wellConditioned[0],
});

export const inv = defineOp({
  name: 'inv',
  arity: 1,
  shape: ([a]) => {
    if (a.length === 0) return [];
    square('inv')([a]);
    return a;
  },
  eval: ([a]) => (typeof a === 'number' ? 1 / a : luSolve(lu(a, 'inv'), eye(a.shape[0]))),
  vjp: (b, { y, g }) => {
    if (b.shape(y).length === 0) return [b.neg(b.mul(g, b.square(y)))];
    const yt = b.op('transpose', y);
    return [b.neg(b.op('matmul', yt, b.op('matmul', g, yt)))];
  },
  jvp: (b, { y, dx: [d] }) => {
    if (d === undefined) return undefined;
    if (b.shape(y).length === 0) return b.neg(b.mul(d, b.square(y)));
    return b.neg(b.op('matmul', y, b.op('matmul', d, y)));
  },
  print: { latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), '^{-1}'] }) },
  sample: { shapes: [[3, 3]] },
  domain: wellConditioned[0],
});

/** The identity shaped like a square matrix (trace's adjoint is g·I); constant. */
export const identity_like = defineOp({
  name: 'identity_like',
  arity: 1,
  internal: true,
  shape: ([a]) => a,
  eval: ([a]) => eye((a as Tensor).shape[0]),
  vjp: () => [undefined],
  jvp: () => undefined,
  callable: (b, [a], _attrs, constant) => constant(eye(b.shape(a)[0])),
  sample: { shapes: [[3, 3]] },
});

export const trace = defineOp({
  name: 'trace',
  arity: 1,
  shape: (s) => (square('trace')(s), []),
  eval: ([a]) => {
    const t = a as Tensor;
    let s = 0;
    for (let i = 0; i < t.shape[0]; i++) s += t.data[i * t.shape[0] + i];
    return s;
  },
  vjp: (b, { x: [a], g }) => [b.mul(g, b.apply('identity_like', [a]))],
  jvp: (b, { dx: [d] }) => (d === undefined ? undefined : b.op('trace', d)),
  print: { latex: '\\operatorname{tr}' },
  sample: { shapes: [[3, 3]] },
});

function solveShape([a, r]: Shape[]): Shape {
  square('solve')([a]);
  if (r.length < 1 || r.length > 2 || r[0] !== a[0]) throw new Error(`solve needs b with ${a[0]} rows, got ${fmtShape(r)}`);
  return r;
}

/** A·x for a vector or matrix x (the product mathjs's `*` means). */
const times = <T>(b: Builder<T>, a: T, x: T) => b.op('matmul', a, x);

/** x = A⁻¹b, shaped like b (numpy's solve). mathjs's lusolve is this with a column result. */
export const solve = defineOp({
  name: 'solve',
  arity: 2,
  shape: solveShape,
  eval: ([a, r]) => luSolve(lu(a as Tensor, 'solve'), r as Tensor),
  vjp: (b, { x: [a], y, g, needs }) => {
    const gb = b.op('solve', b.op('transpose', a), g);
    const ga = !needs[0] ? undefined : b.neg(b.shape(y).length === 1 ? b.op('outer', gb, y) : b.op('matmul', gb, b.op('transpose', y)));
    return [ga, needs[1] ? gb : undefined];
  },
  jvp: (b, { x: [a], y, dx: [da, db] }) => {
    const rhs = b.sub(db, da === undefined ? undefined : times(b, da, y));
    return rhs === undefined ? undefined : b.op('solve', a, rhs);
  },
  sample: { shapes: [[3, 3], [3]] },
  moreSamples: [[[2, 2], [2, 3]]],
  domain: [wellConditioned[0], [-2, 2]],
});

/** mathjs's lusolve(A, b): solve, with a vector's solution as a column (n×1), as mathjs returns it. */
export const lusolve = defineOp({
  ...solve,
  name: 'lusolve',
  call: (b, [a, r]) => {
    const x = b.apply('solve', [a, r]);
    return b.shape(r).length === 1 ? b.apply('reshape', [x], { shape: [b.shape(r)[0], 1] }) : x;
  },
});

/** The lower (or upper) triangle of a square matrix, the rest zero: what lsolve and usolve read. */
export const triangle = defineOp({
  name: 'triangle',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `${attrs!.lower ? 'tril' : 'triu'}(${a.text})`, prec: PREC.atom }) },
  shape: ([a]) => a,
  eval: ([a], attrs) => {
    const t = a as Tensor;
    const n = t.shape[0];
    const out = Float64Array.from(t.data);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (attrs!.lower ? j > i : j < i) out[i * n + j] = 0;
    return new Tensor(t.shape.slice(), out);
  },
  vjp: (b, { g, attrs }) => [b.apply('triangle', [g], attrs)],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('triangle', [d], attrs)),
  callable: (b, [a], attrs, constant) => {
    const n = b.shape(a)[0];
    const mask = Tensor.zeros([n, n]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) mask.data[i * n + j] = (attrs!.lower ? j <= i : j >= i) ? 1 : 0;
    return b.mul(a, constant(mask))!;
  },
  sample: { shapes: [[3, 3]], attrs: { lower: true } },
});

function triangularSolve(name: 'lsolve' | 'usolve', lower: boolean) {
  return defineOp({
    ...solve,
    name,
    call: (b, [a, r]) => {
      const x = b.apply('solve', [b.apply('triangle', [a], { lower }), r]);
      return b.shape(r).length === 1 ? b.apply('reshape', [x], { shape: [b.shape(r)[0], 1] }) : x;
    },
  });
}

/** mathjs's lsolve(L, b) and usolve(U, b): triangular solves (only that triangle is read); column results. */
export const lsolve = triangularSolve('lsolve', true);
export const usolve = triangularSolve('usolve', false);

/** kron(A, B) of two vectors or two matrices, as mathjs. */
export const kron = defineOp({
  name: 'kron',
  arity: 2,
  shape: ([a, b]) => {
    if (a.length !== b.length || a.length < 1 || a.length > 2) throw new Error(`kron takes two vectors or two matrices, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return a.map((n, d) => n * b[d]);
  },
  eval: ([p, q]) => {
    const [a, b] = [p as Tensor, q as Tensor];
    const [m, n] = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
    const [r, s] = b.shape.length === 1 ? [1, b.shape[0]] : b.shape;
    const out = new Float64Array(m * n * r * s);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) for (let l = 0; l < s; l++) out[(i * r + k) * (n * s) + j * s + l] = a.data[i * n + j] * b.data[k * s + l];
    return new Tensor(a.shape.map((d, x) => d * b.shape[x]), out);
  },
  // kron(A, B) = reshape(A[i,·,j,·] ⊙ B[·,k,·,l]) over [m, r, n, s]: the adjoints sum the other factor out.
  vjp: (b, { x: [p, q], g, needs }) => {
    const [sa, sb] = [b.shape(p), b.shape(q)];
    const [m, n] = sa.length === 1 ? [1, sa[0]] : sa;
    const [r, s] = sb.length === 1 ? [1, sb[0]] : sb;
    const g4 = b.apply('reshape', [g], { shape: [m, r, n, s] });
    const a4 = b.apply('reshape', [p], { shape: [m, 1, n, 1] });
    const b4 = b.apply('reshape', [q], { shape: [1, r, 1, s] });
    const ga = needs[0] ? b.apply('reshape', [b.sumTo(b.mul(g4, b4), [m, 1, n, 1])!], { shape: sa }) : undefined;
    const gb = needs[1] ? b.apply('reshape', [b.sumTo(b.mul(g4, a4), [1, r, 1, s])!], { shape: sb }) : undefined;
    return [ga, gb];
  },
  jvp: (b, { x: [p, q], dx: [dp, dq] }) =>
    b.add(dp === undefined ? undefined : b.op('kron', dp, q), dq === undefined ? undefined : b.op('kron', p, dq)),
  sample: { shapes: [[2, 3], [2, 2]] },
  moreSamples: [[[2], [3]]],
});

/** cross(a, b) of two 3-vectors. */
export const cross = defineOp({
  name: 'cross',
  arity: 2,
  shape: ([a, b]) => {
    if (!(a.length === 1 && a[0] === 3 && sameShape(a, b))) throw new Error(`cross needs two vectors of length 3, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return [3];
  },
  eval: ([p, q]) => {
    const [a, b] = [(p as Tensor).data, (q as Tensor).data];
    return new Tensor([3], Float64Array.from([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]));
  },
  // ⟨g, a × b⟩ = ⟨b × g, a⟩ = ⟨g × a, b⟩.
  vjp: (b, { x: [p, q], g, needs }) => [needs[0] ? b.op('cross', q, g) : undefined, needs[1] ? b.op('cross', g, p) : undefined],
  jvp: (b, { x: [p, q], dx: [dp, dq] }) =>
    b.add(dp === undefined ? undefined : b.op('cross', dp, q), dq === undefined ? undefined : b.op('cross', p, dq)),
  sample: { shapes: [[3], [3]] },
});

