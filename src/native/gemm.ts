/**
 * The TypeScript gemm: the reference every user without the addon gets, so it is blocked
 * and register-tiled rather than a triple loop.
 *
 *   C = alpha * op(A) * op(B) + beta * C      (row-major; op(X) = X, or X^T when trans)
 *
 * op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are the row strides of the
 * *stored* matrices (A is stored k x m when transA). A matrix starts at index 0 of its typed
 * array, so a subarray view gives an offset without a copy. Same contract as the addon's
 * gemm (src/native/addon.cc, gemm_args.h), including the argument checks and their errors.
 *
 * Method (GotoBLAS style): for each KC-deep slice of the k dimension, op(B) is packed into
 * NR-wide column panels and op(A) into MR-tall row panels (Float64Array scratch, so the
 * micro-kernel is monomorphic whatever the dtype and the transposes are absorbed by the
 * packing); a 4x4 micro-kernel then keeps 16 accumulators in locals and streams the two
 * panels. beta is applied to C once up front (beta = 0 overwrites, so NaNs in C do not leak,
 * as in BLAS).
 */

export type FloatArray = Float64Array | Float32Array;

const MR = 4;
const NR = 4;
/** Depth of a packed slice; 256 doubles x (4 + 4) per micro-step stay in L1. */
const KC = 256;
/** Rows of op(A) packed at a time (MC x KC x 8 bytes = 128 KiB, in L2). */
const MC = 64;
/** Columns of op(B) packed at a time (KC x NC x 8 bytes = 2 MiB). */
const NC = 1024;

// Packing scratch, grown on demand (nothing is allocated at import: cg's startup matters).
let packA = new Float64Array(0);
let packB = new Float64Array(0);

function fail(kind: 'type' | 'range', msg: string): never {
  throw kind === 'type' ? new TypeError(`gemm: ${msg}`) : new RangeError(`gemm: ${msg}`);
}

function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float64Array || x instanceof Float32Array;
}

function checkDim(name: string, v: unknown, min: number): void {
  if (typeof v !== 'number') fail('type', `${name} must be a number`);
  if (!(Number.isInteger(v) && v >= min && v <= 0x7fffffff)) {
    fail('range', `${name} must be an integer in [${min}, 2147483647], got ${v}`);
  }
}

function checkFits(name: string, arr: FloatArray, rows: number, cols: number, ld: number, ldName: string): number {
  const minLd = Math.max(1, cols);
  if (ld < minLd) fail('range', `${ldName} = ${ld} is less than the ${cols} columns of the stored ${name}`);
  const need = rows > 0 && cols > 0 ? (rows - 1) * ld + cols : 0;
  if (need > arr.length) {
    fail('range', `${name} (${rows}x${cols}, ${ldName} ${ld}) needs ${need} elements but the array has ${arr.length}`);
  }
  return need;
}

function overlaps(a: FloatArray, aSpan: number, b: FloatArray, bSpan: number): boolean {
  if (a.buffer !== b.buffer || aSpan === 0 || bSpan === 0) return false;
  const a0 = a.byteOffset, a1 = a0 + aSpan * a.BYTES_PER_ELEMENT;
  const b0 = b.byteOffset, b1 = b0 + bSpan * b.BYTES_PER_ELEMENT;
  return a0 < b1 && b0 < a1;
}

/** The addon's message for a call with the wrong number of arguments. */
export function checkArity(count: number): void {
  if (count !== 13) fail('type', `expected 13 arguments (transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc), got ${count}`);
}

/**
 * Throws the same TypeError/RangeError as the addon for arguments that are wrong: types,
 * non-integer or negative sizes, leading dimensions below the column count, matrices that
 * overrun their arrays, mixed dtypes, C overlapping A or B.
 */
export function checkGemmArgs(
  transA: unknown, transB: unknown, m: unknown, n: unknown, k: unknown, alpha: unknown,
  A: unknown, lda: unknown, B: unknown, ldb: unknown, beta: unknown, C: unknown, ldc: unknown,
): void {
  if (typeof transA !== 'boolean') fail('type', 'transA must be a boolean');
  if (typeof transB !== 'boolean') fail('type', 'transB must be a boolean');
  checkDim('m', m, 0);
  checkDim('n', n, 0);
  checkDim('k', k, 0);
  if (typeof alpha !== 'number') fail('type', 'alpha must be a number');
  if (!isFloatArray(A)) fail('type', 'A must be a Float64Array or Float32Array');
  checkDim('lda', lda, 1);
  if (!isFloatArray(B)) fail('type', 'B must be a Float64Array or Float32Array');
  checkDim('ldb', ldb, 1);
  if (typeof beta !== 'number') fail('type', 'beta must be a number');
  if (!isFloatArray(C)) fail('type', 'C must be a Float64Array or Float32Array');
  checkDim('ldc', ldc, 1);
  if (A.constructor !== B.constructor || A.constructor !== C.constructor) {
    fail('type', 'A, B and C must have the same dtype (all Float64Array or all Float32Array)');
  }
  const M = m as number, N = n as number, K = k as number;
  const sa = checkFits('A', A, transA ? K : M, transA ? M : K, lda as number, 'lda');
  const sb = checkFits('B', B, transB ? N : K, transB ? K : N, ldb as number, 'ldb');
  const sc = checkFits('C', C, M, N, ldc as number, 'ldc');
  if (overlaps(C, sc, A, sa) || overlaps(C, sc, B, sb)) fail('range', 'C must not overlap A or B');
}

