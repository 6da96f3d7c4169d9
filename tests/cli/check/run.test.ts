import { describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../../src/cli/check/load.js';
import { prepare } from '../../../src/cli/check/prepare.js';
import { runCase } from '../../../src/cli/check/run.js';
import { CgError } from '../../../src/errors.js';

const runYaml = (text: string) => loadCaseFile('r.yaml', text).cases.map((c) => runCase(prepare(c)));

describe('running cases', () => {
  it('draws the same random points for the same seed, and others for another', () => {
    const text = (seed: number) => `cases:
  - name: p
    expr: log(sum(W))
    points: { n: 6, seed: ${seed}, ranges: { W: { shape: [2, 2], range: [-1, -0.5] } } }
`;
    // log of a negative sum: NaN at every point, so every point's values are in the report.
    const [a] = runYaml(text(9));
    const [b] = runYaml(text(9));
    const [c] = runYaml(text(10));
    expect(a.failures).toHaveLength(6);
    expect(a.failures.map((f) => f.at)).toEqual(b.failures.map((f) => f.at));
    expect(a.failures.map((f) => f.at)).not.toEqual(c.failures.map((f) => f.at));
    for (const f of a.failures) {
      const W = f.at!.W as number[][];
      expect(W).toHaveLength(2);
      for (const row of W) {
        expect(row).toHaveLength(2);
        for (const x of row) {
          expect(x).toBeGreaterThanOrEqual(-1);
          expect(x).toBeLessThan(-0.5);
        }
      }
    }
    expect(new Set(a.failures.flatMap((f) => (f.at!.W as number[][]).flat())).size).toBe(24);
  });

  it('keeps `at` values of variables without a range, and checks every variable at each point', () => {
    const [r] = runYaml(`cases:
  - name: mixed
    expr: a * sin(x)
    at: { a: 3 }
    points: { n: 4, seed: 2, ranges: { x: [-2, 2] } }
`);
    expect(r.ok).toBe(true);
    expect(r.checks).toBe(4 * (1 + 2));
    expect(r.value).toBeNull();
  });

  it('skips the finite-difference check with check: false, and notes unused values', () => {
    const [r] = runYaml(`cases:
  - name: expect only
    expr: x^2
    at: { x: 3, y: 1 }
    check: false
    expect: { gradient: { x: 6 } }
`);
    expect(r.ok).toBe(true);
    expect(r.checks).toBe(2);
    expect(r.notes).toEqual([{ kind: 'unused', component: 'y', point: null, message: 'y is given a value but the expression does not use it' }]);
  });

  it('refuses cases with nothing to check or values missing', () => {
    const problems = (text: string) => loadCaseFile('r.yaml', text).cases.map((c) => {
      try {
        prepare(c);
        return '';
      } catch (e) {
        return (e as CgError).message;
      }
    });
    expect(problems(`cases:
  - { name: none, expr: x, at: { x: 1 }, check: false }
  - { name: half, expr: x*y, points: { n: 2, ranges: { x: [0, 1] } } }
  - { name: expect without at, expr: x, points: { n: 2, ranges: { x: [0, 1] } }, expect: { value: 1 } }
  - { name: range of nothing, expr: x, at: { x: 1 }, points: { n: 2, ranges: { xx: [0, 1] } } }
  - { name: bad wrt, expr: x, at: { x: 1 }, wrt: [z] }
`)).toEqual([
      'r.yaml:2:5: case "none": nothing to check: check is false and there is no expect or points',
      'r.yaml:3:27: case "half": name without a value: y',
      'r.yaml:4:5: case "expect without at": expect needs a value in at for every variable; missing: x',
      'r.yaml:5:80: case "range of nothing": points: xx is not a variable of the expression',
      'r.yaml:6:5: case "bad wrt": wrt z: not a variable of the expression',
    ]);
  });
});
