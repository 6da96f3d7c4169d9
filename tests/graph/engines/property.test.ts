import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Builder } from '../../../src/graph/builder.js';
import { checkGradient } from '../../../src/graph/check/check.js';
import { forwardGradient, gradient } from '../../../src/graph/engines/gradient.js';
import { OPS } from '../../../src/graph/ops/index.js';
import { anyExpr, VARS } from '../expressions.js';
import { Tensor } from '../../../src/graph/tensor.js';
import { buildGraph } from '../../../src/parse/index.js';

const point = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -2, max: 2, noNaN: true })])));

describe('random expressions over every op', () => {
  it('reverse mode = forward mode = finite differences', () => {
    fc.assert(
      fc.property(anyExpr(4), point, (text, at) => {
        const env = new Map(Object.entries(at));
        const { graph } = buildGraph(text, env);
        const wrt = [...graph.vars.keys()];
        const rev = gradient(graph, env, wrt);
        const fwd = forwardGradient(graph, rev.values, wrt);
        for (const v of wrt) {
          const r = rev.gradient.get(v) as number;
          const f = fwd.get(v) as number;
          expect(Math.abs(r - f)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(r)));
        }
        const check = checkGradient(graph, env, rev.gradient, { rtol: 1e-5 });
        // Exactly on a kink the conventions pick one subgradient; where two kinks meet that
        // need not be the derivative (min(relu(u), u) at u = 0), so only off kinks must FD agree.
        fc.pre(check.kinks.length === 0);
        expect(check.ok, JSON.stringify(check.components)).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('the checker', () => {
  afterEach(() => vi.restoreAllMocks());

  it('catches a deliberately wrong rule (d sin = +sin instead of cos)', () => {
    const sin = OPS.get('sin')!;
    vi.spyOn(sin, 'partials').mockImplementation(<T,>(b: Builder<T>, [x]: T[]) => [b.op('sin', x)]);
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(Math.sin(v) * (Math.cos(v) - Math.sin(v))) > 1e-3), (x) => {
        const env = new Map([['x', x]]);
        const { graph } = buildGraph('sin(x)^2 + x', env);
        const check = checkGradient(graph, env, gradient(graph, env, ['x']).gradient);
        expect(check.ok).toBe(false);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('catches a rule that is off by a little (1e-4 relative)', () => {
    const exp = OPS.get('exp')!;
    vi.spyOn(exp, 'partials').mockImplementation(<T,>(b: Builder<T>, _x: T[], y: T) => [b.mul(y, 1.0001)]);
    // Through the scalar engine, and through the tensor engine.
    for (const [text, x] of [['exp(x)', 0.3], ['sum(exp(x))', Tensor.from([0.3, -1])]] as const) {
      const env = new Map([['x', x]]);
      const { graph } = buildGraph(text, env);
      expect(checkGradient(graph, env, gradient(graph, env, ['x']).gradient).ok).toBe(false);
    }
  });
});