/** gemm in TypeScript, arguments checked. See the file comment for the contract. */
export function gemmTS(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: FloatArray, lda: number, B: FloatArray, ldb: number,
  beta: number, C: FloatArray, ldc: number,
): void {
  if (arguments.length !== 13) checkArity(arguments.length);
  checkGemmArgs(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
  gemmUnchecked(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

/** gemm without the argument checks (the caller has run checkGemmArgs). */
export function gemmUnchecked(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: FloatArray, lda: number, B: FloatArray, ldb: number,
  beta: number, C: FloatArray, ldc: number,
): void {
  if (m === 0 || n === 0) return;
  scaleC(m, n, beta, C, ldc);
  if (k === 0 || alpha === 0) return;
  const kcMax = Math.min(KC, k);
  const needA = kcMax * Math.min(MC, roundUp(m, MR));
  const needB = kcMax * Math.min(NC, roundUp(n, NR));
  if (packA.length < needA) packA = new Float64Array(needA);
  if (packB.length < needB) packB = new Float64Array(needB);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelB(transB, B, ldb, pc, jc, kc, nc, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelA(transA, A, lda, ic, pc, mc, kc, alpha, packA);
        macroKernel(mc, nc, kc, packA, packB, C, ic * ldc + jc, ldc);
      }
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

function scaleC(m: number, n: number, beta: number, C: FloatArray, ldc: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) C.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) C[j] *= beta;
  }
}

/**
 * Packs rows ic..ic+mc of op(A), depth pc..pc+kc, scaled by alpha, into MR-tall panels:
 * panel r holds element (ic + r*MR + i, pc + p) at r*MR*kc + p*MR + i; short panels are
 * zero-padded so the micro-kernel never branches.
 */
function packPanelA(
  trans: boolean, A: FloatArray, lda: number, ic: number, pc: number, mc: number, kc: number,
  alpha: number, out: Float64Array,
): void {
  for (let r = 0; r < mc; r += MR) {
    const rows = Math.min(MR, mc - r);
    const base = r * kc;
    if (!trans) {
      // Stored m x k: element (i, p) at i*lda + p.
      for (let i = 0; i < MR; i++) {
        if (i < rows) {
          let src = (ic + r + i) * lda + pc;
          for (let p = 0, d = base + i; p < kc; p++, d += MR) out[d] = alpha * A[src++];
        } else {
          for (let p = 0, d = base + i; p < kc; p++, d += MR) out[d] = 0;
        }
      }
    } else {
      // Stored k x m: element (i, p) at p*lda + i; rows of the panel are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * lda + ic + r;
        const d = base + p * MR;
        for (let i = 0; i < MR; i++) out[d + i] = i < rows ? alpha * A[src + i] : 0;
      }
    }
  }
}

/**
 * Packs columns jc..jc+nc of op(B), depth pc..pc+kc, into NR-wide panels: panel s holds
 * element (pc + p, jc + s*NR + j) at s*NR*kc + p*NR + j, zero-padded.
 */
function packPanelB(
  trans: boolean, B: FloatArray, ldb: number, pc: number, jc: number, kc: number, nc: number,
  out: Float64Array,
): void {
  for (let s = 0; s < nc; s += NR) {
    const cols = Math.min(NR, nc - s);
    const base = s * kc;
    if (!trans) {
      // Stored k x n: element (p, j) at p*ldb + j; panel rows are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * ldb + jc + s;
        const d = base + p * NR;
        if (cols === NR) {
          out[d] = B[src]; out[d + 1] = B[src + 1]; out[d + 2] = B[src + 2]; out[d + 3] = B[src + 3];
        } else {
          for (let j = 0; j < NR; j++) out[d + j] = j < cols ? B[src + j] : 0;
        }
      }
    } else {
      // Stored n x k: element (p, j) at j*ldb + p.
      for (let j = 0; j < NR; j++) {
        if (j < cols) {
          let src = (jc + s + j) * ldb + pc;
          for (let p = 0, d = base + j; p < kc; p++, d += NR) out[d] = B[src++];
        } else {
          for (let p = 0, d = base + j; p < kc; p++, d += NR) out[d] = 0;
        }
      }
    }
  }
}

/** C[cOff..] += packed A (mc x kc) * packed B (kc x nc), 4x4 tiles. */
function macroKernel(
  mc: number, nc: number, kc: number, Ap: Float64Array, Bp: Float64Array,
  C: FloatArray, cOff: number, ldc: number,
): void {
  for (let s = 0; s < nc; s += NR) {
    const cols = Math.min(NR, nc - s);
    const bBase = s * kc;
    for (let r = 0; r < mc; r += MR) {
      const rows = Math.min(MR, mc - r);
      let a = r * kc;
      let b = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
        const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        a += MR;
        b += NR;
      }
      const c = cOff + r * ldc + s;
      if (rows === MR && cols === NR) {
        let o = c;
        C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03; o += ldc;
        C[o] += c10; C[o + 1] += c11; C[o + 2] += c12; C[o + 3] += c13; o += ldc;
        C[o] += c20; C[o + 1] += c21; C[o + 2] += c22; C[o + 3] += c23; o += ldc;
        C[o] += c30; C[o + 1] += c31; C[o + 2] += c32; C[o + 3] += c33;
      } else {
        addEdge(C, c, ldc, rows, cols,
          c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
      }
    }
  }
}

function addEdge(
  C: FloatArray, c: number, ldc: number, rows: number, cols: number,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number, c30: number, c31: number, c32: number, c33: number,
): void {
  const t = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) C[c + i * ldc + j] += t[i * 4 + j];
  }
}
