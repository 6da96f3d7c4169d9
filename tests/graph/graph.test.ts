import { describe, expect, it } from 'vitest';
import { dependents, Graph, opCode } from '../../src/graph/graph.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import { getOp } from '../../src/graph/ops/index.js';
import { Tensor } from '../../src/graph/tensor.js';

// Nodes are views of the graph's columns: every field must read back as it was given.
describe('graph nodes', () => {
  it('read back op, inputs, shape, value, name, def and span for every kind of node', () => {
    const g = new Graph();
    const x = g.variable('x', [], { start: 0, end: 1 });
    const W = g.variable('W', [2, 3]);
    const c = g.constant(2.5, undefined, { start: 4, end: 7 });
    const negZero = g.constant(-0);
    const pi = g.constant(Math.PI, 'pi');
    const nan = g.constant(NaN);
    const t = g.constant(new Tensor([2], new Float64Array([1, 2])));
    const s = g.add('sin', [x], undefined, { start: 9, end: 15 });
    const m = g.add('mul', [c, s]);
    const st = g.add('stack', [x, c, s]);
    const row = g.add('pick', [W], { k: 1 });

    const n = g.nodes;
    expect([n[x].op, n[x].name, n[x].shape, n[x].inputs, n[x].value, n[x].def]).toEqual(['var', 'x', [], [], undefined, undefined]);
    expect(n[x].span).toEqual({ start: 0, end: 1 });
    expect([n[W].shape, n[W].name, n[W].span]).toEqual([[2, 3], 'W', undefined]);
    expect([n[c].op, n[c].value, n[c].name, n[c].shape, n[c].span]).toEqual(['const', 2.5, undefined, [], { start: 4, end: 7 }]);
    expect(Object.is(n[negZero].value, -0)).toBe(true);
    expect([n[pi].value, n[pi].name]).toEqual([Math.PI, 'pi']);
    expect(n[nan].value).toBeNaN();
    expect(n[t].shape).toEqual([2]);
    expect(Array.from((n[t].value as Tensor).data)).toEqual([1, 2]);
    expect([n[s].op, n[s].inputs, n[s].def, n[s].attrs, n[s].value, n[s].span]).toEqual(['sin', [x], getOp('sin'), undefined, undefined, { start: 9, end: 15 }]);
    expect([n[m].op, n[m].inputs, n[m].shape]).toEqual(['mul', [c, s], []]);
    expect([n[st].op, n[st].inputs, n[st].shape]).toEqual(['stack', [x, c, s], [3]]);
    expect([n[row].op, n[row].inputs, n[row].attrs, n[row].shape]).toEqual(['pick', [W], { k: 1 }, [3]]);
    expect(g.add('pick', [W], { k: 1 })).toBe(row);
    expect(g.add('pick', [W], { k: 0 })).not.toBe(row);
    expect(n.map((node, i) => node.id === i).every(Boolean)).toBe(true);
    expect([g.rank(x), g.rank(W), g.rank(st)]).toEqual([0, 2, 1]);
  });

  it('shares identical nodes and keeps -0 apart from 0 and labelled constants apart from plain ones', () => {
    const g = new Graph();
    const x = g.variable('x');
    const y = g.variable('y');
    expect(g.add('mul', [x, y])).toBe(g.add('mul', [x, y]));
    expect(g.add('mul', [x, y])).not.toBe(g.add('mul', [y, x]));
    expect(g.add('sin', [x])).toBe(g.addAt(opCode('sin'), x, -1, 3, 4));
    expect(g.existing('sin', x, -1)).toBe(g.add('sin', [x]));
    expect(g.existing('cos', x, -1)).toBe(-1);
    expect(g.constant(0)).not.toBe(g.constant(-0));
    expect(g.constant(NaN)).toBe(g.number(NaN));
    expect(g.constant(Math.PI, 'pi')).not.toBe(g.constant(Math.PI));
    expect(g.add('stack', [x, y, x])).toBe(g.add('stack', [x, y, x]));
    expect(dependents(g, [y])[g.add('stack', [x, y, x])]).toBe(1);
    expect(dependents(g, [y])[g.add('sin', [x])]).toBe(0);
  });

  it('keeps every node right as its columns grow, and a gradient taken before the growth is taken again after it', () => {
    // x·(1 + 1·2 + … ) grown well past the columns' first capacity (1024 nodes).
    const g = new Graph();
    const x = g.variable('x');
    let acc = x;
    for (let k = 1; k <= 1500; k++) acc = g.add('add', [acc, g.add('mul', [x, g.constant(k)])]);
    g.output = acc;
    const env = new Map([['x', 0.5]]);
    const before = gradient(g, env, ['x']);
    expect(before.gradient.get('x')).toBe(1 + (1500 * 1501) / 2);
    // Grow again past a capacity (the plan's arrays are the old columns) and differentiate the new output.
    let more = acc;
    for (let k = 1; k <= 3000; k++) more = g.add('add', [more, g.add('mul', [g.add('sin', [x]), g.constant(-k)])]);
    g.output = more;
    const after = gradient(g, env, ['x']);
    expect(after.gradient.get('x')).toBeCloseTo(1 + (1500 * 1501) / 2 - Math.cos(0.5) * ((3000 * 3001) / 2), 6);
    expect(g.nodes[acc].inputs).toHaveLength(2);
    expect([g.nodes[1].op, g.nodes[1].value, g.nodes[2].op, g.nodes[2].inputs]).toEqual(['const', 1, 'mul', [x, 1]]);
  });
});
