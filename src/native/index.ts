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
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CgError } from '../errors.js';
import { checkArity, checkGemmArgs, gemmUnchecked, type FloatArray } from './gemm.js';
import { prepareOpenBlasEnv, type CoretypeSource, type ThreadsSource } from './openblas-env.js';
import type { ElementwiseKernels } from './elementwise.js';
import { instantiateWasm, WASM_MIN_FLOPS, type WasmBackend } from './wasm.js';

export type { FloatArray } from './gemm.js';
export { gemmTS, checkGemmArgs } from './gemm.js';
export { coretypeForFlags, cpuFlags, prepareOpenBlasEnv, type OpenBlasEnv } from './openblas-env.js';
export { ACT, elementwiseTS, loops as elementwiseLoops, updates as updatesTS, type ActKind, type ElementwiseKernels } from './elementwise.js';

export type Backend = 'ts' | 'wasm' | 'blas' | 'cuda';
export type BackendRequest = Backend | 'auto';

/**
 * Once the OpenBLAS addon is loaded, auto mode sends a product to it when m*n*k (multiply-
 * adds) is at least this, and keeps smaller ones in TypeScript. Measured with
 * scripts/native/crossover.mjs: microseconds per call for square n = 2..64 and skinny
 * 1xNxN / NxNx1 / Nx1xN shapes, float64 and float32, median of 15 batches, addon loaded,
 * OPENBLAS_CORETYPE=SkylakeX, 2 threads, 2-core AMD EPYC (AVX-512), Node 20. A call into
 * the addon costs ~0.32 us however small; the TS kernel is faster up to m*n*k ~ 64 (2x2x2:
 * 0.20 vs 0.32 us), even around 64, and from m*n*k = 216 on the addon won every shape
 * (6x6x6 f64: 0.51 vs 0.35 us; 8x8x8: 0.57 vs 0.34 us; 16^3: 2.7 vs 0.42 us).
 */
export const NATIVE_MIN_FLOPS = 256;

/**
 * When the addon is loaded at all. Loading it (dlopen of libopenblas, its thread pool) took
 * 3.6-4.6 ms here, which a one-shot CLI calculation with small matrices would never win back
 * (the TS kernel does ~1.5e9 multiply-adds/s on small products, so 4 ms is ~6e6 of them). So
 * products above NATIVE_MIN_FLOPS run in TypeScript until they add up to this many
 * multiply-adds (about 3 ms of TS time, one large product or many smaller ones, as in
 * training), and only then is the addon loaded: the ski-rental rule, never more than about
 * twice the cost of the better choice in hindsight. backendInfo() and a forced 'blas' load it
 * at once.
 */
export const NATIVE_LOAD_AFTER_FLOPS = 4e6;

const BLAS_HINT = 'apt-get install libopenblas-dev && npm run build:native';
const WASM_HINT = 'kernels.wasm ships with cg: reinstall it, or rebuild the module with npm run build:wasm';
const CUDA_HINT = 'on a machine with the CUDA toolkit and an NVIDIA GPU: CG_CUDA=1 npm run build:native';

interface BlasAddon extends ElementwiseKernels {
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    A: FloatArray, lda: number, B: FloatArray, ldb: number, beta: number, C: FloatArray, ldc: number,
  ): void;
  info(): { config: string; corename: string; threads: number };
  setThreads(n: number): number;
}

interface CudaAddon {
  gemm: BlasAddon['gemm'];
  info(): { devices: number; device?: string; computeCapability?: string; kernel: string; error?: string };
}

type Loaded<T> = { ok: true; addon: T; path: string; loadMs: number } | { ok: false; path: string; reason: string };

interface State {
  buildDir: string | undefined;
  request: BackendRequest | undefined; // undefined: not decided yet (read CG_BACKEND)
  requestSource: 'default' | 'CG_BACKEND' | 'setBackend';
  blas: Loaded<BlasAddon> | undefined;
  cuda: Loaded<CudaAddon> | undefined;
  wasm: Loaded<WasmBackend> | undefined;
  env: ReturnType<typeof prepareOpenBlasEnv> | undefined;
  /** Multiply-adds done in TS on products that would have gone native, before the addon loaded. */
  pending: number;
}

const state: State = { buildDir: undefined, request: undefined, requestSource: 'default', blas: undefined, cuda: undefined, wasm: undefined, env: undefined, pending: 0 };

/**
 * The directory holding the built addons: `build/Release` under cg's package root, found
 * by walking up from this file (src/native/index.ts under vitest, dist/*.mjs when bundled)
 * to the package.json named "cg" (else the first package.json).
 */
