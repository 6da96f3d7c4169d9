import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { computeDiff } from '../../src/parse/diff.js';
import { buildGraph } from '../../src/parse/index.js';
import { cg } from '../cli/run.js';
import { rng } from '../graph/helpers.js';

const sines = (n: number) => Array.from({ length: n }, (_, i) => `sin(x*${i + 1})`).join('*');
const nested = (n: number) => {
  let s = 'x';
  for (let i = 0; i < n; i++) s = `${i % 2 ? 'sin' : 'exp'}(${s})`;
  return s;
};

/** The printed program evaluated at `values`: name → number. */
function run(program: string, values: Map<string, number>): (name: string) => number {
  const { graph } = buildGraph(program, values);
  const vals = evaluate(graph, values);
  return (name) => vals[graph.names.get(name)!] as number;
}

describe('cg diff --order 3 and above', () => {
  it('x^5: 60*x^2, then 120*x, then 120', () => {
    expect(computeDiff('x^5', { order: '3' }).program).toBe('d3f_dx3 = 60*x^2');
    expect(computeDiff('x^5', { order: '4' }).program).toBe('d4f_dx4 = 120*x');
    expect(computeDiff('x^5', { order: '5' }).program).toBe('d5f_dx5 = 120');
  });

  it('names every mixed derivative once: d3f_dx2_dy, d3f_dx_dy2', () => {
    const r = computeDiff('x^2*y^3', { order: '3' });
    expect(Object.keys(r.derivatives)).toEqual(['d3f_dx3', 'd3f_dx2_dy', 'd3f_dx_dy2', 'd3f_dy3']);
  });

  it('equals the closed forms at random points (sin(x)*exp(x): the 4th derivative is -4 sin(x) exp(x))', () => {
    const draw = rng(3);
    const r3 = computeDiff('sin(x)*exp(x)', { order: '3' });
    const r4 = computeDiff('sin(x)*exp(x)', { order: '4' });
    const r6 = computeDiff('x^2*y^3 + exp(x*y)', { order: '3' });
    for (let i = 0; i < 10; i++) {
      const x = 4 * draw() - 2;
      const y = 4 * draw() - 2;
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));
      close(run(r3.program, new Map([['x', x]]))('d3f_dx3'), 2 * Math.exp(x) * (Math.cos(x) - Math.sin(x)));
      close(run(r4.program, new Map([['x', x]]))('d4f_dx4'), -4 * Math.sin(x) * Math.exp(x));
      const get = run(r6.program, new Map([['x', x], ['y', y]]));
      const e = Math.exp(x * y);
      close(get('d3f_dx2_dy'), 6 * y * y + e * (2 * y + x * y * y));
      close(get('d3f_dy3'), 6 * x * x + x ** 3 * e);
    }
  });

  it('with --at, checked against central differences of the Hessian (tolerances widened, and said)', () => {
    const r = computeDiff('tanh(x*y) + x^3*y', { order: '3', values: new Map([['x', 0.7], ['y', -0.4]]) });
    expect(r.check?.reference).toBe('central differences of the Hessian');
    expect(r.check?.rtol).toBe(1e-4);
    expect(r.check?.ok).toBe(true);
  });

  it('stays linear in size for the benchmark families (growth per doubling of n under 2.5)', () => {
    for (const family of [sines, nested]) {
      const size = (n: number) => computeDiff(family(n), { wrt: 'x', order: '3' }).size.characters;
      const [a, b, c] = [8, 16, 32].map(size);
      expect(b / a, family(2)).toBeLessThan(2.5);
      expect(c / b, family(2)).toBeLessThan(2.5);
    }
  });

  it('refuses order 7 and tensor variables, exit 2', () => {
    const r = cg(['diff', 'x', '--order', '7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--order must be a whole number from 1 to 6, got '7'/);
    expect(cg(['diff', 'sum(x)', '--shape', 'x=3', '--order', '3']).stderr).toMatch(/need scalar variables; x has shape/);
  });
});
