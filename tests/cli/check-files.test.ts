import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkJson } from './check/helpers.js';
import { cg } from './run.js';

describe('cg check on the example case files', () => {
  it('passes the lecture\'s worked examples, the tensor cases and the kinks in one process', () => {
    const files = ['fixtures/checks/worked-examples.yaml', 'fixtures/checks/tensors.yaml', 'fixtures/checks/kinks.yaml'];
    const { code, json, stderr } = checkJson(files);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json.summary).toMatchObject({ cases: 8 + 5 + 6, failed: 0, errors: 0 });
    // Random points ran: 20 tanh-layer points × (6 W + 3 b + 2 x components + the value's finiteness).
    const tanh = json.cases.find((c: any) => c.name === 'tanh layer at random points');
    expect(tanh).toMatchObject({ points: 20, checks: 20 * (6 + 3 + 2 + 1), value: null });
  });

  it('holds exactly the examples of fixtures/worked-examples.json', () => {
    const { examples } = JSON.parse(readFileSync('fixtures/worked-examples.json', 'utf8'));
    const { cases } = parse(readFileSync('fixtures/checks/worked-examples.yaml', 'utf8'));
    expect(cases).toHaveLength(examples.length);
    const norm = (s: string) => s.replace(/\s+/g, '').replace(/\n|;/g, ';').replace(/;$/, '');
    examples.forEach((ex: any, i: number) => {
      const c = cases[i];
      expect(norm((c.expr ?? c.program).trim().split('\n').join(';'))).toBe(norm(ex.expression));
      expect(c.at).toEqual(ex.at);
      expect(c.expect.value).toBe(ex.value);
      expect(c.expect.gradient).toEqual(ex.gradient);
    });
  });

  it('gives the same numbers through a file as through the command line', () => {
    const file = checkJson(['fixtures/checks/worked-examples.yaml']).json.cases[2];
    const line = checkJson(['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']).json.cases[0];
    expect(file.value).toBe(line.value);
    expect(file.gradient).toEqual(line.gradient);
  });
});

describe('bad case files: every problem, at file:line:col, exit 2, nothing run', () => {
  const errorsOf = (file: string) => {
    const r = cg(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };

  it('unknown keys, with a guess at the one meant', () => {
    const err = errorsOf('fixtures/checks/invalid/unknown-keys.yaml');
    expect(err).toContain("error: fixtures/checks/invalid/unknown-keys.yaml:6:5: case \"typo in a case key\": unknown key 'expct' (did you mean 'expect'?)\n      expct:\n      ^^^^^\n");
    expect(err).toContain("unknown-keys.yaml:12:7: case \"typo in an expect key\", expect: unknown key 'gradeint' (did you mean 'gradient'?)");
    expect(err).toContain("unknown-keys.yaml:15:21: case \"typo in points\", points: unknown key 'sed' (did you mean 'seed'?)\n      points: { n: 3, sed: 1, ranges: { x: [0, 1] } }\n                      ^^^\n");
    expect(err.trimEnd().split('\n').pop()).toBe('error: 3 problems in the case files; no case was run');
  });

  it('wrong types and values', () => {
    const err = errorsOf('fixtures/checks/invalid/bad-values.yaml');
    expect(err).toContain('bad-values.yaml:2:19: defaults.rtol: must be ≥ 0');
    expect(err).toContain("bad-values.yaml:4:5: cases[0]: missing key 'name'");
    expect(err).toContain('bad-values.yaml:8:14: case "a boolean value", at.x: expected a number or a string or a list, got a boolean');
    expect(err).toContain('bad-values.yaml:11:14: case "both expr and program", program: give `expr` or `program`, not both');
    expect(err).toContain('bad-values.yaml:15:18: case "too few points", points.n: must be > 0');
  });

  it('expression errors with the caret in the file, inside block literals too', () => {
    const err = errorsOf('fixtures/checks/invalid/bad-expressions.yaml');
    expect(err).toContain('bad-expressions.yaml:4:11: case "unknown function": unknown function sinn');
    expect(err).toContain('bad-expressions.yaml:9:15: case "unknown function in a program": unknown function coss (did you mean cos?)\n        f = q * coss(z)\n                ^^^^\n');
    expect(err).toContain('bad-expressions.yaml:12:15: case "a name without a value": name without a value: y (give it a value in at: or a range under points:)');
    expect(err).toContain('bad-expressions.yaml:17:27: case "gradient of no variable": expect.gradient: yy is not a variable of the expression (did you mean y?)');
    expect(err).toContain('bad-expressions.yaml:21:27: case "gradient of the wrong shape": the expected gradient of W has shape [2]; W has shape [2,2]');
    expect(err).toContain('bad-expressions.yaml:25:15: case "Hessian of the wrong size": expect.hessian must be 2×2 (rows and columns: x, y)');
    expect(err).toContain('bad-expressions.yaml:28:19: case "a bad constant": the value of x: unexpected end of expression');
    expect(err).toContain('error: 7 problems in the case files; no case was run');
  });

  it('YAML that does not parse: one line, one place', () => {
    const err = errorsOf('fixtures/checks/invalid/not-yaml.yaml');
    expect(err).toMatch(/^error: fixtures\/checks\/invalid\/not-yaml\.yaml:3:20: invalid YAML: /);
    expect(err.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
