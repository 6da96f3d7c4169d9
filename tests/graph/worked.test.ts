import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../src/graph/check/check.js';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { forwardGradient, gradient } from '../../src/graph/engines/gradient.js';
import { buildGraph } from '../../src/parse/index.js';

interface Example {
  expression: string;
  at: Record<string, number>;
  value: number;
  gradient: Record<string, number>;
  /** The lecture prints 12 significant digits; exact examples are exact. */
  digits?: number;
  forwardDifference?: { step: number; gradient: Record<string, number> };
  kink?: string;
}

const { examples } = JSON.parse(readFileSync(new URL('../../fixtures/worked-examples.json', import.meta.url), 'utf8')) as {
  examples: Example[];
};

/** The lecture's numbers are rounded to `digits` significant digits; compare at that precision, never looser than 1e-12. */
function expectMatches(actual: number, expected: number, digits?: number) {
  const tol = digits ? Math.max(1e-12, 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1)) : 1e-12;
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

describe('worked examples from the lecture notes', () => {
  for (const ex of examples) {
    it(`${ex.expression} at ${JSON.stringify(ex.at)}`, () => {
      const env = new Map(Object.entries(ex.at));
      const { graph } = buildGraph(ex.expression, env);
      const wrt = Object.keys(ex.gradient);
      const rev = gradient(graph, env, wrt);
      expectMatches(rev.value as number, ex.value, ex.digits);
      const fwd = forwardGradient(graph, rev.values, wrt);
      for (const name of wrt) {
        expectMatches(rev.gradient.get(name) as number, ex.gradient[name], ex.digits);
        expectMatches(fwd.get(name) as number, ex.gradient[name], ex.digits);
      }
      const check = checkGradient(graph, env, rev.gradient);
      expect(check.ok).toBe(true);
      if (ex.kink) {
        expect(check.kinks.map((k) => k.convention)).toContain(ex.kink);
        expect(check.components.some((c) => c.method === 'one-sided')).toBe(true);
      }
      if (ex.forwardDifference) {
        // The lecture's own check: forward differences with a coarse step.
        const { step, gradient: want } = ex.forwardDifference;
        const f0 = evaluate(graph, env)[graph.output] as number;
        for (const name of wrt) {
          const moved = new Map(env).set(name, env.get(name)! + step);
          const fd = ((evaluate(graph, moved)[graph.output] as number) - f0) / step;
          expect(fd).toBeCloseTo(want[name], 5);
        }
      }
    });
  }

  it('shares identical sub-expressions: log(x) + sqrt(log(x)) has one log node', () => {
    const { graph } = buildGraph('log(x) + sqrt(log(x))', new Map([['x', 3]]));
    expect(graph.nodes.filter((n) => n.op === 'log')).toHaveLength(1);
  });

  it('x / x^2 sums the gradient over both paths from x', () => {
    const { graph } = buildGraph('x / x^2', new Map([['x', 2]]));
    const x = graph.vars.get('x')!;
    expect(graph.nodes.filter((n) => n.inputs.includes(x))).toHaveLength(2);
  });
});
