#!/usr/bin/env node
// Measures where the OpenBLAS addon starts beating the TypeScript gemm per call, to set
// NATIVE_MIN_FLOPS in src/native/index.ts. Run: node scripts/native/crossover.mjs
// (needs the addon built). Prints, per shape, microseconds per call on each backend
// (median of 15 batches, each batch long enough to time) and the ratio.
import { pathToFileURL } from 'node:url';
import { compileNative } from './compile-ts.mjs';

const lib = await import(pathToFileURL(await compileNative()).href);
lib.setBackend('blas'); // loads the addon (and fails loudly if it is not built)
const info = lib.backendInfo();
console.log(`OpenBLAS ${info.blas.corename}, ${info.blas.threads} threads, coretype from ${info.blas.coretypeSource}`);

function timeCall(backend, dt, m, n, k) {
  lib.setBackend(backend);
  const A = new dt(m * k).map(Math.random), B = new dt(k * n).map(Math.random), C = new dt(m * n);
  const call = () => lib.gemm(false, false, m, n, k, 1.5, A, k, B, n, 0.5, C, n);
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) call();
    if (performance.now() - t > 2) break;
    reps *= 2;
  }
  const samples = [];
  for (let s = 0; s < 15; s++) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) call();
    samples.push(((performance.now() - t) / reps) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[7];
}

const shapes = [];
for (const s of [2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 32, 48, 64]) shapes.push([s, s, s]);
for (const s of [8, 16, 32, 64, 128]) shapes.push([1, s, s], [s, s, 1], [s, 1, s]);
for (const dt of [Float64Array, Float32Array]) {
  console.log(`\n${dt.name}\n   m    n    k    m*n*k      ts us    blas us   ts/blas`);
  for (const [m, n, k] of shapes) {
    const ts = timeCall('ts', dt, m, n, k);
    const blas = timeCall('blas', dt, m, n, k);
    console.log(`${[m, n, k].map((v) => String(v).padStart(4)).join(' ')} ${String(m * n * k).padStart(8)} ${ts.toFixed(3).padStart(10)} ${blas.toFixed(3).padStart(10)} ${(ts / blas).toFixed(2).padStart(9)}`);
  }
}
