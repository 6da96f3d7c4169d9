import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Builder } from '../../../src/graph/builder.js';
import { checkGradient } from '../../../src/graph/check/check.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { OPS } from '../../../src/graph/ops/index.js';
import { Tensor, type Value } from '../../../src/graph/tensor.js';
import { mulberry32 } from '../../../src/util/random.js';
import { buildGraph } from '../../../src/parse/index.js';

/** The checker on one expression at one point, with the gradient cg computes. */
function checkOf(text: string, at: Record<string, Value>, opts: Parameters<typeof checkGradient>[3] = {}) {
  const env = new Map(Object.entries(at));
  const { graph } = buildGraph(text, env);
  const g = gradient(graph, env, [...graph.vars.keys()]).gradient;
  return checkGradient(graph, env, g, opts);
}

const uniformMatrix = (rows: number, cols: number, seed: number) => {
  const r = mulberry32(seed);
  return new Tensor([rows, cols], Float64Array.from({ length: rows * cols }, () => 2 * r() - 1));
};
const uniformVector = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return new Tensor([n], Float64Array.from({ length: n }, () => 2 * r() - 1));
};

describe('the checker at domain edges, kinks and infinite derivatives', () => {
  it('sqrt at 0: the derivative is infinite, the one-sided quotients grow, and it says so', () => {
    const [c] = checkOf('sqrt(x)', { x: 0 }).components;
    expect(c).toMatchObject({ analytic: Infinity, verdict: 'pass', method: 'one-sided' });
    expect(c.note).toMatch(/derivative is infinite/);
    expect(c.left).toBeUndefined(); // left of 0, sqrt is NaN
  });

  it('log 1e-9 from its edge: central stencils leave the domain, one-sided ones from inside agree', () => {
    const [c] = checkOf('log(x)', { x: 1e-9 }, { scheme: 'ridders' }).components;
    expect(c).toMatchObject({ verdict: 'pass', method: 'one-sided' });
    // The complex step needs no stencil: it passes at the edge by itself.
    expect(checkOf('log(x)', { x: 1e-9 }).components[0]).toMatchObject({ verdict: 'pass', method: 'complex' });
    expect(c.note).toMatch(/not finite within .* \(a domain edge\)/);
    expect(Math.abs(c.numeric - 1e9) / 1e9).toBeLessThan(1e-8);
  });

  it('acos 1e-12 from its edge: no quotient resolves it, so inconclusive (and a fail with strict)', () => {
    const c = checkOf('acos(x)', { x: 1 - 1e-12 }, { scheme: 'ridders' });
    expect(c.components[0].verdict).toBe('inconclusive');
    expect(c.components[0].note).toMatch(/try --step/);
    expect(c.ok).toBe(true);
    expect(c.counts).toEqual({ passed: 0, failed: 0, inconclusive: 1 });
    expect(checkOf('acos(x)', { x: 1 - 1e-12 }, { strict: true, scheme: 'ridders' }).ok).toBe(false);
    expect(checkOf('acos(x)', { x: 1 - 1e-12 }, { strict: true }).components[0]).toMatchObject({ verdict: 'pass', method: 'complex' });
  });

  it('abs and relu at 0: the convention lies between the one-sided quotients', () => {
    for (const [text, left, right] of [['abs(x)', -1, 1], ['relu(x) + x', 1, 2]] as const) {
      const [c] = checkOf(text, { x: 0 }).components;
      expect(c).toMatchObject({ verdict: 'pass', method: 'one-sided' });
      expect(c.left).toBeCloseTo(left, 10);
      expect(c.right).toBeCloseTo(right, 10);
    }
  });

  it('a NaN analytic derivative never passes', () => {
    const env = new Map([['x', 2]]);
    const { graph } = buildGraph('x^2', env);
    const c = checkGradient(graph, env, new Map([['x', NaN]]));
    expect(c.components[0].verdict).toBe('fail');
    expect(c.ok).toBe(false);
  });

  it('a function that is NaN at the point: nothing to compare, and said so', () => {
    const c = checkOf('log(x)', { x: -1 });
    expect(c.ok).toBe(false);
    expect(c.components[0].verdict).toBe('inconclusive');
    expect(c.components[0].note).toMatch(/f is NaN at this point/);
  });
});

