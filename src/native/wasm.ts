/**
 * The WebAssembly backend: gemm on SIMD128 register tiles over packed panels, from
 * src/native/wasm/kernels.wasm (built from kernels.ts, AssemblyScript, by
 * scripts/native/build-wasm.mjs and committed: nothing is compiled or downloaded on the
 * user's machine). For machines without the OpenBLAS addon.
 *
 * The kernel works in the module's own memory, so a call copies the spans of A, B and C in
 * and C's back out: O(mk + kn + mn) against O(mnk) of work, which is why auto mode sends
 * only products of WASM_MIN_FLOPS or more here. Arguments are checked by the TypeScript
 * kernel's checks first, so errors are the same on every backend.
 */
import { readFileSync } from 'node:fs';
import { checkGemmArgs, type FloatArray } from './gemm.js';

/** Auto mode sends products with m*n*k at least this to wasm (when the addon is not there). */
export const WASM_MIN_FLOPS = 4096;

interface Exports {
  memory: WebAssembly.Memory;
  packedBytes(n: number, f64: number): number;
  gemm_f32: GemmFn;
  gemm_f64: GemmFn;
}
type GemmFn = (
  tA: number, tB: number, m: number, n: number, k: number, alpha: number, A: number, lda: number,
  B: number, ldb: number, beta: number, C: number, ldc: number, work: number,
) => void;

export interface WasmBackend {
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    A: FloatArray, lda: number, B: FloatArray, ldb: number, beta: number, C: FloatArray, ldc: number,
  ): void;
  /** Bytes of wasm memory now held (it grows to the largest call's operands, never shrinks). */
  memoryBytes(): number;
}

/** First byte the backend uses: below it, whatever the AssemblyScript runtime keeps. */
const BASE = 65536;

const align = (x: number) => (x + 63) & ~63;

export function instantiateWasm(path: string): WasmBackend {
  const mod = new WebAssembly.Module(readFileSync(path));
  const ex = new WebAssembly.Instance(mod, { env: {} }).exports as unknown as Exports;
  const mem = ex.memory;

  function ensure(bytes: number): void {
    const have = mem.buffer.byteLength;
    if (bytes > have) mem.grow(Math.ceil((bytes - have) / 65536));
  }

  return {
    memoryBytes: () => mem.buffer.byteLength,
    gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc) {
      checkGemmArgs(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
      if (m === 0 || n === 0) return;
      const f64 = C instanceof Float64Array;
      const es = f64 ? 8 : 4;
      // Elements each stored matrix spans from its first entry.
      const spanA = k === 0 ? 0 : transA ? (k - 1) * lda + m : (m - 1) * lda + k;
      const spanB = k === 0 ? 0 : transB ? (n - 1) * ldb + k : (k - 1) * ldb + n;
      const spanC = (m - 1) * ldc + n;
      const offA = BASE;
      const offB = align(offA + spanA * es);
      const offC = align(offB + spanB * es);
      const offW = align(offC + spanC * es);
      ensure(offW + ex.packedBytes(n, f64 ? 1 : 0));
      const Ctor = f64 ? Float64Array : Float32Array;
      const buf = mem.buffer;
      if (spanA) new Ctor(buf, offA, spanA).set(A.subarray(0, spanA));
      if (spanB) new Ctor(buf, offB, spanB).set(B.subarray(0, spanB));
      // C whole (its span, gaps between rows included), so the copy back leaves the gaps as they were.
      const c = new Ctor(buf, offC, spanC);
      c.set(C.subarray(0, spanC));
      (f64 ? ex.gemm_f64 : ex.gemm_f32)(+transA, +transB, m, n, k, alpha, offA, lda, offB, ldb, beta, offC, ldc, offW);
      C.set(c);
    },
  };
}
