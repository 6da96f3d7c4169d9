import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDiff, type DiffResult } from '../../src/parse/diff.js';
import { parseShapes } from '../../src/parse/diff-shapes.js';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import type { Value } from '../../src/graph/tensor.js';
import { buildGraph } from '../../src/parse/index.js';
import { anyExpr } from '../graph/expressions.js';
import { flat, rng } from '../graph/helpers.js';

/*
 * cg diff as a person writes it (issue 27). fixtures/diff/person.json holds derivatives a
 * student asks for (the table, the lecture's examples, textbook exercises,
 * activations and losses, matrix expressions with --shape) and, for the scalar ones,
 * SymPy's simplify() of the same derivative, recorded once by scripts/diff-sympy.py.
 */

interface Case {
  source: string;
  expression: string;
  wrt: string;
  shape?: string;
  sympy: string | null;
}
const fixture: { cases: Case[] } = JSON.parse(readFileSync(new URL('../../fixtures/diff/person.json', import.meta.url), 'utf8'));

function evalProgram(program: string, values: ReadonlyMap<string, Value>): Map<string, Value> {
  const { graph } = buildGraph(program, values);
  const vals = evaluate(graph, values);
  return new Map([...graph.names].map(([name, id]) => [name, vals[id]]));
}

function agree(a: number, b: number): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= 1e-12 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** What cg prints for the derivative, without its `df_dx = `: the program's characters (named parts included). */
const cgLength = (r: DiffResult, c: Case) => r.size.characters - `d${r.output}_d${c.wrt} = `.length;

/**
 * The last step against the answer: the same text where cg named no parts (t1, ...); where it
 * did, the step written out must parse back to the same numbers as the program at a point.
 */
function endsAtAnswer(r: DiffResult, name: string, last: string, seed: number, vars = r.wrt): void {
  const own = new Set(fixtureNames(r.expression));
  if (r.bindings.every((b) => own.has(b.name))) {
    expect(last, r.program).toBe(r.derivatives[name]);
    return;
  }
  const draw = rng(seed);
  const env = new Map<string, Value>(vars.map((v) => [v, 0.2 + 0.7 * draw()]));
  const bound = r.bindings.filter((b) => own.has(b.name)).map((b) => `${b.name} = ${b.text}\n`).join('');
  const a = flat(evalProgram(r.program, env).get(name)!)[0];
  const b = flat(evalProgram(`${bound}step_end = ${last}`, env).get('step_end')!)[0];
  expect(agree(a, b), `${r.program}\nlast step: ${last}`).toBe(true);
}
const fixtureNames = (expr: string) => [...expr.matchAll(/([A-Za-z_]\w*)\s*=/g)].map((m) => m[1]);

describe('the person fixture (fixtures/diff/person.json)', () => {
  const scalar = fixture.cases.filter((c) => !c.shape);
  it('holds at least 60 derivatives from every source, SymPy recorded for the scalar ones', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(fixture.cases.map((c) => c.source)).size).toBe(5);
    expect(scalar.filter((c) => c.sympy).length).toBeGreaterThanOrEqual(60);
  });

  it('cg is no longer than SymPy on at least 90% of the scalar derivatives', () => {
    const compared = scalar.filter((c) => c.sympy);
    const longer = compared.filter((c) => cgLength(computeDiff(c.expression, { wrt: c.wrt }), c) > c.sympy!.length);
    expect(longer.length / compared.length, longer.map((c) => c.expression).join('; ')).toBeLessThanOrEqual(0.1);
  });

  for (const c of scalar) {
    it(`${c.expression} by ${c.wrt}: equal to reverse mode at random points, and the steps end at it`, () => {
      const r = computeDiff(c.expression, { wrt: c.wrt, steps: true });
      const name = `d${r.output}_d${c.wrt}`;
      const draw = rng(c.expression.length);
      const all = computeDiff(c.expression).wrt;
      let finite = 0;
      for (let i = 0; i < 5; i++) {
        const env = new Map<string, Value>();
        // Three points in (0.2, 0.9), two in (1.1, 1.9): between them every case's domain is met.
        for (const v of all) env.set(v, i < 3 ? 0.2 + 0.7 * draw() : 1.1 + 0.8 * draw());
        const { graph } = buildGraph(c.expression, env);
        const vars = [...graph.vars.keys()];
        const want = flat(gradient(graph, env, [c.wrt]).gradient.get(c.wrt)!)[0];
        const got = flat(evalProgram(r.program, new Map(vars.map((v) => [v, env.get(v)!]))).get(name)!)[0];
        if (Number.isFinite(want)) finite++;
        expect(agree(got, want), `${r.program} at ${[...env]}: ${got} vs ${want}`).toBe(true);
      }
      expect(finite).toBeGreaterThan(0);
      const steps = r.steps!.find((s) => s.wrt === c.wrt)!.steps;
      endsAtAnswer(r, name, steps.at(-1)!.after, 1, all);
    });
  }

  for (const c of fixture.cases.filter((x) => x.shape)) {
    it(`${c.expression} with --shape ${c.shape}: the matrix formula equals reverse mode`, () => {
      const r = computeDiff(c.expression, { wrt: c.wrt, shapes: parseShapes(c.shape!) });
      expect(r.check!.ok).toBe(true);
      expect(r.program).not.toMatch(/\*-/);
    });
  }
});

describe('one derivation: the steps end at the printed answer', () => {
  it('for 2,000 random expressions, the last step is the derivative as printed (named parts written out)', () => {
    let checked = 0;
    fc.assert(
      fc.property(anyExpr(3), (text) => {
        fc.pre(/\b[xyz]\b/.test(text));
        let r: DiffResult;
        try {
          r = computeDiff(text, { steps: true });
        } catch (e) {
          // --steps has no rule for a few internal ops, and stops at 200 steps.
          fc.pre(!/--steps/.test((e as Error).message));
          throw e;
        }
        for (const s of r.steps!) {
          if (!s.steps.length) continue;
          endsAtAnswer(r, s.derivative, s.steps.at(-1)!.after, checked);
          for (const step of s.steps) expect(step.after).not.toMatch(/\*-/);
        }
        checked++;
      }),
      { numRuns: 2000, seed: 27 },
    );
    expect(checked).toBeGreaterThan(1500);
  }, 120_000);
});

describe('clear errors', () => {
  it('a tensor function without shapes: one line naming the names, and a --shape example', () => {
    expect(() => computeDiff('softmax_cross_entropy(z, y)')).toThrow(/needs the shapes of z, y/);
    try {
      computeDiff('softmax_cross_entropy(z, y)');
    } catch (e) {
      expect((e as { hint?: string }).hint).toBe('for example: cg diff "softmax_cross_entropy(z, y)" --shape z=1x3,y=1x3');
    }
  });
});
