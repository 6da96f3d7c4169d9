/**
 * cg's kernel seam: every matrix product in cg calls `gemm` here, and this module decides
 * where it runs: the TypeScript kernel (src/native/gemm.ts, always there), the OpenBLAS
 * addon (build/Release/cg_native.node, optional) or the CUDA addon (build/Release/
 * cg_cuda.node, optional, only when forced). Ops never ask.
 *
 * Nothing native is loaded at import time (cg's startup must stay near `node -e 0`): the
 * OpenBLAS addon is required once the gemm work is large enough to pay for loading it (see
 * NATIVE_LOAD_AFTER_FLOPS), or by backendInfo()/setBackend('blas'). Before it is
 * required, OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS are put into the environment (see
 * openblas-env.ts), because libopenblas reads them once, when it is loaded.
 *
 * Without the addon, auto mode sends products of WASM_MIN_FLOPS or more to the WebAssembly
 * kernels (wasm.ts, shipped built): the loader's order is addon, wasm, TypeScript.
 *
 * Backend choice: CG_BACKEND=ts|wasm|blas|cuda (or setBackend(), for a --backend flag) forces
 * one for every call, and forcing one that is not available throws CgError('backend').
 * Unforced ('auto'), products with m*n*k below NATIVE_MIN_FLOPS stay in TypeScript and
 * larger ones go to OpenBLAS when the addon is built and loaded (it is loaded once enough
 * work has come along to pay for loading it: NATIVE_LOAD_AFTER_FLOPS). CUDA is never picked
 * automatically: its crossover (PCIe copies both ways) has not been measured.
 */
import { CgError } from '../errors.js';
import { checkArity, gemmTS, type FloatArray } from './gemm.js';
import { BLAS_HINT, BackendRequest, CUDA_HINT, NATIVE_ELEMENTWISE_MIN, NATIVE_LOAD_AFTER_FLOPS, NATIVE_MIN_FLOPS, WASM_HINT, loadBlas, loadCuda, loadWasm, parseRequest, request, state } from './load.js';
import type { ElementwiseKernels } from './elementwise.js';
import { WASM_ELEMENTWISE_MIN, WASM_MIN_FLOPS, type WasmBackend } from './wasm.js';

// This file is the seam's dispatch (gemm, setBackend); loading lives in load.ts, the report in info.ts.
export type { FloatArray } from './gemm.js';
export { gemmTS, checkGemmArgs } from './gemm.js';
export { coretypeForFlags, cpuFlags, prepareOpenBlasEnv, type OpenBlasEnv } from './openblas-env.js';
export { ACT, elementwiseTS, loops as elementwiseLoops, updates as updatesTS, type ActKind, type ElementwiseKernels } from './elementwise.js';
export { WASM_ELEMENTWISE_MIN } from './wasm.js';
export { NATIVE_LOAD_AFTER_FLOPS, NATIVE_MIN_FLOPS, NATIVE_ELEMENTWISE_MIN, nativeBuildDir, wasmPath, _resetNativeForTests, type Backend, type BackendRequest } from './load.js';
export { backendInfo, type BackendInfo, type KernelInfo } from './info.js';

function unavailable(backend: 'blas' | 'cuda' | 'wasm', reason: string): CgError {
  const by = state.requestSource === 'CG_BACKEND' ? `CG_BACKEND=${backend}` : `--backend ${backend}`;
  return new CgError('backend', `backend "${backend}" (${by}) is not available: ${reason}`, {
    hint: backend === 'blas' ? `build it with: ${BLAS_HINT}` : backend === 'wasm' ? WASM_HINT : `build it ${CUDA_HINT}`,
  });
}

/**
 * Forces a backend for every kernel call ('auto' picks by size again; null forgets the
 * choice and re-reads CG_BACKEND on the next call). Forcing 'blas' or 'cuda' loads that
 * addon now and throws CgError('backend', ...) if it is not available. Accepts any string
 * so a CLI flag can pass its value straight through; a bad name is a CgError too.
 */
