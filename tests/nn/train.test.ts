import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkModelGradient } from '../../src/nn/gradcheck.js';
import { checkpointMeta, loadModel, restore, saveCheckpoint } from '../../src/nn/checkpoint.js';
import { loadSpecData } from '../../src/nn/data.js';
import { getOp } from '../../src/graph/ops/index.js';
import type { OpDef } from '../../src/graph/ops/define.js';
import { readSpecFile, type Spec } from '../../src/nn/spec.js';
import { Trainer } from '../../src/nn/trainer.js';

function trainer(name: string, edit: (s: Spec) => void = () => {}, opts: { gemmVectors?: boolean; foldUpdates?: boolean } = {}): Trainer {
  const sf = readSpecFile(`fixtures/models/${name}.yaml`);
  edit(sf.spec);
  return new Trainer(sf.spec, loadSpecData(sf), opts);
}

async function fit(name: string, edit?: (s: Spec) => void) {
  const t = trainer(name, edit);
  expect(await t.run()).toEqual({ status: 'finished' });
  return { t, ...t.evaluate() };
}

describe('the fixtures train (fixed seeds)', () => {
  it('xor: 100% accuracy', async () => {
    const { train } = await fit('xor');
    expect(train.accuracy).toBe(1);
  });

  it('spiral (3 classes): ≥ 95% training accuracy', async () => {
    const { train } = await fit('spiral');
    expect(train.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("iris: ≥ 93% validation accuracy on the held-out fifth", async () => {
    const { val } = await fit('iris');
    expect(val!.rows).toBe(30);
    expect(val!.accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('sine regression: MSE ≤ 1e-3 (validation)', async () => {
    const { train, val } = await fit('sine');
    expect(train.mse).toBeLessThanOrEqual(1e-3);
    expect(val!.mse).toBeLessThanOrEqual(1e-3);
  });

  it('sort of 4 numbers: mean absolute error ≤ 0.05 (validation)', async () => {
    const { val } = await fit('sort');
    expect(val!.mae).toBeLessThanOrEqual(0.05);
  });

  it('circles (bce, momentum): ≥ 95% validation accuracy', async () => {
    const { val } = await fit('circles');
    expect(val!.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

const short = (s: Spec) => {
  s.training.epochs = 4;
};
const noTimes = (h: Trainer['history']) => h.map(({ samples_per_s: _s, seconds: _t, ...rest }) => rest);

describe('reproducibility', () => {
  it('the same spec and seed give the same losses and weights, bit for bit', async () => {
    const a = trainer('spiral', short);
    const b = trainer('spiral', short);
    await a.run();
    await b.run();
    expect(noTimes(a.history)).toEqual(noTimes(b.history));
    for (const [name, w] of a.params) expect(Buffer.from(w.buffer).equals(Buffer.from(b.params.get(name)!.buffer)), name).toBe(true);
    const c = trainer('spiral', (s) => {
      short(s);
      s.training.seed = 43;
    });
    await c.run();
    expect(c.history[0].loss).not.toBe(a.history[0].loss);
  });

  it('a run stopped mid-epoch and resumed from its checkpoint ends exactly where an unbroken run does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-resume-'));
    for (const name of ['spiral', 'sine']) {
      const whole = trainer(name, short);
      await whole.run();
      const first = trainer(name, short);
      let steps = 0;
      const stop = Math.floor(first.stepsPerEpoch * 1.5);
      expect(await first.run({ shouldStop: () => ++steps >= stop })).toEqual({ status: 'interrupted' });
      expect(first.progress.step).toBeGreaterThan(0);
      saveCheckpoint(dir, first, checkpointMeta(first, 'interrupted', null));
      const second = trainer(name, short);
      restore(second, loadModel(dir));
      expect(await second.run()).toEqual({ status: 'finished' });
      expect(noTimes(second.history)).toEqual(noTimes(whole.history));
      for (const [p, w] of whole.params) expect(Array.from(second.params.get(p)!), `${name} ${p}`).toEqual(Array.from(w));
    }
  });

  it('SGD and momentum folded into the gradient gemms match the separate update', async () => {
    for (const type of ['sgd', 'momentum'] as const) {
      const edit = (s: Spec) => {
        short(s);
        s.dtype = 'float64';
        s.optimizer = { ...s.optimizer, type, lr: 0.05, weight_decay: 0.001 };
      };
      const folded = trainer('spiral', edit);
      const plain = trainer('spiral', edit, { foldUpdates: false });
      await folded.run();
      await plain.run();
      for (const [p, w] of plain.params) expect(Array.from(folded.params.get(p)!).map((v, i) => Math.abs(v - w[i])).every((d) => d < 1e-9), `${type} ${p}`).toBe(true);
    }
  });

  it('float32 and float64 runs agree closely; the BLAS vector path matches the loops', async () => {
    const f32 = trainer('spiral', short, { gemmVectors: false });
    const f64 = trainer('spiral', (s) => {
      short(s);
      s.dtype = 'float64';
    });
    const viaGemm = trainer('spiral', short, { gemmVectors: true });
    await Promise.all([f32.run(), f64.run(), viaGemm.run()]);
    expect(f32.history[3].loss).toBeCloseTo(f64.history[3].loss, 3);
    expect(viaGemm.history[3].loss).toBeCloseTo(f32.history[3].loss, 4);
  });
});

describe('divergence', () => {
  it('stops at the first non-finite loss and names the layer and op where it appeared', async () => {
    // log of a negative pre-activation: NaN in the first layer, at the first step.
    const t = trainer('sine', (s) => {
      s.model.layers[0].activation = 'log';
    });
    expect(await t.run()).toEqual({ status: 'diverged', epoch: 1, step: 1, what: 'the loss', value: NaN, where: 'layer 1 (32 units, log): log' });
    expect(t.history).toEqual([]);
  });

  it('a learning rate far too large overflows within a few epochs', async () => {
    const t = trainer('sine', (s) => {
      s.optimizer = { ...s.optimizer, type: 'sgd', lr: 1e6 };
    });
    const out = await t.run();
    expect(out).toMatchObject({ status: 'diverged', what: 'the loss' });
    if (out.status === 'diverged') expect(out.where).toMatch(/^(layer \d \(\d+ units?, \w+\): |the loss \(mse\))/);
  });
});

describe('--check-grad', () => {
  const saved = new Map<string, OpDef['partials']>();
  afterEach(() => {
    for (const [name, p] of saved) (getOp(name) as { partials?: OpDef['partials'] }).partials = p;
    saved.clear();
  });

  it("the executor's gradient passes the checker on every fixture kind", () => {
    for (const name of ['xor', 'spiral', 'iris', 'sine', 'sort', 'circles']) {
      const r = checkModelGradient(trainer(name));
      expect(r.ok, name).toBe(true);
      expect(r.components.length).toBeGreaterThan(0);
    }
  });

  it('catches a wrong derivative rule in the op table', () => {
    const tanh = getOp('tanh') as { partials?: OpDef['partials'] };
    saved.set('tanh', tanh.partials);
    // d tanh = 1 - y (wrong: should be 1 - y²)
    tanh.partials = (b, _x, y) => [b.sub(1, y)];
    const r = checkModelGradient(trainer('sine'));
    expect(r.ok).toBe(false);
  });
});
