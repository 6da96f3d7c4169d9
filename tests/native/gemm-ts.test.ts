// The TypeScript gemm against the textbook triple loop (always runs, addon or not).
import { describe, expect, it } from 'vitest';
import { gemmTS } from '../../src/native/index.js';
import { caseName, cases, expectGemmClose, firstDiff, naiveGemm, operands, type Ctor } from './helpers.js';

const TOL: [string, Ctor, number][] = [['float64', Float64Array, 1e-12], ['float32', Float32Array, 1e-4]];

describe.each(TOL)('TS gemm vs naive, %s', (_dt, Ctor, tol) => {
  it.each(cases().map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
    const { A, B, C, lda, ldb, ldc } = operands(Ctor, c, 42);
    const want = naiveGemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc);
    const scale = naiveGemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc, true);
    const aBefore = A.whole.slice(), bBefore = B.whole.slice();
    gemmTS(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc);
    expectGemmClose(C.view, want, scale, c.m, c.n, ldc, tol);
    expect(firstDiff(A.whole, aBefore), 'A changed').toBe(-1);
    expect(firstDiff(B.whole, bBefore), 'B changed').toBe(-1);
    // Nothing written before the view or after the last row of C.
    expect(C.whole[c.offset + 1]).toBe(777);
    expect(C.whole[C.whole.length - 1]).toBe(777);
  });
});

describe('TS gemm edge cases', () => {
  it('beta = 0 overwrites C, NaN included (BLAS semantics)', () => {
    const C = new Float64Array([NaN, Infinity, 5, 6]);
    gemmTS(false, false, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 2, 0, C, 2);
    expect([...C]).toEqual([3, 4, 6, 8]);
  });
  it('k = 0 and alpha = 0 only scale C by beta', () => {
    const C = new Float64Array([1, 2, 3, 4]);
    gemmTS(false, false, 2, 2, 0, 1, new Float64Array(0), 1, new Float64Array(0), 2, 3, C, 2);
    expect([...C]).toEqual([3, 6, 9, 12]);
    gemmTS(false, false, 2, 2, 1, 0, new Float64Array([NaN, NaN]), 1, new Float64Array([1, 1]), 2, 0.5, C, 2);
    expect([...C]).toEqual([1.5, 3, 4.5, 6]);
  });
  it('m = 0 or n = 0 does nothing', () => {
    const C = new Float32Array([9]);
    gemmTS(false, false, 0, 1, 1, 1, new Float32Array(0), 1, new Float32Array(1), 1, 0, C, 1);
    gemmTS(false, false, 1, 0, 1, 1, new Float32Array(1), 1, new Float32Array(0), 1, 0, C, 1);
    expect(C[0]).toBe(9);
  });
  it('a 2x3 times 3x2 worked example, and its transposes', () => {
    const A = new Float64Array([1, 2, 3, 4, 5, 6]); // 2x3
    const B = new Float64Array([7, 8, 9, 10, 11, 12]); // 3x2
    const C = new Float64Array(4);
    gemmTS(false, false, 2, 2, 3, 1, A, 3, B, 2, 0, C, 2);
    expect([...C]).toEqual([58, 64, 139, 154]);
    // A^T (3x2 stored as 2x3 read transposed) times B^T: (A^T)(B^T) = (BA)^T, 3x3
    const D = new Float64Array(9);
    gemmTS(true, true, 3, 3, 2, 1, A, 3, B, 2, 0, D, 3);
    expect([...D]).toEqual([39, 49, 59, 54, 68, 82, 69, 87, 105]);
  });
});
