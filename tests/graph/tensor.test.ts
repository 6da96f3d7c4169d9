import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../src/graph/check/check.js';
import { hessian, hessianByDifferences, hvp, jacobian } from '../../src/graph/engines/derivatives.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import { Tensor, type Value } from '../../src/graph/tensor.js';
import { buildGraph } from '../../src/parse/index.js';
import { CgError } from '../../src/errors.js';
import { expectClose, flat } from './helpers.js';

function fixture(name: string) {
  const f = JSON.parse(readFileSync(new URL(`../../fixtures/expressions/${name}`, import.meta.url), 'utf8'));
  const env = new Map<string, Value>(Object.entries(f.at).map(([k, v]) => [k, Tensor.from(v)]));
  return { expression: f.expression as string, env, raw: f.at as Record<string, any> };
}

// Plain loops, independent of cg's graph and rules.
const matvec = (M: number[][], v: number[]) => M.map((row) => row.reduce((s, m, j) => s + m * v[j], 0));
const matTvec = (M: number[][], v: number[]) => M[0].map((_, j) => M.reduce((s, row, i) => s + row[j] * v[i], 0));
const outer = (u: number[], v: number[]) => u.map((a) => v.map((b) => a * b));

describe('seed 002: h = tanh(W x + b), y = V h + a, L = ½‖y − t‖²', () => {
  const { expression, env, raw } = fixture('seed002-two-layer.json');
  const { graph } = buildGraph(expression, env);
  const wrt = ['W', 'x', 'b', 'V', 'a'];
  const g = gradient(graph, env, wrt);

  it('matches the hand-derived backprop of the lecture', () => {
    const z = matvec(raw.W, raw.x).map((v, i) => v + raw.b[i]);
    const h = z.map(Math.tanh);
    const y = matvec(raw.V, h).map((v, i) => v + raw.a[i]);
    const delta = y.map((v, i) => v - raw.t[i]);
    const dz = matTvec(raw.V, delta).map((v, i) => v * (1 - h[i] ** 2));
    expect(g.value).toBeCloseTo(0.5 * delta.reduce((s, d) => s + d * d, 0), 14);
    expectClose(g.gradient.get('a')!, Tensor.from(delta), 1e-13, 1e-15, 'a');
    expectClose(g.gradient.get('V')!, Tensor.from(outer(delta, h)), 1e-13, 1e-15, 'V');
    expectClose(g.gradient.get('b')!, Tensor.from(dz), 1e-13, 1e-15, 'b');
    expectClose(g.gradient.get('W')!, Tensor.from(outer(dz, raw.x)), 1e-13, 1e-15, 'W');
    expectClose(g.gradient.get('x')!, Tensor.from(matTvec(raw.W, dz)), 1e-13, 1e-15, 'x');
  });

  it('passes the finite-difference check, every component', () => {
    const check = checkGradient(graph, env, g.gradient);
    expect(check.components).toHaveLength(12 + 3 + 4 + 8 + 2);
    expect(check.ok).toBe(true);
  });

  it('passes the random-direction check when components are many', () => {
    const check = checkGradient(graph, env, g.gradient, { maxComponents: 10 });
    expect(check.components.filter((c) => c.method === 'directional')).toHaveLength(16);
    expect(check.ok, JSON.stringify(check.components.filter((c) => !c.ok))).toBe(true);
  });

  it('a random-direction check still catches a wrong gradient', () => {
    const wrong = new Map(g.gradient);
    const W = wrong.get('W') as Tensor;
    const bad = W.data.slice();
    bad[5] += 1e-3;
    wrong.set('W', new Tensor(W.shape, bad));
    expect(checkGradient(graph, env, wrong, { maxComponents: 10 }).ok).toBe(false);
  });
});

describe("seed 000: the 2-layer net W2 max(0, W1 x)", () => {
  const { expression, env, raw } = fixture('seed000-relu-net.json');
  const { graph } = buildGraph(expression, env);
  const g = gradient(graph, env, ['W1', 'x', 'W2']);

  it('matches the hand-derived gradient (max routes, mul switches)', () => {
    const s = matvec(raw.W1, raw.x);
    const r = s.map((v) => Math.max(0, v));
    const ones = raw.W2.map(() => 1);
    const dr = matTvec(raw.W2, ones);
    const ds = dr.map((v, i) => (s[i] > 0 ? v : 0));
    expectClose(g.gradient.get('W2')!, Tensor.from(outer(ones, r)), 1e-14, 1e-15, 'W2');
    expectClose(g.gradient.get('W1')!, Tensor.from(outer(ds, raw.x)), 1e-14, 1e-15, 'W1');
    expectClose(g.gradient.get('x')!, Tensor.from(matTvec(raw.W1, ds)), 1e-14, 1e-15, 'x');
    expect(checkGradient(graph, env, g.gradient).ok).toBe(true);
  });
});

