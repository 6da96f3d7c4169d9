// Child process for bench/gemm.mjs: times one backend so each OpenBLAS configuration gets a
// fresh process (libopenblas reads OPENBLAS_CORETYPE / OPENBLAS_NUM_THREADS when loaded).
//
//   node bench/gemm/worker.mjs <native.mjs> <ts|wasm|blas|raw|naive> <float64|float32> <samples> <n>...
//
// ts / wasm / blas: cg's gemm forced to that backend (blas sets up OPENBLAS_* the way cg does);
// raw: the addon's gemm required directly, so libopenblas sees the environment exactly as
// given (the bench's core-type table); naive: a textbook triple loop.
// Prints one JSON line per n. Timing: one warm-up call, then enough calls per sample to last
// >= 20 ms; best and median of <samples> samples (the same scheme as cblas_bench.c).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [libPath, kind, dtype, samplesArg, ...sizes] = process.argv.slice(2);
const lib = await import(pathToFileURL(libPath).href);
const Arr = dtype === 'float32' ? Float32Array : Float64Array;
const samples = Math.max(1, Number(samplesArg));

/** The textbook i-j-p loop, for scale. */
function naive(m, n, k, A, B, C) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
      C[i * n + j] = s;
    }
  }
}

const raw = kind === 'raw' ? createRequire(import.meta.url)(join(fileURLToPath(import.meta.url), '..', '..', '..', 'build', 'Release', 'cg_native.node')) : undefined;
if (kind === 'blas') lib.setBackend('blas');
else if (kind === 'ts') lib.setBackend('ts');
else if (kind === 'wasm') lib.setBackend('wasm');

let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

for (const nArg of sizes) {
  const n = Number(nArg);
  const A = new Arr(n * n).map(rand), B = new Arr(n * n).map(rand), C = new Arr(n * n);
  const gemm = raw ? raw.gemm : lib.gemm;
  const call = kind === 'naive' ? () => naive(n, n, n, A, B, C) : () => gemm(false, false, n, n, n, 1, A, n, B, n, 0, C, n);
  call();
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) call();
    if (performance.now() - t >= 20) break;
    reps *= 2;
  }
  const s = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) call();
    s.push((performance.now() - t) / 1000 / reps);
  }
  s.sort((a, b) => a - b);
  const best = s[0], med = s[Math.floor(samples / 2)];
  const out = { dtype, n, best, median: med, gflops: (2 * n ** 3) / best / 1e9, gflopsMedian: (2 * n ** 3) / med / 1e9 };
  if (kind === 'blas') {
    const i = lib.backendInfo().blas;
    Object.assign(out, { corename: i.corename, threads: i.threads });
  } else if (raw) {
    const i = raw.info();
    Object.assign(out, { corename: i.corename, threads: i.threads });
  }
  console.log(JSON.stringify(out));
}
