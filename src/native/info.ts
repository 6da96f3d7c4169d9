/** `cg info`'s backend report: which backend each kernel uses and why. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BLAS_HINT, BackendRequest, CUDA_HINT, CudaAddon, NATIVE_ELEMENTWISE_MIN, NATIVE_LOAD_AFTER_FLOPS, NATIVE_MIN_FLOPS, WASM_HINT, loadBlas, loadCuda, loadWasm, nativeBuildDir, request, state } from './load.js';
import type { CoretypeSource, ThreadsSource } from './openblas-env.js';
import { WASM_ELEMENTWISE_MIN, WASM_MIN_FLOPS } from './wasm.js';

export interface KernelInfo {
  kernel: string;
  /** 'ts', 'wasm', 'blas' or 'cuda'; 'ts+blas' / 'ts+wasm' when split by size; 'none' when forced and missing. */
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
    /** Passes of at least this many entries run in the wasm elementwise kernels. */
    elementwiseMin: number;
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
    ? { available: true, path: wasm.path, loadMs: Math.round(wasm.loadMs * 10) / 10, minFlops: WASM_MIN_FLOPS, elementwiseMin: WASM_ELEMENTWISE_MIN }
    : { available: false, path: wasm.path, reason: wasm.reason, minFlops: WASM_MIN_FLOPS, elementwiseMin: WASM_ELEMENTWISE_MIN, hint: WASM_HINT };

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
  const ewWasm = gemmInfo.backend.includes('wasm');
  const WHAT = 'bias+activation, activation backward, optimizer updates';
  let ewInfo: KernelInfo;
  if (ewNative && typeof (blas.ok && blas.addon.adam) === 'function') {
    ewInfo = { kernel: 'elementwise', backend: 'ts+blas', why: `OpenBLAS addon's C++ kernels (${WHAT}, row gather) for >= ${NATIVE_ELEMENTWISE_MIN} entries, TypeScript below` };
  } else if (ewNative) {
    ewInfo = { kernel: 'elementwise', backend: 'ts', why: 'the addon was built before its elementwise kernels: npm run build:native' };
  } else if (ewWasm) {
    ewInfo = {
      kernel: 'elementwise',
      backend: 'ts+wasm',
      why: `WebAssembly SIMD kernels (${WHAT}; optimizer state kept in wasm memory) for >= ${WASM_ELEMENTWISE_MIN} entries, TypeScript below and for the row gather`,
    };
  } else {
    ewInfo = { kernel: 'elementwise', backend: 'ts', why: gemmInfo.backend === 'none' ? gemmInfo.why : 'TypeScript loops' };
  }
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
