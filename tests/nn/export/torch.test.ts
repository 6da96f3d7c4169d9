import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel, restore } from '../../../src/nn/checkpoint.js';
import { loadSpecData } from '../../../src/nn/data.js';
import { readSpecFile } from '../../../src/nn/spec.js';
import { Trainer } from '../../../src/nn/trainer.js';
import { activationNames } from '../../../src/nn/spec.js';
import { checkActivations, TORCH_ACTIVATIONS } from '../../../src/nn/export/torch.js';
import type { ExportSource } from '../../../src/nn/export/source.js';
import { CgError } from '../../../src/errors.js';
import { cg } from '../../cli/run.js';
import { jsonLines, maxAbsDiff, requireTorch, torchPython } from './helpers.js';

// Parity of the torch export with cg train: from one checkpoint (or one spec), one more epoch
// by cg's trainer and one by the exported train.py, alone and under torchrun with two gloo
// processes, must give the same loss at every step and the same weights, to float32
// rounding: |cg - torch| <= TOL·max(1, |value|) with TOL = 2e-5 (about 170 float32 ulps; the
// sums run in other orders, and Adam and momentum carry each difference on).

const TOL = 2e-5;
const python = torchPython();
const tmp = mkdtempSync(join(tmpdir(), 'cg-torch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const model = (name: string) => `fixtures/models/${name}.yaml`;

/** cg's own epoch: the trainer restored from `ckpt` (or fresh from the spec), loss of each step. */
async function cgEpoch(spec: string, ckpt: string | null) {
  const sf = readSpecFile(spec);
  const loaded = ckpt ? loadModel(ckpt) : undefined;
  const tr = new Trainer(sf.spec, loadSpecData(sf), { epochs: (loaded?.meta.progress.epoch ?? 0) + 1 });
  if (loaded) restore(tr, loaded);
  return runSteps(tr);
}

async function runSteps(tr: Trainer) {
  const means: number[] = [];
  await tr.run({ tickMs: 0, onTick: (s) => (means[s.step - 1] = s.loss) });
  const n = tr.train.n;
  const B = tr.batch;
  const seen = (s: number) => Math.min(s * B, n);
  // The running mean after each step back to each step's own loss.
  const losses = means.map((m, s) => (m * seen(s + 1) - (s ? means[s - 1] * seen(s) : 0)) / (seen(s + 1) - seen(s)));
  return { losses, params: tr.params };
}

function trainPy(dir: string, out: string, procs: number) {
  const log = `${out}.steps.jsonl`;
  const args = [join(dir, 'train.py'), '--epochs', '1', '--out', out, '--log-steps', log, '--device', 'cpu'];
  // --redirects/--tee: torchrun of torch 1.13 on Python 3.11 fails without them (its Std flag parsing).
  const cmd = procs === 1 ? args : ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${procs}`, '--redirects', '1', '--tee', '1', ...args];
  const r = spawnSync(python!, cmd, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return { losses: jsonLines(readFileSync(log, 'utf8')).map((l) => l.loss as number), params: loadModel(out).params };
}

const scaledDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
  return m;
};

interface Case {
  name: string;
  /** Export a checkpoint trained for one epoch by cg train, or the spec itself (untrained). */
  from: 'model' | 'spec';
  procs: number[];
}

const CASES: Case[] = [
  { name: 'iris', from: 'model', procs: [1, 2] }, // CSV, Adam with weight decay, cross-entropy
  { name: 'large', from: 'model', procs: [1, 2] }, // builtin:random 784-512-512-10, SGD
  { name: 'circles', from: 'model', procs: [1] }, // momentum state carried over, bce
  { name: 'spiral', from: 'spec', procs: [1] }, // cg's initial weights, builtin:spiral
  { name: 'sort', from: 'spec', procs: [1] }, // mse, regression
];

describe.runIf(requireTorch(python, 'torch export parity'))('cg export --format torch', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.from}): one epoch of train.py equals one epoch of cg train, ${c.procs.map((p) => `${p} process${p > 1 ? 'es (DDP, gloo)' : ''}`).join(' and ')}`, async () => {
      const ckpt = join(tmp, c.name);
      if (c.from === 'model') {
        const t = cg(['train', model(c.name), '--epochs', '1', '--out', ckpt, '--json']);
        expect(t.code, t.stderr).toBe(0);
      }
      const dir = join(tmp, `${c.name}-torch`);
      const e = cg(['export', c.from === 'model' ? ckpt : model(c.name), '--format', 'torch', '-o', dir, '--json']);
      expect(e.code, e.stderr).toBe(0);
      const ours = await cgEpoch(model(c.name), c.from === 'model' ? ckpt : null);
      for (const procs of c.procs) {
        const theirs = trainPy(dir, join(tmp, `${c.name}-py${procs}`), procs);
        expect(theirs.losses).toHaveLength(ours.losses.length);
        const lossDiff = scaledDiff(ours.losses, theirs.losses);
        let weightDiff = 0;
        let absWeight = 0;
        for (const [name, w] of ours.params) {
          weightDiff = Math.max(weightDiff, scaledDiff(w, theirs.params.get(name)!));
          absWeight = Math.max(absWeight, maxAbsDiff(w, theirs.params.get(name)!));
        }
        process.stdout.write(`parity ${c.name} ${procs}p: ${ours.losses.length} steps, max |Δloss| ${maxAbsDiff(ours.losses, theirs.losses).toExponential(2)}, max |Δweight| ${absWeight.toExponential(2)}\n`);
        expect(lossDiff).toBeLessThanOrEqual(TOL);
        expect(weightDiff).toBeLessThanOrEqual(TOL);
        // Not a copy: training moved the weights.
        expect(ours.losses.length).toBeGreaterThan(0);
      }
    }, 180_000);
  }

  it('writes a checkpoint cg predict reads, and the exported model predicts what cg predict does', () => {
    const out = join(tmp, 'iris-py1');
    const rows = cg(['predict', out, '--csv', 'fixtures/data/iris.csv', '--json']);
    expect(rows.code, rows.stderr).toBe(0);
    const want = JSON.parse(rows.stdout).rows.map((r: any) => Object.values(r.probabilities) as number[]);
    const script = `
import json, sys, numpy as np, torch
sys.path.insert(0, sys.argv[1])
import model, cgdata
m = model.load(sys.argv[2] + "/model.safetensors")
x, _, _ = cgdata.read_csv("fixtures/data/iris.csv", model.INPUTS, ["species"], model.OUTPUTS)
print(json.dumps(m.predict(torch.tensor(x)).tolist()))`;
    const r = spawnSync(python!, ['-c', script, join(tmp, 'iris-torch'), out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got: number[][] = JSON.parse(r.stdout);
    expect(got).toHaveLength(150);
    const diff = maxAbsDiff(got.flat(), want.flat());
    process.stdout.write(`predict iris: torch vs cg predict, max |Δp| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-5);
    // And cg can continue training the checkpoint train.py wrote.
    const more = join(tmp, 'iris-more');
    cpSync(out, more, { recursive: true });
    const t = cg(['train', model('iris'), '--resume', '--epochs', '3', '--out', more, '--json']);
    expect(t.code, t.stderr).toBe(0);
    expect(jsonLines(t.stdout).at(-1)).toMatchObject({ type: 'summary', status: 'finished', epochs: 3, epochs_run: 1, resumed_from: 2 });
  });

  it('exports what a package needs, and says what it wrote', () => {
    const r = cg(['export', 'fixtures/models/iris.yaml', '--format', 'torch', '-o', join(tmp, 'fresh'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'torch', from: 'spec', opset: null, dtype: 'float32' });
    const names = j.files.map((f: any) => f.path.split('/').at(-1));
    expect(names).toEqual(['model.py', 'train.py', 'cgdata.py', 'weights.safetensors', 'optimizer.safetensors', 'cg_export.json']);
    for (const f of j.files) expect(statSync(f.path).size).toBe(f.bytes);
    // load_state_dict takes cg's own checkpoint as it is (strict: no missing or extra keys).
    const script = `
import sys; sys.path.insert(0, sys.argv[1]); import model
m = model.load(sys.argv[2]); print(sorted(k for k, _ in m.named_parameters()), tuple(m.W1.shape))`;
    const p = spawnSync(python!, ['-c', script, join(tmp, 'fresh'), join(tmp, 'iris', 'model.safetensors')], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.trim()).toBe("['W1', 'W2', 'b1', 'b2'] (4, 16)");
  });
});

describe('cg export errors', () => {
  it('knows a torch function for every activation a spec may name; a layer it cannot express is a usage error', () => {
    expect(activationNames().filter((a) => !(a in TORCH_ACTIVATIONS))).toEqual([]);
    const src = { meta: { model: { inputs: 2, loss: 'mse', layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'erf' }] } } } as unknown as ExportSource;
    let err: unknown;
    try {
      checkActivations(src, TORCH_ACTIVATIONS, 'torch');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CgError);
    expect((err as CgError).exitCode).toBe(2);
    expect((err as CgError).message).toBe('layer 2: activation erf has no torch equivalent in cg\'s export');
  });

  it('exit 2 with one line: a folder that is no model, a missing path, an unknown format', () => {
    const notModel = cg(['export', 'fixtures', '--format', 'torch', '-o', join(tmp, 'x')]);
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toMatch(/^error: fixtures is not a model folder: it has no model.json \(give a folder written by cg train \(runs\/NAME\) or a spec \(.yaml\)\)\n$/);
    const missing = cg(['export', join(tmp, 'nothing-here'), '--format', 'onnx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder/);
    const csv = cg(['export', 'fixtures/data/iris.csv', '--format', 'torch']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/is neither a model folder nor a spec/);
    const fmt = cg(['export', 'fixtures/models/iris.yaml', '--format', 'tensorflow']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr.trim().split('\n')).toHaveLength(1);
    expect(fmt.stderr).toMatch(/tensorflow.*torch, onnx/);
  });
});
