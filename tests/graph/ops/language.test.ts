import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { CgError } from '../../../src/errors.js';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { OPS } from '../../../src/graph/ops/index.js';
import { num } from '../../../src/graph/engines/numeric.js';
import { buildGraph, parseAt } from '../../../src/parse/index.js';
import type { Value } from '../../../src/graph/tensor.js';
import { cx } from '../../../src/util/complex.js';
import { rng } from '../helpers.js';

/**
 * Issue 24's functions beyond the registry test (tests/graph/ops.test.ts, which holds every
 * op's reverse and forward rules to differences on its domain): values against mathjs where
 * mathjs has the function, the complex step against the partials for every op that declares
 * `complex`, linear algebra on singular matrices, and indexing (gradients scattered back,
 * out-of-range indices refused under the item).
 */
const math = create(all);
const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : Array.from(v.data));
const mflat = (v: unknown): number[] => {
  if (typeof v === 'number' || typeof v === 'boolean') return [Number(v)];
  const f = math.flatten(v as never) as unknown;
  return (Array.isArray(f) ? f : (f as { toArray(): number[] }).toArray()).map(Number);
};

function domainOf(d: unknown, k: number): [number, number] {
  const dd = (d ?? [-3, 3]) as [number, number] | [number, number][];
  return (typeof dd[0] === 'number' ? dd : (dd as [number, number][])[k]) as [number, number];
}

