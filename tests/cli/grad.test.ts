import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

describe('cg grad', () => {
  it('prints the value and a checked gradient table', () => {
    const r = cg(['grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('f = -12');
    expect(lines[1]).toMatch(/var\s+∂f\/∂var\s+forward\s+(finite diff|complex step)\s+± est\s+abs err\s+rel err\s+ok/);
    expect(lines[2]).toMatch(/^\s*x\s+-4\s+-4\s+-4(\.0+\d*)?\s+\S+\s+\S+\s+\S+\s+✓/);
    expect(lines[3]).toMatch(/^\s*y\s+-4\s+-4\s/);
    expect(lines[4]).toMatch(/^\s*z\s+3\s+3\s/);
    expect(r.stdout).toMatch(/all 3 ok/);
    expect(r.stderr).toBe('');
  });

  it('--json gives the documented object at full precision', () => {
    const { code, json } = cgJson(['grad', '1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(['expression', 'output', 'at', 'mode', 'value', 'gradient', 'forward', 'forward_directions', 'check', 'kinks', 'nonfinite', 'notes', 'hvp', 'steps', 'ok']);
    expect(json.value).toBeCloseTo(0.73105857863, 11);
    expect(json.gradient.w0).toBeCloseTo(-0.196611933241, 12);
    expect(json.forward.x1).toBeCloseTo(-0.589835799724, 12);
    expect(Object.keys(json.check)).toEqual([
      'method', 'scheme', 'step', 'rtol', 'complex_rtol', 'atol', 'k', 'strict', 'rule', 'noise', 'evals_per_component', 'passed', 'failed', 'inconclusive', 'ok', 'components',
    ]);
    expect(json.check).toMatchObject({ scheme: 'auto', rtol: 1e-8, complex_rtol: 1e-11, atol: 1e-12, k: 4, passed: 5, failed: 0, inconclusive: 0 });
    expect(json.check.components.w2).toMatchObject({ method: 'complex', reference: 'complex step', rtol: 1e-11, verdict: 'pass', ok: true });
    expect(json.check.components.w2.rel_err).toBeLessThan(1e-10);
    expect(json.check.components.w2.error_estimate).toBeLessThan(1e-10);
    expect(json.ok).toBe(true);
  });

  it('names the output after the last assignment, and treats an assigned e as a variable', () => {
    const { json } = cgJson(['grad', 'c = a+b; d = b+1; e = c*d', '--at', 'a=2,b=1']);
    expect(json.output).toBe('e');
    expect(json.value).toBe(6);
    expect(json.gradient).toEqual({ a: 2, b: 5 });
  });

  it('accepts --at before the expression, repeated, and constant expressions', () => {
    const { code, json } = cgJson(['grad', '--at', 'x=pi/4', 'sin(x)^2', '--at', 'y=2']);
    expect(code).toBe(0);
    expect(json.at.x).toBeCloseTo(Math.PI / 4, 15);
    expect(json.gradient.x).toBeCloseTo(1, 12); // 2 sin cos at pi/4
  });

  it('warns about values the expression does not use', () => {
    const r = cg(['grad', 'x^2', '--at', 'x=1,y=2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: y is given a value but the expression does not use it/);
  });

  it('takes an expression that starts with a minus sign', () => {
    const { code, json } = cgJson(['grad', '-x^2', '--at', 'x=3']);
    expect(code).toBe(0);
    expect(json.value).toBe(-9);
    expect(json.gradient.x).toBe(-6);
  });

  it('--wrt restricts the gradient, --mode reverse skips forward mode, --no-check skips the check', () => {
    const { json } = cgJson(['grad', 'x*y', '--at', 'x=2,y=3', '--wrt', 'y', '--mode', 'reverse', '--no-check']);
    expect(json.gradient).toEqual({ y: 2 });
    expect(json.forward).toBeNull();
    expect(json.check).toBeNull();
    expect(json.mode).toBe('reverse');
  });

  it('--mode forward gives the gradient by forward mode', () => {
    const { json } = cgJson(['grad', 'x*y', '--at', 'x=2,y=3', '--mode', 'forward']);
    expect(json.gradient).toEqual({ x: 3, y: 2 });
    expect(json.check.ok).toBe(true);
  });

  it('reads values from --at-file', () => {
    const { json } = cgJson(['grad', 'x*y', '--at-file', 'fixtures/expressions/xy.json']);
    expect(json.gradient).toEqual({ x: 3, y: 2 });
  });

  it('says when a kink is hit and compares with one-sided differences there', () => {
    const { code, json } = cgJson(['grad', 'relu(w*x + b)', '--at', 'w=2,x=1,b=-2']);
    expect(code).toBe(0);
    expect(json.gradient).toEqual({ w: 0, x: 0, b: 0 });
    expect(json.kinks).toEqual([{ node: 'relu(w*x + b)', convention: "relu'(0) = 0" }]);
    expect(json.check.components.w.method).toBe('one-sided');
    const text = cg(['grad', 'relu(w*x + b)', '--at', 'w=2,x=1,b=-2']).stdout;
    expect(text).toMatch(/note: relu\(w\*x \+ b\) is at a non-differentiable point; convention: relu'\(0\) = 0/);
  });

  it('splits a tie in max equally and says so', () => {
    const { json } = cgJson(['grad', 'max(x, y)', '--at', 'x=1,y=1']);
    expect(json.gradient).toEqual({ x: 0.5, y: 0.5 });
    expect(json.ok).toBe(true);
    expect(json.kinks[0].convention).toMatch(/tie in max splits the gradient equally/);
  });

  it('a tie of three in max splits the gradient in thirds', () => {
    const { json } = cgJson(['grad', 'max(x, y, z)', '--at', 'x=1,y=1,z=1']);
    for (const v of ['x', 'y', 'z']) expect(json.gradient[v]).toBeCloseTo(1 / 3, 15);
    expect(json.kinks[0].convention).toMatch(/tie in max\(A\) splits the gradient equally/);
  });

  it('exits 1 outside the domain, naming where the NaN came from; nothing can be confirmed', () => {
    const r = cg(['grad', 'log(x)', '--at', 'x=-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/f = NaN/);
    expect(r.stdout).toMatch(/error: f is NaN: log\(x\) at x = -1 \(log needs x > 0\)/);
    expect(r.stdout).toMatch(/0 passed, 1 inconclusive/);
  });
});

describe('bad input: one line, a caret, exit 2, no stack trace', () => {
  const cases: [string, string[], RegExp, number?][] = [
    ['syntax error', ['grad', '(x+', '--at', 'x=1'], /unexpected end of expression/],
    ['** instead of ^', ['grad', 'x**2', '--at', 'x=1'], /use \^/],
    ['implicit multiplication', ['grad', '2x', '--at', 'x=1'], /implicit multiplication.*write 2\*x/],
    ['unknown function', ['grad', 'sinh2(x)', '--at', 'x=1'], /unknown function sinh2 \(did you mean sinh\?\)/],
    ['wrong argument count', ['grad', 'sin(x, x)', '--at', 'x=1'], /sin takes 1 argument, got 2/],
    ['string', ['grad', 'x + "a"', '--at', 'x=1'], /strings are not supported/],
    ['range', ['grad', '1:3', '--at', 'x=1'], /range/],
    ['indexing a scalar', ['grad', 'x[1]', '--at', 'x=1'], /cannot index a scalar/],
    ['object', ['grad', '{a: 1}', '--at', 'x=1'], /object/],
    ['conditional without :', ['grad', 'x > 0 ? x', '--at', 'x=1'], /a conditional needs its :/],
    ['function definition', ['grad', 'f(t) = t^2', '--at', 'x=1'], /function definitions are not supported/],
    ['empty program', ['grad', '  ', '--at', 'x=1'], /empty expression/],
    ['unbound names', ['grad', 'x + y*q', '--at', 'x=1'], /names without a value: y, q \(give them values with --at y=...,q=...\)/],
    ['cycle', ['grad', 'a = b + 1; b = a * 2; a', '--at', 'x=1'], /cycle in definitions: a → b → a/],
    ['re-assignment', ['grad', 'q = x; q = 2*x; q', '--at', 'x=1'], /q is assigned twice/],
    ['assignment of an --at name', ['grad', 'x = 2; x', '--at', 'x=1'], /x is assigned here and also given a value with --at/],
    ['bad --at', ['grad', 'x', '--at', 'x'], /=/],
    ['non-constant --at value', ['grad', 'x', '--at', 'x=y'], /the value of x must be a number or a constant expression/],
    ['--wrt of a non-variable', ['grad', 'x', '--at', 'x=1', '--wrt', 'z'], /--wrt z: not a variable/],
    ['unknown option', ['grad', 'x', '--at', 'x=1', '--frobnicate'], /unknown option/],
    ['unknown command', ['gard', 'x'], /unknown command/],
    ['bad --mode', ['grad', 'x', '--at', 'x=1', '--mode', 'sideways'], /sideways/],
    ['missing --at-file', ['grad', 'x', '--at-file', 'no/such.json'], /cannot read --at-file no\/such.json: no such file or folder/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = cg(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(4);
    });
  }

  it('puts the caret under the offending text', () => {
    const r = cg(['grad', 'x + foo(x)', '--at', 'x=1']);
    const [, source, caret] = r.stderr.split('\n');
    expect(source.trim()).toBe('x + foo(x)');
    expect(caret.indexOf('^') - source.indexOf('x + foo')).toBe(4);
    expect(caret.trim()).toBe('^^^');
  });

  it('reads long programs from --file: a million nodes give a result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-'));
    // Distinct coefficients, so hash-consing cannot fold terms together: over 10^6 graph nodes.
    const coef = (i: number) => (i + 1) / 250000 - 0.5;
    const terms = Array.from({ length: 250000 }, (_, i) => `${coef(i)}*sin(x${i % 100}*x${(i * 7) % 100})*exp(0.1*x${(i * 13) % 100})`);
    writeFileSync(join(dir, 'big.txt'), terms.join(' + '));
    writeFileSync(join(dir, 'at.json'), JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x${i}`, Math.sin(i)]))));
    // Over 10 MB: beyond the default input limit, raised for this program.
    const { code, json } = cgJson(['grad', '--file', join(dir, 'big.txt'), '--at-file', join(dir, 'at.json'), '--mode', 'reverse', '--no-check'], { CG_MAX_INPUT: '20000000' });
    expect(code).toBe(0);
    // Spot-check one partial against a direct sum over the terms that contain x0.
    let want = 0;
    const x = (k: number) => Math.sin(k);
    terms.forEach((_, i) => {
      const [c, a, b2, e] = [coef(i), i % 100, (i * 7) % 100, (i * 13) % 100];
      const s = Math.sin(x(a) * x(b2));
      const ex = Math.exp(0.1 * x(e));
      if (a === 0) want += c * Math.cos(x(a) * x(b2)) * x(b2) * ex;
      if (b2 === 0) want += c * Math.cos(x(a) * x(b2)) * x(a) * ex;
      if (e === 0) want += c * s * ex * 0.1;
    });
    expect(json.gradient.x0).toBeCloseTo(want, 8);
    // A million-node process: ~6 s of CPU, past 30 s of wall time on two busy shared cores.
  }, 120_000);

  it('survives 10,000 nested parentheses', () => {
    const deep = `${'('.repeat(10000)}x${')'.repeat(10000)}^2`;
    const { code, json } = cgJson(['grad', deep, '--at', 'x=3']);
    expect(code).toBe(0);
    expect(json.gradient.x).toBe(6);
  });
});

describe('cg eval', () => {
  it('lists every node with its value, intermediates by name', () => {
    const { code, json } = cgJson(['eval', 'q = x + y; f = q * z', '--at', 'x=-2,y=5,z=-4']);
    expect(code).toBe(0);
    expect(json.value).toBe(-12);
    const q = json.nodes.find((n: any) => n.name === 'q');
    expect(q).toMatchObject({ op: 'add', value: 3 });
    const f = json.nodes.find((n: any) => n.name === 'f');
    expect(f).toMatchObject({ op: 'mul', value: -12, inputs: [q.id, json.nodes.find((n: any) => n.name === 'z').id] });
  });
});
