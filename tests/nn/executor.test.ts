import { describe, expect, it } from 'vitest';
import { gradient } from '../../src/graph/engines/gradient.js';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { Tensor, type Value } from '../../src/graph/tensor.js';
import { compile, type DType } from '../../src/nn/executor.js';
import { buildTrainingGraph, modelDef, type TrainingGraph } from '../../src/nn/model.js';
import type { LossName } from '../../src/nn/spec.js';
import { expectClose, rng } from '../graph/helpers.js';

/** Random inputs, targets fitting the loss, and parameters, as Values by variable name. */
function randomEnv(m: TrainingGraph, seed: number): Map<string, Value> {
  const r = rng(seed);
  const env = new Map<string, Value>();
  for (const n of m.graph.nodes) {
    if (n.op !== 'var') continue;
    const t = Tensor.zeros(n.shape);
    for (let i = 0; i < t.size; i++) t.data[i] = 2 * r() - 1;
    env.set(n.name!, t);
  }
  const y = env.get('Y') as Tensor;
  const [rows, cols] = m.graph.nodes[m.y].shape;
  if (m.def.loss === 'cross_entropy') {
    y.data.fill(0);
    for (let i = 0; i < rows; i++) y.data[i * cols + Math.floor(r() * cols)] = 1;
  } else if (m.def.loss === 'bce') for (let i = 0; i < y.size; i++) y.data[i] = r() < 0.5 ? 0 : 1;
  return env;
}

function run(m: TrainingGraph, env: Map<string, Value>, dtype: DType, noFusion = false, gemmVectors = false) {
  const p = compile(m.graph, [m.loss, m.logits, ...m.grads], { dtype, noFusion, gemmVectors });
  for (const [name, v] of env) p.buffer(m.graph.vars.get(name)!).set((v as Tensor).data);
  p.run();
  return { loss: p.scalar(m.loss), logits: Array.from(p.buffer(m.logits)), grads: m.grads.map((id) => Array.from(p.buffer(id))), p };
}

const cases: { name: string; inputs: number; layers: { units: number; activation?: string }[]; loss: LossName; batch: number }[] = [
  { name: 'relu, cross-entropy', inputs: 3, layers: [{ units: 5, activation: 'relu' }, { units: 4, activation: 'relu' }, { units: 3 }], loss: 'cross_entropy', batch: 6 },
  { name: 'tanh, mse', inputs: 2, layers: [{ units: 7, activation: 'tanh' }, { units: 2 }], loss: 'mse', batch: 5 },
  { name: 'sigmoid, bce', inputs: 4, layers: [{ units: 6, activation: 'sigmoid' }, { units: 1 }], loss: 'bce', batch: 8 },
  { name: 'softplus and sin (generic loops), mse', inputs: 2, layers: [{ units: 3, activation: 'softplus' }, { units: 3, activation: 'sin' }, { units: 2 }], loss: 'mse', batch: 4 },
  { name: 'wide layer (bias gradients through gemm)', inputs: 3, layers: [{ units: 80, activation: 'relu' }, { units: 2 }], loss: 'cross_entropy', batch: 64 },
  { name: 'one row', inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 2 }], loss: 'cross_entropy', batch: 1 },
];

