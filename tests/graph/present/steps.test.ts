import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { forwardGradient, gradient } from '../../../src/graph/engines/gradient.js';
import { OPS, type OpDef } from '../../../src/graph/ops/index.js';
import { narrateForward, narrateReverse, stepsText, type StepLine, type Steps } from '../../../src/graph/present/steps.js';
import { Tensor, type Value } from '../../../src/graph/tensor.js';
import { buildGraph, parseAt } from '../../../src/parse/index.js';
import { expectClose } from '../helpers.js';

const { examples } = JSON.parse(readFileSync(new URL('../../../fixtures/worked-examples.json', import.meta.url), 'utf8')) as {
  examples: { expression: string; at: Record<string, number>; gradient: Record<string, number> }[];
};

function steps(expr: string, at: string, mode: 'reverse' | 'forward' = 'reverse', wrt?: string[]): Steps {
  const env = parseAt([at]);
  const { graph, outputName } = buildGraph(expr, env);
  const vals = evaluate(graph, env);
  const vars = wrt ?? [...graph.vars.keys()];
  return mode === 'reverse' ? narrateReverse(graph, vals, outputName, vars) : narrateForward(graph, vals, outputName, vars);
}

const edge = (s: Steps, target: string, via?: string) =>
  s.lines.find((l) => l.kind === 'edge' && l.target === target && (via === undefined || l.via === via)) as StepLine;
const sum = (s: Steps, target: string) => s.lines.find((l) => l.kind === 'sum' && l.target === target) as StepLine;
const val = (l: StepLine) => l.value as number;

