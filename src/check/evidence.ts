import { ridders, type Probe, type Quotient } from './difference.js';
import { ESTIMATE_FACTOR, INCONCLUSIVE_RTOL, judgeQuotient, type Judgement } from './judge.js';

/**
 * A ✗ needs evidence. One Ridders tableau can settle on a wrong value with a small estimate:
 * steps that alias a fast oscillation, or a function curved on a scale below the steps. So a
 * failing tableau is not the verdict yet: the differences must converge at two step scales
 * (16 times apart) that agree with each other, and at steps small enough to follow the
 * function as fast as the claimed derivative says it changes. Where no such steps exist in
 * float64 (rounding drowns them first), the honest verdict is inconclusive, with that reason.
 */

export type Outcome =
  /** Two scales agree and fail: the ✗ stands. */
  | 'confirmed'
  /** The first tableau was off; finer steps that agree with each other decide (pass or fail). */
  | 'refined'
  /** The scales never agreed: the estimate widens to their spread, and decides nothing. */
  | 'widened'
  /** No step can resolve the function at the rate the derivative claims: inconclusive. */
  | 'unresolvable';

export interface Evidence extends Judgement {
  outcome: Outcome;
  /** The quotient the verdict rests on. */
  quotient: Quotient;
  estimate: number;
  note?: string;
  /** Function evaluations spent here. */
  evals: number;
}

/** Tableaux beyond the first, at most. */
const MAX_SCALES = 3;
/** The smallest first step of a confirming tableau, relative to the direction's scale: below it x + h is too coarse. */
export const MIN_CONFIRM_STEP = 1e-9;

const fmt = (v: number) => v.toExponential(1).replace('e+', 'e');

/**
 * Confirm or revise a failing verdict. `first` is the tableau that failed, `a` the analytic
 * value, `scale` the direction's step scale (max(1, |x|)), σ the noise of f.
 */
export function confirmFailure(
  phi: (t: number) => Probe, base: Probe, a: number, first: Quotient, sigma: number, scale: number,
  rtol: number, atol: number, goal: (value: number) => number = () => 0,
): Evidence {
  let evals = 0;
  // How much f changes over the first steps: with |f| it sizes L = |f|/|a|, the length over
  // which f would change by its own size at the claimed rate. Steps beyond L cannot follow it.
  const h0 = first.step;
  const up = phi(h0).f;
  const down = phi(-h0).f;
  evals += 2;
  const range = Math.max(Math.abs(base.f), Math.abs(up - base.f) || 0, Math.abs(down - base.f) || 0);
  const L = a === 0 ? Infinity : range / Math.abs(a);
  // Below this first step the quotients' rounding (σ/h against |a|) or x + h itself decides nothing.
  const floor = Math.max(MIN_CONFIRM_STEP * scale, a === 0 ? 0 : (16 * sigma) / (INCONCLUSIVE_RTOL * Math.abs(a)));
  const rate = `f changes by about ${fmt(Math.abs(a))} per unit along this direction (the gradient says)`;
  const tableaux: Quotient[] = [first];
  let h = Math.min(h0 / 16, L);
  const agree = (p: Quotient, q: Quotient) =>
    Math.abs(p.value - q.value) <= ESTIMATE_FACTOR * (p.estimate + q.estimate) + atol + rtol * Math.max(Math.abs(p.value), Math.abs(q.value));
  for (let k = 0; k < MAX_SCALES; k++, h /= 16) {
    if (h < floor) break;
    const q = ridders(phi, base, h, sigma, 0, goal);
    if (!q) break;
    evals += q.evals;
    const prev = tableaux[tableaux.length - 1];
    tableaux.push(q);
    // Both scales resolve the claimed rate (first steps within L) and agree: they decide.
    if (q.settled && prev.settled && prev.step <= L && agree(prev, q)) {
      const j = judgeQuotient(a, q, rtol, atol, true);
      const outcome: Outcome = prev === first && j.verdict === 'fail' ? 'confirmed' : 'refined';
      const note = outcome === 'confirmed'
        ? undefined
        : `refined: the tableau from step ${fmt(h0)} disagreed with finer steps (its series had not settled); tableaux from ${fmt(prev.step)} and ${fmt(q.step)} agree and decide`;
      return { ...j, outcome, quotient: q, evals, ...(note ? { note } : {}) };
    }
  }
  const last = tableaux[tableaux.length - 1];
  if (L < floor) {
    // Steps short enough to follow the claimed rate lie below the floor: nothing can decide.
    const q = { ...last, estimate: Infinity };
    const absErr = Math.abs(a - last.value);
    return {
      absErr, relErr: absErr / Math.max(Math.abs(a), Math.abs(last.value)), tol: Infinity,
      verdict: 'inconclusive', outcome: 'unresolvable', quotient: q, estimate: Infinity, evals,
      note: `${rate}; float64 differences cannot resolve it at this point (it would take steps below ${fmt(L)}, where rounding decides); try another point`,
    };
  }
  // The scales disagree: their spread is what is known.
  const values = tableaux.map((q) => q.value);
  const spread = Math.max(...values) - Math.min(...values);
  const widened = { ...last, estimate: Math.max(last.estimate, spread) };
  const j = judgeQuotient(a, widened, rtol, atol, false);
  return {
    ...j, verdict: j.verdict === 'fail' ? 'inconclusive' : j.verdict, outcome: 'widened', quotient: widened, evals,
    note: `widened: tableaux from steps ${tableaux.map((q) => fmt(q.step)).join(', ')} disagree by ${fmt(spread)}; no evidence for a failure; try another point`,
  };
}
