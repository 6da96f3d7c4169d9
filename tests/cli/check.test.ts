import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkJson } from './check/helpers.js';
import { cg } from './run.js';

describe('cg check EXPR', () => {
  it('passes the lecture example with its expected value and gradient (exit 0)', () => {
    const r = cg(['check', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--expect', 'value=-12,x=-4,y=-4,z=3']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ +case +checks *\n ✓ +\(x\+y\)\*z +8 checks *\n/);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^1 case: 1 passed; 8 checks in \d+ ms$/);
  });

  it('reports a wrong expectation with its numbers (exit 1)', () => {
    const { code, json } = checkJson(['(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--expect', 'value=-12,x=-4,y=-4.5,z=3']);
    expect(code).toBe(1);
    const c = json.cases[0];
    expect(c).toMatchObject({ name: '(x+y)*z', file: null, line: null, status: 'failed', value: -12, gradient: { x: -4, y: -4, z: 3 } });
    expect(c.failures).toHaveLength(1);
    expect(c.failures[0]).toMatchObject({ kind: 'gradient', component: 'y', analytic: -4, expected: -4.5, abs_err: 0.5, decided_by: 'rtol' });
    expect(c.failures[0].tol).toBeCloseTo(1e-8 + 1e-6 * 4.5, 18);
    expect(c.failures[0].rel_err).toBeCloseTo(0.5 / 4.5, 15);
  });

  it('takes the output name for value, tensors and a Hessian in --expect', () => {
    const ok = checkJson(['L = sum(v .^ 2)', '--at', 'v=[1,-2]', '--expect', 'L=5,v=[2,-4],hessian=[[2,0],[0,2]]']);
    expect(ok.code).toBe(0);
    expect(ok.json.cases[0].checks).toBe(1 + 2 + 1 + 2 + 4);
    const bad = checkJson(['L = sum(v .^ 2)', '--at', 'v=[1,-2]', '--expect', 'hessian=[[2,0],[1,2]]']);
    expect(bad.code).toBe(1);
    expect(bad.json.cases[0].failures.map((f: any) => [f.component, f.analytic, f.expected])).toEqual([['H[v[1],v[0]]', 0, 1]]);
  });

  it('checks AD against finite differences without --expect, and judges near-zero gradients by atol', () => {
    // Strongly curved: a single central difference is off by 6e-4 relative; the extrapolated one is not.
    const curved = checkJson(['sin(1e4*x)', '--at', 'x=1']);
    expect(curved.code).toBe(0);
    expect(curved.json.summary.inconclusive).toBe(0);
    // 1e-12 from acos's domain edge (abs on the path: differences, not the complex step) no quotient can resolve the derivative: inconclusive, not a failure...
    const edge = checkJson(['acos(abs(x))', '--at', 'x=0.999999999999']);
    expect(edge.code).toBe(0);
    expect(edge.json.summary.inconclusive).toBe(1);
    expect(edge.json.cases[0].inconclusive).toBe(1);
    expect(edge.json.cases[0].notes.find((n: any) => n.kind === 'inconclusive').message).toMatch(/^x: inconclusive: .*domain edge.*try --step/);
    // ...unless --strict.
    const strict = checkJson(['acos(abs(x))', '--at', 'x=0.999999999999', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.json.cases[0].failures[0]).toMatchObject({ kind: 'finite-difference', component: 'x' });
    expect(strict.json.cases[0].failures[0].message).toMatch(/inconclusive \(--strict\)/);
    // A gradient of 2e-9 against an expected 0: within atol 1e-8, though its relative error is 1.
    expect(checkJson(['x^2', '--at', 'x=1e-9', '--expect', 'x=0']).code).toBe(0);
    const near = checkJson(['x^2', '--at', 'x=1e-9', '--expect', 'x=0', '--atol', '1e-10']);
    expect(near.code).toBe(1);
    expect(near.json.cases[0].failures[0]).toMatchObject({ component: 'x', decided_by: 'atol', rel_err: 1 });
  });

  it('reports kinks as one-sided comparisons and conventions, not failures', () => {
    const { code, json } = checkJson(['relu(w*x + b)', '--at', 'w=2,x=1,b=-2', '--expect', 'value=0,w=0,x=0,b=0']);
    expect(code).toBe(0);
    const notes = json.cases[0].notes;
    expect(notes.filter((n: any) => n.kind === 'one-sided').map((n: any) => n.component)).toEqual(['w', 'x', 'b']);
    // One-sided quotients of relu(w x + b) at the kink: 0 on the left, the input's partial on the right.
    expect(notes[1].message).toContain('left 0, right 2');
    expect(notes.find((n: any) => n.kind === 'kink').message).toBe("relu(w*x + b) is at a non-differentiable point; used relu'(0) = 0");
  });

  it('checks only --wrt', () => {
    const { json } = checkJson(['x*y', '--at', 'x=2,y=3', '--wrt', 'y']);
    expect(json.cases[0].gradient).toEqual({ y: 2 });
    expect(json.cases[0].checks).toBe(2);
  });

  it('prints the error against the step over 15 decades with --sweep', () => {
    const r = cg(['check', 'exp(x)', '--at', 'x=1', '--sweep']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^ +1\.0e-\d+ /.test(l));
    expect(rows).toHaveLength(15);
    const errs = rows.map((l) => Number(l.trim().split(/ +/)[2]));
    const best = errs.indexOf(Math.min(...errs));
    // The V: falling (truncation) down to the best step, rising (rounding) after it.
    expect(best).toBeGreaterThan(2);
    expect(best).toBeLessThan(12);
    expect(errs[0]).toBeGreaterThan(100 * errs[best]);
    expect(errs[14]).toBeGreaterThan(100 * errs[best]);
    expect(rows[best]).toContain('◀ smallest');
    expect(r.stdout).toMatch(/cg's check \(ridders from h 6\.3e-2\): ± \S+, abs err \S+, tol \S+, pass; smallest central error \S+ at h 1\.0e-\d/);
    const json = checkJson(['exp(x)', '--at', 'x=1', '--sweep']).json;
    const s = json.cases[0].sweep[0];
    expect(s.steps).toHaveLength(15);
    // e·(sinh(h)/h − 1): the exact error of the central difference of exp at 1.
    expect(s.steps[0].abs_err).toBeCloseTo(Math.E * (Math.sinh(0.1) / 0.1 - 1), 10);
  });

  it('rejects bad input with exit 2 and one line', () => {
    const cases: [string[], RegExp][] = [
      [['check', 'sinn(x)', '--at', 'x=1'], /^error: unknown function sinn/],
      [['check', 'x*y', '--at', 'x=1'], /^error: name without a value: y/],
      [['check', 'x^2', '--at', 'x=1', '--expect', 'xx=2'], /^error: --expect xx: not a variable of the expression, nor value or hessian \(did you mean x\?\)/],
      [['check', 'x^2', '--at', 'x=1', '--expect', 'x=[1,2]'], /^error: the expected gradient of x has shape \[2\]; x has shape \[\]/],
      [['check', 'x^2', '--at', 'x=1', '--reporter', 'junt'], /^error: --reporter junt: unknown reporter \(did you mean junit\?\)/],
      [['check', 'x^2', '--at', 'x=1', '--rtol', '-1'], /^error: --rtol must be a non-negative number/],
      [['check', '[x, x]', '--at', 'x=1'], /^error: cg check needs a scalar output/],
      [['check', 'fixtures/checks/kinks.yaml', '--at', 'x=1'], /^error: --at is for a single expression/],
      [['check', 'missing.yaml'], /^error: cannot read missing\.yaml: no such file or folder$/m],
      [['check'], /^error: missing expression/],
    ];
    for (const [args, re] of cases) {
      const r = cg(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('prints the JSON Schema of the case files (the one in fixtures/checks)', () => {
    const r = cg(['check', '--schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync('fixtures/checks/cases.schema.json', 'utf8')));
  });
});
