// One training benchmark in its own process (so peak RSS is its own, and a forced backend
// does not leak): node bench/train/worker.mjs large|small|bound SECONDS [SAMPLES] [sgd|adam].
// Prints one JSON line. `bound`: the gemm-shape bound of a large-MLP SGD step, i.e. samples/s
// if a step were nothing but its gemm calls (forward 3, weight gradients 3, input gradients
// 2, at batch 128), timed through cg's gemm seam in this process.
// The spec is the issue's: large 784-512-512-10 relu, softmax cross-entropy, SGD, batch 128,
// float32, random data; small 2-16-16-1 tanh, MSE, batch 32. PyTorch's twin: torch_mlp.py.
import { readFileSync } from 'node:fs';
import { Trainer, generate, getBackend, gemmIsNative, gemm, backendInfo } from '../../dist/lib.mjs';

const [, , which = 'large', secondsArg = '5', samplesArg = '4096', optArg = 'sgd'] = process.argv;
const seconds = Number(secondsArg);
const n = Number(samplesArg);

function spec(layers, loss, batch) {
  return {
    name: which,
    data: { source: 'builtin:random', normalize: false },
    model: { layers, init: 'he' },
    loss,
    optimizer: { type: optArg, lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 },
    training: { epochs: 1e9, batch_size: batch, seed: 0, validation: 0, shuffle: true },
    dtype: 'float32',
  };
}

if (which === 'bound') {
  // [transA, transB, m, n, k]: y = x·W (+ bias), ∂W = xᵀ·g, ∂x = g·Wᵀ.
  const B = 128;
  const shapes = [
    [false, false, B, 512, 784], [false, false, B, 512, 512], [false, false, B, 10, 512],
    [true, false, 784, 512, B], [true, false, 512, 512, B], [true, false, 512, 10, B],
    [false, true, B, 512, 10], [false, true, B, 512, 512],
  ];
  let seed = 3;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5);
  const calls = shapes.map(([tA, tB, m, nn, k]) => {
    const A = new Float32Array(m * k).map(rand), Bm = new Float32Array(k * nn).map(rand), C = new Float32Array(m * nn);
    return () => gemm(tA, tB, m, nn, k, 1, A, tA ? m : k, Bm, tB ? k : nn, 0, C, nn);
  });
  const step = () => {
    for (const c of calls) c();
  };
  for (let i = 0; i < 50; i++) step(); // warm-up, and loads the addon
  const t0 = performance.now();
  const rates = [];
  while (performance.now() - t0 < seconds * 1000 || rates.length < 5) {
    const t = performance.now();
    for (let i = 0; i < 32; i++) step();
    rates.push((32 * B) / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  // Each call on its own (median of 15 runs of 20 calls): where a step's gemm time goes.
  const shapeUs = calls.map((c) => {
    const ts = [];
    for (let r = 0; r < 15; r++) {
      const t = performance.now();
      for (let i = 0; i < 20; i++) c();
      ts.push(((performance.now() - t) / 20) * 1000);
    }
    return ts.sort((a, b) => a - b)[7];
  });
  const shapeRows = shapes.map(([tA, tB, m, nn, k], i) => ({ shape: `C ${m}×${nn}, k = ${k}${tA ? ', Aᵀ' : ''}${tB ? ', Bᵀ' : ''}`, us: shapeUs[i], gflops: (2 * m * nn * k) / shapeUs[i] / 1e3 }));
  console.log(JSON.stringify({ case: 'bound', samples_per_s: rates[rates.length >> 1], best_samples_per_s: rates[rates.length - 1], backend: getBackend(), shapes: shapeRows }));
  process.exit(0);
}

let s;
let data;
if (which === 'large') {
  s = spec([{ units: 512, activation: 'relu' }, { units: 512, activation: 'relu' }, { units: 10 }], 'cross_entropy', 128);
  data = generate('random', { samples: n, features: 784, classes: 10, seed: 1 });
} else {
  s = spec([{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 1 }], 'mse', 32);
  // The same target as torch_mlp.py: sin(3·x0)·cos(2·x1) on [-1, 1]².
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < n; i++) {
    x[2 * i] = 2 * rand() - 1;
    x[2 * i + 1] = 2 * rand() - 1;
    y[i] = Math.sin(3 * x[2 * i]) * Math.cos(2 * x[2 * i + 1]);
  }
  data = { n, inputNames: ['x0', 'x1'], x, task: 'regression', y, targetNames: ['y'] };
}

const tr = new Trainer(s, data);
const t0 = performance.now();
let stop = false;
await tr.run({
  // Whole epochs only; the first is the warm-up (JIT, loading the addon).
  onEpoch: () => {
    stop = performance.now() - t0 > seconds * 1000 && tr.history.length >= 4;
  },
  shouldStop: () => stop,
  tickMs: 1e9,
});
const rates = tr.history.slice(1).map((r) => r.samples_per_s).sort((a, b) => a - b);
const mid = rates[Math.floor(rates.length / 2)];
const best = rates[rates.length - 1];
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({
  case: which,
  samples_per_s: mid,
  steps_per_s: mid / s.training.batch_size,
  best_samples_per_s: best,
  best_steps_per_s: best / s.training.batch_size,
  epochs: rates.length,
  peak_rss_mib: hwm ? Number(hwm[1]) / 1024 : null,
  backend: getBackend(),
  optimizer: optArg,
  kernels: backendInfo().kernels.map((k) => `${k.kernel}:${k.backend}`).join(' '),
  gemm_vectors: gemmIsNative(),
  loss: tr.history.at(-1).loss,
}));
