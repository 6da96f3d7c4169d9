// Parity: the OpenBLAS addon (and the CUDA addon, where one is built and a GPU is present,
// and the wasm kernels, which ship built) against the TypeScript kernel on the same random
// inputs. Skipped, with a note, when the addon is not built.
import { afterAll, describe, expect, it } from 'vitest';
import { backendInfo, gemm, gemmTS, setBackend, _resetNativeForTests } from '../../src/native/index.js';
import { caseName, cases, cloneWhole, expectGemmClose, firstDiff, naiveGemm, operands, type Ctor } from './helpers.js';

_resetNativeForTests();
const info = backendInfo();
const blas = info.blas.available;
const cuda = info.cuda.available;
if (!blas) console.warn(`[tests/native] OpenBLAS addon not available (${info.blas.reason}): native parity tests skipped. Build it: ${info.blas.hint}`);
if (!cuda) console.warn(`[tests/native] CUDA backend not available (${info.cuda.reason}): CUDA parity tests skipped.`);

afterAll(() => setBackend(null));

const TOL: [string, Ctor, number][] = [['float64', Float64Array, 1e-12], ['float32', Float32Array, 1e-4]];

function parity(backend: 'blas' | 'cuda' | 'wasm') {
  describe.each(TOL)(`${backend} vs TS, %s`, (_dt, Ctor, tol) => {
    it.each(cases().map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
      const { A, B, C, lda, ldb, ldc } = operands(Ctor, c, 7);
      const C2 = cloneWhole(C.whole, c.offset + 2);
      const scale = naiveGemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc, true);
      const aBefore = A.whole.slice(), bBefore = B.whole.slice();
      gemmTS(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc);
      setBackend(backend);
      gemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C2.view, ldc);
      setBackend(null);
      const ts = Float64Array.from({ length: c.m * c.n }, (_, q) => C.view[Math.floor(q / c.n) * ldc + (q % c.n)]);
      expectGemmClose(C2.view, ts, scale, c.m, c.n, ldc, tol);
      // Written in place (no copy), nothing outside C touched, inputs unchanged.
      expect(C2.whole[c.offset + 1]).toBe(777);
      expect(C2.whole[C2.whole.length - 1]).toBe(777);
      // The padding between C's rows (ldc > n) is as it was.
      for (let i = 0; i + 1 < c.m; i++) for (let j = c.n; j < ldc; j++) expect(C2.view[i * ldc + j]).toBe(C.view[i * ldc + j]);
      expect(firstDiff(A.whole, aBefore)).toBe(-1);
      expect(firstDiff(B.whole, bBefore)).toBe(-1);
    });
  });

  it(`${backend}: beta = 0 ignores NaN in C, like the TS kernel`, () => {
    setBackend(backend);
    const C = new Float64Array([NaN, Infinity, 5, 6]);
    gemm(false, false, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 2, 0, C, 2);
    setBackend(null);
    expect([...C]).toEqual([3, 4, 6, 8]);
  });

  it(`${backend}: k = 0 scales C by beta`, () => {
    setBackend(backend);
    const C = new Float32Array([1, 2, 3, 4]);
    gemm(false, false, 2, 2, 0, 1, new Float32Array(0), 1, new Float32Array(0), 2, 3, C, 2);
    setBackend(null);
    expect([...C]).toEqual([3, 6, 9, 12]);
  });
}

describe.skipIf(!blas)('OpenBLAS addon', () => {
  parity('blas');

  it('auto mode sends large products to the addon and the result matches', () => {
    const n = 40; // 40^3 >= NATIVE_MIN_FLOPS
    const A = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
    const B = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
    const C1 = new Float64Array(n * n), C2 = new Float64Array(n * n);
    gemm(false, false, n, n, n, 1, A, n, B, n, 0, C1, n);
    gemmTS(false, false, n, n, n, 1, A, n, B, n, 0, C2, n);
    for (let i = 0; i < n * n; i++) expect(Math.abs(C1[i] - C2[i])).toBeLessThan(1e-12 * n);
  });

  it('reports OpenBLAS config, core and threads', () => {
    setBackend('auto'); // what auto mode reports, whatever CG_BACKEND the suite runs under
    const i = backendInfo();
    setBackend(null);
    expect(i.blas.config).toMatch(/OpenBLAS/);
    expect(i.blas.corename).toBeTruthy();
    expect(i.blas.threads).toBeGreaterThanOrEqual(1);
    expect(i.kernels[0]).toMatchObject({ kernel: 'gemm', backend: 'ts+blas' });
  });
});

describe.skipIf(!cuda)('CUDA addon', () => {
  parity('cuda');
});

describe('wasm backend', () => {
  parity('wasm');
});
