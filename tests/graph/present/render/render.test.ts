import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../src/graph/engines/evaluate.js';
import { forwardGradient, gradient } from '../../../../src/graph/engines/gradient.js';
import { toJsonGraph } from '../../../../src/graph/present/render/json.js';
import { graphView, type ViewOptions } from '../../../../src/graph/present/render/view.js';
import { Tensor, type Value } from '../../../../src/graph/tensor.js';
import { buildGraph, parseAt } from '../../../../src/parse/index.js';
import { expectClose } from '../../helpers.js';

function view(expr: string, at: string, opts: Partial<ViewOptions> = {}, collapse: string[] = []) {
  const env = parseAt([at]);
  const { graph, outputName } = buildGraph(expr, env);
  const groups = collapse.map((name) => ({ name, root: graph.names.get(name)! }));
  const v = graphView(graph, env, { outputName, expression: expr, groups, ...opts });
  return { v, graph, env, node: (name: string) => v.nodes.find((n) => n.name === name)! };
}


describe('graph view: what every picture shows', () => {
  it('(x+y)*z: one node per op and variable, edges carry values and gradients (cs231n)', () => {
    const { v, node } = view('(x+y)*z', 'x=-2,y=5,z=-4');
    expect(v.nodes.map((n) => [n.name, n.kind, n.label])).toEqual([
      ['x', 'var', 'x'],
      ['y', 'var', 'y'],
      ['q', 'op', '+'],
      ['z', 'var', 'z'],
      ['f', 'op', '×'],
    ]);
    const e = (from: string, to: string) => v.edges.find((x) => x.from === node(from).id && x.to === node(to).id)!;
    expect([e('x', 'q').value, e('x', 'q').gradient]).toEqual([-2, -4]);
    expect([e('q', 'f').value, e('q', 'f').gradient]).toEqual([3, -4]);
    expect([e('z', 'f').value, e('z', 'f').gradient]).toEqual([-4, 3]);
    expect(node('f')).toMatchObject({ output: true, value: -12, gradient: 1, formula: 'f = q*z' });
    expect(v.outputDerivative).toBe(1);
  });

  it('a shared node appears once, with one edge per use, whose gradients add up to its own', () => {
    const { v, node } = view('log(x) + sqrt(log(x))', 'x=3');
    expect(v.nodes.filter((n) => n.op === 'log')).toHaveLength(1);
    const out = v.edges.filter((e) => e.from === node('q').id);
    expect(out).toHaveLength(2);
    expect(node('q').uses).toBe(2);
    const total = (out[0].gradient as number) + (out[1].gradient as number);
    expect(total).toBeCloseTo(node('q').gradient as number, 15);
    // ∂f/∂log = 1 + 1/(2 sqrt(log 3)), by hand.
    expect(node('q').gradient as number).toBeCloseTo(1 + 1 / (2 * Math.sqrt(Math.log(3))), 15);
  });

  it("every node's gradient is the sum of its edges' and equals reverse mode's", () => {
    const cases: [string, string][] = [
      ['x / x^2', 'x=2'],
      ['c = a+b; d = b+1; e = c*d', 'a=2,b=1'],
      ['h = tanh(W*x + b); L = sum(h.^2) + sum(b)', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]'],
      ['sum(A .* r) + max(u, 2*u)', 'A=[[1,2],[3,4]],r=[1,-1],u=1'],
    ];
    for (const [expr, at] of cases) {
      const { v, graph, env } = view(expr, at);
      const rev = gradient(graph, env, [...graph.vars.keys()]);
      for (const n of v.nodes) {
        if (n.kind === 'var') expectClose(n.gradient!, rev.gradient.get(n.name)!, 1e-15, 1e-15, `${expr} ${n.name}`);
        const out = v.edges.filter((e) => e.from === n.id);
        if (out.length === 0 || n.gradient === null) continue;
        expectClose(out.map((e) => e.gradient!).reduce(addValues), n.gradient, 1e-14, 1e-15, `${expr} ${n.name}`);
      }
    }
  });

  it('--hide-constants folds constants into the labels (cs231n: +1, 1/x)', () => {
    const { v } = view('1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', { hideConstants: true });
    expect(v.nodes.some((n) => n.kind === 'const')).toBe(false);
    expect(v.nodes.map((n) => n.label)).toEqual(['w0', 'x0', '×', 'w1', 'x1', '×', '+', 'w2', '+', 'neg', 'exp', '+1', '1 ÷ ·']);
    const { v: sq } = view('x^2 - 3', 'x=2', { hideConstants: true });
    expect(sq.nodes.map((n) => n.label)).toEqual(['x', '^2', '· − 3']);
  });

  it('--collapse draws a named part as one box, its inputs merged into one edge each', () => {
    const { v, graph, env } = view('h = tanh(W*x + b); L = sum(h.^2)', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]', {}, ['h']);
    const box = v.nodes.find((n) => n.kind === 'group')!;
    expect(box).toMatchObject({ name: 'h', formula: 'h = tanh(W*x + b)', shape: [2] });
    expect(box.members.map((m) => graph.nodes[m].op)).toEqual(['matmul', 'add', 'tanh']);
    expect(v.nodes.map((n) => n.name)).toEqual(['W', 'x', 'b', 'h', '2', 's', 'L']);
    const into = v.edges.filter((e) => e.to === box.id);
    expect(into.map((e) => v.nodes.find((n) => n.id === e.from)!.name)).toEqual(['W', 'x', 'b']);
    const rev = gradient(graph, env, ['W', 'x', 'b']);
    for (const e of into) expectClose(e.gradient!, rev.gradient.get(v.nodes.find((n) => n.id === e.from)!.name)!, 1e-15, 1e-15);
  });

  it('--collapse keeps outside what other parts also use', () => {
    // x*y feeds h and the output: it stays a node of its own, with edges into the box and out of it.
    const { v, graph } = view('h = exp(x*y) + 1; f = h * (x*y)', 'x=0.5,y=2', {}, ['h']);
    const box = v.nodes.find((n) => n.kind === 'group')!;
    expect(box.members.map((m) => graph.nodes[m].op)).toEqual(['exp', 'const', 'add']);
    const xy = v.nodes.find((n) => n.op === 'mul' && !n.output)!;
    expect(v.edges.filter((e) => e.from === xy.id).map((e) => e.to)).toEqual([box.id, v.output]);
    expect(xy.gradient as number).toBeCloseTo(Math.exp(1) * 1 + (Math.exp(1) + 1), 14);
  });

  it('--mode forward shows tangents d·/dx, equal to forward mode', () => {
    const { v, graph, env } = view('x / x^2 + y', 'x=2,y=1', { mode: 'forward', wrt: ['x'] });
    expect(v.nodes.every((n) => n.gradient === null)).toBe(true);
    const fwd = forwardGradient(graph, evaluate(graph, env), ['x']);
    expect(v.outputDerivative).toBe(fwd.get('x'));
    expect(v.nodes.find((n) => n.name === 'y')!.tangent).toBeNull();
    expect(v.nodes.find((n) => n.name === 'q')!.tangent).toBe(4); // d(x^2)/dx = 2x
  });

  it('tensor nodes carry their shape; a tensor output has values but no gradients', () => {
    const { v } = view('W*x', 'W=[[1,2],[3,4]],x=[1,1]');
    expect(v.nodes.map((n) => n.shape)).toEqual([[2, 2], [2], [2]]);
    expect(v.nodes.every((n) => n.gradient === null)).toBe(true);
    expect(v.notes[0]).toMatch(/not a scalar/);
  });

  it('json: nodes and edges with full-precision values', () => {
    const { v } = view('1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3');
    const j = toJsonGraph(v);
    expect(Object.keys(j)).toEqual(['expression', 'output', 'at', 'mode', 'wrt', 'nodes', 'edges', 'notes']);
    expect(Object.keys(j.nodes[0])).toEqual(['id', 'kind', 'op', 'name', 'label', 'formula', 'shape', 'value', 'gradient', 'tangent', 'members', 'output']);
    const w0 = j.nodes.find((n) => n.name === 'w0')!;
    expect(w0.gradient as number).toBeCloseTo(-0.196611933241, 12);
    expect(j.edges.every((e) => typeof e.value === 'number')).toBe(true);
  });
});

function addValues(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const [x, y] = [a as Tensor, b as Tensor];
  return new Tensor(x.shape, x.data.map((p, i) => p + y.data[i]));
}