describe('the complex step agrees with the partials', () => {
  const ops = [...OPS.values()].filter((op) => op.complex && op.scalar && op.partials);
  it('many ops declare a complex continuation', () => expect(ops.length).toBeGreaterThan(30));
  for (const op of ops) {
    it(`${op.name}: Im f(x + ih)/h = Σ ∂f/∂x_k, Re = f(x)`, () => {
      const r = rng(op.name.length * 131 + 7);
      const n = typeof op.arity === 'number' ? op.arity : op.arity[0] === 1 && op.name !== 'hypot' ? 1 : 2;
      for (let t = 0; t < 8; t++) {
        const xs = Array.from({ length: n }, (_, k) => {
          const [lo, hi] = domainOf(op.domain, k);
          return lo + r() * (hi - lo);
        });
        const y = op.scalar!(...xs);
        const parts = op.partials!(num, xs, y).map((p) => (p === undefined ? 0 : (p as number)));
        for (let k = 0; k < n; k++) {
          const h = 1e-20;
          const z = op.complex!(...xs.map((x, j) => cx(x, j === k ? h : 0)));
          expect(z.re, `${op.name} value at ${xs}`).toBeCloseTo(y, 10);
          const want = parts[k];
          expect(Math.abs(z.im / h - want), `${op.name} ∂/∂x${k} at ${xs}: ${z.im / h} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        }
      }
    });
  }
});

/** cg's value of a program at bindings, and mathjs's. */
function both(expr: string, at: Record<string, string>, mathjsExpr = expr): [number[], number[]] {
  const env = parseAt(Object.entries(at).map(([k, v]) => `${k}=${v}`));
  const { graph } = buildGraph(expr, env);
  const vals = evaluate(graph, env);
  const scope = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, math.evaluate(v)]));
  return [flat(vals[graph.output]), mflat(math.evaluate(mathjsExpr, scope))];
}

describe('values as mathjs computes them', () => {
  const W = '[[1.5, -2, 3], [4, 0.5, -6]]';
  const A = '[[2, 1, 0.5], [0.3, 3, 1], [1, -1, 4]]';
  const cases: [string, Record<string, string>, string?][] = [
    ['sum(W, 2)', { W }], ['sum(W, 1)', { W }], ['mean(W, 1)', { W }], ['max(W, 2)', { W }], ['min(W, 1)', { W }],
    ['cumsum(W, 2)', { W }], ['cumsum(W)', { W }], ['variance(W, 1)', { W }], ['std(W, 2)', { W }], ['std(W)', { W }], ['variance(W)', { W }],
    ['prod(W)', { W }], ['norm(v, 1)', { v: '[3, -4, 1]' }], ['norm(v, Infinity)', { v: '[3, -4, 1]' }], ['norm(v, 2)', { v: '[3, -4, 1]' }],
    ['norm(A, 1)', { A }], ['norm(A, Infinity)', { A }], ['concat(W, W, 1)', { W }], ['concat(W, W)', { W }], ['diag(A)', { A }], ['diag(v)', { v: '[1, 2]' }],
    ['reshape(W, [3, 2])', { W }], ['flatten(W)', { W }], ['squeeze(C)', { C: '[[1, 2, 3]]' }], ['size(W)', { W }],
    ['kron(A, W)', { A, W }], ['cross(a, b)', { a: '[1, 2, 3]', b: '[-2, 0.5, 4]' }], ['lusolve(A, b)', { A, b: '[1, 2, 3]' }],
    ['lsolve(A, b)', { A, b: '[1, 2, 3]' }], ['usolve(A, b)', { A, b: '[1, 2, 3]' }], ['det(A)', { A }], ['inv(A)', { A }], ['trace(A)', { A }],
    ['W[2, :]', { W }], ['W[1:2, 2:end]', { W }], ['W[:, [3, 1]]', { W }], ['v[end:-1:1]', { v: '[1, 2, 3]' }], ['row(W, 2)', { W }], ['column(W, 3)', { W }],
    ['x > 0 ? x^2 : -x', { x: '-0.5' }], ['x >= 1', { x: '1' }], ['x == y', { x: '1', y: '1' }], ['x != y', { x: '1', y: '1' }], ['compare(x, y)', { x: '1', y: '2' }],
    ['mod(x, y)', { x: '-7.5', y: '2' }], ['round(x)', { x: '-2.5' }], ['round(x, 2)', { x: '3.14159' }], ['fix(x)', { x: '-2.7' }],
    ['nthRoot(x, 3)', { x: '-8' }], ['hypot(x, y, 2)', { x: '3', y: '4' }], ['atan2(y, x)', { x: '-1', y: '-0.5' }],
    ['erf(x)', { x: '2.7' }], ['erf(x)', { x: '-0.3' }], ['gamma(x)', { x: '4.5' }], ['gamma(x)', { x: '-1.5' }], ['lgamma(x)', { x: '0.2' }], ['lgamma(x)', { x: '30.5' }],
    ['acoth(x) + acsc(x) + asec(x) + acsch(x) + acot(x)', { x: '1.7' }], ['asech(x)', { x: '0.4' }], ['cube(x) + exp2(x) + expm1(x) + log1p(x)', { x: '0.3' }, 'cube(x) + 2^x + expm1(x) + log1p(x)'],
    ['sec(x) + csc(x) + cot(x) + sech(x) + csch(x) + coth(x)', { x: '0.7' }],
  ];
  for (const [expr, at, mj] of cases) {
    it(`${expr} at ${JSON.stringify(at)}`, () => {
      const [got, want] = both(expr, at, mj);
      expect(got.length).toBe(want.length);
      got.forEach((g, i) => expect(Math.abs(g - want[i]), `${expr}[${i}]: ${g} vs ${want[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i]))));
    });
  }
  it('exp2, erfc, digamma, polygamma, sinc and the activations against their formulas', () => {
    const x = 0.37;
    const [v] = both('erfc(x) - (1 - erf(x))', { x: String(x) }, '0');
    expect(Math.abs(v[0])).toBeLessThan(1e-15);
    // ψ(1) = -γ, ψ'(1) = π²/6, sinc(1/2) = 2/π
    expect(both('digamma(x)', { x: '1' }, '-0.5772156649015329')[0][0]).toBeCloseTo(-0.5772156649015329, 13);
    expect(both('polygamma(1, x)', { x: '1' }, 'pi^2/6')[0][0]).toBeCloseTo(Math.PI ** 2 / 6, 12);
    expect(both('sinc(x)', { x: '0.5' }, '2/pi')[0][0]).toBeCloseTo(2 / Math.PI, 15);
    const acts: [string, string][] = [
      ['elu(x)', 'x > 0 ? x : exp(x) - 1'], ['elu(x, 0.5)', 'x > 0 ? x : 0.5*(exp(x) - 1)'], ['leaky_relu(x)', 'x > 0 ? x : 0.01*x'],
      ['selu(x)', '1.0507009873554805*(x > 0 ? x : 1.6732632423543772*(exp(x) - 1))'], ['gelu(x)', 'x*(1 + erf(x/sqrt(2)))/2'],
      ['gelu_tanh(x)', '0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))'], ['silu(x)', 'x/(1 + exp(-x))'], ['swish(x)', 'x/(1 + exp(-x))'],
      ['mish(x)', 'x*tanh(log(1 + exp(x)))'], ['softsign(x)', 'x/(1 + abs(x))'], ['hardtanh(x)', 'min(max(x, -1), 1)'], ['clip(x, -1, 0.5)', 'min(max(x, -1), 0.5)'],
      ['xlogy(x, 2)', 'x*log(2)'], ['logaddexp(x, 1)', 'log(exp(x) + exp(1))'],
    ];
    for (const [cgExpr, mjExpr] of acts) for (const at of ['-1.3', '0.4', '2.2']) {
      const [g, w] = both(cgExpr, { x: at }, mjExpr);
      expect(Math.abs(g[0] - w[0]), `${cgExpr} at ${at}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(w[0])));
    }
  });
});

describe('linear algebra against differences, and refused on singular matrices', () => {
  it('det, logdet, inv, solve: gradients equal central differences on random well-conditioned matrices', () => {
    const r = rng(24);
    for (let t = 0; t < 5; t++) {
      const n = 2 + (t % 3);
      const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 3 : 0) + (r() - 0.5)));
      const b = Array.from({ length: n }, () => r() - 0.5);
      for (const expr of ['det(A)', 'logdet(A)', 'sum(inv(A) .^ 2)', 'sum(solve(A, b) .* b)', 'trace(A * A) + det(A)^2']) {
        const env = parseAt([`A=${JSON.stringify(A)},b=${JSON.stringify(b)}`]);
        const { graph } = buildGraph(expr, env);
        const g = flat(gradient(graph, env, ['A']).gradient.get('A')!);
        const f = (M: number[][]) => flat(evaluate(graph, new Map([...env, ['A', parseAt([`A=${JSON.stringify(M)}`]).get('A')!]]))[graph.output])[0];
        const h = 1e-6;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const up = A.map((row) => row.slice());
            const dn = A.map((row) => row.slice());
            up[i][j] += h;
            dn[i][j] -= h;
            const fd = (f(up) - f(dn)) / (2 * h);
            expect(Math.abs(g[i * n + j] - fd), `${expr} ∂/∂A[${i}][${j}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
          }
      }
    }
  });
  it('a singular matrix: a CgError that says so (exit 2), never NaN', () => {
    for (const expr of ['sum(inv(A))', 'sum(solve(A, b))', 'logdet(A)', 'det(A)']) {
      const env = parseAt(['A=[[1, 2], [2, 4]],b=[1, 1]']);
      const { graph } = buildGraph(expr, env);
      let err: unknown;
      try {
        gradient(graph, env, ['A']);
      } catch (e) {
        err = e;
      }
      expect(err, expr).toBeInstanceOf(CgError);
      expect((err as CgError).message).toMatch(/singular/);
      expect((err as CgError).exitCode).toBe(2);
    }
  });
});

