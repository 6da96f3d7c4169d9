import { describe, expect, it } from 'vitest';
import { makeOptimizer, type OptimizerSpec } from '../../src/nn/optim.js';
import { expectClose, rng } from '../graph/helpers.js';

const spec = (o: Partial<OptimizerSpec>): OptimizerSpec => ({ type: 'sgd', lr: 0.1, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, ...o });

/** Two steps of an optimizer on w = [1, -2] with the gradients g1 then g2. */
function twoSteps(o: OptimizerSpec): number[] {
  const w = Float64Array.of(1, -2);
  const g = new Float64Array(2);
  const opt = makeOptimizer(o, w, g, 'float64');
  g.set([0.5, -1]);
  expect(opt.step()).toBe(-1);
  g.set([0.25, 2]);
  expect(opt.step()).toBe(-1);
  return Array.from(w);
}

describe('optimizers (torch.optim formulas)', () => {
  it('sgd: w -= lr·(g + wd·w)', () => {
    expect(twoSteps(spec({}))).toEqual([1 - 0.1 * 0.5 - 0.1 * 0.25, -2 + 0.1 * 1 - 0.1 * 2]);
    // weight decay, by hand: step 1 w1 = 1 - 0.1(0.5 + 0.01) = 0.949; step 2 w1 = 0.949 - 0.1(0.25 + 0.00949)
    expect(twoSteps(spec({ weight_decay: 0.01 }))[0]).toBeCloseTo(0.949 - 0.1 * (0.25 + 0.00949), 15);
  });

  it('momentum: v = μv + g; w -= lr·v', () => {
    // v1 = 0.5, w = 0.95; v2 = 0.45 + 0.25 = 0.7, w = 0.95 - 0.07
    const [w0, w1] = twoSteps(spec({ type: 'momentum' }));
    expect(w0).toBeCloseTo(0.88, 15);
    // v1 = -1, w = -1.9; v2 = -0.9 + 2 = 1.1, w = -1.9 - 0.11
    expect(w1).toBeCloseTo(-2.01, 15);
  });

  it('adam: bias-corrected moments', () => {
    const lr = 0.1;
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-8;
    let m = 0;
    let v = 0;
    let w = 1;
    [0.5, 0.25].forEach((g, i) => {
      const t = i + 1;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    });
    expect(twoSteps(spec({ type: 'adam', lr }))[0]).toBeCloseTo(w, 14);
    // The first Adam step moves every weight by lr (m̂/√v̂ = sign(g)).
    const w1 = Float64Array.of(3);
    const g1 = Float64Array.of(-7);
    makeOptimizer(spec({ type: 'adam', lr: 0.01 }), w1, g1, 'float64').step();
    expect(w1[0]).toBeCloseTo(3.01, 9);
  });

  it('stops at a non-finite gradient and says which entry (the loops; the gemm path leaves it to the next loss)', () => {
    for (const type of ['sgd', 'momentum', 'adam'] as const) {
      const w = Float64Array.of(1, 2, 3);
      const g = Float64Array.of(1, 2, NaN);
      expect(makeOptimizer(spec({ type }), w, g, 'float64').step()).toBe(2);
      g[2] = 0;
      g[1] = -Infinity;
      expect(makeOptimizer(spec({ type }), w, g, 'float64').step()).toBe(1);
    }
  });

  it('the gemm path (BLAS axpy) agrees with the loops, and keeps state in the dtype', () => {
    const n = 5000;
    const r = rng(9);
    for (const type of ['sgd', 'momentum'] as const) {
      for (const dtype of ['float64', 'float32'] as const) {
        const mk = () => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
        const [wa, wb, g] = [mk(), mk(), mk()];
        for (let i = 0; i < n; i++) {
          wa[i] = wb[i] = r() - 0.5;
          g[i] = r() - 0.5;
        }
        const o = spec({ type, weight_decay: 0.01 });
        const a = makeOptimizer(o, wa, g, dtype, false);
        const b = makeOptimizer(o, wb, g, dtype, true);
        for (let s = 0; s < 3; s++) {
          a.step();
          b.step();
        }
        expectClose(wb, wa, dtype === 'float32' ? 1e-6 : 1e-13, 1e-7, `${type} ${dtype}`);
        if (type === 'momentum') expect(b.state().get('v')).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
      }
    }
  });
});
