// The wasm backend's gemm (SIMD128 tiles over packed panels) against the TypeScript kernel:
// the same cases as the addon's parity tests (odd sizes, every transpose, alpha/beta, views
// with padding that must stay untouched), and the committed kernels.wasm against a rebuild
// of its source.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gemm, gemmTS, setBackend, wasmPath } from '../../src/native/index.js';
import { instantiateWasm } from '../../src/native/wasm.js';
import { caseName, cases, cloneWhole, expectGemmClose, firstDiff, naiveGemm, operands, type Ctor } from './helpers.js';

afterAll(() => setBackend(null));
const TOL: [string, Ctor, number][] = [['float64', Float64Array, 1e-12], ['float32', Float32Array, 1e-4]];

describe.each(TOL)('wasm vs TS, %s', (_dt, Ctor, tol) => {
  it.each(cases().map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
    const { A, B, C, lda, ldb, ldc } = operands(Ctor, c, 7);
    const C2 = cloneWhole(C.whole, c.offset + 2);
    const scale = naiveGemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc, true);
    const aBefore = A.whole.slice(), bBefore = B.whole.slice();
    gemmTS(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C.view, ldc);
    setBackend('wasm');
    gemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, A.view, lda, B.view, ldb, c.beta, C2.view, ldc);
    setBackend(null);
    const ts = Float64Array.from({ length: c.m * c.n }, (_, q) => C.view[Math.floor(q / c.n) * ldc + (q % c.n)]);
    expectGemmClose(C2.view, ts, scale, c.m, c.n, ldc, tol);
    expect(C2.whole[c.offset + 1]).toBe(777);
    expect(C2.whole[C2.whole.length - 1]).toBe(777);
    // The padding between C's rows (ldc > n) is as it was.
    for (let i = 0; i + 1 < c.m; i++) for (let j = c.n; j < ldc; j++) expect(C2.view[i * ldc + j]).toBe(C.view[i * ldc + j]);
    expect(firstDiff(A.whole, aBefore)).toBe(-1);
    expect(firstDiff(B.whole, bBefore)).toBe(-1);
  });
});

describe('wasm gemm edge cases', () => {
  const w = instantiateWasm(wasmPath());
  it('beta = 0 ignores NaN in C; k = 0 scales C by beta; alpha = 0 reads neither A nor B', () => {
    const C = new Float64Array([NaN, Infinity, 5, 6]);
    w.gemm(false, false, 2, 2, 1, 1, new Float64Array([1, 2]), 1, new Float64Array([3, 4]), 2, 0, C, 2);
    expect([...C]).toEqual([3, 4, 6, 8]);
    const D = new Float32Array([1, 2, 3, 4]);
    w.gemm(false, false, 2, 2, 0, 1, new Float32Array(0), 1, new Float32Array(0), 2, 3, D, 2);
    expect([...D]).toEqual([3, 6, 9, 12]);
    const E = new Float32Array([1, 2]);
    w.gemm(false, false, 1, 2, 1, 0, new Float32Array([NaN]), 1, new Float32Array([NaN, NaN]), 2, 2, E, 2);
    expect([...E]).toEqual([2, 4]);
  });
  it('bad arguments throw the TypeScript kernel errors', () => {
    const a = new Float32Array(4);
    expect(() => w.gemm(false, false, 2, 2, 2, 1, a, 2, new Float64Array(4), 2, 0, a.slice(), 2)).toThrow(TypeError);
    expect(() => w.gemm(false, false, 3, 2, 2, 1, a, 2, a.slice(), 2, 0, a.slice(), 2)).toThrow(RangeError);
  });
  it('grows its memory for a large product and gets it right', () => {
    const [m, n, k] = [300, 700, 900];
    const A = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const B = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const [C1, C2] = [new Float32Array(m * n), new Float32Array(m * n)];
    w.gemm(false, false, m, n, k, 1, A, k, B, n, 0, C1, n);
    gemmTS(false, false, m, n, k, 1, A, k, B, n, 0, C2, n);
    expect(w.memoryBytes()).toBeGreaterThan((m * k + k * n + m * n) * 4);
    let err = 0;
    for (let i = 0; i < C1.length; i++) err = Math.max(err, Math.abs(C1[i] - C2[i]));
    expect(err).toBeLessThan(1e-3);
  });
});

describe('kernels.wasm is reproducible', () => {
  it('rebuilding src/native/wasm/kernels.ts gives the committed bytes', () => {
    const script = fileURLToPath(new URL('../../scripts/native/build-wasm.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('matches its source');
    expect(r.status).toBe(0);
  }, 60_000);
});
