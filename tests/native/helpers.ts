import { expect } from 'vitest';
import type { FloatArray } from '../../src/native/index.js';
import { mulberry32 } from '../../src/util/random.js';

export type Ctor = Float64ArrayConstructor | Float32ArrayConstructor;

/** A small deterministic PRNG (cg's mulberry32), values in [-1, 1). */
export function rng(seed: number): () => number {
  const u = mulberry32(seed);
  return () => u() * 2 - 1;
}

/** The textbook definition, in float64, with abs = true giving the rounding scale |alpha||A||B| + |beta||C|. */
export function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  A: FloatArray, lda: number, B: FloatArray, ldb: number, beta: number, C: FloatArray, ldc: number, abs = false,
): Float64Array {
  const f = abs ? Math.abs : (x: number) => x;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[p * lda + i] : A[i * lda + p];
        const b = transB ? B[j * ldb + p] : B[p * ldb + j];
        s += f(a) * f(b);
      }
      const c = C[i * ldc + j];
      out[i * n + j] = f(alpha) * s + (beta === 0 ? 0 : f(beta) * f(c));
    }
  }
  return out;
}

/**
 * A rows x cols matrix with leading dimension ld >= cols, starting `offset` elements into a
 * larger buffer: returns the subarray view (what the kernels get) and the whole buffer (to
 * check that nothing outside the matrix was touched). Padding holds a sentinel.
 */
export function viewMatrix(Ctor: Ctor, rows: number, cols: number, ld: number, offset: number, rand: () => number, sentinel = 777) {
  const whole = new Ctor(offset + Math.max(0, rows * ld) + 3).fill(sentinel);
  const view = whole.subarray(offset);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) view[i * ld + j] = rand();
  return { view, whole };
}

/** The cases the parity tests run: odd sizes, all transposes, alpha/beta not 0/1, views. */
export interface Case {
  m: number; n: number; k: number; transA: boolean; transB: boolean; alpha: number; beta: number;
  padA: number; padB: number; padC: number; offset: number;
}

export const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 9, 4], [9, 1, 4], [6, 5, 1], [7, 13, 5], [65, 33, 17], [130, 70, 91], [3, 1030, 300], [70, 3, 260],
];

export function cases(): Case[] {
  const out: Case[] = [];
  let i = 0;
  for (const [m, n, k] of SHAPES) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        i++;
        out.push({ m, n, k, transA, transB, alpha: i % 2 ? 1.7 : -0.6, beta: [0.3, 0, 1, -2.5][i % 4], padA: i % 3, padB: (i + 1) % 3, padC: i % 2 ? 2 : 0, offset: i % 5 });
      }
    }
  }
  return out;
}

export function caseName(c: Case): string {
  return `${c.m}x${c.n}x${c.k} ${c.transA ? 'T' : 'N'}${c.transB ? 'T' : 'N'} alpha=${c.alpha} beta=${c.beta} pads=${c.padA},${c.padB},${c.padC} offset=${c.offset}`;
}

/** Builds the operands of a case: views with lda = stored cols + pad, at an offset. */
export function operands(Ctor: Ctor, c: Case, seed: number) {
  const r = rng(seed);
  const [ar, ac] = c.transA ? [c.k, c.m] : [c.m, c.k];
  const [br, bc] = c.transB ? [c.n, c.k] : [c.k, c.n];
  const lda = Math.max(1, ac + c.padA), ldb = Math.max(1, bc + c.padB), ldc = Math.max(1, c.n + c.padC);
  const A = viewMatrix(Ctor, ar, ac, lda, c.offset, r);
  const B = viewMatrix(Ctor, br, bc, ldb, c.offset + 1, r);
  const C = viewMatrix(Ctor, c.m, c.n, ldc, c.offset + 2, r);
  return { A, B, C, lda, ldb, ldc };
}

/** Every element of got within tol * (scale + tiny) of want; C's padding untouched. */
export function expectGemmClose(got: FloatArray, want: Float64Array, scale: Float64Array, m: number, n: number, ldc: number, tol: number): void {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const e = Math.abs(got[i * ldc + j] - want[i * n + j]) / (scale[i * n + j] + 1e-300);
      if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
    }
    for (let j = n; j < ldc; j++) expect(got[i * ldc + j]).toBe(777);
  }
  expect(worst).toBeLessThanOrEqual(tol);
}

/** Copies a typed array (its whole buffer region), to give two kernels the same input C. */
export function cloneWhole<T extends FloatArray>(whole: T, offset: number): { whole: T; view: T } {
  const copy = whole.slice() as T;
  return { whole: copy, view: copy.subarray(offset) as T };
}

/** Index of the first difference of two arrays (NaN equal to NaN), or -1: cheaper than toEqual on big arrays. */
export function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}
