import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientNodes } from '../../../src/graph/engines/derivatives.js';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import type { Graph } from '../../../src/graph/graph.js';
import { printProgram } from '../../../src/graph/present/print.js';
import { countOps, derivativeGraph, simplify } from '../../../src/graph/engines/simplify.js';
import { Tensor, type Value } from '../../../src/graph/tensor.js';
import { buildGraph } from '../../../src/parse/index.js';
import { expectClose, flat } from '../helpers.js';

const SCALARS = new Map<string, Value>([
  ['x', 0],
  ['y', 0],
  ['z', 0],
]);

/** The simplified text of an expression (one output, no intermediates expected). */
function simplified(text: string, values: ReadonlyMap<string, Value> = SCALARS): string {
  const { graph } = buildGraph(text, values);
  const s = simplify(graph, [graph.output]);
  return printProgram(s.graph, [{ name: 'f', id: s.roots[0] }]).outputs[0].text;
}

/** The values of root `id` of `g` at `env`. */
const valueAt = (g: Graph, id: number, env: ReadonlyMap<string, Value>) => evaluate(g, env)[id];

describe('simplification rules', () => {
  it.each([
    ['x*1', 'x'],
    ['1*x', 'x'],
    ['x/1', 'x'],
    ['x^1', 'x'],
    ['x+0', 'x'],
    ['0+x', 'x'],
    ['x-0', 'x'],
    ['0-x', '-x'],
    ['0*x', '0'],
    ['x*0', '0'],
    ['0/x', '0'],
    ['x-x', '0'],
    ['x^0', '1'],
    ['-(-x)', 'x'],
    ['x*x', 'x^2'],
    ['x^2', 'x^2'],
    ['(-x)^2', 'x^2'],
    ['x+x', '2*x'],
    ['x - -y', 'x + y'],
    ['x + -y', 'x - y'],
    ['-x + y', 'y - x'],
    ['x + (-2)*y', 'x - 2*y'],
    ['x - (-3)', 'x + 3'],
    ['(-x)*(-y)', 'x*y'],
    ['(-x)*y', '-x*y'],
    ['(-x)/(-y)', 'x/y'],
    ['-(x - y)', 'y - x'],
    ['-(2*x)', '-2*x'],
    ['2*3*x', '6*x'],
    ['2*(3*x)', '6*x'],
    ['x*2', '2*x'],
    ['x*(1/y)', 'x/y'],
    ['(2+3)*sin(x*1)', '5*sin(x)'],
    ['-1*x', '-x'],
    ['x/(-1)', '-x'],
  ])('%s → %s', (input, output) => {
    expect(simplified(input)).toBe(output);
  });

  it.each([
    // Each of these would change the value (by more than a rounding, or at some point).
    ['3*(5*x)', '3*(5*x)'],
    ['x/x', 'x/x'],
    ['x*x*x', 'x^2*x'],
    ['x^3', 'x^3'],
    ['x^-1', 'x^-1'],
  ])('keeps %s', (input, output) => {
    expect(simplified(input)).toBe(output);
  });

  it('works on tensors, keeping shapes', () => {
    const values = new Map<string, Value>([
      ['W', Tensor.from([[1, 2], [3, 4]])],
      ['v', Tensor.from([1, 2])],
      ['s', 2],
    ]);
    expect(simplified('W .* 1 + 0', values)).toBe('W');
    expect(simplified("(W')'", values)).toBe('W');
    expect(simplified('W - W', values)).toBe('[[0, 0], [0, 0]]');
    expect(simplified('W .* W', values)).toBe('W.^2');
    // s*1 broadcast to W's shape is not s: the rule must not drop the broadcast.
    expect(simplified('s + 0*W', values)).toBe('s + [[0, 0], [0, 0]]');
    expect(simplified('sum(s)', values)).toBe('s');
  });
});

/** Random expressions seeded with patterns the rules rewrite. */
const redundant: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom('x', 'y', 'z'), fc.constantFrom('0', '1', '2', '-1', '0.5', '3'));
  if (depth <= 1) return leaf;
  const sub = redundant(depth - 1);
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    {
      weight: 4,
      arbitrary: fc.tuple(
        fc.constantFrom(
          '(A)*1', '1*(A)', '(A)+0', '0+(A)', '(A)-0', '0-(A)', '(A)*0', '(A)-(A)', '-(-(A))', '(A)*(A)',
          '(A)+(A)', '(A)^1', '(A)/1', '(A)/(-1)', '(A)*(B)', '(A)+(B)', '(A)-(B)', '(A)/(1 + (B)^2)', '-(A)',
          '(A) - -(B)', '(A) + -(B)', '2*(0.5*(A))', 'sin(A)', 'exp(0.1*(A))', 'tanh(A)', 'x*(1/(2 + (A)^2))',
          '(A)^2', '(-(A))*(-(B))', '(A)*(-3)',
        ),
        sub,
        sub,
      ).map(([t, a, b]) => t.replace(/A/g, a).replace(/B/g, b)),
    },
  );
});

