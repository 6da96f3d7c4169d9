import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/util/random.js';
import { cg, cgJson } from './run.js';

// The examples of issue 11, each run as a user would: exit code, message, JSON fields.

const CURVED = '(sqrt(2 + sin((-(((z * z))^3) * (((x + w)) / (1 + ((z - y))^2) + ((0.5 * x) * (x - 3)))))) - (((exp(tanh((z + 0.5))) + sigmoid((y + 0.5))) - (((w - z) + atan(z)) - tanh(-(z)))) + max(log(1 + (((x)^2) / (1 + ((z * w))^2))^2), ((max(y, z)) / (1 + ((w * y))^2) * sqrt(2 + sin((0.25 + w)))))))';

describe('verdicts a CI job can trust', () => {
  it('a correct gradient of a strongly curved function passes (it used to fail on ∂f/∂z)', () => {
    const { code, json } = cgJson(['grad', CURVED, '--at', 'w=1.457,x=-1.893,y=0.857,z=1.721']);
    expect(code).toBe(0);
    const z = json.check.components.z;
    expect(z).toMatchObject({ method: 'ridders', verdict: 'pass', ok: true });
    expect(z.analytic).toBeCloseTo(-130.08174720516698, 9);
    expect(Math.abs(z.numeric - -130.08174720516698)).toBeLessThanOrEqual(4 * z.error_estimate);
    expect(json.check).toMatchObject({ passed: 4, failed: 0, inconclusive: 0 });
  });

  it('300×300 sum((A*B) .* (A*B)): passes, and --mode both confirms along the same directions by forward mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-ab-'));
    const r = mulberry32(12345);
    const M = () => Array.from({ length: 300 }, () => Array.from({ length: 300 }, () => 2 * r() - 1));
    const file = join(dir, 'ab.json');
    writeFileSync(file, JSON.stringify({ A: M(), B: M() }));
    const { code, json } = cgJson(['grad', 'sum((A*B) .* (A*B))', '--at-file', file, '--wrt', 'A']);
    expect(code).toBe(0);
    expect(json.check).toMatchObject({ passed: 24, failed: 0, inconclusive: 0, ok: true });
    expect(json.forward).toBeNull();
    expect(json.forward_directions.method).toMatch(/^forward mode along 16 random directions \(Jv against gᵀv\)/);
    expect(Object.keys(json.forward_directions.directions)).toEqual(Object.keys(json.check.components).filter((k) => /^v\d+$/.test(k)));
    for (const [label, d] of Object.entries<any>(json.forward_directions.directions)) {
      expect(d.ok).toBe(true);
      expect(d.gv).toBe(json.check.components[label].analytic);
    }
  }, 180_000);

  it('--scheme forward --step 0.01 reproduces lecture 001 (48.192417, 4.7640868), and calls it inconclusive', () => {
    const args = ['grad', 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', '--at', 'u1=1,u2=-1', '--scheme', 'forward', '--step', '0.01'];
    const { code, json } = cgJson(args);
    expect(code).toBe(0);
    expect(json.check.components.u1.numeric).toBeCloseTo(48.192417, 6);
    expect(json.check.components.u2.numeric).toBeCloseTo(4.7640868, 7);
    expect(json.check).toMatchObject({ scheme: 'forward', passed: 0, inconclusive: 2 });
    const text = cg(args);
    expect(text.stdout).toMatch(/u1 +47\.3034095912 +47\.3034095912 +48\.192416\d+ /);
    expect(text.stdout).toMatch(/note: u1: the error estimate .* is too large to decide; try --scheme ridders/);
    expect(cg([...args, '--strict']).code).toBe(1);
  });

  it('inconclusive near acos\'s edge under differences: exit 0, counted; exit 1 with --strict', () => {
    const r = cg(['grad', 'acos(x)', '--at', 'x=0.999999999999', '--scheme', 'ridders']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok \(0 passed, 1 inconclusive\)/);
    expect(r.stdout).toMatch(/note: x: .*domain edge.*too large to decide/);
    expect(cg(['grad', 'acos(x)', '--at', 'x=0.999999999999', '--scheme', 'ridders', '--strict']).code).toBe(1);
    // The complex step needs no stencil, so the edge does not stop it: a pass, even with --strict.
    expect(cg(['grad', 'acos(x)', '--at', 'x=0.999999999999', '--strict']).stdout).toMatch(/^check: all 1 ok \(complex step\)$/m);
  });

  it('rejects an unknown scheme and a zero step', () => {
    expect(cg(['grad', 'x^2', '--at', 'x=1', '--scheme', 'backward']).code).toBe(2);
    expect(cg(['grad', 'x^2', '--at', 'x=1', '--step', '0']).code).toBe(2);
  });
});

