import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { dependents } from '../../../src/graph/graph.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { filled, num } from '../../../src/graph/engines/numeric.js';
import { jsonValue } from '../../../src/graph/present/render/numbers.js';
import { graphView } from '../../../src/graph/present/render/view.js';
import { reverse } from '../../../src/graph/engines/reverse.js';
import { narrateReverse } from '../../../src/graph/present/steps.js';
import { Tensor, type Value } from '../../../src/graph/tensor.js';
import { buildGraph } from '../../../src/parse/index.js';
import { anyExpr } from '../expressions.js';

/*
 * One sweep (DESIGN.md): the numbers `cg grad --steps` narrates per edge, the edge gradients
 * of `cg graph` and the engine's adjoints are the same numbers, to the last bit, on random
 * expressions over scalars and over tensors.
 */

const key = (v: Value) => JSON.stringify(jsonValue(v));

function agree(expr: string, env: Map<string, Value>): void {
  const { graph, outputName } = buildGraph(expr, env);
  const wrt = [...graph.vars.keys()];
  const values = evaluate(graph, env);
  const engine = gradient(graph, env, wrt).gradient;

  // The generic sweep's edges, summed per input in the order the sweep took them: the adjoints.
  const sums = new Map<number, Value>([[graph.output, 1]]);
  reverse(graph, num, (i) => values[i], graph.output, 1, dependents(graph, wrt.map((w) => graph.vars.get(w)!)), (e) => {
    if (e.contribution === undefined) return;
    const j = graph.nodes[e.node].inputs[e.input];
    const prev = sums.get(j);
    sums.set(j, prev === undefined ? e.contribution : num.add(prev, e.contribution)!);
  });

  const steps = narrateReverse(graph, values, outputName, wrt);
  const view = graphView(graph, env, { outputName, expression: expr });
  const nameOf = new Map(view.nodes.map((n) => [n.id, n.name]));
  const narrated = new Map<string, string[]>();
  for (const l of steps.lines) if (l.kind === 'edge') narrated.set(l.target, [...(narrated.get(l.target) ?? []), JSON.stringify(l.value)]);
  const drawn = new Map<string, string[]>();
  for (const e of view.edges) if (e.gradient !== null) drawn.set(nameOf.get(e.from)!, [...(drawn.get(nameOf.get(e.from)!) ?? []), key(e.gradient)]);

  for (const w of wrt) {
    const id = graph.vars.get(w)!;
    const want = key(engine.get(w)!);
    expect(JSON.stringify(steps.gradient[w]), `${expr}: narrated ∂/∂${w}`).toBe(want);
    expect(key(view.nodes.find((n) => n.name === w)!.gradient!), `${expr}: drawn ∂/∂${w}`).toBe(want);
    const s = sums.get(id);
    expect(key(filled(sums.get(id), graph.nodes[id].shape)), `${expr}: summed edges into ${w}`).toBe(want);
  }
  // Edge by edge: the same multiset of numbers into every node, narrated and drawn.
  for (const [name, vs] of narrated) expect([...(drawn.get(name) ?? [])].sort(), `${expr}: edges into ${name}`).toEqual([...vs].sort());
  expect([...drawn.keys()].sort()).toEqual([...narrated.keys()].sort());
}

describe('one sweep: narration, pictures and the engine agree', () => {
  it('on random scalar expressions', () => {
    fc.assert(
      fc.property(anyExpr(4), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (expr, x, y) => {
        const env = new Map<string, Value>([['x', x], ['y', y], ['z', 0.7]]);
        const { graph } = buildGraph(expr, env);
        if (graph.nodes[graph.output].shape.length || !graph.vars.size) return;
        agree(expr, new Map([...env].filter(([k]) => graph.vars.has(k))));
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('on random tensor expressions (broadcasting a scalar against vectors)', () => {
    fc.assert(
      fc.property(anyExpr(4), (expr) => {
        const env = new Map<string, Value>([['x', Tensor.from([0.3, -0.4, 0.9])], ['y', Tensor.from([-0.7, 0.2, 0.5])], ['z', 1.2]]);
        let built;
        try {
          built = buildGraph(`sum(${expr})`, env);
        } catch {
          return; // `/` and `^` between vectors are not elementwise in mathjs syntax
        }
        agree(`sum(${expr})`, new Map([...env].filter(([k]) => built.graph.vars.has(k))));
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('through matrix products, reductions and losses', () => {
    const env = new Map<string, Value>([
      ['A', Tensor.from([[1, 2, -1], [0.5, -3, 2]])],
      ['v', Tensor.from([0.1, -0.2, 0.3])],
      ['w', Tensor.from([0.4, 0.6])],
      ['z', 1.2],
    ]);
    for (const expr of ['sum(A*v)', 'sum((A*v) .* (A*v))', 'sum(A) + max(v)', 'sum(softmax(v)) * z', "sum(A' * A)", 'sum(v .* v) / z', 'mse(A*v, w)', 'max(A*v) - min(z*v)']) {
      const { graph } = buildGraph(expr, env);
      agree(expr, new Map([...env].filter(([k]) => graph.vars.has(k))));
    }
  });
});
