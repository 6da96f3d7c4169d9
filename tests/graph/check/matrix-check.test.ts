import { afterEach, describe, expect, it } from 'vitest';
import { checkHessian, checkJacobian } from '../../../src/graph/check/matrix-check.js';
import { checkGradient } from '../../../src/graph/check/check.js';
import { hessian, jacobian } from '../../../src/graph/engines/derivatives.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { elementwiseOp } from '../../../src/graph/ops/define.js';
import { registerOp } from '../../../src/graph/ops/index.js';
import { buildGraph } from '../../../src/parse/index.js';
import { cexp, csin } from '../../../src/util/complex.js';
import { Tensor, type Value } from '../../../src/graph/tensor.js';
import { mulberry32 } from '../../../src/util/random.js';

/*
 * cg hessian and cg jacobian go through the one checker: a wrong rule is caught where it
 * matters (a wrong second-derivative rule by the Hessian's check, not by the gradient's), and
 * correct matrices pass.
 */

const removals: (() => void)[] = [];
afterEach(() => {
  while (removals.length) removals.pop()!();
});

function setup(text: string, at: Record<string, number>) {
  const env = new Map<string, Value>(Object.entries(at));
  const { graph } = buildGraph(text, env);
  return { graph, env, wrt: [...graph.vars.keys()] };
}

describe('the Hessian through the checker', () => {
  it('catches a wrong second-derivative rule (a factor 2 missing) that the gradient check cannot see', () => {
    // expw' = expw2 (right: both are exp); expw2' claims exp/2 (wrong). The gradient is right, the Hessian is not.
    removals.push(registerOp(elementwiseOp({ name: 'expw2', arity: 1, scalar: Math.exp, complex: cexp, partials: (b, _x, y) => [b.mul(0.5, y)] })));
    removals.push(registerOp(elementwiseOp({ name: 'expw', arity: 1, scalar: Math.exp, complex: cexp, partials: (b, x) => [b.op('expw2', x[0])] })));
    const { graph, env, wrt } = setup('expw(x*y) + x^2', { x: 0.7, y: -0.4 });
    const g = gradient(graph, env, wrt).gradient;
    expect(checkGradient(graph, env, g).ok).toBe(true);
    const H = hessian(graph, env, wrt);
    for (const scheme of ['auto', 'ridders'] as const) {
      const c = checkHessian(graph, env, H.matrix, wrt, 'f', { scheme });
      expect(c.ok, scheme).toBe(false);
      expect(c.counts.failed, scheme).toBe(4);
      const xx = c.components.find((k) => k.label === '∂f/∂x/x')!;
      // f_xx = y² e^{xy} + 2; the wrong rule gives y² e^{xy}/2 + 2.
      expect(xx.numeric).toBeCloseTo(0.16 * Math.exp(-0.28) + 2, 7);
      expect(xx.verdict).toBe('fail');
    }
  });

  it('no false alarm on the Hessian set of the existing tests, at random points', () => {
    const r = mulberry32(7);
    const texts = ['x^2*y + exp(x*y)', 'sin(x*y) + x^3/y', 'exp(x)*log(y) - tanh(x - y)^2', 'sigmoid(x*y)*softplus(x)', 'x/(1 + y^2) + atan(x*y)'];
    for (const text of texts) {
      for (let i = 0; i < 10; i++) {
        const { graph, env, wrt } = setup(text, { x: -1.5 + 3 * r(), y: 0.5 + 1.5 * r() });
        const H = hessian(graph, env, wrt);
        for (const scheme of ['auto', 'ridders'] as const) {
          const c = checkHessian(graph, env, H.matrix, wrt, 'f', { scheme });
          expect(c.counts.failed, `${text} ${scheme} ${JSON.stringify(c.components.filter((k) => k.verdict !== 'pass'))}`).toBe(0);
          expect(c.counts.passed).toBe(4);
          if (scheme === 'auto') expect(c.components.every((k) => k.reference === 'complex step')).toBe(true);
        }
      }
    }
  });

  it('a variable f does not depend on has a zero row; a nonzero one fails', () => {
    const { graph, env, wrt } = setup('x^3 + 0*y', { x: 2, y: 1 });
    const H = hessian(graph, env, wrt);
    expect(checkHessian(graph, env, H.matrix, wrt, 'f').ok).toBe(true);
  });
});

describe('the Jacobian through the checker', () => {
  it('catches a wrong rule in one output entry, and names the entry', () => {
    removals.push(registerOp(elementwiseOp({ name: 'sinw', arity: 1, scalar: Math.sin, complex: csin, partials: (b, x) => [b.mul(2, b.op('cos', x[0]))] })));
    const { graph, env, wrt } = setup('[x*y, sinw(x), x + y]', { x: 1, y: 2 });
    const J = jacobian(graph, env, wrt, 'auto');
    const c = checkJacobian(graph, env, J.matrix, wrt, 'f');
    expect(c.ok).toBe(false);
    expect(c.components.filter((k) => k.verdict === 'fail').map((k) => k.label)).toEqual(['f[1]/x']);
    expect(c.counts).toEqual({ passed: 5, failed: 1, inconclusive: 0 });
  });

  it('passes correct Jacobians of tensors (matmul, transpose: the complex step passes linear and bilinear ops)', () => {
    const W = new Tensor([2, 2], Float64Array.of(1, -2, 0.5, 4));
    const x = new Tensor([2], Float64Array.of(0.5, -0.25));
    for (const text of ['W*x', "tanh(W*x) + W'*x", 'sum(W*x) * x']) {
      const env = new Map<string, Value>([['W', W], ['x', x]]);
      const { graph } = buildGraph(text, env);
      const wrt = [...graph.vars.keys()];
      const J = jacobian(graph, env, wrt, 'auto');
      const c = checkJacobian(graph, env, J.matrix, wrt, 'f');
      expect(c.ok, text).toBe(true);
      expect(c.counts).toEqual({ passed: 12, failed: 0, inconclusive: 0 });
      expect(c.components.every((k) => k.reference === 'complex step')).toBe(true);
    }
  });
});