describe('products, broadcasting and reductions', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['sum(v*M)', { v: [1, -2], M: [[1, 2, 3], [4, 5, 6]] }], // vector × matrix
    ['u*v', { u: [1, 2, 3], v: [0.5, -1, 2] }], // vector × vector = dot
    ['sum(X + b)', { X: [[1, 2, 3], [4, 5, 6]], b: [0.1, 0.2, 0.3] }], // bias broadcast over rows
    ['sum((X .* c) ./ d)', { X: [[1, 2], [3, 4]], c: [[2], [3]], d: 1.5 }],
    ['mean(A .^ 2) + norm(v) + dot(v, v)', { A: [[1, -2], [0.5, 3]], v: [3, 4] }],
    ['logsumexp(v) + sum(softmax(v) .* w)', { v: [0.1, -0.5, 2], w: [1, 2, 3] }],
    ["sum(A' * B)", { A: [[1, 2], [3, 4], [5, 6]], B: [[1, 0], [0, 1], [1, 1]] }],
    ['max(v) - min(v)', { v: [0.3, -1.2, 2.5, 0.7] }],
    ['sum([x, y, x*y] .* [1, 2, 3])', { x: 0.5, y: -2 }],
  ];
  for (const [text, at] of cases) {
    it(`${text}: reverse = forward = finite differences`, () => {
      const env = new Map<string, Value>(Object.entries(at).map(([k, v]) => [k, Tensor.from(v)]));
      const { graph } = buildGraph(text, env);
      const wrt = [...graph.vars.keys()];
      const g = gradient(graph, env, wrt);
      expect(checkGradient(graph, env, g.gradient).ok).toBe(true);
      const J = jacobian(graph, env, wrt, 'forward');
      expectClose(Float64Array.from(wrt.flatMap((n) => flat(g.gradient.get(n)!))), J.matrix, 1e-12, 1e-14, 'forward');
    });
  }

  it('a tie in max(A) splits the gradient equally among the tied entries', () => {
    const env = new Map<string, Value>([['v', Tensor.from([1, 3, 3, 2])]]);
    const { graph } = buildGraph('max(v)', env);
    expect(flat(gradient(graph, env, ['v']).gradient.get('v')!)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('finds shape errors when the graph is built, naming the sub-expression', () => {
    const env = new Map<string, Value>([['W', Tensor.zeros([3, 4])], ['x', Tensor.zeros([3])]]);
    try {
      buildGraph('sum(W*x)', env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CgError);
      expect((e as CgError).message).toBe('shape mismatch in W*x: [3,4] * [3]: the left side has 4 columns, the right side 3 entries');
      expect((e as CgError).span).toEqual({ start: 5, end: 6 });
    }
  });
});

describe('Jacobians and Hessians', () => {
  it('forward and reverse Jacobians agree with each other, and auto picks the cheaper', () => {
    const env = new Map<string, Value>([['W', Tensor.from([[1, 2], [0.5, -1], [2, 0]])], ['x', Tensor.from([0.3, -0.7])]]);
    const { graph } = buildGraph('tanh(W*x)', env);
    const f = jacobian(graph, env, ['W', 'x'], 'forward');
    const r = jacobian(graph, env, ['W', 'x'], 'reverse');
    expect([f.sweeps, r.sweeps]).toEqual([8, 3]);
    expectClose(f.matrix, r.matrix, 1e-13, 1e-15, 'J');
    expect(jacobian(graph, env, ['W', 'x']).mode).toBe('reverse');
    expect(jacobian(graph, env, ['x']).mode).toBe('forward');
  });

  it('Hessian: symmetric, equal to the analytic one, and to differences of the gradient', () => {
    // f = x²y + exp(xy): H = [[2y + y²e, 2x + e(1 + xy)], [·, x²e]] with e = exp(xy).
    const [x, y] = [0.7, -1.3];
    const env = new Map<string, Value>([['x', x], ['y', y]]);
    const { graph } = buildGraph('x^2*y + exp(x*y)', env);
    const H = hessian(graph, env, ['x', 'y']);
    const e = Math.exp(x * y);
    const want = [2 * y + y * y * e, 2 * x + e * (1 + x * y), 2 * x + e * (1 + x * y), x * x * e];
    expectClose(H.matrix, Float64Array.from(want), 1e-13, 1e-15, 'H');
    expectClose(H.matrix, hessianByDifferences(graph, env, ['x', 'y']), 1e-7, 1e-8, 'H vs FD');
  });

  it('Hessian-vector products equal H·v without forming H', () => {
    const env = new Map<string, Value>([['A', Tensor.from([[1, 2], [3, 4]])], ['v', Tensor.from([0.5, -1])]]);
    const { graph } = buildGraph('sum(tanh(A*v) .^ 2)', env);
    const H = hessian(graph, env, ['A', 'v']);
    const dir = new Map<string, Value>([['A', Tensor.from([[0.1, 0], [0, -0.2]])], ['v', Tensor.from([1, 1])]]);
    const hv = hvp(graph, env, ['A', 'v'], dir);
    const d = [0.1, 0, 0, -0.2, 1, 1];
    const want = Array.from({ length: 6 }, (_, i) => d.reduce((s, dj, j) => s + H.matrix[i * 6 + j] * dj, 0));
    expectClose(Float64Array.from([...flat(hv.get('A')!), ...flat(hv.get('v')!)]), Float64Array.from(want), 1e-12, 1e-14, 'Hv');
  });
});
