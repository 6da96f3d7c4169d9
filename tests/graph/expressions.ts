import fc from 'fast-check';
import { OPS, type OpDef } from '../../src/graph/ops/index.js';

/** Every scalar op a user can call or write, straight from the table: new ops join in. */
export const scalarOps = [...OPS.values()].filter((op) => !op.internal && !op.sample);
export const VARS = ['x', 'y', 'z'];

/** An op's test domain for input k. */
export function domain(op: OpDef, k: number): readonly [number, number] {
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

/** Random expressions over every scalar op of the table in x, y, z, each argument squeezed into its op's domain. */
export const anyExpr: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom(...VARS), fc.double({ min: -2, max: 2, noNaN: true }).map((v) => `(${v})`));
  if (depth <= 1) return leaf;
  return fc.oneof(
    { weight: 1, arbitrary: leaf },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...scalarOps).chain((op) => {
        const n = typeof op.arity === 'number' ? op.arity : Math.max(op.arity[0], 2);
        return fc.array(anyExpr(depth - 1), { minLength: n, maxLength: n }).map((args) => render(op, args));
      }),
    },
  );
});

/**
 * Expressions as a new user writes them (issue 22): no squeezing into domains, so powers of
 * powers (`((1 + x^2)^1.5)^3`), exp of exp and sin or cos of large arguments occur, nested up
 * to `depth`; `abs` now and then puts a non-analytic op on the path. Every op stays defined:
 * log and sqrt take 1 + u^2, division 2 + sin(u).
 */
export const wildExpr: fc.Memo<string> = fc.memo((depth) => {
  const num = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }).map((v) => `(${Number(v.toFixed(3))})`);
  const leaf = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VARS) }, { weight: 3, arbitrary: num });
  if (depth <= 1) return leaf;
  const sub = wildExpr(depth - 1);
  const one = (f: (a: string) => string) => sub.map(f);
  const two = (f: (a: string, b: string) => string) => fc.tuple(sub, sub).map(([a, b]) => f(a, b));
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 3, arbitrary: one((a) => `sin(${a})`) },
    { weight: 3, arbitrary: one((a) => `cos(${a})`) },
    { weight: 3, arbitrary: one((a) => `exp(${a})`) },
    { weight: 3, arbitrary: one((a) => `log(1 + (${a})^2)`) },
    { weight: 3, arbitrary: one((a) => `sqrt(1 + (${a})^2)`) },
    { weight: 3, arbitrary: one((a) => `atan(${a})`) },
    { weight: 3, arbitrary: one((a) => `tanh(${a})`) },
    { weight: 3, arbitrary: one((a) => `((1 + (${a})^2)^1.5)`) },
    { weight: 3, arbitrary: one((a) => `(${a})^3`) },
    { weight: 3, arbitrary: one((a) => `(${a})^2`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) + (${b})`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) * (${b})`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) / (2 + sin(${b}))`) },
    { weight: 3, arbitrary: fc.tuple(sub, num).map(([a, c]) => `(${a}) * ${c}`) },
    { weight: 1, arbitrary: one((a) => `abs(${a})`) },
  );
});

/** Points for the checker's property tests: each variable in [-2, 2] ... */
export const uniform = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -2, max: 2, noNaN: true })])));
/** ... or of magnitude 10^U(-2, 1.5), either sign (where the false alarms of large arguments live). */
export const magnitude = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.tuple(fc.double({ min: -2, max: 1.5, noNaN: true }), fc.boolean()).map(([e, neg]) => (neg ? -1 : 1) * 10 ** e)])));
