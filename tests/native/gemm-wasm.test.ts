// The wasm backend's gemm (SIMD128 tiles over packed panels) beyond the parity cases it
// shares with the addon (gemm-native.test.ts): BLAS edge semantics, argument errors, memory
// growth; and the committed kernels.wasm against a rebuild of its source.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gemmTS, wasmPath } from '../../src/native/index.js';
import { instantiateWasm } from '../../src/native/wasm.js';

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
