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
