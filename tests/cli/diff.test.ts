import fc from 'fast-check';
import { derivative } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { computeDiff } from '../../src/parse/diff.js';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { gradient } from '../../src/graph/engines/gradient.js';
import { anyExpr, VARS } from '../graph/expressions.js';
import type { Value } from '../../src/graph/tensor.js';
import { buildGraph } from '../../src/parse/index.js';
import { expectClose, flat, randomValue, rng } from '../graph/helpers.js';
import { cg, cgJson } from './run.js';

/** The printed program parsed back and evaluated: derivative name → value. */
function evalProgram(program: string, values: ReadonlyMap<string, Value>): Map<string, Value> {
  const { graph } = buildGraph(program, values);
  const vals = evaluate(graph, values);
  return new Map([...graph.names].map(([name, id]) => [name, vals[id]]));
}

describe('cg diff: the lecture examples', () => {
  it('(x+y)*z by x is z', () => {
    const r = cg(['diff', '(x+y)*z', '--wrt', 'x']);
    expect(r).toEqual({ code: 0, stdout: 'df_dx = z\n', stderr: '' });
  });

  it('x/x^2 by x is -1/x^2 (two paths summed, then collected)', () => {
    const r = cg(['diff', 'x/x^2']);
    expect(r.stdout).toBe('df_dx = -1/x^2\n');
    const values = rng(5);
    for (let i = 0; i < 50; i++) {
      const x = (values() * 2 + 0.1) * (i % 2 ? 1 : -1);
      expectClose(flat(evalProgram(r.stdout, new Map([['x', x]])).get('df_dx')!), [-1 / (x * x)], 1e-14, 0, `x=${x}`);
    }
  });

  it('names the assignments of a program (e = c*d)', () => {
    const r = cg(['diff', 'c = a+b; d = b+1; e = c*d']);
    expect(r.stdout).toBe('c = a + b\nd = b + 1\nde_da = d\nde_db = c + d\n');
  });

  it('--at evaluates the printed derivatives and confirms them against reverse mode', () => {
    const r = cg(['diff', 'log(x) + sqrt(log(x))', '--at', 'x=3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('df_dx = (1 + 0.5/sqrt(log(x)))/x');
    expect(lines[1]).toBe('# at x=3: the printed derivatives evaluated, against reverse mode');
    expect(lines[3]).toMatch(/^#\s*df_dx\s+0\.492344097\s+0\.492344097\s+\S+\s+✓/);
    expect(r.stdout).toMatch(/all agree/);
  });

  it('a failed check exits 1 (zero tolerance against a rounding difference)', () => {
    const r = cg(['diff', 'log(x) + sqrt(log(x))', '--at', 'x=3', '--rtol', '0', '--atol', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗/);
    expect(r.stdout).toMatch(/MISMATCH/);
  });

  it('the sigmoid neuron, in JSON, at full precision', () => {
    const { code, json } = cgJson(['diff', '1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(['expression', 'output', 'wrt', 'order', 'mode', 'derivatives', 'bindings', 'program', 'latex', 'size', 'check', 'steps', 'notes', 'ok']);
    expect(Object.keys(json.derivatives)).toEqual(['df_dw0', 'df_dx0', 'df_dw1', 'df_dx1', 'df_dw2']);
    expect(json.size).toEqual({ characters: json.program.length, bindings: json.bindings.length, nodes: expect.any(Number), raw_nodes: expect.any(Number) });
    expect(json.size.raw_nodes).toBeGreaterThan(json.size.nodes);
    const want = { df_dw0: -0.196611933241, df_dx0: 0.393223866483, df_dw1: -0.393223866483, df_dx1: -0.589835799724, df_dw2: 0.196611933241 };
    for (const [name, v] of Object.entries(want)) {
      expect(json.check.components[name].printed).toBeCloseTo(v, 11);
      expect(json.check.components[name].ok).toBe(true);
    }
    // The JSON's texts are the program: bindings then derivatives.
    const program = [...json.bindings.map((b: { name: string; text: string }) => `${b.name} = ${b.text}`), ...Object.entries(json.derivatives).map(([k, t]) => `${k} = ${t}`)].join('\n');
    expect(program).toBe(json.program);
  });

  it('relu at its kink follows the convention relu\'(0) = 0, like reverse mode', () => {
    const { json } = cgJson(['diff', 'relu(w*x + b)', '--at', 'w=2,x=1,b=-2']);
    expect(json.ok).toBe(true);
    expect(Object.values(json.check.components).map((c: any) => c.printed)).toEqual([0, 0, 0]);
  });
});

describe('cg diff: output pastes into cg eval', () => {
  it('gives the numbers cg grad gives', () => {
    const expr = 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)';
    const program = cg(['diff', expr]).stdout;
    const ev = cgJson(['eval', program, '--at', 'u1=1,u2=-1']);
    expect(ev.code).toBe(0);
    const byName = Object.fromEntries(ev.json.nodes.filter((n: any) => n.name).map((n: any) => [n.name, n.value]));
    const gr = cgJson(['grad', expr, '--at', 'u1=1,u2=-1']).json;
    expect(byName.df_du1).toBeCloseTo(gr.gradient.u1, 12);
    expect(byName.df_du2).toBeCloseTo(gr.gradient.u2, 12);
    expect(byName.df_du1).toBeCloseTo(47.3034095912, 9);
  });
});

describe('cg diff: second derivatives', () => {
  it('--order 2 gives every second partial, checked against cg hessian', () => {
    const { code, json } = cgJson(['diff', 'x^2*y + exp(x*y)', '--order', '2', '--at', 'x=1,y=0.5']);
    expect(code).toBe(0);
    expect(Object.keys(json.derivatives)).toEqual(['d2f_dx2', 'd2f_dx_dy', 'd2f_dy2']);
    const H = cgJson(['hessian', 'x^2*y + exp(x*y)', '--at', 'x=1,y=0.5']).json.hessian;
    expect(json.check.components.d2f_dx2.printed).toBeCloseTo(H[0][0], 12);
    expect(json.check.components.d2f_dx_dy.printed).toBeCloseTo(H[0][1], 12);
    expect(json.check.components.d2f_dy2.printed).toBeCloseTo(H[1][1], 12);
    // By hand: f_xx = 2y + y² e^{xy} at (1, 0.5).
    expect(json.check.components.d2f_dx2.printed).toBeCloseTo(1 + 0.25 * Math.exp(0.5), 13);
  });

  it('--wrt x,x is the second derivative by x', () => {
    expect(cg(['diff', 'x^3', '--wrt', 'x,x']).stdout).toBe('d2f_dx2 = 6*x\n');
    expect(cg(['diff', 'sin(x)*y', '--wrt', 'x,x']).stdout).toBe('d2f_dx2 = -y*sin(x)\n');
  });
});

describe('cg diff: tensors in matrix form', () => {
  it('W*x by W is the outer product g x\', by x is W\'g', () => {
    const r = cg(['diff', 'sum(tanh(W*x + b))', '--at', 'W=[[1,2],[3,4]],x=[1,-1],b=[0.5,0.5]']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['t1 = 1 - tanh(W*x + b).^2', 'df_dW = outer(t1, x)', "df_dx = W'*t1", 'df_db = t1']);
  });

  it('with a column x, the gradient by W is g*x\'', () => {
    const { json } = cgJson(['diff', 'sum(W*x)', '--at', 'W=[[1,2],[3,4]],x=[[1],[-1]]']);
    expect(json.derivatives).toEqual({ df_dW: "[[1], [1]]*x'", df_dx: "W'*[[1], [1]]" });
    expect(json.ok).toBe(true);
  });

  it('broadcasts, reductions and max(A) print as text that parses back', () => {
    for (const expr of ['sum(W .* v)', 'sum(W .* s) + mean(W)', 'max(W*v) - min(v) + norm(v)', 'logsumexp(W*v) + sum(softmax(v) .* v)', 'sum([v, v] .* W)', 'sum([s, 2*s])*dot(v, v)']) {
      const { code, json, stderr } = cgJson(['diff', expr, '--at', 'W=[[1,-2,0.5],[3,0.25,-1]],v=[0.5,-1,2],s=0.8']);
      expect(stderr, expr).not.toMatch(/error/);
      expect(code, `${expr}: ${JSON.stringify(json.check)}`).toBe(0);
      expect(json.program).not.toMatch(/sum_to|broadcast_to|tie_mask|maxall|pick|place/);
    }
  });
});

describe('cg diff: --latex', () => {
  it('prints an aligned block with ∂ fractions', () => {
    const r = cg(['diff', 'x/y', '--latex']);
    expect(r.stdout).toBe(
      '\\begin{aligned}\n\\frac{\\partial f}{\\partial x} &= \\frac{1}{y} \\\\\n\\frac{\\partial f}{\\partial y} &= -\\frac{x}{y^{2}}\n\\end{aligned}\n',
    );
  });
});

describe('cg diff: errors', () => {
  it.each([
    [['diff', '[x, y]'], /needs a scalar output/],
    [['diff', '2+3'], /no variables/],
    [['diff', 'x*y', '--order', '7'], /--order must be a whole number from 1 to 6/],
    [['diff', 'x*y', '--wrt', 'x,y,x'], /listed twice/],
    [['diff', 'sum(W)', '--at', 'W=[1,2]', '--order', '2'], /second derivatives need scalar variables/],
    [['diff', 'sin(x)', '--wrt', 'q'], /not a variable/],
    [['diff', 'sin(x', '--wrt', 'x'], /unclosed/],
  ])('%j', (args, message) => {
    const r = cg(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
  });
});

// Random expressions, differentiated in process (the same code the CLI runs).

/** Functions mathjs can differentiate; arguments squeezed with tanh (mathjs has no sigmoid). */
const MATHJS_FNS: Record<string, readonly [number, number]> = {
  exp: [-2, 2], log: [0.2, 4], log10: [0.2, 4], sqrt: [0.2, 4], sin: [-3, 3], cos: [-3, 3], tan: [-1.2, 1.2],
  asin: [-0.9, 0.9], acos: [-0.9, 0.9], atan: [-3, 3], sinh: [-2, 2], cosh: [-2, 2], tanh: [-3, 3],
};
const squeeze = ([lo, hi]: readonly [number, number], t: string) => `(${(lo + hi) / 2} + ${(hi - lo) / 2}*tanh(${t}))`;

const smoothExpr: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom(...VARS), fc.double({ min: -2, max: 2, noNaN: true }).map((v) => `(${v})`));
  if (depth <= 1) return leaf;
  const sub = smoothExpr(depth - 1);
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('+', '-', '*'), sub, sub).map(([o, a, b]) => `(${a} ${o} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(${a} / ${squeeze([0.5, 3], b)})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `${squeeze([0.3, 3], a)}^${squeeze([-2, 3], b)}`) },
    { weight: 1, arbitrary: sub.map((a) => `-${a}`) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(MATHJS_FNS)), sub).map(([f, a]) => `${f}(${squeeze(MATHJS_FNS[f], a)})`) },
  );
});

const points = fc.array(fc.tuple(...VARS.map(() => fc.double({ min: -2, max: 2, noNaN: true }))), { minLength: 3, maxLength: 3 });

/** |a - b| within rtol of the larger, or both the same non-finite value. */
function agree(a: number, b: number, rtol: number, atol: number): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
}

describe('cg diff on random expressions', () => {
  it('the printed derivatives, parsed and evaluated, equal reverse mode (every function)', () => {
    fc.assert(
      fc.property(anyExpr(4), points, (text, pts) => {
        fc.pre(/\b[xyz]\b/.test(text));
        const d = computeDiff(text, {});
        for (const [x, y, z] of pts) {
          const env = new Map<string, Value>([['x', x], ['y', y], ['z', z]]);
          const { graph } = buildGraph(text, env);
          const wrt = [...graph.vars.keys()];
          if (!wrt.length) continue;
          const want = gradient(graph, env, wrt).gradient;
          const got = evalProgram(d.program, new Map(wrt.map((v) => [v, env.get(v)!])));
          for (const v of wrt) {
            const [a, b] = [flat(got.get(`df_d${v}`)!)[0], flat(want.get(v)!)[0]];
            expect(agree(a, b, 1e-9, 1e-12), `${text}\n${d.program}\n∂/∂${v} at ${[x, y, z]}: ${a} vs ${b}`).toBe(true);
          }
        }
      }),
      { numRuns: 200, seed: 31 },
    );
  });

  it('equal mathjs\'s derivative, evaluated by mathjs (smooth scalar functions)', () => {
    fc.assert(
      fc.property(smoothExpr(4), points, (text, pts) => {
        fc.pre(/\b[xyz]\b/.test(text));
        const d = computeDiff(text, {});
        for (const v of d.wrt) {
          // mathjs differentiates its own parse of the same text (this is the test's oracle only).
          const md = derivative(text, v, { simplify: false }).compile();
          for (const [x, y, z] of pts) {
            const scope = { x, y, z };
            const want = md.evaluate(scope) as number;
            const got = flat(evalProgram(d.program, new Map(d.wrt.map((w) => [w, scope[w as 'x']]))).get(`df_d${v}`)!)[0];
            if (typeof want !== 'number' || !Number.isFinite(want)) continue;
            expect(agree(got, want, 1e-8, 1e-10), `${text}\n${d.program}\n∂/∂${v} at ${[x, y, z]}: ${got} vs mathjs ${want}`).toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 32 },
    );
  });

  it('second derivatives equal the Hessian by forward over reverse mode', () => {
    const r = rng(33);
    for (const text of ['sin(x*y) + x^3/y', 'exp(x)*log(y) - tanh(x - y)^2', 'sigmoid(x*y)*softplus(x)', 'x/(1 + y^2) + atan(x*y)']) {
      const d = computeDiff(text, { order: '2' });
      for (let i = 0; i < 5; i++) {
        const env = new Map<string, Value>([['x', randomValue([], -1.5, 1.5, r)], ['y', randomValue([], 0.5, 2, r)]]);
        const got = evalProgram(d.program, env);
        const { graph } = buildGraph(text, env);
        const reference = computeDiff(text, { order: '2', values: env });
        expect(reference.ok).toBe(true);
        for (const [name, c] of Object.entries(reference.check!.components)) expectClose(flat(got.get(name)!), flat(c.reference as number), 1e-9, 1e-12, `${text} ${name}`);
        expect(graph.vars.size).toBe(2);
      }
    }
  });
});
