import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivationSteps, treeOf } from '../../../src/graph/engines/diff-steps.js';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { computeDiff } from '../../../src/parse/diff.js';
import { buildGraph } from '../../../src/parse/index.js';
import { cg } from '../../cli/run.js';
import { rng } from '../helpers.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../fixtures/diff/steps/${name}.json`, import.meta.url), 'utf8'));

/** Every step whose result has no pending d/dv[...] is cg syntax: parsed and evaluated, it must be the gradient. */
function expectStepsRight(expr: string, wrt: string, draw: () => number, lo = 0.3, hi = 1.5) {
  const names = computeDiff(expr).wrt;
  const { graph } = buildGraph(expr, new Map(names.map((n) => [n, 1])));
  const steps = derivationSteps(treeOf(graph, graph.output), wrt);
  expect(steps.length).toBeGreaterThan(0);
  steps.forEach((s, k) => {
    if (k) expect(s.before, `step ${k} starts where step ${k - 1} ended`).toBe(steps[k - 1].after);
  });
  expect(steps[0].before).toBe(`d/d${wrt}[${steps[0].before.slice(4 + wrt.length, -1)}]`);
  const done = steps.filter((s) => !s.after.includes(`d/d${wrt}[`));
  expect(done.length, 'the last step has no pending derivative').toBeGreaterThan(0);
  for (let trial = 0; trial < 3; trial++) {
    const values = new Map(names.map((n) => [n, lo + (hi - lo) * draw()]));
    const want = gradient(graph, values, [wrt]).gradient.get(wrt) as number;
    for (const s of done) {
      const back = buildGraph(s.after, values).graph;
      const got = evaluate(back, values)[back.output] as number;
      expect(Math.abs(got - want), `${expr}: ${s.rule}: ${s.after} = ${got}, gradient ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
  }
  return steps;
}

describe('cg diff --steps: the lecture examples as fixtures', () => {
  for (const name of ['log-sqrt-log', 'sigmoid-neuron']) {
    it(name, () => {
      const f = fixture(name);
      const r = computeDiff(f.expression, { wrt: f.wrt, steps: true });
      expect(r.steps).toEqual(f.steps);
      for (const d of f.steps) expectStepsRight(f.expression, d.wrt, rng(3), 1.2, 3);
    });
  }

  it('log(x) + sqrt(log(x)): sum rule, log\'s own rule, the chain rule with sqrt\'s, then simplified', () => {
    const rules = fixture('log-sqrt-log').steps[0].steps.map((s: { rule: string }) => s.rule);
    expect(rules).toEqual(['sum rule', "log'(x) = 1/x", "chain rule, sqrt'(u) = 0.5/sqrt(u)", "log'(x) = 1/x", 'simplify: ×1, +0, ×0 dropped, constants folded, signs to the front', 'the shortest form cg found (as printed below)']);
  });

  it('the sigmoid neuron by w0 takes the reciprocal rule, then the chain rule through exp', () => {
    const rules = fixture('sigmoid-neuron').steps[0].steps.map((s: { rule: string }) => s.rule);
    expect(rules.slice(0, 3)).toEqual(['reciprocal rule', 'a constant term drops', "chain rule, exp'(u) = exp(u)"]);
  });
});

describe('cg diff --steps: the rules', () => {
  it.each([
    ['x*sin(x)', 'product rule'],
    ['sin(x)/x', 'quotient rule'],
    ['(x + 1)^3', 'power rule'],
    ['2^x', 'exponential rule'],
    ['x^x', 'general power rule'],
    ['tanh(x^2)', "chain rule, tanh'(u) = 1 - tanh(u)^2"],
    ['x*x*x', 'simplify: like factors into powers, like terms collected, constants into one coefficient'],
  ])('%s uses the %s, and every finished step is the derivative', (expr, rule) => {
    const steps = expectStepsRight(expr, 'x', rng(5));
    expect(steps.map((s) => s.rule)).toContain(rule);
  });

  it('on random expressions, every finished step equals reverse mode', () => {
    const leaf = fc.constantFrom('x', 'y', '2', '0.5');
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, o, b]) => (o === '/' ? `(${a})/(1.5 + (${b})^2)` : `(${a}) ${o} (${b})`)),
        fc.tuple(fc.constantFrom('sin', 'exp', 'tanh', 'atan'), tie('e')).map(([f, a]) => `${f}(${a})`),
        tie('e').map((a) => `(${a})^3`),
      ),
    })).e;
    const draw = rng(9);
    fc.assert(
      fc.property(expr, (text) => {
        fc.pre(/\bx\b/.test(text));
        expectStepsRight(text, 'x', draw, -1, 1);
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});

describe('cg diff --steps: output', () => {
  it('text: d/dx[f] then one "= ..." line per step with its rule', () => {
    const r = cg(['diff', 'log(x) + sqrt(log(x))', '--steps']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# df_dx, step by step:');
    expect(lines[1]).toBe('d/dx[log(x) + sqrt(log(x))]');
    expect(lines[2]).toMatch(/^ {2}= d\/dx\[log\(x\)\] \+ d\/dx\[sqrt\(log\(x\)\)\] +\(sum rule\)$/);
    expect(lines.at(-2)).toBe('df_dx = (1 + 0.5/sqrt(log(x)))/x');
  });

  it('--json: a list of {rule, before, after} per derivative', () => {
    const r = cg(['diff', 'x*y', '--steps', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.steps.map((d: { derivative: string }) => d.derivative)).toEqual(['df_dx', 'df_dy']);
    expect(json.steps[0].steps[0]).toEqual({ rule: 'constant factor', before: 'd/dx[x*y]', after: 'd/dx[x]*y' });
  });

  it('--latex: an align* block, the rules as \\text', () => {
    const r = cg(['diff', 'sin(x^2)', '--steps', '--latex']);
    expect(r.stdout).toMatch(/^\\begin\{align\*\}\n\\frac\{d\}\{dx\}\\left\[\\sin\\left\(x\^\{2\}\\right\)\\right\] &= .* && \\text\{chain rule, sin'\(u\) = cos\(u\)\} \\\\\n/);
    expect(r.stdout).toMatch(/\\end\{align\*\}\n/);
  });

  it('--order 2 is refused with a reason', () => {
    expect(cg(['diff', 'x^3', '--order', '2', '--steps']).stderr).toMatch(/--steps shows first derivatives/);
  });
});
