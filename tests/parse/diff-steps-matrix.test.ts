import { describe, expect, it } from 'vitest';
import { computeDiff } from '../../src/parse/diff.js';
import { parseShapes, valuesForShapes } from '../../src/parse/diff-shapes.js';
import type { MatrixStep } from '../../src/parse/diff-steps-matrix.js';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import { Tensor, type Value } from '../../src/graph/tensor.js';
import { buildGraph } from '../../src/parse/index.js';
import { expectClose, flat } from '../graph/helpers.js';

/*
 * --steps with --shape: every step parses back and evaluates to the gradient. A step is
 * what reached W plus parts d/dW[sum(G .* u)] with G held constant: G is evaluated first,
 * then passed in as a value, and reverse mode differentiates sum(G .* u) by W alone.
 */

const cases: [string, string, string][] = [
  ['sum(W*x)', 'W=3x2,x=2', 'W'],
  ['sum(tanh(W*x + b))', 'W=3x2,x=2,b=3', 'W'],
  ['sum(tanh(W*x + b))', 'W=3x2,x=2,b=3', 'b'],
  ["x'*A*x", 'x=3,A=3x3', 'x'],
  ['sum((W*x - y).^2)', 'W=3x2,x=2,y=3', 'W'],
  ['h = tanh(W1*x); sum(W2*h)', 'W1=3x2,x=2,W2=2x3', 'W1'],
  ['-sum(y .* log(softmax(z)))', 'z=1x3,y=1x3', 'z'],
  ['dot(u, v)*sum(u)', 'u=3,v=3', 'u'],
];

function valueOf(text: string, env: ReadonlyMap<string, Value>): Value {
  const { graph } = buildGraph(`q__ = ${text}`, new Map([...env].filter(([k]) => new RegExp(`\\b${k}\\b`).test(text))));
  return evaluate(graph, new Map([...env].filter(([k]) => graph.vars.has(k))))[graph.names.get('q__')!];
}


describe('cg diff --steps on matrix expressions', () => {
  for (const [expr, shapes, v] of cases) {
    it(`${expr} by ${v}: one matrix rule per step, each step evaluates to the gradient`, () => {
      const r = computeDiff(expr, { wrt: v, shapes: parseShapes(shapes), steps: true });
      const env = r.check ? new Map(Object.entries(r.check.at).map(([k, x]) => [k, Array.isArray(x) ? Tensor.from(x as number[]) : (x as number)])) : new Map();
      const values = valuesForShapes(Object.keys(r.check!.at), parseShapes(shapes), undefined);
      const { graph } = buildGraph(expr, values);
      const want = flat(gradient(graph, values, [v]).gradient.get(v)!);
      const steps = r.steps![0].steps as MatrixStep[];
      expect(steps.length).toBeGreaterThan(0);
      expect(env.size).toBeGreaterThan(0);
      for (const s of steps) {
        expect(s.after).not.toMatch(/\*-/);
        let total = new Array(want.length).fill(0);
        const plus = (x: number[]) => (total = total.map((t, i) => t + (x.length === 1 ? x[0] : x[i])));
        if (s.reached !== null) plus(flat(valueOf(s.reached, values)));
        for (const p of s.pending) {
          // d/dv[sum(G .* u)], G held constant: G is a value named g__.
          const G = valueOf(p.upstream, values);
          const env2 = new Map(values).set('g__', G);
          const { graph: h } = buildGraph(`sum(g__ .* (${p.node}))`, new Map([...env2].filter(([k]) => k === 'g__' || new RegExp(`\\b${k}\\b`).test(p.node))));
          plus(flat(gradient(h, new Map([...env2].filter(([k]) => h.vars.has(k))), [v]).gradient.get(v)!));
        }
        expectClose(total, want, 1e-9, 1e-12, `${s.rule}: ${s.after}`);
      }
      expect(steps.at(-1)!.pending).toEqual([]);
      expect(steps.at(-1)!.after).toBe(r.bindings.length ? steps.at(-1)!.after : r.derivatives[`df_d${v}`]);
    });
  }
});
