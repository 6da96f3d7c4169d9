// What only the wasm elementwise kernels have: operands copied in and out of the module's
// memory (aliased and offset operands must come back right), arenas whose views are used in
// place and stay valid while the main instance grows, a fixed arena's fallback when a call
// does not fit, and the optimizers keeping their state there (a checkpoint restores into it). The kernels' arithmetic against
// the reference is in elementwise.test.ts (which runs every backend).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACT, elementwiseTS, gemm, setBackend, wasmElementwise, type FloatArray } from '../../src/native/index.js';
import { makeOptimizer, type OptimizerSpec } from '../../src/nn/optim.js';
import { checkpointMeta, loadModel, restore, saveCheckpoint } from '../../src/nn/checkpoint.js';
import { loadSpecData } from '../../src/nn/data.js';
import { readSpecFile } from '../../src/nn/spec.js';
import { Trainer } from '../../src/nn/trainer.js';
import { rng, type Ctor } from './helpers.js';

afterEach(() => setBackend(null));

function wasm() {
  setBackend('wasm');
  const w = wasmElementwise(1 << 30);
  if (!w) throw new Error('no wasm elementwise kernels');
  return w;
}

function data(C: Ctor, n: number, seed: number): FloatArray {
  const r = rng(seed);
  const a = new C(n);
  for (let i = 0; i < n; i++) a[i] = 2 * r() - 1;
  return a;
}

function same(a: FloatArray, b: FloatArray): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`entry ${i}: ${a[i]} vs ${b[i]}`);
}

