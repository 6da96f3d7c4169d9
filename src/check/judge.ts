/**
 * The verdict rule, shared by every provider of a gradient (cg's graphs, a user's program,
 * a JavaScript module): nothing here knows what computed the numbers.
 */

/**
 * Defaults tighter than a single central difference could afford: the extrapolated
 * quotient is accurate to ~1e-10 relative on smooth functions, and its own error estimate
 * (times ESTIMATE_FACTOR) widens the bound wherever it is not.
 */
export const DEFAULT_RTOL = 1e-8;
export const DEFAULT_ATOL = 1e-12;
/** The verdict allows this many times the quotient's error estimate. */
export const ESTIMATE_FACTOR = 4;
/** An estimate above this fraction of the derivative's size (or atol) decides nothing. */
export const INCONCLUSIVE_RTOL = 1e-3;
export type Verdict = 'pass' | 'fail' | 'inconclusive';
/**
 * The bound for a complex-step reference (Im f(x + ih)/h): it has no truncation error and no
 * cancellation, so it decides to about the rounding of the two derivative computations; its
 * own estimate (the spread over several h) widens the bound where they round worse.
 */
export const COMPLEX_RTOL = 1e-11;

export interface Judgement {
  absErr: number;
  relErr: number;
  tol: number;
  verdict: Verdict;
}

/**
 * The verdict on one comparison. Pass when |a − n| ≤ atol + rtol·scale + k·estimate and the
 * estimate is small enough to mean something; fail when the bound is broken (or, with an
 * estimate too large to trust, broken tenfold); inconclusive otherwise.
 */
export function judge(a: number, n: number, estimate: number, rtol: number, atol: number, trustLarge = true): Judgement {
  const absErr = Math.abs(a - n);
  const scale = Math.max(Math.abs(a), Math.abs(n));
  const tol = atol + rtol * scale + ESTIMATE_FACTOR * estimate;
  const relErr = scale === 0 ? 0 : absErr / scale;
  if (Number.isNaN(a)) return { absErr: NaN, relErr: NaN, tol, verdict: 'fail' };
  if (!Number.isFinite(n) || !Number.isFinite(estimate)) return { absErr, relErr, tol, verdict: 'inconclusive' };
  // Whether the measurement can decide is a property of the measurement: sized by |numeric|.
  const decisive = ESTIMATE_FACTOR * estimate <= Math.max(atol, INCONCLUSIVE_RTOL * Math.abs(n));
  if (absErr <= tol) return { absErr, relErr, tol, verdict: decisive ? 'pass' : 'inconclusive' };
  return { absErr, relErr, tol, verdict: decisive || (trustLarge && absErr > 10 * tol) ? 'fail' : 'inconclusive' };
}

/**
 * The verdict on an analytic value against a quotient of difference.ts. A direction along
 * which f did not change at all (every quotient exactly 0) passes an analytic 0 outright:
 * the noise of f elsewhere says nothing about a function that is constant here. (A nonzero
 * analytic value there keeps the rounding estimate: f may move in steps of its last digit.)
 */
export function judgeQuotient(
  a: number, q: { value: number; estimate: number; flat?: boolean }, rtol: number, atol: number, trustLarge = true,
): Judgement & { estimate: number } {
  if (q.flat && q.value === 0 && a === 0) return { absErr: 0, relErr: 0, tol: atol, verdict: 'pass', estimate: 0 };
  return { ...judge(a, q.value, q.estimate, rtol, atol, trustLarge), estimate: q.estimate };
}
