import { gemm } from '../native/index.js';
import { broadcastShapes, fmtShape, indexMap, sizeOf, Tensor, type Shape, type Value } from './tensor.js';

/**
 * Elementwise kernels on typed arrays: one loop per op and broadcasting case, each with
 * the arithmetic written out, so every loop stays monomorphic and V8 compiles it to plain
 * float code. `zip`/`map` (tensor.ts) call a function per element through a call site
 * shared by every op; these are what tensors go through for the ops listed here, and
 * tests/graph/kernels.test.ts holds them to the generic path.
 */

/**
 * One op's loops: both sides contiguous and the output's size, a single number on the left
 * or on the right, or both read through broadcast index maps.
 */
interface Loops {
  same: (o: Float64Array, a: Float64Array, b: Float64Array, n: number) => void;
  left: (o: Float64Array, p: number, b: Float64Array, n: number) => void;
  right: (o: Float64Array, a: Float64Array, q: number, n: number) => void;
  mapped: (o: Float64Array, a: Float64Array, ia: Int32Array, b: Float64Array, ib: Int32Array, n: number) => void;
}

function loops(same: Loops['same'], left: Loops['left'], right: Loops['right'], mapped: Loops['mapped']): Loops {
  return { same, left, right, mapped };
}

let ident = new Int32Array(0);
/** 0, 1, ..., n-1: the index map of a side that is the output's size (shared, read only). */
function identity(n: number): Int32Array {
  if (ident.length < n) {
    ident = new Int32Array(n);
    for (let i = 0; i < n; i++) ident[i] = i;
  }
  return ident.subarray(0, n);
}

const BINARY: Record<string, Loops> = {
  add: loops(
    (o, a, b, n) => { for (let i = 0; i < n; i++) o[i] = a[i] + b[i]; },
    (o, p, b, n) => { for (let i = 0; i < n; i++) o[i] = p + b[i]; },
    (o, a, q, n) => { for (let i = 0; i < n; i++) o[i] = a[i] + q; },
    (o, a, ia, b, ib, n) => { for (let i = 0; i < n; i++) o[i] = a[ia[i]] + b[ib[i]]; },
  ),
  sub: loops(
    (o, a, b, n) => { for (let i = 0; i < n; i++) o[i] = a[i] - b[i]; },
    (o, p, b, n) => { for (let i = 0; i < n; i++) o[i] = p - b[i]; },
    (o, a, q, n) => { for (let i = 0; i < n; i++) o[i] = a[i] - q; },
    (o, a, ia, b, ib, n) => { for (let i = 0; i < n; i++) o[i] = a[ia[i]] - b[ib[i]]; },
  ),
  mul: loops(
    (o, a, b, n) => { for (let i = 0; i < n; i++) o[i] = a[i] * b[i]; },
    (o, p, b, n) => { for (let i = 0; i < n; i++) o[i] = p * b[i]; },
    (o, a, q, n) => { for (let i = 0; i < n; i++) o[i] = a[i] * q; },
    (o, a, ia, b, ib, n) => { for (let i = 0; i < n; i++) o[i] = a[ia[i]] * b[ib[i]]; },
  ),
  div: loops(
    (o, a, b, n) => { for (let i = 0; i < n; i++) o[i] = a[i] / b[i]; },
    (o, p, b, n) => { for (let i = 0; i < n; i++) o[i] = p / b[i]; },
    (o, a, q, n) => { for (let i = 0; i < n; i++) o[i] = a[i] / q; },
    (o, a, ia, b, ib, n) => { for (let i = 0; i < n; i++) o[i] = a[ia[i]] / b[ib[i]]; },
  ),
};

type Unary = (out: Float64Array, x: Float64Array, n: number) => void;

const UNARY: Record<string, Unary> = {
  neg: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = -x[i]; },
  square: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = x[i] * x[i]; },
  exp: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]); },
  log: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.log(x[i]); },
  sqrt: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]); },
  sin: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]); },
  cos: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]); },
  tanh: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]); },
  abs: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]); },
  sign: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sign(x[i]); },
  relu: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = x[i] > 0 ? x[i] : 0; },
  sigmoid: (o, x, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      // Two branches so exp never overflows (as sigmoidf in ops/unary.ts).
      if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        o[i] = e / (1 + e);
      }
    }
  },
};

