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
 *
 * The elementwise kernels (wasm-elementwise.ts) copy their operands the same way, except
 * those that already live in an arena's memory (optimizer moments: see there).
 */
import { readFileSync } from 'node:fs';
import { checkGemmArgs, type FloatArray } from './gemm.js';
import type { ElementwiseKernels } from './elementwise.js';
import { BASE, align, elementwiseOn, type Arena, type EwExports } from './wasm-elementwise.js';

/** Auto mode sends products with m*n*k at least this to wasm (when the addon is not there). */
export const WASM_MIN_FLOPS = 4096;

/**
 * The wasm elementwise kernels run passes of at least this many entries. Measured with
 * scripts/native/wasm-crossover.mjs (float32, per call, copies included, this machine): at 1024 entries relu 0.6 us in TS vs 0.8 in wasm,
 * bias+relu 0.9 vs 1.1, relu backward 1.3 vs 1.1; at 2048 wasm wins each 2-3x (3.5 vs 1.2,
 * 3.6 vs 1.8, 5.1 vs 1.6); at 65536 4-6x; Adam wins from 1024 on (4.8 vs 2.4 us).
 */
export const WASM_ELEMENTWISE_MIN = 2048;

interface Exports extends EwExports {
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
  /** The elementwise kernels, operands copied in and out per call (gatherRows: the TypeScript one). */
  elementwise: ElementwiseKernels;
  /**
   * A separate instance whose memory is sized now and never grows, holding arrays of the
   * given sizes (views that stay valid: state that lives in wasm) and room to copy `scratch`
   * more entries in per call; its kernels use the views in place.
   */
  arena(f64: boolean, sizes: readonly number[], scratch: number): Arena;
}

export function instantiateWasm(path: string): WasmBackend {
  const mod = new WebAssembly.Module(readFileSync(path));
  const ex = new WebAssembly.Instance(mod, { env: {} }).exports as unknown as Exports;
  const mem = ex.memory;
  const elementwise = elementwiseOn(ex, BASE, false);

  function ensure(bytes: number): void {
    const have = mem.buffer.byteLength;
    if (bytes > have) mem.grow(Math.ceil((bytes - have) / 65536));
  }

  return {
    memoryBytes: () => mem.buffer.byteLength,
    elementwise,
    arena(f64, sizes, scratch) {
      const ax = new WebAssembly.Instance(mod, { env: {} }).exports as unknown as EwExports;
      const es = f64 ? 8 : 4;
      const Ctor = f64 ? Float64Array : Float32Array;
      let top = BASE;
      const offsets = sizes.map((n) => {
        const at = top;
        top = align(top + n * es);
        return at;
      });
      // Room for two copied operands of `scratch` entries each (w and g), aligned.
      const end = top + 2 * align(scratch * es) + 64;
      const have = ax.memory.buffer.byteLength;
      if (end > have) ax.memory.grow(Math.ceil((end - have) / 65536));
      const buf = ax.memory.buffer;
      const views = offsets.map((at, i) => new Ctor(buf, at, sizes[i]) as FloatArray);
      return { views, kernels: elementwiseOn(ax, top, true, elementwise) };
    },
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
      // C whole (its span, gaps between rows included), so the copy back leaves the gaps as they
      // were; with beta = 0 and no gaps the kernel overwrites every entry: nothing to copy in.
      const c = new Ctor(buf, offC, spanC);
      if (beta !== 0 || (ldc !== n && m > 1)) c.set(C.subarray(0, spanC));
      (f64 ? ex.gemm_f64 : ex.gemm_f32)(+transA, +transB, m, n, k, alpha, offA, lda, offB, ldb, beta, offC, ldc, offW);
      C.set(c);
    },
  };
}
