/**
 * Loading the native addons: where they are built, requiring them once (after putting
 * OpenBLAS's environment in place), and the backend request (CG_BACKEND or setBackend).
 * Nothing here runs at import time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CgError } from '../errors.js';
import type { FloatArray } from './gemm.js';
import { prepareOpenBlasEnv } from './openblas-env.js';
import type { ElementwiseKernels } from './elementwise.js';
import { instantiateWasm, type WasmBackend } from './wasm.js';

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

export const BLAS_HINT = 'apt-get install libopenblas-dev && npm run build:native';

export const WASM_HINT = 'kernels.wasm ships with cg: reinstall it, or rebuild the module with npm run build:wasm';

export const CUDA_HINT = 'on a machine with the CUDA toolkit and an NVIDIA GPU: CG_CUDA=1 npm run build:native';

export interface BlasAddon extends ElementwiseKernels {
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    A: FloatArray, lda: number, B: FloatArray, ldb: number, beta: number, C: FloatArray, ldc: number,
  ): void;
  info(): { config: string; corename: string; threads: number };
  setThreads(n: number): number;
}

export interface CudaAddon {
  gemm: BlasAddon['gemm'];
  info(): { devices: number; device?: string; computeCapability?: string; kernel: string; error?: string };
}

export type Loaded<T> = { ok: true; addon: T; path: string; loadMs: number } | { ok: false; path: string; reason: string };

export interface State {
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

export const state: State = { buildDir: undefined, request: undefined, requestSource: 'default', blas: undefined, cuda: undefined, wasm: undefined, env: undefined, pending: 0 };

/**
 * The directory holding the built addons: `build/Release` under cg's package root, found
 * by walking up from this file (src/native/index.ts under vitest, dist/*.mjs when bundled)
 * to the package.json named "cg" (else the first package.json).
 */
export function nativeBuildDir(): string {
  state.buildDir ??= join(packageRoot(), 'build', 'Release');
  return state.buildDir;
}

export let root: string | undefined;

/** cg's package root: the directory of the package.json named "cg" above this file (else the first). */
export function packageRoot(): string {
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

export function requireAddon<T>(file: string): Loaded<T> {
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

export function loadBlas(): Loaded<BlasAddon> {
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

export function loadWasm(): Loaded<WasmBackend> {
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

export function loadCuda(): Loaded<CudaAddon> {
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

export function parseRequest(value: string, source: string): BackendRequest {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'ts' || v === 'wasm' || v === 'blas' || v === 'cuda') return v;
  throw new CgError('backend', `unknown backend "${value}" in ${source}`, { hint: 'use ts, wasm, blas, cuda or auto' });
}

export function request(): BackendRequest {
  if (state.request === undefined) {
    const env = process.env.CG_BACKEND;
    state.request = env === undefined ? 'auto' : parseRequest(env, 'CG_BACKEND');
    state.requestSource = env === undefined || state.request === 'auto' ? 'default' : 'CG_BACKEND';
  }
  return state.request;
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