describe('executor: the compiled training graph', () => {
  for (const c of cases) {
    it(`${c.name}: loss and gradients equal the generic engines' (float64)`, () => {
      const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
      const env = randomEnv(m, c.batch * 31 + c.inputs);
      const ref = gradient(m.graph, env, m.params.map((p) => p.name), m.loss);
      const vals = evaluate(m.graph, env);
      for (const [fusion, gemmVectors] of [[true, false], [false, false], [true, true]]) {
        const got = run(m, env, 'float64', !fusion, gemmVectors);
        expect(got.loss).toBeCloseTo(ref.value as number, 13);
        expectClose(got.logits, vals[m.logits], 1e-13, 1e-14, 'logits');
        m.params.forEach((p, k) => expectClose(got.grads[k], ref.gradient.get(p.name)!, 1e-12, 1e-14, `${c.name}: ${p.name}`));
      }
    });
  }

  it('float32 agrees with float64 to float32 accuracy', () => {
    const c = cases[0];
    const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
    const env = randomEnv(m, 7);
    const a = run(m, env, 'float64');
    const b = run(m, env, 'float32');
    expect(b.loss).toBeCloseTo(a.loss, 5);
    a.grads.forEach((g, k) => expectClose(b.grads[k], g, 1e-4, 1e-6, m.params[k].name));
    expect(b.p.buffer(m.loss)).toBeInstanceOf(Float32Array);
  });

  it('absorbs transposes into gemm flags and aliases the seed: no transpose or mul-by-1 kernel runs', () => {
    const c = cases[0];
    const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
    const p = compile(m.graph, [m.loss, ...m.grads], { dtype: 'float64' });
    const ops = p.steps.map((s) => m.graph.nodes[s.node].op);
    expect(ops).not.toContain('transpose');
    // ∂W of three layers, ∂X of layers 2 and 3; the forward products run in the bias adds
    // (gemm onto rows prefilled with the bias).
    expect(ops.filter((o) => o === 'matmul')).toHaveLength(3 + 2);
    expect(ops.filter((o) => o === 'add')).toHaveLength(3);
    // relu's g·sign(y) is fused: no sign kernel runs.
    expect(ops).not.toContain('sign');
  });

  it('folds gradients into an update: C = alpha·∂w + beta·C, straight from the gemm', () => {
    for (const c of [cases[0], cases[5]]) {
      const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
      const env = randomEnv(m, 11);
      const ref = run(m, env, 'float64');
      const targets = m.params.map((q) => Float64Array.from((env.get(q.name) as Tensor).data));
      for (const gemmVectors of [false, true]) {
        const into = targets.map((t) => t.slice());
        const accumulate = new Map(m.grads.map((id, k) => [id, { into: into[k], alpha: -0.1, beta: 0.99 }] as const));
        const p = compile(m.graph, [m.loss, ...m.grads], { dtype: 'float64', accumulate, gemmVectors });
        for (const [name, v] of env) p.buffer(m.graph.vars.get(name)!).set((v as Tensor).data);
        p.run();
        expect(into).toEqual(targets); // nothing before update()
        p.update();
        m.params.forEach((q, k) => {
          const want = targets[k].map((w, i) => 0.99 * w - 0.1 * ref.grads[k][i]);
          expectClose(into[k], want, 1e-12, 1e-15, `${c.name} ${q.name}`);
        });
      }
    }
  });

  it('reuses its buffers: a second run writes the same arrays', () => {
    const c = cases[1];
    const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
    const env = randomEnv(m, 3);
    const { p } = run(m, env, 'float64');
    const before = m.grads.map((id) => p.buffer(id));
    const first = before.map((b) => Array.from(b));
    p.run();
    m.grads.forEach((id, k) => {
      expect(p.buffer(id)).toBe(before[k]);
      expect(Array.from(p.buffer(id))).toEqual(first[k]);
    });
  });

  it('finds the first node that goes non-finite', () => {
    const c = cases[1];
    const m = buildTrainingGraph(modelDef(c.inputs, c.layers, c.loss), c.batch);
    const env = randomEnv(m, 5);
    const { p } = run(m, env, 'float64');
    expect(p.firstNonFinite()).toBeUndefined();
    p.buffer(m.graph.vars.get('W2')!)[0] = Infinity;
    p.run();
    expect(m.describe(p.firstNonFinite()!)).toBe('layer 2 (2 units, linear): weights W2');
    p.buffer(m.graph.vars.get('W2')!)[0] = 0.5;
    p.buffer(m.graph.vars.get('X')!)[0] = 1e308;
    p.buffer(m.graph.vars.get('W1')!)[0] = 1e308;
    p.run();
    const bad = p.firstNonFinite()!;
    expect(m.describe(bad)).toBe('layer 1 (7 units, tanh): bias add');
  });
});
