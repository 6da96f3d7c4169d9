import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../../src/graph/check/check.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { sweep } from '../../../src/graph/check/sweep.js';
import { Tensor } from '../../../src/graph/tensor.js';
import { buildGraph } from '../../../src/parse/index.js';

function sweepOf(expr: string, at: Record<string, number | number[]>) {
  const env = new Map(Object.entries(at).map(([k, v]) => [k, typeof v === 'number' ? v : (Tensor.from(v) as Tensor)]));
  const { graph } = buildGraph(expr, env);
  const wrt = [...graph.vars.keys()];
  const g = gradient(graph, env, wrt).gradient;
  return { rows: sweep(graph, env, g), graph, env, g };
}

describe('sweep: finite-difference error against step size', () => {
  it('shows the truncation/rounding V for exp(x) at 1', () => {
    const [s] = sweepOf('exp(x)', { x: 1 }).rows;
    expect(s.label).toBe('x');
    expect(s.analytic).toBeCloseTo(Math.E, 14);
    expect(s.rows.map((r) => r.h)).toEqual(Array.from({ length: 15 }, (_, i) => 10 ** -(i + 1)));
    // Large steps: the central difference of exp is e·sinh(h)/h exactly, so the error is e·(sinh(h)/h − 1) ≈ e·h²/6.
    for (const r of s.rows.slice(0, 3)) {
      const truncation = Math.E * (Math.sinh(r.h) / r.h - 1);
      expect(r.absErr / truncation).toBeGreaterThan(0.99);
      expect(r.absErr / truncation).toBeLessThan(1.01);
    }
    // Small steps: rounding, about eps·e/h, grows as h shrinks.
    const tiny = s.rows.slice(-4);
    for (let i = 1; i < tiny.length; i++) expect(tiny[i].absErr).toBeGreaterThan(tiny[i - 1].absErr * 0.5);
    expect(tiny[tiny.length - 1].absErr).toBeGreaterThan(1e-3);
    // The bottom of the V lies between, near cbrt(eps) ≈ 6e-6, far below both ends.
    expect(s.best.h).toBeGreaterThanOrEqual(1e-7);
    expect(s.best.h).toBeLessThanOrEqual(1e-4);
    expect(s.best.absErr).toBeLessThan(1e-9);
    expect(s.rows[0].absErr).toBeGreaterThan(1e-3);
  });

  it('reports checkGradient\'s own verdict beside the sweep', () => {
    const { rows, graph, env, g } = sweepOf('sin(1e4*x)', { x: 1 });
    const c = checkGradient(graph, env, g, { scheme: 'ridders' }).components[0];
    expect(rows[0].check).toEqual({ step: c.step, numeric: c.numeric, estimate: c.estimate, absErr: c.absErr, tol: c.tol, ok: true, verdict: 'pass', method: 'ridders' });
    // A single central quotient at cbrt(eps) is off by far more than the extrapolated one.
    const central = rows[0].rows.find((r) => Math.abs(r.h - 1e-5) < 1e-9)!;
    expect(central.absErr).toBeGreaterThan(1e-3);
    expect(c.absErr).toBeLessThan(1e-6);
    expect(c.estimate).toBeLessThan(1e-3);
  });

  it('scales steps by max(1,|x|) and labels tensor components', () => {
    const { rows } = sweepOf('sum(v .^ 3)', { v: [100, -0.5] });
    expect(rows.map((r) => r.label)).toEqual(['v[0]', 'v[1]']);
    expect(rows[0].rows[0].h).toBeCloseTo(10, 12);
    expect(rows[1].rows[0].h).toBeCloseTo(0.1, 15);
    // Central differences of a cubic: error exactly h² (f''' = 6, h²·6/6), up to rounding.
    expect(rows[1].rows[0].absErr).toBeCloseTo(0.01, 10);
    expect(rows[0].analytic).toBe(3 * 100 ** 2);
  });

  it('caps the number of components', () => {
    const v = Array.from({ length: 30 }, (_, i) => i / 10);
    expect(sweepOf('sum(v .^ 2)', { v }).rows).toHaveLength(24);
  });
});
