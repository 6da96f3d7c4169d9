#!/usr/bin/env node
// Where the wasm elementwise kernels start to beat the TypeScript loops (WASM_ELEMENTWISE_MIN in
// src/native/wasm.ts): microseconds per call, copies in and out of wasm memory included, median
// of 7 batches, float32, for the passes of a training step (relu, bias + relu, relu backward)
// and the optimizer updates (TypeScript loop, wasm copying every operand, wasm with the state in
// an arena as the optimizers keep it).
//
//   node scripts/native/wasm-crossover.mjs [act|opt] [n,n,...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cg-wasm-x-'));
const out = join(dir, 'native.mjs');
await build({
  entryPoints: [join(root, 'src/native/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
process.env.CG_WASM_PATH ??= join(root, 'src/native/wasm/kernels.wasm');
const { elementwiseLoops: L, updatesTS, setBackend, nativeElementwise, wasmElementwise, ACT } = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true, force: true });

setBackend('wasm');
const W = nativeElementwise(1 << 30);
const WB = wasmElementwise(1 << 30);
const med = (fn, reps) => {
  const rs = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    rs.push(((performance.now() - t) * 1000) / reps);
  }
  return +rs.sort((a, b) => a - b)[3].toFixed(2);
};
const rand = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
const [which = 'act', sizes] = process.argv.slice(2);
const ns = sizes ? sizes.split(',').map(Number) : which === 'act' ? [1024, 2048, 4096, 65536, 262144] : [1024, 2048, 65536, 669706];
for (const n of ns) {
  const reps = Math.max(5, Math.round(2e6 / n));
  if (which === 'act') {
    const [x, g, o] = [rand(n), rand(n), new Float32Array(n)];
    const cols = Math.min(512, n), rows = Math.floor(n / cols), bias = rand(cols);
    console.log(JSON.stringify({
      n,
      relu: [med(() => L.relu(x, o, n), reps), med(() => W.act(ACT.relu, x, o, n), reps)],
      // The TypeScript path: rows prefilled with the bias (gemm adds onto them), then relu.
      biasRelu: [med(() => { for (let i = 0; i < rows; i++) o.set(bias, i * cols); L.relu(x, o, n); }, reps), med(() => W.biasAct(ACT.relu, x, bias, rows, cols, o), reps)],
      reluBackward: [med(() => L.reluBackward(g, x, o, n), reps), med(() => W.actBackward(ACT.relu, g, x, o, n), reps)],
    }));
  } else {
    const [w, g, m, v] = [rand(n), rand(n).map((e) => e * 1e-3), new Float32Array(n), new Float32Array(n).fill(1e-4)];
    const arena = WB.arena(false, [n, n], n);
    const [am, av] = arena.views;
    const adam = (k, mm, vv) => () => k.adam(w, g, mm, vv, 1e-3, 0.5, 0.9, 0.999, 1e-8, 0, false);
    const mom = (k, vv) => () => k.momentum(w, null, vv, 1e-3, 1, 0);
    console.log(JSON.stringify({
      n,
      adam: [med(adam(updatesTS, m, v), reps), med(adam(W, m, v), reps), med(adam(arena.kernels, am, av), reps)],
      momentumFolded: [med(mom(updatesTS, v), reps), med(mom(W, v), reps), med(mom(arena.kernels, av), reps)],
      sgd: [med(() => updatesTS.sgd(w, g, 1e-3, 0), reps), med(() => W.sgd(w, g, 1e-3, 0), reps)],
    }));
  }
}