describe('NaN and infinity, explained', () => {
  it('log(x) at -1: where the NaN came from, exit 1, JSON nonfinite', () => {
    const r = cg(['grad', 'log(x)', '--at', 'x=-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: f is NaN: log(x) at x = -1 (log needs x > 0)');
    const { json } = cgJson(['grad', 'log(x)', '--at', 'x=-1']);
    expect(json.nonfinite).toMatchObject({ node: 'log(x)', op: 'log', inputs: [{ text: 'x', value: -1 }], pass: 'forward', value: 'NaN' });
    expect(json.value).toBe('NaN');
  });

  it('sqrt(x) at 0: the derivative is infinite, traced to the backward pass, and the check says so', () => {
    const r = cg(['grad', 'sqrt(x)', '--at', 'x=0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error: ∂f/∂x is infinite: sqrt'(x) at x = 0 (sqrt' needs x > 0)");
    expect(r.stdout).toMatch(/note: x: the derivative is infinite here/);
    const { json } = cgJson(['grad', 'sqrt(x)', '--at', 'x=0']);
    expect(json.nonfinite).toMatchObject({ op: 'sqrt', pass: 'backward', value: 'Infinity' });
    expect(json.gradient.x).toBe('Infinity');
    expect(json.check.components.x).toMatchObject({ verdict: 'pass', method: 'one-sided' });
  });

  it('--at values that are not finite: exit 2 with a caret under the value', () => {
    for (const [at, what] of [['x=NaN', 'NaN'], ['x=1e400', 'Infinity'], ['x=-1/0', '-Infinity']]) {
      const r = cg(['grad', 'log(x)', '--at', at]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: the value of x is ${what}: values must be finite numbers\\n  ${at.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n    \\^+`));
    }
    const dir = mkdtempSync(join(tmpdir(), 'cg-at-'));
    writeFileSync(join(dir, 'big.json'), '{"x": 1e400}');
    const r = cg(['grad', 'log(x)', '--at-file', join(dir, 'big.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the value of x holds a number beyond ±1\.8e308 \(Infinity\)/);
  });

  it('cg hessian of log(x) at -1: exit 1, no "check: ok"', () => {
    const r = cg(['hessian', 'log(x)', '--at', 'x=-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/: ok$/m);
    expect(r.stdout).toContain('error: f is NaN: log(x) at x = -1 (log needs x > 0)');
    expect(cgJson(['hessian', 'log(x)', '--at', 'x=-1']).json.nonfinite.pass).toBe('forward');
  });

  it('cg jacobian of [log(x), x] at -1: exit 1 with the origin, not an internal error', () => {
    const r = cg(['jacobian', '[log(x), x]', '--at', 'x=-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('f = [NaN, -1]');
    expect(r.stdout).toContain('error: f is NaN: log(x) at x = -1 (log needs x > 0)');
    const { code, json } = cgJson(['jacobian', '[log(x), x]', '--at', 'x=-1']);
    expect(code).toBe(1);
    expect(json.value).toEqual(['NaN', -1]);
  });

  it('sum(sqrt(W)) at W = [[1,-1]] with --no-check: exit 1 naming sqrt, not an internal error', () => {
    const r = cg(['grad', 'sum(sqrt(W))', '--at', 'W=[[1,-1]]', '--no-check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('error: f is NaN: sqrt(W) at W = -1 (sqrt needs x ≥ 0)');
  });

  it('cg eval writes non-finite numbers as the strings "NaN", "Infinity", "-Infinity" and exits 1 with the origin', () => {
    const { code, json } = cgJson(['eval', '1/0']);
    expect(code).toBe(1);
    expect(json.value).toBe('Infinity');
    expect(json.nonfinite).toMatchObject({ node: '1/0', op: 'div', pass: 'forward', value: 'Infinity' });
    const r = cg(['eval', 'exp(1000)']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: f is infinite: exp(1000) (exp overflows above x ≈ 709.78)');
    // Elsewhere in JSON output, too: a Jacobian entry of NaN is "NaN", not null.
    expect(cgJson(['jacobian', '[sqrt(x)]', '--at', 'x=0']).json.jacobian).toEqual([['Infinity']]);
  });
});

describe('one-element outputs count as scalars', () => {
  it('the lecture\'s W2*max(0, W1*x) with a 1×3 W2: a gradient, with a note on the shape', () => {
    const r = cg(['grad', 'W2*max(0, W1*x)', '--at', 'W2=[[1,2,3]],W1=[[1,0],[0,1],[1,1]],x=[1,2]']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^f = 14$/m);
    expect(r.stdout).toContain('note: f has shape [1]: its one element is treated as a scalar');
    const { json } = cgJson(['grad', 'W2*max(0, W1*x)', '--at', 'W2=[[1,2,3]],W1=[[1,0],[0,1],[1,1]],x=[1,2]']);
    expect(json.gradient.W2).toEqual([[1, 2, 3]]);
    expect(json.gradient.x).toEqual([4, 5]);
    expect(json.notes).toEqual(['f has shape [1]: its one element is treated as a scalar']);
  });

  it('in cg hessian and cg check too, and [1,1] as well; larger outputs are still refused', () => {
    const h = cgJson(['hessian', "x' * x", '--at', 'x=[1,2]']);
    expect(h.code).toBe(0);
    expect(h.json.hessian).toEqual([[2, 0], [0, 2]]);
    const m = cgJson(['grad', '[[x^2]]', '--at', 'x=3']);
    expect(m.json.gradient.x).toBe(6);
    expect(m.json.notes[0]).toMatch(/shape \[1,1\]/);
    expect(cg(['check', 'W2*max(0, W1*x)', '--at', 'W2=[[1,2,3]],W1=[[1,0],[0,1],[1,1]],x=[1,2]']).code).toBe(0);
    expect(cg(['grad', '[x, x]', '--at', 'x=1']).code).toBe(2);
  });
});