const point = fc.tuple(...Array.from({ length: 3 }, () => fc.double({ min: -2, max: 2, noNaN: true })));

describe('simplification never changes the value', () => {
  it('of random expressions (before and after, at random points)', () => {
    fc.assert(
      fc.property(redundant(4), fc.array(point, { minLength: 3, maxLength: 3 }), (text, points) => {
        const { graph } = buildGraph(text, SCALARS);
        const s = simplify(graph, [graph.output]);
        for (const [x, y, z] of points) {
          const env = new Map([['x', x], ['y', y], ['z', z]]);
          const before = valueAt(graph, graph.output, env) as number;
          const after = valueAt(s.graph, s.roots[0], env) as number;
          if (!Number.isFinite(before)) continue; // 0*inf: structural zeros differ only there
          expectClose(after, before, 1e-12, 1e-12, text);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('of derivative graphs (raw reverse-mode nodes against simplified ones)', () => {
    fc.assert(
      fc.property(redundant(4), point, (text, [x, y, z]) => {
        const { graph } = buildGraph(text, SCALARS);
        const wrt = [...graph.vars.keys()];
        const raw = gradientNodes(graph, wrt);
        const ids = raw.map((n) => n?.id ?? graph.constant(0));
        const s = simplify(graph, ids);
        const env = new Map([['x', x], ['y', y], ['z', z]]);
        const before = evaluate(graph, env);
        const after = evaluate(s.graph, env);
        ids.forEach((id, k) => {
          if (Number.isFinite(before[id] as number)) expectClose(after[s.roots[k]], before[id], 1e-10, 1e-12, `${text} ∂/∂${wrt[k]}`);
        });
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('of second derivatives, by forward and by reverse mode', () => {
    const text = 'x^2*y + exp(x*y) - sin(x)/y';
    const env = new Map([['x', 0.7], ['y', 1.3]]);
    // By hand: f_xx = 2y + y² e^{xy} + sin(x)/y, f_xy = 2x + e^{xy}(1 + xy) + cos(x)/y², f_yy = x² e^{xy} - 2 sin(x)/y³.
    const [x, y] = [0.7, 1.3];
    const e = Math.exp(x * y);
    const want = [2 * y + y * y * e + Math.sin(x) / y, 2 * x + e * (1 + x * y) + Math.cos(x) / (y * y), x * x * e - (2 * Math.sin(x)) / y ** 3];
    for (const mode of ['reverse', 'forward'] as const) {
      const { graph } = buildGraph(text, SCALARS);
      const dg = derivativeGraph(graph, [['x', 'x'], ['x', 'y'], ['y', 'y']], mode);
      const vals = evaluate(dg.graph, env);
      expectClose(dg.roots.map((r) => vals[r] as number), want, 1e-12, 1e-12, mode);
    }
  });
});

describe('simplification shrinks derivative graphs', () => {
  it('removes the ones, zeros and sign flips reverse mode leaves', () => {
    const { graph } = buildGraph('sin(x*1)*sin(x*2)*sin(x*3)*sin(x*4)', SCALARS);
    const dg = derivativeGraph(graph, [['x']]);
    expect(dg.rawOps).toBeGreaterThan(countOps(dg.graph, dg.roots));
    const env = new Map([['x', 0.3]]);
    const d = (t: number) => [1, 2, 3, 4].reduce((s, k) => s + k * Math.cos(k * t) * [1, 2, 3, 4].filter((j) => j !== k).reduce((p, j) => p * Math.sin(j * t), 1), 0);
    expectClose(flat(evaluate(dg.graph, env)[dg.roots[0]]), [d(0.3)], 1e-13, 1e-15);
  });

  it('(x+y)*z by x is z, with no node left', () => {
    const { graph } = buildGraph('(x+y)*z', SCALARS);
    const dg = derivativeGraph(graph, [['x'], ['z']]);
    expect(dg.graph.nodes[dg.roots[0]]).toMatchObject({ op: 'var', name: 'z' });
    expect(countOps(dg.graph, [dg.roots[0]])).toBe(0);
    expect(dg.graph.nodes[dg.roots[1]].op).toBe('add');
  });
});