describe.each([['float64', Float64Array], ['float32', Float32Array]] as [string, Ctor][])('%s', (_dt, C) => {
  it('in-place and offset operands come back as the reference computes them', () => {
    const K = wasm().elementwise;
    const n = 70_001;
    for (const act of [ACT.relu, ACT.sigmoid]) {
      const [x1, x2] = [data(C, n, 1), data(C, n, 1)];
      elementwiseTS.act(act, x1, x1, n);
      K.act(act, x2, x2, n);
      if (act === ACT.relu) same(x2, x1);
      else expect(x2.every((v, i) => Math.abs(v - x1[i]) <= 1e-6 * Math.abs(x1[i]))).toBe(true);
    }
    // g, y and out as views at odd offsets into one buffer; out = g.
    const big1 = data(C, 3 * n + 7, 2);
    const big2 = big1.slice();
    const parts = (b: FloatArray) => [b.subarray(3, 3 + n), b.subarray(n + 5, 2 * n + 5)];
    const [g1, y1] = parts(big1);
    const [g2, y2] = parts(big2);
    elementwiseTS.actBackward(ACT.tanh, g1, y1, g1, n);
    K.actBackward(ACT.tanh, g2, y2, g2, n);
    same(big2, big1); // nothing outside out changed
  });

  it('arena views are used in place, survive the main memory growing, and a call too big for the arena falls back', () => {
    const w = wasm();
    const n = 5000;
    const arena = w.arena(C === Float64Array, [n, n], n);
    const [m, v] = arena.views;
    expect(m.length).toBe(n);
    expect(m.buffer).toBe(v.buffer);
    const [w1, g] = [data(C, n, 3), data(C, n, 4)];
    const w2 = w1.slice();
    const [m1, v1] = [new C(n), new C(n)];
    const before = w.memoryBytes();
    for (let t = 1; t <= 3; t++) {
      expect(elementwiseTS.adam(w1, g, m1, v1, 0.01, Math.sqrt(1 - 0.999 ** t), 0.9, 0.999, 1e-8, 0, false)).toBe(true);
      expect(arena.kernels.adam(w2, g, m, v, 0.01, Math.sqrt(1 - 0.999 ** t), 0.9, 0.999, 1e-8, 0, false)).toBe(true);
      // Grow the main instance's memory (operands larger than it is): the arena is its own.
      const big = new C(w.memoryBytes() / C.BYTES_PER_ELEMENT + 65536);
      w.elementwise.act(ACT.relu, big, big, big.length);
      gemm(false, false, 1, 1, 4096, 1, big, 4096, big, 1, 0, new C(1), 1);
    }
    expect(w.memoryBytes()).toBeGreaterThan(before);
    expect(m.length).toBe(n); // not detached
    const rel = C === Float32Array ? 2e-6 : 0; // float32 Adam runs in float32, as the addon's
    for (const [a, b] of [[w2, w1], [m, m1], [v, v1]]) {
      for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(rel * Math.max(Math.abs(b[i]), 1));
    }
    // 3n entries to copy in do not fit the arena's scratch (room for 2n): the copying kernels run.
    const [wb, gb, vb] = [data(C, 3 * n, 5), data(C, 3 * n, 6), data(C, 3 * n, 7)];
    const [wr, vr] = [wb.slice(), vb.slice()];
    expect(arena.kernels.momentum(wb, gb, vb, 0.1, 0.9, 0.01)).toBe(true);
    expect(elementwiseTS.momentum(wr, gb, vr, 0.1, 0.9, 0.01)).toBe(true);
    same(wb, wr);
    same(vb, vr);
    expect(m.length).toBe(n);
  });

  it('optimizers on the wasm backend keep their state in an arena and step as the TypeScript ones do', () => {
    const n = 6000;
    const dtype = C === Float64Array ? 'float64' : 'float32';
    const spec = (type: OptimizerSpec['type']): OptimizerSpec => ({ type, lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 });
    for (const type of ['momentum', 'adam'] as const) {
      const run = (backend: 'ts' | 'wasm') => {
        setBackend(backend);
        const [w, g] = [data(C, n, 8), new C(n)];
        const opt = makeOptimizer(spec(type), w, g, dtype, false, false);
        for (let t = 0; t < 4; t++) {
          g.set(data(C, n, 20 + t));
          expect(opt.step()).toBe(-1);
        }
        g[17] = NaN;
        expect(opt.step()).toBe(17); // the first bad entry, found after the kernel says so
        setBackend(null);
        return { w, state: [...opt.state().values()] };
      };
      const [ts, wa] = [run('ts'), run('wasm')];
      // In wasm memory: past the module's first page (a plain array starts at 0 of its own buffer).
      for (const s of wa.state) expect(s.byteOffset).toBeGreaterThanOrEqual(65536);
      for (const s of ts.state) expect(s.byteOffset).toBe(0);
      const rel = type === 'adam' && C === Float32Array ? 1e-5 : 0;
      for (const [a, b] of [[wa.w, ts.w], ...wa.state.map((s, i) => [s, ts.state[i]])]) {
        for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) expect(Math.abs(a[i] - b[i]), `${type} entry ${i}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(b[i]), 1));
      }
    }
  });
});

it("an Adam run on wasm (moments in an arena) stopped, saved and resumed ends bit for bit where an unbroken run does", async () => {
  setBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'cg-wasm-resume-'));
  try {
    const make = () => {
      const sf = readSpecFile('fixtures/models/spiral.yaml'); // 4547 parameters: Adam's moments in an arena
      sf.spec.training.epochs = 2;
      return new Trainer(sf.spec, loadSpecData(sf));
    };
    const whole = make();
    expect(whole.optimizer.state().get('m')!.byteOffset).toBeGreaterThanOrEqual(65536);
    await whole.run();
    const first = make();
    let steps = 0;
    expect(await first.run({ shouldStop: () => ++steps >= 20 })).toEqual({ status: 'interrupted' });
    saveCheckpoint(dir, first, checkpointMeta(first, 'interrupted', null));
    const second = make();
    restore(second, loadModel(dir));
    expect(await second.run()).toEqual({ status: 'finished' });
    for (const [p, w] of whole.params) expect(Array.from(second.params.get(p)!), p).toEqual(Array.from(w));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