describe('cg grad --steps: the backward pass narrated', () => {
  it('(x+y)*z: the lecture lines, upstream × local, gates named', () => {
    const s = steps('(x+y)*z', 'x=-2,y=5,z=-4');
    expect(s.forward).toEqual([
      { name: 'q', formula: 'x + y', value: 3 },
      { name: 'f', formula: 'q*z', value: -12 },
    ]);
    expect(s.lines.map((l) => l.text)).toEqual([
      '∂f/∂f = 1',
      '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · z(-4) = -4',
      '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · q(3) = 3',
      '∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4',
      '∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4',
    ]);
    expect(s.lines.map((l) => l.gate)).toEqual([null, 'mul switches', 'mul switches', 'add distributes', 'add distributes']);
    // The lecture: ∂f/∂q = z, ∂f/∂z = q, ∂q/∂x = ∂q/∂y = 1.
    expect(edge(s, 'q').local).toEqual({ name: '∂f/∂q', text: 'z', value: -4 });
    expect(edge(s, 'z').local).toEqual({ name: '∂f/∂z', text: 'q', value: 3 });
    expect(s.gradient).toEqual({ x: -4, y: -4, z: 3 });
    expect(stepsText(s)).toMatch(/mul switches: each input gets the upstream gradient times the other input/);
  });

  it('the sigmoid neuron: the numbers of the lecture, every stage derived by hand', () => {
    const s = steps('1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3');
    // Forward: w0*x0 + w1*x1 + w2 = 1, so the denominator is p = 1 + e^-1.
    const p = 1 + Math.exp(-1);
    expect(s.forward.map((f) => f.name)).toEqual(['q', 'r', 's', 't', 'u', 'v', 'p', 'f']);
    expect(s.forward.find((f) => f.name === 'p')!.value).toBeCloseTo(p, 15);
    // Backward, as cs231n writes it: 1/x gives -1/p² = -0.53, +1 passes it on, exp multiplies by
    // e^-1 (-0.20), *-1 flips the sign (0.20), the adds distribute it, the muls switch.
    const dp = -1 / p ** 2;
    expect(val(edge(s, 'p'))).toBeCloseTo(dp, 15);
    expect(val(edge(s, 'p'))).toBeCloseTo(-0.53, 2);
    expect(val(edge(s, 'v'))).toBeCloseTo(dp, 15);
    expect(val(edge(s, 'u'))).toBeCloseTo(dp * Math.exp(-1), 15);
    expect(val(edge(s, 't'))).toBeCloseTo(-dp * Math.exp(-1), 15);
    for (const name of ['s', 'w2', 'q', 'r']) expect(val(edge(s, name))).toBeCloseTo(0.196611933241, 12);
    expect(edge(s, 'q').gate).toBe('add distributes');
    expect(edge(s, 'w0').gate).toBe('mul switches');
    expect(edge(s, 'w0').text).toBe('∂f/∂w0 = ∂f/∂q · ∂q/∂w0 = 0.196612 · x0(-1) = -0.196612');
    expect(edge(s, 'u').text).toBe('∂f/∂u = ∂f/∂v · ∂v/∂u = -0.534447 · exp(u) = -0.196612');
    const ex = examples.find((e) => e.expression.startsWith('1/(1+exp'))!;
    for (const [name, g] of Object.entries(ex.gradient)) expect(s.gradient[name] as number).toBeCloseTo(g, 12);
  });

  it('x/x^2: two paths into x, summed (the lecture: -x/z²·2x + 1·1/z = -1/x²)', () => {
    const s = steps('x/x^2', 'x=2');
    expect(s.lines.map((l) => l.text)).toEqual([
      '∂f/∂f = 1',
      '∂f/∂x (via f) = ∂f/∂f · ∂f/∂x = 1 · 1/q = 0.25',
      '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (-x/q^2) = -0.125',
      '∂f/∂x (via q) = ∂f/∂q · ∂q/∂x = -0.125 · 2*x = -0.5',
      '∂f/∂x = (path via f) + (path via q) = 0.25 + (-0.5) = -0.25',
    ]);
    // dy/dz = -x/z² with z = x² = 4; the paths are 1/z and -x/z²·2x.
    expect(val(edge(s, 'q'))).toBe(-2 / 16);
    expect(val(edge(s, 'x', 'f'))).toBe(1 / 4);
    expect(val(edge(s, 'x', 'q'))).toBe((-2 / 16) * 2 * 2);
    expect(sum(s, 'x').paths).toEqual([
      { via: 'f', value: 0.25 },
      { via: 'q', value: -0.5 },
    ]);
    expect(s.gradient.x).toBe(-1 / 4);
  });

  it('c = a+b; d = b+1; e = c*d: b has two paths, 3 + 2 = 5', () => {
    const s = steps('c = a+b; d = b+1; e = c*d', 'a=2,b=1');
    expect(sum(s, 'b').text).toBe('∂e/∂b = (path via d) + (path via c) = 3 + 2 = 5');
    expect(s.gradient).toEqual({ a: 2, b: 5 });
  });

  it('max routes the gradient to the larger input', () => {
    const s = steps('max(x, y) * 3', 'x=2,y=1');
    expect(edge(s, 'x').gate).toBe('max routes');
    expect(val(edge(s, 'x'))).toBe(3);
    expect(val(edge(s, 'y'))).toBe(0);
  });

  it('a node that uses one input twice names both edges', () => {
    const s = steps('x*x', 'x=3');
    expect(s.lines.filter((l) => l.kind === 'edge').map((l) => l.via)).toEqual(['f #1', 'f #2']);
    expect(sum(s, 'x').value).toBe(6);
  });

  it('tensors: elementwise steps with ⊙, matrix products by their rule, broadcasting summed', () => {
    const s = steps('h = tanh(W*x + b); L = sum(h.^2)', 'W=[[1,2],[3,-4]],x=[1,-1],b=0.5');
    expect(edge(s, 'h').text).toMatch(/^∂L\/∂h = ∂L\/∂s ⊙ ∂s\/∂h = \[1, 1\] ⊙ 2\*h = \[/);
    expect(edge(s, 'W').rule).toBe('outer(∂L/∂q, x)');
    expect(edge(s, 'b').text).toMatch(/summed over the broadcast copies = -?\d/);
  });

  it('--wrt: only the chosen variables get lines', () => {
    const s = steps('(x+y)*z', 'x=-2,y=5,z=-4', 'reverse', ['x']);
    expect(s.lines.map((l) => l.target)).toEqual(['f', 'q', 'x']);
    expect(s.gradient).toEqual({ x: -4 });
  });
});

describe('cg grad --steps --mode forward: the forward sweep narrated', () => {
  it('(x+y)*z along x', () => {
    const s = steps('(x+y)*z', 'x=-2,y=5,z=-4', 'forward', ['x']);
    expect(s.lines.map((l) => l.text)).toEqual(['dx/dx = 1', 'dq/dx = ∂q/∂x · dx/dx = 1 · 1 = 1', 'df/dx = ∂f/∂q · dq/dx = z(-4) · 1 = -4']);
    expect(s.gradient).toEqual({ x: -4 });
  });

  it('x/x^2: the tangent of f adds both inputs', () => {
    const s = steps('x/x^2', 'x=2', 'forward', ['x']);
    expect(s.lines.at(-1)!.text).toBe('df/dx = ∂f/∂x · dx/dx + ∂f/∂q · dq/dx = 1/q · 1 + (-x/q^2) · 4 = -0.25');
    expect(s.lines.at(-1)!.terms!.map((t) => t.tangent.value)).toEqual([1, 4]);
  });

  it('one sweep per variable, each with its seed line', () => {
    const s = steps('x*y + y', 'x=2,y=3', 'forward', ['x', 'y']);
    expect(s.lines.filter((l) => l.kind === 'seed').map((l) => l.text)).toEqual(['dx/dx = 1', 'dy/dy = 1']);
    expect(s.gradient).toEqual({ x: 3, y: 3 });
    expect(stepsText(s)).toMatch(/forward-mode sweep 2 of 2, tangents d·\/dy/);
  });
});

describe("the steps arrive at the engines' gradients", () => {
  const cases: [string, string][] = [
    ...examples.map((e) => [e.expression, Object.entries(e.at).map(([k, v]) => `${k}=${v}`).join(',')] as [string, string]),
    ['h = tanh(W*x + b); L = sum(h.^2)', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]'],
    ['norm(A*v - u) + mean((A*v) .* u) + sum(A .* r)', 'A=[[1,2,0],[0,1,-1]],v=[0.5,-1,2],u=[1,2],r=[1,-2,3]'],
    ['logsumexp(v) + sum(softmax(v) .* v) + max(v)', 'v=[0.3,-1,2,2]'],
    ['relu(w*x + b) + abs(x - 1) + max(x, 1)', 'w=2,x=1,b=-2'],
    ["sum((A' * A) .* A) / 3 + dot(v, v)^2", 'A=[[1,2],[3,4]],v=[1,-2]'],
    ['sum([x, 2*x, x^2] .* c)', 'x=1.5,c=[1,2,3]'],
  ];
  for (const [expr, at] of cases) {
    it(`${expr}`, () => {
      const env = parseAt([at]);
      const { graph, outputName } = buildGraph(expr, env);
      const vars = [...graph.vars.keys()];
      const rev = gradient(graph, env, vars);
      const vals = evaluate(graph, env);
      const s = narrateReverse(graph, vals, outputName, vars);
      const f = narrateForward(graph, vals, outputName, vars.filter((v) => graph.nodes[graph.vars.get(v)!].shape.length === 0));
      const fwd = forwardGradient(graph, rev.values, Object.keys(f.gradient));
      for (const v of vars) expectClose(toValue(s.gradient[v]), rev.gradient.get(v)!, 1e-14, 1e-15, v);
      for (const v of Object.keys(f.gradient)) expectClose(toValue(f.gradient[v]), fwd.get(v)!, 1e-14, 1e-15, v);
    });
  }

  // Random expressions over every scalar op a user can call: steps and reverse mode agree.
  const ops = [...OPS.values()].filter((op) => !op.internal && !op.sample && op.name !== 'sign');
  const domain = (op: OpDef, k: number): readonly [number, number] => {
    const d = op.domain ?? [-3, 3];
    return typeof d[0] === 'number' ? (d as readonly [number, number]) : (d as readonly (readonly [number, number])[])[k];
  };
  const squash = ([lo, hi]: readonly [number, number], t: string) => `(${lo} + ${hi - lo}*sigmoid(${t}))`;
  const expr: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? fc.constantFrom('x', 'y', 'z', '0.5')
      : fc.oneof(
          fc.constantFrom('x', 'y', 'z'),
          fc.tuple(fc.constantFrom(...ops), expr(depth - 1), expr(depth - 1)).map(([op, a, b]) => {
            const n = typeof op.arity === 'number' ? op.arity : op.arity[0] === 1 && op.arity[1] > 1 ? 2 : op.arity[0];
            const args = [a, b].slice(0, Math.max(1, Math.min(2, n))).map((t, k) => squash(domain(op, k), t));
            return op.infix && args.length === 2 ? `(${args[0]} ${op.infix} ${args[1]})` : `${op.name}(${args.join(', ')})`;
          }),
        ),
  );
  it('on random expressions over the op table', () => {
    fc.assert(
      fc.property(expr(4), fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })), (e, [x, y]) => {
        const env = new Map<string, Value>([
          ['x', x],
          ['y', y],
          ['z', 0.7],
        ]);
        const { graph, outputName } = buildGraph(e, env);
        const vars = [...graph.vars.keys()];
        const rev = gradient(graph, env, vars);
        const s = narrateReverse(graph, evaluate(graph, env), outputName, vars);
        for (const v of vars) expectClose(toValue(s.gradient[v]), rev.gradient.get(v)!, 1e-12, 1e-14, `${e} ∂/∂${v}`);
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});

function toValue(v: unknown): Value {
  return typeof v === 'number' ? v : (Tensor.from(v) as Value);
}