export function nativeBuildDir(): string {
  state.buildDir ??= join(packageRoot(), 'build', 'Release');
  return state.buildDir;
}

let root: string | undefined;

/** cg's package root: the directory of the package.json named "cg" above this file (else the first). */
function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  let first: string | undefined;
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      first ??= dir;
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown }).name === 'cg') {
          first = dir;
          break;
        }
      } catch {
        // unreadable package.json: keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  root = first ?? process.cwd();
  return root;
}

function requireAddon<T>(file: string): Loaded<T> {
  const path = join(nativeBuildDir(), file);
  if (!existsSync(path)) return { ok: false, path, reason: `${file} is not built (no ${path})` };
  try {
    const t0 = performance.now();
    const addon = createRequire(import.meta.url)(path) as T;
    return { ok: true, addon, path, loadMs: performance.now() - t0 };
  } catch (e) {
    return { ok: false, path, reason: `${file} failed to load: ${(e as Error).message.split('\n')[0]}` };
  }
}

function loadBlas(): Loaded<BlasAddon> {
  if (state.blas) return state.blas;
  state.env = prepareOpenBlasEnv(process.env);
  const loaded = requireAddon<BlasAddon>('cg_native.node');
  if (loaded.ok && state.env.threadsSource === 'CG_THREADS') {
    // prepareOpenBlasEnv already put CG_THREADS into OPENBLAS_NUM_THREADS; say it again
    // through the API in case libopenblas was loaded earlier by something else.
    try {
      loaded.addon.setThreads(state.env.threads);
    } catch {
      // out of range (the addon accepts 1..1024): OpenBLAS keeps its own count
    }
  }
  state.blas = loaded;
  return loaded;
}

/** The committed wasm module, beside its source: <package>/src/native/wasm/kernels.wasm (CG_WASM_PATH overrides, for tests). */
export function wasmPath(): string {
  return process.env.CG_WASM_PATH || join(packageRoot(), 'src', 'native', 'wasm', 'kernels.wasm');
}

function loadWasm(): Loaded<WasmBackend> {
  if (state.wasm) return state.wasm;
  const path = wasmPath();
  if (!existsSync(path)) return (state.wasm = { ok: false, path, reason: `kernels.wasm is missing (no ${path})` });
  try {
    const t0 = performance.now();
    const addon = instantiateWasm(path);
    state.wasm = { ok: true, addon, path, loadMs: performance.now() - t0 };
  } catch (e) {
    state.wasm = { ok: false, path, reason: `kernels.wasm failed to load: ${(e as Error).message.split('\n')[0]}` };
  }
  return state.wasm;
}

function loadCuda(): Loaded<CudaAddon> {
  if (state.cuda) return state.cuda;
  let loaded = requireAddon<CudaAddon>('cg_cuda.node');
  if (loaded.ok) {
    const info = loaded.addon.info();
    if (info.devices < 1) {
      loaded = { ok: false, path: loaded.path, reason: `no usable CUDA device (${info.error ?? 'device count 0'})` };
    }
  }
  state.cuda = loaded;
  return loaded;
}

function parseRequest(value: string, source: string): BackendRequest {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'ts' || v === 'wasm' || v === 'blas' || v === 'cuda') return v;
  throw new CgError('backend', `unknown backend "${value}" in ${source}`, { hint: 'use ts, wasm, blas, cuda or auto' });
}

