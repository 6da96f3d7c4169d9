import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Builder } from '../../src/graph/builder.js';
import { checkGradient } from '../../src/graph/check.js';
import { forwardGradient, gradient } from '../../src/graph/gradient.js';
import { OPS, type OpDef } from '../../src/graph/ops/index.js';
import { Tensor } from '../../src/graph/tensor.js';
import { buildGraph } from '../../src/parse/index.js';

/** Every scalar op a user can call or write, straight from the table: new ops join in. */
const scalarOps = [...OPS.values()].filter((op) => !op.internal && !op.sample);
const VARS = ['x', 'y', 'z'];

function domain(op: OpDef, k: number): readonly [number, number] {
  const d = op.domain ?? [-3, 3];
  return typeof d[0] === 'number' ? (d as readonly [number, number]) : (d as readonly (readonly [number, number])[])[k];
}

/** Text that keeps `inner` inside [lo, hi] whatever its value, so every op sees its domain. */
function into([lo, hi]: readonly [number, number], inner: string): string {
  return `(${lo} + ${hi - lo}*sigmoid(${inner}))`;
}

function render(op: OpDef, args: string[]): string {
  const a = args.map((t, k) => into(domain(op, k), t));
  if (op.infix && a.length === 2) return `(${a[0]} ${op.infix} ${a[1]})`;
  return `${op.name}(${a.join(', ')})`;
}

const expr: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom(...VARS), fc.double({ min: -2, max: 2, noNaN: true }).map((v) => `(${v})`));
  if (depth <= 1) return leaf;
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...scalarOps).chain((op) => {
        const n = typeof op.arity === 'number' ? op.arity : Math.max(op.arity[0], 2);
        return fc.array(expr(depth - 1), { minLength: n, maxLength: n }).map((args) => render(op, args));
      }),
    },
  );
});

const point = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -2, max: 2, noNaN: true })])));

describe('random expressions over every op', () => {
  it('reverse mode = forward mode = finite differences', () => {
    fc.assert(
      fc.property(expr(4), point, (text, at) => {
        const env = new Map(Object.entries(at));
        const { graph } = buildGraph(text, env);
        const wrt = [...graph.vars.keys()];
        const rev = gradient(graph, env, wrt);
        const fwd = forwardGradient(graph, rev.values, wrt);
        for (const v of wrt) {
          const r = rev.gradient.get(v) as number;
          const f = fwd.get(v) as number;
          expect(Math.abs(r - f)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(r)));
        }
        const check = checkGradient(graph, env, rev.gradient, { rtol: 1e-5 });
        // Exactly on a kink the conventions pick one subgradient; where two kinks meet that
        // need not be the derivative (min(relu(u), u) at u = 0), so only off kinks must FD agree.
        fc.pre(check.kinks.length === 0);
        expect(check.ok, JSON.stringify(check.components)).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('the checker', () => {
  afterEach(() => vi.restoreAllMocks());

  it('catches a deliberately wrong rule (d sin = +sin instead of cos)', () => {
    const sin = OPS.get('sin')!;
    vi.spyOn(sin, 'partials').mockImplementation(<T,>(b: Builder<T>, [x]: T[]) => [b.op('sin', x)]);
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(Math.sin(v) * (Math.cos(v) - Math.sin(v))) > 1e-3), (x) => {
        const env = new Map([['x', x]]);
        const { graph } = buildGraph('sin(x)^2 + x', env);
        const check = checkGradient(graph, env, gradient(graph, env, ['x']).gradient);
        expect(check.ok).toBe(false);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('catches a rule that is off by a little (1e-4 relative)', () => {
    const exp = OPS.get('exp')!;
    vi.spyOn(exp, 'partials').mockImplementation(<T,>(b: Builder<T>, _x: T[], y: T) => [b.mul(y, 1.0001)]);
    // Through the scalar engine, and through the tensor engine.
    for (const [text, x] of [['exp(x)', 0.3], ['sum(exp(x))', Tensor.from([0.3, -1])]] as const) {
      const env = new Map([['x', x]]);
      const { graph } = buildGraph(text, env);
      expect(checkGradient(graph, env, gradient(graph, env, ['x']).gradient).ok).toBe(false);
    }
  });
});
