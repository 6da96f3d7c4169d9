import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import { Tensor, type Shape, type Value } from '../../src/graph/tensor.js';
import { computeDiff } from '../../src/parse/diff.js';
import { namesUsedAsTensors, parseShapes, valuesForShapes } from '../../src/parse/diff-shapes.js';
import { buildGraph } from '../../src/parse/index.js';
import { cg } from '../cli/run.js';
import { expectClose, flat, randomValue, rng } from '../graph/helpers.js';

/** The lecture's tensor expressions, with the shapes they are printed for. */
const CASES: { expr: string; shapes: Record<string, Shape> }[] = [
  { expr: 'sum(tanh(W*x + b))', shapes: { W: [3, 2], x: [2], b: [3] } },
  { expr: 'sum(W2*max(0, W1*x))', shapes: { W2: [1, 3], W1: [3, 2], x: [2] } },
  { expr: 'h = tanh(W*x+b); y = V*h + a; L = 0.5*sum((y - t).^2)', shapes: { W: [3, 2], x: [2], b: [3], V: [2, 3], a: [2], t: [2] } },
  { expr: 'sum(exp(X*W) .* Y) + sum(W + c)', shapes: { X: [4, 3], W: [3, 2], Y: [4, 2], c: [2] } },
  { expr: "sum((A' * u) ./ (1 + s*v.^2))", shapes: { A: [3, 2], u: [3], s: [], v: [2] } },
];

/** Central differences of the expression's value, component by component: the oracle independent of both sweeps. */
function differences(expr: string, values: Map<string, Value>, name: string): number[] {
  const at = (vals: Map<string, Value>) => {
    const { graph } = buildGraph(expr, vals);
    return evaluate(graph, vals)[graph.output] as number;
  };
  const v = values.get(name)!;
  const n = typeof v === 'number' ? 1 : v.data.length;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const shifted = (d: number) => {
      const copy = new Map(values);
      if (typeof v === 'number') copy.set(name, v + d);
      else {
        const t = new Tensor(v.shape, Float64Array.from(v.data));
        t.data[k] += d;
        copy.set(name, t);
      }
      return at(copy);
    };
    const h = 1e-5;
    out.push((shifted(h) - shifted(-h)) / (2 * h));
  }
  return out;
}

describe('cg diff with shapes: the printed matrix formula re-evaluates to the gradient', () => {
  for (const { expr, shapes } of CASES) {
    it(expr, () => {
      const declared = new Map(Object.entries(shapes));
      const r = computeDiff(expr, { shapes: declared });
      // Printed once, for the shapes; evaluated at fresh random points of those shapes.
      const draw = rng(7);
      for (let trial = 0; trial < 5; trial++) {
        const values = new Map([...declared].map(([n, s]) => [n, randomValue(s, -1.5, 1.5, draw)]));
        const { graph } = buildGraph(r.program, values);
        const printed = evaluate(graph, values);
        const original = buildGraph(expr, values).graph;
        const reference = gradient(original, values, r.wrt).gradient;
        for (const v of r.wrt) {
          const got = printed[graph.names.get(`d${r.output}_d${v}`)!];
          expectClose(flat(got), flat(reference.get(v)!), 1e-9, 1e-12, `${v} (reverse mode)`);
          expectClose(flat(got), differences(expr, values, v), 1e-5, 1e-6, `${v} (differences)`);
        }
      }
      expect(r.check?.ok).toBe(true);
      expect(r.notes.some((n) => n.startsWith('shapes unknown'))).toBe(false);
    });
  }

  it('prints elementwise ops as .* ./ .^ and products with transposes and outer', () => {
    const r = computeDiff('sum(tanh(W*x + b))', { shapes: parseShapes('W=3x2,x=2,b=3') });
    expect(r.program).toBe("t1 = 1 - tanh(W*x + b).^2\ndf_dW = outer(t1, x)\ndf_dx = W'*t1\ndf_db = t1");
  });
});

describe('cg diff with shapes: as a person writes the matrix formula', () => {
  it("the lecture's MLP loss: dL/dV = outer(y - t, h), dL/da = y - t (a repeated constant is its scalar)", () => {
    const r = computeDiff('h = tanh(W*x+b); y = V*h + a; L = 0.5*sum((y - t).^2)', { shapes: parseShapes('W=3x2,x=2,b=3,V=2x3,a=2,t=2') });
    expect(r.derivatives.dL_dV).toBe('outer(y - t, h)');
    expect(r.derivatives.dL_da).toBe('y - t');
    expect(r.bindings).toContainEqual({ name: 't1', text: "V'*(y - t).*(1 - h.^2)" });
  });

  it("a transposed outer product is the outer product turned round: outer(u, 1./t1), not outer(1./t1, u)'", () => {
    const r = computeDiff("sum((A' * u) ./ (1 + s*v.^2))", { shapes: parseShapes('A=3x2,u=3,v=2') });
    expect(r.derivatives.df_dA).toBe('outer(u, 1./t1)');
  });
});

describe('cg diff without shapes', () => {
  it('a name used as a tensor gets a note: scalars were assumed', () => {
    const r = computeDiff('sum(tanh(W*x + b))');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^shapes unknown: W, x, b were taken as scalars.*--shape/);
  });

  it('a scalar expression gets no note', () => {
    expect(computeDiff('x*sin(y)').notes).toEqual([]);
  });

  it('reaches through assignments: t used in sum(...) makes its names tensors', () => {
    expect(namesUsedAsTensors('h = a*u; s = sum(h) + c', ['a', 'u', 'c'])).toEqual(['a', 'u']);
  });

  it('the CLI prints the note as a comment, so the output still pastes into cg eval', () => {
    const r = cg(['diff', 'sum(W*x)']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^# note: shapes unknown: W, x were taken as scalars/);
  });
});

describe('--shape', () => {
  it('parses sizes and scalars', () => {
    expect([...parseShapes('W=3x2, x=2,s=scalar')]).toEqual([['W', [3, 2]], ['x', [2]], ['s', []]]);
  });

  it.each(['W', 'W=3x', 'W=0x2', 'W=3,W=2', 'W=a'])('rejects %s', (text) => {
    expect(() => parseShapes(text)).toThrow(/--shape/);
  });

  it('a shape that disagrees with an --at value is an error', () => {
    expect(() => valuesForShapes(['x'], new Map([['x', [3]]]), new Map([['x', 1]]))).toThrow(/disagrees/);
  });

  it('a name the expression does not use is an error (a typo would otherwise stay a scalar)', () => {
    const r = cg(['diff', 'sum(W*x)', '--shape', 'W=2x2,y=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shape names y/);
  });

  it('with --at for some names, the rest random of their shapes; exit 0 and the check agrees', () => {
    const r = cg(['diff', 'sum(tanh(W*x + b))', '--shape', 'W=3x2,x=2', '--at', 'b=[1,2,3]']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all agree/);
    expect(r.stdout).toMatch(/b=\[1, 2, 3\]/);
  });
});
