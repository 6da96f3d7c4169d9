import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

/*
 * The false alarms of issue 22, as a user meets them: a ✗ on a correct gradient must not
 * happen. Points where float64 differences cannot follow f are inconclusive with the reason;
 * the complex step (the default where the path is analytic) decides them outright.
 */

const FAST = ['((x) / (2 + sin(2.021))) + (cos(((x) * (x))^3))', '--at', 'x=-30.47097830969366'];
const HUGE = ['sin((1 + (exp(log(exp(((1 + (2.288)^2)^1.5) + ((1.220) + (y))) + 1)))^2)^1.5)', '--at', 'y=-1.2565586492419243'];
const CURVED = [
  '((exp((1 + ((atan(u)) / (2 + sin(((v)^2) + ((2.282) * (z)))))^2)^1.5))^2) + (log(1 + (cos(atan(sqrt(1 + (cos((x) / (2 + sin(0.662))))^2))))^2))',
  '--at', 'x=-0.4620033699841798,z=0.05578743419843013,u=-0.21178063767445485,v=11.3914249355611',
];

describe('cg grad: no wrong verdict', () => {
  it('f changing faster than differences can follow: Ridders says inconclusive, with the reason; exit 0', () => {
    for (const [expr, at, point, name, rate] of [[...FAST, 'x', '7.4e7'], [...HUGE, 'y', '9.3e19']]) {
      const { code, json } = cgJson(['grad', expr, at, point, '--scheme', 'ridders']);
      expect(code).toBe(0);
      const c = json.check.components[name];
      expect(c).toMatchObject({ verdict: 'inconclusive', ok: true, reference: 'differences' });
      expect(c.note).toContain(`f changes by about ${rate} per unit`);
      expect(c.note).toMatch(/float64 differences cannot resolve it at this point.*try another point/);
      const text = cg(['grad', expr, at, point, '--scheme', 'ridders']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/ \?\s*$/m);
      expect(text.stdout).toMatch(/cannot resolve it at this point/);
      // --strict turns the inconclusive into a failed check, never into a silent pass.
      expect(cg(['grad', expr, at, point, '--scheme', 'ridders', '--strict']).code).toBe(1);
    }
  });

  it('the same points by default: the complex step confirms the gradient to rounding', () => {
    for (const [expr, at, point, name] of [[...FAST, 'x'], [...HUGE, 'y']]) {
      const { code, json } = cgJson(['grad', expr, at, point]);
      expect(code).toBe(0);
      const c = json.check.components[name];
      expect(c).toMatchObject({ verdict: 'pass', method: 'complex', reference: 'complex step' });
      expect(c.rel_err).toBeLessThan(1e-12);
      expect(cg(['grad', expr, at, point]).stdout).toMatch(/^check: all 1 ok \(complex step\)$/m);
    }
  });

  it('an estimate too small for a strongly curved f (sin(v^2) at v ≈ 11): refined at finer steps, and it passes', () => {
    const { code, json } = cgJson(['grad', CURVED[0], CURVED[1], CURVED[2], '--scheme', 'ridders']);
    expect(code).toBe(0);
    const v = json.check.components.v;
    expect(v.verdict).toBe('pass');
    expect(v.note).toMatch(/^refined: the tableau from step .* disagreed with finer steps/);
    expect(Math.abs(v.numeric - 16.7132851755) / 16.7132851755).toBeLessThan(1e-9);
    const def = cgJson(['grad', ...CURVED]);
    expect(def.code).toBe(0);
    expect(Object.values(def.json.check.components).every((c: any) => c.reference === 'complex step' && c.verdict === 'pass')).toBe(true);
  });

  it('components along which f does not change at all pass, even with --strict', () => {
    // The losing entries: every quotient is exactly 0; the noise of f (|f| ≈ 1e4) says nothing about them.
    const r = cgJson(['grad', 'sum(max(x, y))', '--at', 'x=[100.5,-300,7e3],y=[20,4e3,-6]', '--strict']);
    expect(r.code).toBe(0);
    for (const label of ['x[1]', 'y[0]', 'y[2]']) expect(r.json.check.components[label]).toMatchObject({ analytic: 0, numeric: 0, error_estimate: 0, verdict: 'pass' });
    const m = cgJson(['grad', 'sum(min(x, y))', '--at', 'x=[100.5,-300,7e3],y=[20,4e3,-6]', '--strict']);
    expect(m.code).toBe(0);
    expect(m.json.check.inconclusive).toBe(0);
  });

  it('a tie in max: the interval of one-sided slopes is shown, the errors are the distance to it', () => {
    const { code, json } = cgJson(['grad', 'max(x, y)', '--at', 'x=2,y=2']);
    expect(code).toBe(0);
    expect(json.check.components.x).toMatchObject({ verdict: 'pass', method: 'one-sided', left: 0, right: 1, abs_err: 0 });
    const text = cg(['grad', 'max(x, y)', '--at', 'x=2,y=2']).stdout;
    expect(text).toMatch(/^\s*x\s+0\.5\s+0\.5\s+\[0, 1\]\*\s+\S+\s+0\s+0\s+✓/m);
    expect(text).toContain('note: max(x, y) is at a non-differentiable point; convention: a tie in max splits the gradient equally');
    expect(text).toContain('the analytic value lies in the interval of one-sided slopes [0, 1] (a subgradient)');
  });

  it('abs at 0: the column shows [-1, 1], not one side, and the error 0 is the distance to it', () => {
    const { json } = cgJson(['grad', 'abs(x)', '--at', 'x=0']);
    expect(json.check.components.x).toMatchObject({ verdict: 'pass', left: -1, right: 1, abs_err: 0 });
    expect(cg(['grad', 'abs(x)', '--at', 'x=0']).stdout).toMatch(/^\s*x\s+0\s+0\s+\[-1, 1\]\*/m);
    // Outside the interval: 2·sign would be a ✗ (a wrong subgradient), measured from the nearest end.
  });

  it('mixed paths: the complex step where analytic, Ridders where abs is on the path; the report says which', () => {
    const { json } = cgJson(['grad', '(x+y)*z + abs(y)', '--at', 'x=-2,y=5,z=-4']);
    expect(json.check.components.x.reference).toBe('complex step');
    expect(json.check.components.y.reference).toBe('differences');
    expect(json.check.method).toMatch(/complex step .* for 2 of 3, Ridders/);
    const text = cg(['grad', '(x+y)*z + abs(y)', '--at', 'x=-2,y=5,z=-4']).stdout;
    expect(text).toMatch(/^check: all 3 ok \(complex step 2, Ridders 1\)$/m);
    expect(text).toMatch(/^\s*x\s+-4\s+-4\s+-4°/m);
    const forced = cgJson(['grad', '(x+y)*z + abs(y)', '--at', 'x=-2,y=5,z=-4', '--scheme', 'complex']).json;
    expect(forced.check.components.y.note).toMatch(/^no complex step: abs on the path has no complex evaluation; Ridders' differences instead/);
  });

  it('--verbose gives the full rule; the short line is the default', () => {
    const short = cg(['grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4']).stdout;
    expect(short).toMatch(/^check: all 3 ok \(complex step\)$/m);
    const long = cg(['grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--verbose']).stdout;
    expect(long).toMatch(/^check: the complex step Im f\(x \+ ih\)\/h, h = 1e-200; \|a − n\| ≤ atol \+ rtol·max\(\|a\|,\|n\|\) \+ 4·est, rtol 1e-8 \(complex step 1e-11\), atol 1e-12: all 3 ok$/m);
  });

  it('cg hessian and cg jacobian: the same checker, line and JSON verdicts', () => {
    const h = cg(['hessian', 'x^2*y + exp(x*y)', '--at', 'x=1,y=0.5']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^check: all 4 ok \(complex step\)$/m);
    const hj = cgJson(['hessian', 'x^2*y + exp(x*y)', '--at', 'x=1,y=0.5']).json;
    expect(hj.check).toMatchObject({ passed: 4, failed: 0, inconclusive: 0, ok: true, scheme: 'auto' });
    expect(hj.check.components['∂f/∂x/y']).toMatchObject({ method: 'complex', verdict: 'pass' });
    expect(hj.check.method).toMatch(/^each row of the Hessian \(the gradient differentiated\): the complex step/);
    const j = cgJson(['jacobian', '[x*y, abs(x), x + y]', '--at', 'x=1,y=2']).json;
    expect(j.check).toMatchObject({ passed: 6, failed: 0, ok: true });
    expect(j.check.components['f[1]/x'].reference).toBe('differences');
    // Reach is judged per output node: abs(x) in the list puts x on differences for every row, y stays on the complex step.
    expect(j.check.components['f[0]/x'].reference).toBe('differences');
    expect(j.check.components['f[0]/y'].reference).toBe('complex step');
    const r = cgJson(['hessian', 'abs(x)*y^2', '--at', 'x=1,y=0.5', '--scheme', 'ridders']).json;
    expect(r.check.ok).toBe(true);
    expect(Object.values(r.check.components).every((k: any) => k.reference === 'differences')).toBe(true);
  });
});
