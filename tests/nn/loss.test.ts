import { describe, expect, it } from 'vitest';
import { gradient } from '../../src/graph/engines/gradient.js';
import { getOp } from '../../src/graph/ops/index.js';
import { Tensor } from '../../src/graph/tensor.js';
import { buildGraph, parseAt } from '../../src/parse/index.js';
import { expectClose } from '../graph/helpers.js';

const T = (v: number[][]) => Tensor.from(v) as Tensor;
const ce = getOp('softmax_cross_entropy');

describe('loss ops', () => {
  it('softmax_cross_entropy: mean over rows of logsumexp(z) - z[label], hand-computed', () => {
    const z = T([[1, 2, 3], [0.5, -1, 2]]);
    const y = T([[0, 0, 1], [1, 0, 0]]);
    const row = (r: number[], k: number) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0)) - r[k];
    expect(ce.eval([z, y], undefined)).toBeCloseTo((row([1, 2, 3], 2) + row([0.5, -1, 2], 0)) / 2, 14);
  });

  it('softmax_cross_entropy is exact at huge logits (no overflow, no log(0))', () => {
    expect(ce.eval([T([[1000, 0]]), T([[0, 1]])], undefined)).toBe(1000);
    expect(ce.eval([T([[1000, 0]]), T([[1, 0]])], undefined)).toBe(0);
    // lse - z at magnitude 1000: exact up to the rounding of 1000's ulp (1e-13)
    expect(ce.eval([T([[-1000, -1000]]), T([[1, 0]])], undefined)).toBeCloseTo(Math.LN2, 12);
  });

  it('bce_logits: stable for any logit', () => {
    const bce = getOp('bce_logits');
    expect(bce.eval([0, 1], undefined)).toBeCloseTo(Math.LN2, 15);
    expect(bce.eval([800, 1], undefined)).toBe(0);
    expect(bce.eval([-800, 1], undefined)).toBe(800);
    // -[y log σ(z) + (1-y) log(1-σ(z))] at a moderate point
    const s = 1 / (1 + Math.exp(-0.7));
    expect(bce.eval([T([[0.7]]), T([[0.25]])], undefined)).toBeCloseTo(-(0.25 * Math.log(s) + 0.75 * Math.log(1 - s)), 14);
  });

  it('mse: the mean of squared differences', () => {
    expect(getOp('mse').eval([T([[1, 2], [3, 4]]), T([[1, 0], [0, 4]])], undefined)).toBe((0 + 4 + 9 + 0) / 4);
  });

  it('is callable in expressions; its gradient is (softmax(Z) - Y)/B', () => {
    const values = parseAt(['Z=[[1,2,3],[0.5,-1,2]],Y=[[0,0,1],[1,0,0]]']);
    const { graph } = buildGraph('softmax_cross_entropy(Z, Y)', values);
    const g = gradient(graph, values, ['Z']).gradient.get('Z') as Tensor;
    const expected = [[1, 2, 3], [0.5, -1, 2]].flatMap((r, i) => {
      const e = r.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v, j) => (v / s - (i === 0 ? [0, 0, 1] : [1, 0, 0])[j]) / 2);
    });
    expectClose(g.data, expected, 1e-14, 1e-16, 'dZ');
  });

  it('softmax_rows: each row sums to one, shift-invariant', () => {
    const p = getOp('softmax_rows').eval([T([[1, 2, 3], [1001, 1002, 1003]])], undefined) as Tensor;
    expectClose(p.data.subarray(0, 3), p.data.subarray(3), 1e-15, 0, 'shift');
    expect(p.data[0] + p.data[1] + p.data[2]).toBeCloseTo(1, 15);
  });
});
