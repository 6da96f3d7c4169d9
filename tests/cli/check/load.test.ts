import { describe, expect, it } from 'vitest';
import { loadCaseFile } from '../../../src/cli/check/load.js';
import { Tensor } from '../../../src/graph/tensor.js';

const load = (text: string, opts = {}) => loadCaseFile('c.yaml', text, opts);

describe('loading case files', () => {
  it('resolves tolerances: case, then the file\'s defaults, then the command line, then 1e-6 and 1e-8', () => {
    const text = `
defaults: { rtol: 1e-3 }
cases:
  - { name: a, expr: x, at: { x: 1 }, atol: 1e-2 }
  - { name: b, expr: x, at: { x: 1 }, expect: { value: 1, rtol: 0.5 } }
`;
    const [a, b] = load(text, { atol: 1e-4 }).cases;
    expect([a.rtol, a.atol]).toEqual([1e-3, 1e-2]);
    expect([b.rtol, b.atol, b.expect!.rtol, b.expect!.atol]).toEqual([1e-3, 1e-4, 0.5, 1e-4]);
    const [c] = load('cases: [{ name: c, expr: x, at: { x: 1 } }]').cases;
    expect([c.rtol, c.atol]).toEqual([1e-6, 1e-8]);
  });

  it('parses values: numbers, constant expressions, nested lists; places every part', () => {
    const text = `cases:
  - name: t
    expr: sum(W) * s
    at:
      W: [[1, "pi/2"], [3, 4]]
      s: "-2^2"
    expect:
      gradient:
        s: 8.5707963267949
`;
    const { cases, errors } = load(text);
    expect(errors).toEqual([]);
    const [t] = cases;
    const W = t.at.get('W') as Tensor;
    expect(W.shape).toEqual([2, 2]);
    expect(Array.from(W.data)).toEqual([1, Math.PI / 2, 3, 4]);
    expect(t.at.get('s')).toBe(-4);
    expect(t.where).toMatchObject({ file: 'c.yaml', line: 2, column: 5 });
    expect(t.sourceWhere).toMatchObject({ line: 3, column: 11 });
    expect(t.expect!.where.gradient.get('s')).toMatchObject({ line: 9, column: 9 });
    // Offsets in the expression map to columns in the file.
    expect(t.sourceOffset!(4)).toMatchObject({ line: 3, column: 15 });
  });

  it('maps offsets of quoted and block-literal programs to the file', () => {
    const text = `cases:
  - name: q
    expr: "x + y"
    at: { x: 1, y: 2 }
  - name: b
    program: |
      q = x + y
      f = q * z
    at: { x: 1, y: 2, z: 3 }
`;
    const [q, b] = load(text).cases;
    expect(q.sourceOffset!(4)).toMatchObject({ line: 3, column: 16 });
    // "f = q * z": the z is at offset 18 of the program, line 8 column 15 of the file.
    expect(b.source.indexOf('z')).toBe(18);
    expect(b.sourceOffset!(18)).toMatchObject({ line: 8, column: 15, text: '      f = q * z' });
  });

  it('reads points: ranges as [lo, hi] or with a shape, seed 1 by default', () => {
    const text = `cases:
  - name: p
    expr: sum(W) + x
    points: { n: 5, ranges: { x: [-1, 1], W: { shape: [2, 3], range: [0, 2] } } }
`;
    const [p] = load(text).cases;
    expect(p.points!.n).toBe(5);
    expect(p.points!.seed).toBe(1);
    expect(p.points!.ranges.get('x')).toMatchObject({ lo: -1, hi: 1, shape: undefined });
    expect(p.points!.ranges.get('W')).toMatchObject({ lo: 0, hi: 2, shape: [2, 3] });
    const bad = load(text.replace('[-1, 1]', '[1, -1]')).errors;
    expect(bad.map((e) => e.message)).toEqual(['c.yaml:4:34: case "p": the range of x is [1, -1]; lo must not exceed hi']);
  });

  it('reads JSON case files too (JSON is YAML), with $schema allowed', () => {
    const text = '{\n  "$schema": "cases.schema.json",\n  "cases": [\n    { "name": "j", "expr": "x^2", "at": { "x": 3 }, "wrtt": ["x"] }\n  ]\n}\n';
    const { errors } = load(text);
    expect(errors.map((e) => e.message)).toEqual([`c.yaml:4:53: case "j": unknown key 'wrtt'`]);
    expect(errors[0].hint).toBe("did you mean 'wrt'?");
  });

  it('rejects a second case of the same name and an empty file', () => {
    const dup = load('cases:\n  - { name: a, expr: x, at: { x: 1 } }\n  - { name: a, expr: x, at: { x: 2 } }\n').errors;
    expect(dup.map((e) => [e.message, e.hint])).toEqual([['c.yaml:3:13: a second case named "a"', 'the first is at line 2']]);
    expect(load('').errors.map((e) => e.message)).toEqual(['c.yaml:1:1: expected a map, got null']);
    expect(load('cases: []').errors.map((e) => e.message)).toEqual(['c.yaml:1:8: cases: needs at least 1 entry']);
  });
});