describe('indexing', () => {
  const grad = (expr: string, at: string, wrt: string) => {
    const env = parseAt([at]);
    const { graph } = buildGraph(expr, env);
    return gradient(graph, env, [wrt]).gradient.get(wrt)!;
  };
  it('gradients of entries, slices and repeated indices scatter back into the right places', () => {
    expect(flat(grad('sum(v[[1, 1, 3]])', 'v=[5, 6, 7]', 'v'))).toEqual([2, 0, 1]);
    expect(flat(grad('v[end]^2', 'v=[5, 6, 7]', 'v'))).toEqual([0, 0, 14]);
    expect(flat(grad('sum(W[1:2, 2:end] .^ 2)', 'W=[[1, 2, 3], [4, 5, 6]]', 'W'))).toEqual([0, 4, 6, 0, 10, 12]);
    expect(flat(grad('sum(W[2, :] .* [1, 2, 3])', 'W=[[1, 2, 3], [4, 5, 6]]', 'W'))).toEqual([0, 0, 0, 1, 2, 3]);
    expect(flat(grad('sum(v[3:-1:1] .* [1, 2, 3])', 'v=[5, 6, 7]', 'v'))).toEqual([3, 2, 1]);
    expect(flat(grad('sum(cumsum(v) .* [1, 2, 3])', 'v=[5, 6, 7]', 'v'))).toEqual([6, 5, 3]);
    expect(flat(grad("W[2, 3] * W[1, 1]", 'W=[[1, 2, 3], [4, 5, 6]]', 'W'))).toEqual([6, 0, 0, 0, 0, 1]);
  });
  it('an out-of-range or fractional index is a shape or value error under the item (exit 2)', () => {
    for (const [expr, at, start, end, msg] of [
      ['v[4]', 'v=[1, 2, 3]', 2, 3, /index 4 is out of range: dimension 1 has 3 entries/],
      ['v[0]', 'v=[1, 2, 3]', 2, 3, /index 0 is out of range/],
      ['W[1, 2:5]', 'W=[[1, 2], [3, 4]]', 5, 8, /index 3 is out of range: dimension 2 has 2 entries/],
      ['W[1]', 'W=[[1, 2], [3, 4]]', 0, 4, /has 2 dimensions/],
      ['v[1.5]', 'v=[1, 2, 3]', 2, 5, /not a whole number/],
      ['v[x]', 'v=[1, 2, 3],x=1', 2, 3, /constant/],
      ['x[1]', 'x=2', 0, 4, /cannot index a scalar/],
    ] as const) {
      let err: unknown;
      try {
        buildGraph(expr, parseAt([at]));
      } catch (e) {
        err = e;
      }
      expect(err, expr).toBeInstanceOf(CgError);
      const e = err as CgError;
      expect(e.message, expr).toMatch(msg);
      expect(e.exitCode).toBe(2);
      expect(e.span, expr).toEqual({ start, end });
    }
  });
});