describe('schemes and steps', () => {
  it('reproduces lecture 001 with forward differences at step 0.01', () => {
    const c = checkOf('t = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', { u1: 1, u2: -1 }, { scheme: 'forward', step: 0.01 });
    expect(c.components.map((k) => k.label)).toEqual(['u1', 'u2']);
    expect(c.components[0].numeric).toBeCloseTo(48.192417, 5);
    expect(c.components[1].numeric).toBeCloseTo(4.7640868, 6);
    // Off by 2% and the estimate knows it: inconclusive, never a pass.
    for (const k of c.components) expect(k.verdict).toBe('inconclusive');
  });

  it('Ridders on the same function: accurate to ~1e-12 with an estimate to match', () => {
    const c = checkOf('t = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', { u1: 1, u2: -1 });
    for (const k of c.components) {
      expect(k.verdict).toBe('pass');
      expect(k.relErr).toBeLessThan(1e-11);
      expect(k.estimate).toBeLessThan(1e-9 * Math.abs(k.analytic));
      expect(k.evals).toBeLessThanOrEqual(24);
    }
  });

  it('the issue\'s strongly curved example: ∂f/∂z = -130.08174720516698 passes', () => {
    const text = '(sqrt(2 + sin((-(((z * z))^3) * (((x + w)) / (1 + ((z - y))^2) + ((0.5 * x) * (x - 3)))))) - (((exp(tanh((z + 0.5))) + sigmoid((y + 0.5))) - (((w - z) + atan(z)) - tanh(-(z)))) + max(log(1 + (((x)^2) / (1 + ((z * w))^2))^2), ((max(y, z)) / (1 + ((w * y))^2) * sqrt(2 + sin((0.25 + w)))))))';
    const c = checkOf(text, { w: 1.457, x: -1.893, y: 0.857, z: 1.721 });
    expect(c.ok).toBe(true);
    const z = c.components.find((k) => k.label === 'z')!;
    expect(z.analytic).toBeCloseTo(-130.08174720516698, 9);
    // The estimate covers the quotient's actual error (against the computer-algebra value).
    expect(Math.abs(z.numeric - -130.08174720516698)).toBeLessThanOrEqual(4 * z.estimate);
  });

  it('sin(ω x) for ω up to 1e4 and |x| up to 100: never a false alarm', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (e, x) => {
        const c = checkOf(`sin(${10 ** e}*x)`, { x });
        expect(c.components[0].verdict, JSON.stringify(c.components[0])).not.toBe('fail');
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe('the checker on tensors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the 300×300 quartic sum((A*B) .* (A*B)) along random directions and sampled entries', () => {
    const A = uniformMatrix(300, 300, 1);
    const B = uniformMatrix(300, 300, 2);
    const env = new Map<string, Value>([['A', A], ['B', B]]);
    const { graph } = buildGraph('sum((A*B) .* (A*B))', env);
    const c = checkGradient(graph, env, gradient(graph, env, ['A']).gradient);
    expect(c.components.filter((k) => k.method === 'directional')).toHaveLength(16);
    expect(c.components.filter((k) => k.method !== 'directional')).toHaveLength(8);
    expect(c.counts).toEqual({ passed: 24, failed: 0, inconclusive: 0 });
    expect(c.directions).toHaveLength(16);
  }, 120_000);

  it('passes tanh, softmax and logsumexp layers of sizes 2..60', () => {
    for (const n of [2, 3, 5, 8, 13, 21, 34, 60]) {
      const W = uniformMatrix(n, n, n);
      const x = uniformVector(n, n + 1);
      const w = uniformVector(n, n + 2);
      for (const text of ['sum(tanh(W*x) .* w)', 'sum(softmax(W*x) .* w)', 'logsumexp(W*x) + dot(w, x)']) {
        const c = checkOf(text, { W, x, w });
        expect(c.counts.failed, `${text} at n = ${n}: ${JSON.stringify(c.components.filter((k) => k.verdict !== 'pass'))}`).toBe(0);
        expect(c.counts.inconclusive, `${text} at n = ${n}`).toBe(0);
      }
    }
  });

  it('catches a wrong matmul rule (the adjoint not transposed), small and large', () => {
    const matmul = OPS.get('matmul')!;
    const right = matmul.vjp!;
    vi.spyOn(matmul, 'vjp').mockImplementation(<T,>(b: Builder<T>, a: Parameters<typeof right>[1]) => {
      const [dp, dq] = right(b, a as never) as T[];
      // g·q instead of g·qᵀ: the same shape for square factors, the wrong numbers.
      return [dp === undefined ? undefined : b.op('matmul', a.g as T, a.x[1] as T), dq] as never;
    });
    for (const n of [4, 40]) {
      const A = uniformMatrix(n, n, 10 + n);
      const B = uniformMatrix(n, n, 20 + n);
      const c = checkOf('sum((A*B) .* (A*B))', { A, B });
      expect(c.ok).toBe(false);
      expect(c.counts.failed).toBeGreaterThan(0);
    }
  });
});
