import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkJson, uniform } from './check/helpers.js';

// fixtures/checks/failures.yaml fails on purpose, once per kind of failure. Every number
// in the report is recomputed here by hand, with Math and the documented rules.

const FILE = 'fixtures/checks/failures.yaml';
const RTOL = 1e-6;
const ATOL = 1e-8;
const lines = readFileSync(FILE, 'utf8').split('\n');
/** The 1-based line of the first line matching `re` at or after line `from`. */
const lineOf = (re: RegExp, from = 1) => lines.findIndex((l, i) => i + 1 >= from && re.test(l)) + 1;

const { code, json } = checkJson([FILE]);
const byName = new Map<string, any>(json.cases.map((c: any) => [c.name, c]));
const only = (name: string) => {
  const c = byName.get(name);
  expect(c.status).toBe('failed');
  expect(c.failures).toHaveLength(1);
  return c.failures[0];
};

/** The failure of an expectation: every number, the rule, the place. */
function expectExpectation(f: any, want: { kind: string; component: string; analytic: number; expected: number; line: number }) {
  const absErr = Math.abs(want.analytic - want.expected);
  const scale = Math.max(Math.abs(want.analytic), Math.abs(want.expected));
  const tol = ATOL + RTOL * scale;
  expect(f).toMatchObject({ kind: want.kind, component: want.component, point: null, numeric: null, file: FILE, line: want.line });
  expect(f.analytic).toBeCloseTo(want.analytic, 12);
  expect(f.expected).toBe(want.expected);
  expect(f.abs_err).toBeCloseTo(absErr, 12);
  expect(f.rel_err).toBeCloseTo(absErr / scale, 12);
  expect(f.tol).toBeCloseTo(tol, 18);
  expect(f.abs_err).toBeGreaterThan(f.tol);
  expect(f.rule).toMatch(/^\|analytic − expected\| ≤ atol \+ rtol·max\(\|analytic\|, \|expected\|\): /);
  expect(f.decided_by).toBe(ATOL >= RTOL * scale ? 'atol' : 'rtol');
  expect(f.message).toContain(want.component);
}

describe('the deliberate-failure file', () => {
  it('exits 1 and fails every case', () => {
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.summary).toMatchObject({ cases: 7, passed: 0, failed: 7, errors: 0, inconclusive: 0 });
    for (const c of json.cases) {
      expect(c.file).toBe(FILE);
      expect(c.line).toBe(lineOf(new RegExp(`- name: ${c.name.replace(/[()]/g, '\\$&')}$`)));
    }
  });

  it('a wrong value: -12 against -11', () => {
    const c = byName.get('wrong value');
    expectExpectation(only('wrong value'), { kind: 'value', component: 'value', analytic: -12, expected: -11, line: lineOf(/value: -11/, c.line) });
  });

  it('a wrong matrix entry, named W[1,2], at the line of W', () => {
    const c = byName.get('wrong gradient of a matrix entry');
    // ∂ sum(W x)/∂W[1,2] = x[2] = 3
    expectExpectation(only(c.name), { kind: 'gradient', component: 'W[1,2]', analytic: 3, expected: 4, line: lineOf(/^\s+W: \[\[1, 2, 3\], \[1, 2, 4\]\]/, c.line) });
  });

  it('a wrong Hessian entry, H[y,y]', () => {
    const c = byName.get('wrong Hessian entry');
    // ∂²(x³ + x y²)/∂y² = 2x = 2 at x = 1
    expectExpectation(only(c.name), { kind: 'hessian', component: 'H[y,y]', analytic: 2, expected: 3, line: lineOf(/hessian:/, c.line) });
  });

  it('a near-zero gradient is judged by atol', () => {
    const c = byName.get('near zero, judged by atol');
    const f = only(c.name);
    expectExpectation(f, { kind: 'gradient', component: 'x', analytic: 2e-5, expected: 0, line: lineOf(/gradient: \{ x: 0 \}/, c.line) });
    expect(f.decided_by).toBe('atol');
    expect(f.message).toContain('judged by atol');
  });

  it('a value that is not finite', () => {
    const f = only('value not finite');
    expect(f).toMatchObject({ kind: 'non-finite', component: 'value', analytic: 'NaN', abs_err: null, tol: null });
  });

  it('a gradient that is not finite, and no second failure from the differences', () => {
    const f = only('gradient not finite');
    expect(f).toMatchObject({ kind: 'non-finite', component: 'x', analytic: 'Infinity' });
  });

  it('random points: NaN exactly where the seeded draw is negative', () => {
    const c = byName.get('random points off the domain');
    const rand = uniform(3);
    const xs = Array.from({ length: 8 }, () => -1 + 2 * rand());
    const bad = xs.map((x, i) => ({ x, point: i + 1 })).filter((p) => p.x < 0);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.length).toBeLessThan(8);
    expect(c.points).toBe(8);
    expect(c.failures.map((f: any) => f.point)).toEqual(bad.map((p) => p.point));
    c.failures.forEach((f: any, i: number) => {
      expect(f).toMatchObject({ kind: 'non-finite', component: 'value', analytic: 'NaN', line: lineOf(/points:/, c.line) });
      expect(f.at.x).toBe(bad[i].x);
    });
  });

});

describe('strongly curved functions (fixtures/checks/curved.yaml)', () => {
  // A single central difference failed these correct gradients (relative truncation error
  // (1e4·h)²/6 ≈ 6e-4); the extrapolated quotient passes them, with an estimate to show for it.
  const curved = checkJson(['fixtures/checks/curved.yaml']);
  it('passes sin(1e4 x) at 1 and at four random points', () => {
    expect(curved.code).toBe(0);
    expect(curved.json.summary).toMatchObject({ cases: 2, passed: 2, failed: 0, inconclusive: 0 });
    const h = Math.cbrt(Number.EPSILON);
    const single = Math.abs((Math.sin(1e4 * (1 + h)) - Math.sin(1e4 * (1 - h))) / (2 * h) - 1e4 * Math.cos(1e4)) / Math.abs(1e4 * Math.cos(1e4));
    expect(single).toBeGreaterThan(1e-4);
  });
});
