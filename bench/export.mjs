// The ONNX export against cg's own inference: the same raw rows through `cg predict`'s path
// (normalise, the model's forward pass on cg's executor, softmax) and through ONNX Runtime
// (onnxruntime-web, wasm, its default threads) running the exported float32 graph; time per
// batch (median of runs, in one process, side by side) and the largest difference of the
// probabilities. Models: iris (4-16-3, 20 epochs) and large (784-512-512-10, 1 epoch).
// `node bench/run.mjs export`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Evaluator, loadModel, mulberry32 } from '../dist/lib.mjs';
import { fmt, median, timeIt } from './stats.mjs';

const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
const ROWS = Number(process.env.CG_BENCH_ROWS ?? 4096);
const cg = (args) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cg ${args.join(' ')}: ${r.stderr}`);
};

function cgProbabilities(model, raw, n) {
  const { meta, params } = model;
  const d = meta.model.inputs;
  const x = meta.dtype === 'float64' ? new Float64Array(n * d) : new Float32Array(n * d);
  const { mean, std } = meta.data.normalization;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = (raw[i * d + j] - mean[j]) / std[j];
  const z = new Evaluator(meta.model, meta.dtype, params).outputs(x, n);
  const c = z.length / n;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, z[i * c + j]);
    let s = 0;
    for (let j = 0; j < c; j++) s += z[i * c + j] = Math.exp(z[i * c + j] - m);
    for (let j = 0; j < c; j++) z[i * c + j] /= s;
  }
  return z;
}

async function timeAsync(fn, reps = 5) {
  await fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ts);
}

export default async function exportBench() {
  const tmp = mkdtempSync(join(tmpdir(), 'cg-bench-export-'));
  const rows = [];
  try {
    for (const [name, epochs] of [['iris', 20], ['large', 1]]) {
      const dir = join(tmp, name);
      cg(['train', `fixtures/models/${name}.yaml`, '--epochs', String(epochs), '--out', dir, '--json']);
      const file = join(tmp, `${name}.onnx`);
      cg(['export', dir, '--format', 'onnx', '-o', file]);
      const model = await loadModel(dir);
      const d = model.meta.model.inputs;
      const rand = mulberry32(11);
      const raw = Float64Array.from({ length: ROWS * d }, () => 4 * rand() - 2);
      const session = await ort.InferenceSession.create(readFileSync(file));
      const input = new ort.Tensor('float32', Float32Array.from(raw), [ROWS, d]);
      const tCg = timeIt(() => cgProbabilities(model, raw, ROWS));
      const tOrt = await timeAsync(() => session.run({ input }));
      const ours = cgProbabilities(model, raw, ROWS);
      const theirs = (await session.run({ input })).probabilities.data;
      let diff = 0;
      for (let i = 0; i < ours.length; i++) diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
      rows.push([name, ROWS, fmt(tCg), fmt(tOrt), `${(tCg / tOrt).toFixed(2)}×`, diff.toExponential(2), statSync(file).size.toLocaleString('en')]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return [{
    title: `ONNX export: ONNX Runtime (onnxruntime-web ${ort.env.versions?.web ?? ''}, wasm) against cg's inference, same raw rows, float32`,
    head: ['model', 'rows', 'cg ms', 'ORT ms', 'cg/ORT time', 'max |Δp|', '.onnx bytes'],
    rows,
    notes: ['cg: normalise, forward on cg\'s executor (OpenBLAS addon when built), softmax in JS; ORT: the exported graph does all three. Median of 5 runs after one warm-up.'],
  }];
}
