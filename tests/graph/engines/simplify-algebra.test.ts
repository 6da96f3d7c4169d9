import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { printProgram } from '../../../src/graph/present/print.js';
import { derivativeGraph, simplify } from '../../../src/graph/engines/simplify.js';
import { computeDiff } from '../../../src/parse/diff.js';
import { buildGraph } from '../../../src/parse/index.js';
import { cg } from '../../cli/run.js';

/** What a person writes for these derivatives (the issue's examples and their kin). */
const PERSON: [string, string][] = [
  ['x*x*x', 'df_dx = 3*x^2'],
  ['exp(-x^2/2)', 'df_dx = -x*exp(-x^2/2)'],
  ['x/x^2', 'df_dx = -1/x^2'],
  ['x^2 + 2*x^2', 'df_dx = 6*x'],
  ['x*y*x', 'df_dx = 2*x*y\ndf_dy = x^2'],
  ['x/y', 'df_dx = 1/y\ndf_dy = -x/y^2'],
  ['3*x - x', 'df_dx = 2'],
];

describe('collected as a person would write it', () => {
  for (const [expr, want] of PERSON) {
    it(`${expr} → ${want.replace(/\n/g, '; ')}`, () => {
      expect(cg(['diff', expr]).stdout).toBe(`${want}\n`);
    });
  }

  it('the forward expression is collected too: x*x*x is x^3, x/x^2 is 1/x', () => {
    for (const [expr, want] of [['x*x*x', 'f = x^3'], ['x/x^2', 'f = 1/x'], ['2*x*0.5*y', 'f = x*y'], ['x/3 + x/3', 'f = 2*x/3']]) {
      const { graph } = buildGraph(expr, new Map([['x', 0], ['y', 0]]));
      const s = simplify(graph, [graph.output], true);
      expect(printProgram(s.graph, [{ name: 'f', id: s.roots[0] }]).program, expr).toBe(want);
    }
  });

  it('a name an assignment gave stays: c = a + b is not opened up by collecting', () => {
    expect(cg(['diff', 'c = a+b; d = b+1; e = c*d']).stdout).toBe('c = a + b\nd = b + 1\nde_da = d\nde_db = c + d\n');
  });
});

/** Polynomial-like expressions in x, y: products, quotients and powers that collect often. */
const algebraic: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom('x', 'y', 'x', 'y'), fc.constantFrom('(-3)', '(-1)', '2', '3'), fc.constantFrom('0.5', '1.75'));
  if (depth <= 1) return leaf;
  const sub = algebraic(depth - 1);
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('+', '-', '*', '*'), sub, sub).map(([o, a, b]) => `(${a} ${o} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('x', 'y', '(x^2 + 1)')).map(([a, b]) => `(${a} / ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom(-1, 2, 3)).map(([a, k]) => `${a}^(${k})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('exp', 'sin', 'log'), sub).map(([f, a]) => `${f}(${f === 'log' ? `1 + (${a})^2` : a})`) },
  );
});

describe('collecting never changes a value and never grows the output', () => {
  it('on random algebraic expressions: equal to reverse mode at random points; no longer than the plain simplification', () => {
    fc.assert(
      fc.property(algebraic(5), fc.array(fc.tuple(fc.double({ min: 0.3, max: 2, noNaN: true }), fc.double({ min: -2, max: -0.3, noNaN: true })), { minLength: 3, maxLength: 3 }), (text, pts) => {
        fc.pre(/[xy]/.test(text));
        let r: ReturnType<typeof computeDiff>;
        try {
          r = computeDiff(text);
        } catch (e) {
          // Folded to a constant (x*0): nothing to differentiate.
          if (/no variables/.test(String(e))) return;
          throw e;
        }
        const { graph } = buildGraph(text, new Map(r.wrt.map((v) => [v, 1])));
        // The plain simplification's text, both sweeps: the collected result is never longer.
        const plain = Math.min(
          ...(['reverse', 'forward'] as const).map((mode) => {
            const dg = derivativeGraph(graph, r.wrt.map((v) => [v]), mode, graph.output, false);
            return printProgram(dg.graph, r.wrt.map((v, k) => ({ name: `d${r.output}_d${v}`, id: dg.roots[k] })), { reserved: ['pi', 'e'] }).program.length;
          }),
        );
        expect(r.size.characters, `${text}\n${r.program}`).toBeLessThanOrEqual(plain);
        for (const [p, q] of pts) {
          for (const [x, y] of [[p, q], [q, p]]) {
            const values = new Map(r.wrt.map((v) => [v, v === 'x' ? x : y] as const));
            const ref = gradient(graph, values, r.wrt).gradient;
            const back = buildGraph(r.program, values).graph;
            const vals = evaluate(back, values);
            for (const v of r.wrt) {
              const got = vals[back.names.get(`d${r.output}_d${v}`)!] as number;
              const want = ref.get(v) as number;
              if (!Number.isFinite(want)) continue;
              const ok = Math.abs(got - want) <= 1e-12 + 1e-8 * Math.max(Math.abs(got), Math.abs(want));
              expect(ok, `${text}\n${r.program}\n∂/∂${v} at x=${x}, y=${y}: ${got} vs ${want}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});
