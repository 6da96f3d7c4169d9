// The executor on the native elementwise kernels (layers large enough, >= 1024 entries for the
// addon, >= 2048 for wasm, that the bias+activation and activation-backward kernels run): loss
// and gradients against the generic engines, and a NaN still found at the bias add it came
// from. On the OpenBLAS addon (skipped when it is not built) and on the wasm module (shipped).
import { afterAll, describe, expect, it } from 'vitest';
import { gradient } from '../../src/graph/engines/gradient.js';
import { Tensor, type Value } from '../../src/graph/tensor.js';
import { backendInfo, nativeElementwise, setBackend, _resetNativeForTests } from '../../src/native/index.js';
import { compile } from '../../src/nn/executor.js';
import { buildTrainingGraph, modelDef, type TrainingGraph } from '../../src/nn/model.js';
import { expectClose, rng } from '../graph/helpers.js';

_resetNativeForTests();
const BACKENDS = [...(backendInfo().blas.available ? ['blas'] : []), 'wasm'];
afterAll(() => setBackend(null));

function env(m: TrainingGraph, seed: number): Map<string, Value> {
  const r = rng(seed);
  const e = new Map<string, Value>();
  for (const n of m.graph.nodes) {
    if (n.op !== 'var') continue;
    const t = Tensor.zeros(n.shape);
    for (let i = 0; i < t.size; i++) t.data[i] = 2 * r() - 1;
    e.set(n.name!, t);
  }
  const y = e.get('Y') as Tensor;
  const [rows, cols] = m.graph.nodes[m.y].shape;
  if (m.def.loss === 'cross_entropy') {
    y.data.fill(0);
    for (let i = 0; i < rows; i++) y.data[i * cols + Math.floor(r() * cols)] = 1;
  }
  return e;
}

describe.each(BACKENDS)('executor on the %s elementwise kernels', (backend) => {
  for (const act of ['relu', 'tanh', 'sigmoid']) {
    it(`${act}, 64 rows x 64 units: loss and gradients equal the generic engines' (float64)`, () => {
      setBackend(backend);
      expect(nativeElementwise(64 * 64)).toBeDefined(); // the layers' passes do run on the backend's kernels
      const m = buildTrainingGraph(modelDef(5, [{ units: 64, activation: act }, { units: 64, activation: act }, { units: 3 }], 'cross_entropy'), 64);
      const e = env(m, 11);
      const ref = gradient(m.graph, e, m.params.map((p) => p.name), m.loss);
      const p = compile(m.graph, [m.loss, m.logits, ...m.grads], { dtype: 'float64', gemmVectors: backend === 'blas' });
      for (const [name, v] of e) p.buffer(m.graph.vars.get(name)!).set((v as Tensor).data);
      p.run();
      expect(p.scalar(m.loss)).toBeCloseTo(ref.value as number, 12);
      m.params.forEach((q, k) => expectClose(Array.from(p.buffer(m.grads[k])), ref.gradient.get(q.name)!, 1e-11, 1e-13, `${act}: ${q.name}`));
      setBackend(null);
    });
  }

  it('finds a non-finite pre-activation at its bias add, not at the activation', () => {
    setBackend(backend);
    const m = buildTrainingGraph(modelDef(5, [{ units: 64, activation: 'tanh' }, { units: 3 }], 'cross_entropy'), 64);
    const p = compile(m.graph, [m.loss, m.logits, ...m.grads], { dtype: 'float32', gemmVectors: backend === 'blas' });
    for (const [name, v] of env(m, 12)) p.buffer(m.graph.vars.get(name)!).set((v as Tensor).data);
    p.buffer(m.graph.vars.get('X')!)[0] = 1e30;
    p.buffer(m.graph.vars.get('W1')!)[0] = 1e30; // the product overflows; tanh(Inf) = 1 hides it
    p.run();
    expect(m.describe(p.firstNonFinite()!)).toBe('layer 1 (64 units, tanh): bias add');
    setBackend(null);
  });
});