export function setBackend(backend: BackendRequest | string | null): void {
  if (backend === null) {
    state.request = undefined;
    state.requestSource = 'default';
    return;
  }
  const req = parseRequest(backend, '--backend');
  state.request = req;
  state.requestSource = 'setBackend';
  if (req !== 'auto' && req !== 'ts') forcedAddon(req);
}

const LOADERS = { blas: loadBlas, cuda: loadCuda, wasm: loadWasm };

/** A forced backend's addon, loaded (once), or the error that says why it is not available. */
function forcedAddon(backend: keyof typeof LOADERS) {
  const a = LOADERS[backend]();
  if (!a.ok) throw unavailable(backend, a.reason);
  return a.addon;
}

/** The backend request now in force ('auto' unless CG_BACKEND or setBackend says otherwise). */
export function getBackend(): BackendRequest {
  return request();
}

/**
 * C = alpha * op(A) * op(B) + beta * C, row-major, op(X) = X^T when trans is true.
 * op(A) is m x k (A stored k x m when transA), op(B) is k x n, C is m x n; lda/ldb/ldc are
 * the stored row strides. A, B and C are all Float64Array or all Float32Array; pass a
 * subarray to start a matrix at an offset (no copy is made on any backend but CUDA's
 * device transfer). Bad arguments throw TypeError/RangeError; a forced backend that is not
 * available throws CgError('backend').
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: FloatArray, lda: number, B: FloatArray, ldb: number,
  beta: number, C: FloatArray, ldc: number,
): void {
  if (arguments.length !== 13) checkArity(arguments.length);
  const req = state.request ?? request();
  if (req === 'auto') {
    const flops = m * n * k;
    if (flops >= NATIVE_MIN_FLOPS) {
      let b = state.blas;
      if (b === undefined && (state.pending += flops) >= NATIVE_LOAD_AFTER_FLOPS) b = loadBlas();
      if (b?.ok) {
        b.addon.gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
      }
      // No addon (tried and failed to load): the wasm kernels for products large enough.
      if (b && flops >= WASM_MIN_FLOPS) {
        const w = state.wasm ?? loadWasm();
        if (w.ok) {
          w.addon.gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
          return;
        }
      }
    }
  } else if (req !== 'ts') {
    forcedAddon(req).gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  gemmTS(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

/**
 * The backend's elementwise kernels when they should run n entries, else undefined: the
 * caller's TypeScript loops serve. Follows the gemm choice: forced ts keeps them in
 * TypeScript; forced blas or cuda uses the OpenBLAS addon's when it is built; forced wasm the
 * wasm module's (from WASM_ELEMENTWISE_MIN entries); auto the addon's once gemm has loaded
 * it, or the wasm module's when the addon failed to load.
 */
export function nativeElementwise(n: number): ElementwiseKernels | undefined {
  const req = request();
  if (req === 'ts' || n < NATIVE_ELEMENTWISE_MIN) return undefined;
  if (req === 'wasm') {
    if (n < WASM_ELEMENTWISE_MIN) return undefined;
    const w = loadWasm();
    if (!w.ok) throw unavailable('wasm', w.reason);
    return w.addon.elementwise;
  }
  const b = req === 'auto' ? state.blas : loadBlas();
  // An addon built before these kernels existed has gemm only.
  if (b?.ok) return typeof b.addon.adam === 'function' ? b.addon : undefined;
  if (req === 'auto' && b && n >= WASM_ELEMENTWISE_MIN) {
    const w = state.wasm ?? loadWasm();
    if (w.ok) return w.addon.elementwise;
  }
  return undefined;
}

/**
 * The wasm backend when its elementwise kernels are the ones nativeElementwise(n) gives
 * (the optimizers then keep their state in a wasm arena), else undefined.
 */
export function wasmElementwise(n: number): WasmBackend | undefined {
  const k = nativeElementwise(n);
  const w = state.wasm;
  return k && w?.ok && k === w.addon.elementwise ? w.addon : undefined;
}