/** True when `op` has a binary kernel here. */
export function hasBinaryKernel(op: string): boolean {
  return op in BINARY;
}

export function hasUnaryKernel(op: string): boolean {
  return op in UNARY;
}

/**
 * `op(a, b)` elementwise with NumPy broadcasting; at least one side is a tensor. The result
 * goes into `out` when given (every entry is written): a buffer of the broadcast size that
 * may be a full-size side's own data, since each loop reads entry i of that side before it
 * writes entry i; it must not share memory with the other side.
 */
export function binaryKernel(op: string, a: Value, b: Value, out?: Float64Array): Tensor {
  const sa: Shape = typeof a === 'number' ? [] : a.shape;
  const sb: Shape = typeof b === 'number' ? [] : b.shape;
  const shape = broadcastShapes(sa, sb);
  if (!shape) throw new Error(`cannot broadcast ${fmtShape(sa)} with ${fmtShape(sb)}`);
  const n = sizeOf(shape);
  out ??= new Float64Array(n);
  const k = BINARY[op];
  const ad = typeof a === 'number' ? undefined : a.data;
  const bd = typeof b === 'number' ? undefined : b.data;
  // A side of the output's size has the output's layout (broadcasting only adds or
  // stretches axes of length 1); a single entry on one side is read once.
  const aFull = ad !== undefined && ad.length === n;
  const bFull = bd !== undefined && bd.length === n;
  if (aFull && bFull) k.same(out, ad, bd, n);
  else if (bFull && (ad === undefined || ad.length === 1)) k.left(out, ad === undefined ? (a as number) : ad[0], bd, n);
  else if (aFull && (bd === undefined || bd.length === 1)) k.right(out, ad, bd === undefined ? (b as number) : bd[0], n);
  else {
    const av = ad ?? Float64Array.of(a as number);
    const bv = bd ?? Float64Array.of(b as number);
    k.mapped(out, av, aFull ? identity(n) : indexMap(shape, sa), bv, bFull ? identity(n) : indexMap(shape, sb), n);
  }
  return new Tensor(shape, out);
}

/** `op(x)` elementwise on a tensor, into `out` when given (x's size; every entry is written). */
export function unaryKernel(op: string, x: Tensor, out: Float64Array = new Float64Array(x.data.length)): Tensor {
  UNARY[op](out, x.data, out.length);
  return new Tensor(x.shape, out);
}

/**
 * A·B for a matrix or vector A and B of fitting sizes, `shape` the product's (from the op's
 * shape rule), through the gemm seam (native or TypeScript by size). C goes into `out` when
 * given (m·n entries, any contents); a 0-d product is a number.
 */
export function matmulKernel(a: Tensor, b: Tensor, shape: Shape, out?: Float64Array): Value {
  const m = a.shape.length === 2 ? a.shape[0] : 1;
  const k = a.shape[a.shape.length - 1];
  const n = b.shape.length === 2 ? b.shape[1] : 1;
  // beta = 0 overwrites C on every backend (tests/native: NaN in C does not survive), so a
  // recycled buffer needs no zeroing.
  const c = out ?? new Float64Array(m * n);
  // A vector on the right is a k×1 column, so B's leading dimension is n = 1.
  gemm(false, false, m, n, k, 1, a.data, k, b.data, n, 0, c, n);
  return shape.length === 0 ? c[0] : new Tensor(shape, c);
}

/** A matrix's transpose, into `out` when given (every entry is written). */
export function transposeKernel(a: Tensor, out?: Float64Array): Tensor {
  const [r, c] = a.shape;
  out ??= new Float64Array(r * c);
  const d = a.data;
  // In 32×32 tiles, so reads and writes both stay within a few cache lines.
  for (let i0 = 0; i0 < r; i0 += 32) {
    const i1 = Math.min(r, i0 + 32);
    for (let j0 = 0; j0 < c; j0 += 32) {
      const j1 = Math.min(c, j0 + 32);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * r + i] = d[i * c + j];
    }
  }
  return new Tensor([c, r], out);
}