function request(): BackendRequest {
  if (state.request === undefined) {
    const env = process.env.CG_BACKEND;
    state.request = env === undefined ? 'auto' : parseRequest(env, 'CG_BACKEND');
    state.requestSource = env === undefined || state.request === 'auto' ? 'default' : 'CG_BACKEND';
  }
  return state.request;
}

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
  if (req === 'blas') {
    const b = loadBlas();
    if (!b.ok) throw unavailable('blas', b.reason);
  } else if (req === 'cuda') {
    const c = loadCuda();
    if (!c.ok) throw unavailable('cuda', c.reason);
  } else if (req === 'wasm') {
    const w = loadWasm();
    if (!w.ok) throw unavailable('wasm', w.reason);
  }
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
  } else if (req === 'wasm') {
    const w = state.wasm ?? loadWasm();
    if (!w.ok) throw unavailable('wasm', w.reason);
    w.addon.gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  } else if (req === 'blas') {
    const b = state.blas ?? loadBlas();
    if (!b.ok) throw unavailable('blas', b.reason);
    b.addon.gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  } else if (req === 'cuda') {
    const c = state.cuda ?? loadCuda();
    if (!c.ok) throw unavailable('cuda', c.reason);
    c.addon.gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  checkGemmArgs(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
  gemmUnchecked(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

export interface KernelInfo {
  kernel: string;
  /** 'ts', 'blas' or 'cuda'; 'ts+blas' when auto mode splits by size; 'none' when forced and missing. */
  backend: string;
  why: string;
}

export interface BackendInfo {
  request: BackendRequest;
  requestSource: 'default' | 'CG_BACKEND' | 'setBackend';
  /** False when the forced backend is not available (or CG_BACKEND is not a backend name). */
  ok: boolean;
  error?: string;
  kernels: KernelInfo[];
  nativeMinFlops: number;
  nativeLoadAfterFlops: number;
  blas: {
    available: boolean;
    path: string;
    reason?: string;
    loadMs?: number;
    config?: string;
    corename?: string;
    threads: number;
    threadsSource: ThreadsSource;
    coretype: string | null;
    coretypeSource: CoretypeSource;
    hint?: string;
  };
  wasm: {
    available: boolean;
    path: string;
    reason?: string;
    loadMs?: number;
    minFlops: number;
    hint?: string;
  };
  cuda: {
    available: boolean;
    path: string;
    reason?: string;
    device?: string;
    computeCapability?: string;
    kernel?: string;
    hint?: string;
  };
}

/**
 * Which backend each kernel uses and why, plus the OpenBLAS and CUDA details. Loads the
 * OpenBLAS addon (and the CUDA one if it is built) to ask them; never throws for a missing
 * or forced-but-missing backend, it reports it (ok: false).
 */
export function backendInfo(): BackendInfo {
  let req: BackendRequest = 'auto';
  let error: string | undefined;
  try {
    req = request();
  } catch (e) {
    error = (e as Error).message;
  }
  const blas = loadBlas();
  const env = state.env!;
  const cudaBuilt = existsSync(join(nativeBuildDir(), 'cg_cuda.node'));
  const cuda = cudaBuilt || req === 'cuda' ? loadCuda() : undefined;
  const wasm = loadWasm();
  const wasmInfo: BackendInfo['wasm'] = wasm.ok
    ? { available: true, path: wasm.path, loadMs: Math.round(wasm.loadMs * 10) / 10, minFlops: WASM_MIN_FLOPS }
    : { available: false, path: wasm.path, reason: wasm.reason, minFlops: WASM_MIN_FLOPS, hint: WASM_HINT };

  const blasInfo: BackendInfo['blas'] = {
    available: blas.ok,
    path: blas.path,
    threads: env.threads,
    threadsSource: env.threadsSource,
    coretype: env.coretype ?? null,
    coretypeSource: env.coretypeSource,
  };
  if (blas.ok) {
    const i = blas.addon.info();
    Object.assign(blasInfo, { loadMs: Math.round(blas.loadMs * 10) / 10, config: i.config, corename: i.corename, threads: i.threads });
  } else {
    Object.assign(blasInfo, { reason: blas.reason, hint: BLAS_HINT });
  }
  const cudaPath = join(nativeBuildDir(), 'cg_cuda.node');
  const cudaInfo: BackendInfo['cuda'] = cuda?.ok
    ? { available: true, path: cuda.path, ...pickCuda(cuda.addon) }
    : { available: false, path: cudaPath, reason: cuda ? cuda.reason : 'cg_cuda.node is not built (CUDA is built only with CG_CUDA=1)', hint: CUDA_HINT };

  let gemmInfo: KernelInfo;
  const src = state.requestSource === 'CG_BACKEND' ? 'CG_BACKEND' : '--backend';
  if (error) {
    gemmInfo = { kernel: 'gemm', backend: 'none', why: error };
  } else if (req === 'ts') {
    gemmInfo = { kernel: 'gemm', backend: 'ts', why: `forced by ${src}=ts` };
  } else if (req === 'wasm') {
    gemmInfo = wasm.ok
      ? { kernel: 'gemm', backend: 'wasm', why: `forced by ${src}=wasm (SIMD128 kernels, ${wasm.path})` }
      : { kernel: 'gemm', backend: 'none', why: `forced by ${src}=wasm, which is not available: ${wasm.reason}` };
  } else if (req === 'blas') {
    gemmInfo = blas.ok
      ? { kernel: 'gemm', backend: 'blas', why: `forced by ${src}=blas` }
      : { kernel: 'gemm', backend: 'none', why: `forced by ${src}=blas, which is not available: ${blas.reason}` };
  } else if (req === 'cuda') {
    gemmInfo = cuda?.ok
      ? { kernel: 'gemm', backend: 'cuda', why: `forced by ${src}=cuda` }
      : { kernel: 'gemm', backend: 'none', why: `forced by ${src}=cuda, which is not available: ${cudaInfo.reason}` };
  } else if (blas.ok) {
    gemmInfo = {
      kernel: 'gemm',
      backend: 'ts+blas',
      why: `OpenBLAS addon for m*n*k >= ${NATIVE_MIN_FLOPS}, TypeScript below (call overhead); the addon loads once such products reach ${NATIVE_LOAD_AFTER_FLOPS.toExponential()} multiply-adds`,
    };
  } else if (wasm.ok) {
    gemmInfo = {
      kernel: 'gemm',
      backend: 'ts+wasm',
      why: `OpenBLAS addon not available (${blas.reason}): WebAssembly SIMD kernels for m*n*k >= ${WASM_MIN_FLOPS}, TypeScript below`,
    };
  } else {
    gemmInfo = { kernel: 'gemm', backend: 'ts', why: `OpenBLAS addon not available: ${blas.reason}; wasm not available: ${wasm.reason}` };
  }
  const ewNative = gemmInfo.backend.includes('blas') || ((req === 'cuda' || req === 'blas') && blas.ok);
  const ewInfo: KernelInfo = ewNative && typeof (blas.ok && blas.addon.adam) === 'function'
    ? { kernel: 'elementwise', backend: 'ts+blas', why: `OpenBLAS addon's C++ kernels (bias+activation, activation backward, optimizer updates) for >= ${NATIVE_ELEMENTWISE_MIN} entries, TypeScript below` }
    : { kernel: 'elementwise', backend: 'ts', why: ewNative ? 'the addon was built before its elementwise kernels: npm run build:native' : 'TypeScript loops (the wasm module has gemm only: its memory is not the executor\'s buffers, and copying in and out costs what the loops do)' };
  if (!error && gemmInfo.backend === 'none') error = gemmInfo.why;
  return {
    request: req,
    requestSource: state.requestSource,
    ok: error === undefined,
    ...(error !== undefined ? { error } : {}),
    kernels: [gemmInfo, ewInfo],
    nativeMinFlops: NATIVE_MIN_FLOPS,
    nativeLoadAfterFlops: NATIVE_LOAD_AFTER_FLOPS,
    blas: blasInfo,
    wasm: wasmInfo,
    cuda: cudaInfo,
  };
}

function pickCuda(addon: CudaAddon): Pick<BackendInfo['cuda'], 'device' | 'computeCapability' | 'kernel'> {
  const i = addon.info();
  return { device: i.device, computeCapability: i.computeCapability, kernel: i.kernel };
}

/**
 * Test hook: forgets loaded addons and the backend choice, and optionally looks for the
 * addons in another directory (e.g. an empty one, to test the "not built" paths). An addon
 * that was loaded stays in the process; re-requiring it is cheap.
 */
export function _resetNativeForTests(opts: { buildDir?: string } = {}): void {
  state.buildDir = opts.buildDir;
  state.request = undefined;
  state.requestSource = 'default';
  state.blas = undefined;
  state.cuda = undefined;
  state.wasm = undefined;
  state.env = undefined;
  state.pending = 0;
}

/**
 * Elementwise kernels (elementwise.ts) of n entries: where they run. A call into the addon
 * costs ~0.3-2 us whatever its size, and V8's loops are quick on small arrays, so below
 * NATIVE_ELEMENTWISE_MIN entries they stay in TypeScript. Measured (relu forward and
 * backward, float32, median of 9 interleaved batches, 2-core EPYC under load): n = 256, TS
 * 0.15-0.24 us vs addon 0.75-1.9 us; from n = 1024 on the addon won every size by 20x or more.
 */
export const NATIVE_ELEMENTWISE_MIN = 1024;

/**
 * The addon's elementwise kernels when they should run n entries (the addon is loaded, or
 * forced, and n is large enough), else undefined: the caller's TypeScript loops serve.
 * Follows the gemm choice: forced ts keeps them in TypeScript, forced blas or cuda uses the
 * OpenBLAS addon's when it is built, auto uses them once gemm has loaded the addon.
 */
export function nativeElementwise(n: number): ElementwiseKernels | undefined {
  const req = request();
  if (req === 'ts' || req === 'wasm' || n < NATIVE_ELEMENTWISE_MIN) return undefined;
  const b = req === 'auto' ? state.blas : loadBlas();
  // An addon built before these kernels existed has gemm only.
  return b?.ok && typeof b.addon.adam === 'function' ? b.addon : undefined;
}
