/**
 * Difference quotients of a function of one variable t (the function moved along one
 * direction), each with an estimate of its own error: truncation, read off the Richardson
 * tableau, plus rounding, propagated from the measured noise of f through the same
 * tableau. check.ts judges with them; this file only measures.
 */

const EPS = Number.EPSILON;

/** One evaluation along the direction: the value and the sign pattern of every kink function. */
export interface Probe {
  f: number;
  signs: number[];
}

export interface Quotient {
  /** The derivative estimate. */
  value: number;
  /** Estimated |value − true derivative|: truncation + rounding. */
  estimate: number;
  /** The rounding part of the estimate. */
  rounding: number;
  /** The step of the first (largest) stencil used. */
  step: number;
  /** Function evaluations spent. */
  evals: number;
  /** Rows of the tableau that went in (1 for a plain quotient). */
  rows: number;
  /**
   * The quotients shrank their differences like the series says (by ~4 per row, central),
   * so the steps reached the asymptotic range and the estimate means something.
   */
  settled: boolean;
  /** The smallest step tried. */
  last: number;
  /** Every quotient was exactly 0: f did not change at all along the direction at any step. */
  flat?: boolean;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Rows of a tableau: the step shrinks by 2 from row to row. */
const CON = 2;
const MAX_ROWS = 10;
/** Stop when the diagonal moves by more than SAFE × the best error so far (Ridders' rule). */
const SAFE = 2;
/** Rows before that rule may stop: at the first, large steps the series has not settled yet. */
const MIN_ROWS = 4;

/**
 * Ridders' method: central (or one-sided) quotients at steps h0, h0/2, h0/4, … extrapolated
 * to step 0 by Richardson's tableau. Central quotients have an error series in h² (each
 * column gains a factor 4), one-sided quotients in h (factor 2). The answer is the entry
 * whose neighbours agree best; its error estimate is that disagreement plus the rounding
 * noise carried through the same linear combinations (noise σ of f gives σ/h per quotient).
 *
 * `side` 0 is central: D(h) = (φ(h) − φ(−h)) / 2h. Side ±1 is one-sided from points strictly
 * on that side, D(h) = (φ(2sh) − φ(sh)) / sh, so a jump at t = 0 itself stays out.
 * Returns undefined when the first row is unusable (a stencil point is not finite or lies
 * across a kink): the caller shrinks h0. A later bad row ends the tableau.
 */
export function ridders(
  phi: (t: number) => Probe, base: Probe, h0: number, sigma: number, side: -1 | 0 | 1,
  /** Error small enough for the verdict (given the value): once settled below it, more rows buy nothing. */
  goal: (value: number) => number = () => 0,
): Quotient | undefined {
  const a: number[][] = [];
  const n: number[][] = [];
  const fac0 = side === 0 ? CON * CON : CON;
  let h = h0;
  let best = NaN;
  let err = Infinity;
  let bestNoise = 0;
  let evals = 0;
  let rows = 0;
  let settled = false;
  let shrank = false;
  let last = h0;
  let ref: number[] | undefined;
  let flat = true;
  for (let i = 0; i < MAX_ROWS; i++) {
    const t1 = side === 0 ? h : side * h;
    const t2 = side === 0 ? -h : 2 * side * h;
    const p = phi(t1);
    const m = phi(t2);
    evals += 2;
    // Central: both points on the side of the base point's kink pattern. One-sided: both
    // points on one side, agreeing with each other and with the first row's.
    ref ??= side === 0 ? base.signs : p.signs;
    const clean = Number.isFinite(p.f) && Number.isFinite(m.f) && same(p.signs, ref) && same(m.signs, ref);
    if (!clean) {
      if (i === 0) return undefined;
      break;
    }
    const d = (p.f - m.f) / (t1 - t2);
    if (d !== 0) flat = false;
    rows++;
    last = h;
    a.push([d]);
    n.push([(2 * sigma) / Math.abs(t1 - t2) + 2 * EPS * Math.abs(d)]);
    if (i >= 2) {
      const now = Math.abs(d - a[i - 1][0]);
      const before = Math.abs(a[i - 1][0] - a[i - 2][0]);
      // Twice in a row: one shrinking step can be chance (a fast oscillation aliased).
      // In the asymptotic range each halving cuts the change by the series' factor (4 central,
      // 2 one-sided); a ratio far from it is the steps still outside that range.
      const ratio = before / now;
      const shrinks = (ratio >= 0.6 * fac0 && ratio <= 1.6 * fac0) || now <= 2 * (n[i][0] + n[i - 1][0]);
      if (shrinks && shrank) settled = true;
      shrank = shrinks;
    }
    if (i === 0) {
      best = d;
      bestNoise = n[0][0];
    }
    let fac = fac0;
    for (let j = 1; j <= i; j++) {
      a[i][j] = (a[i][j - 1] * fac - a[i - 1][j - 1]) / (fac - 1);
      n[i][j] = (n[i][j - 1] * fac + n[i - 1][j - 1]) / (fac - 1);
      fac *= fac0;
      const e = Math.max(Math.abs(a[i][j] - a[i][j - 1]), Math.abs(a[i][j] - a[i - 1][j - 1]));
      if (e <= err) {
        err = e;
        best = a[i][j];
        bestNoise = n[i][j];
      }
    }
    if (i > 0 && settled) {
      // Higher order is getting worse (rounding or a nearby singularity): stop.
      if (i >= MIN_ROWS - 1 && Math.abs(a[i][i] - a[i - 1][i - 1]) >= SAFE * err) break;
      // Converged to the rounding floor: more rows only add noise.
      if (err <= bestNoise || err <= 4 * EPS * Math.abs(best)) break;
      if (err + bestNoise <= goal(best)) break;
    }
    h /= CON;
  }
  // Never settled: the steps never got small enough for the series (fast oscillation, a
  // singularity nearby); the last change of the plain quotients bounds what is known.
  const spread = rows >= 2 ? Math.abs(a[rows - 1][0] - a[rows - 2][0]) : Infinity;
  let estimate = settled ? err + bestNoise : Math.max(err + bestNoise, spread);
  if (settled) {
    // Steps halving from h0 can alias a fast oscillation into a smooth-looking series (ω·h
    // near a multiple of 2π all the way down). One more quotient at a step off that ladder
    // must land where the series predicts, or the agreement was an alias. It goes well below
    // the ladder (×√2/8): a true series holds there too, an alias does not.
    const hv = (last * Math.SQRT2) / 8;
    const t1 = side === 0 ? hv : side * hv;
    const t2 = side === 0 ? -hv : 2 * side * hv;
    const p = phi(t1);
    const m = phi(t2);
    evals += 2;
    const dv = (p.f - m.f) / (t1 - t2);
    const dl = a[rows - 1][0];
    const power = side === 0 ? 2 : 1;
    const predicted = best + (dl - best) * (hv / last) ** power;
    // The series' leading term, shrunk to the new step, may be off by itself; plus the tableau's own error and rounding.
    // Rounding at the small step counts four times over: σ is measured from a few samples.
    const allowed = Math.abs(dl - best) * (hv / last) ** power + 2 * err + 4 * ((2 * sigma) / Math.abs(t1 - t2) + n[rows - 1][0]);
    if (!(Math.abs(dv - predicted) <= allowed)) {
      settled = false;
      estimate = Math.max(estimate, Math.abs(dv - best));
    }
  }
  return { value: best, estimate, rounding: bestNoise, step: h0, evals, rows, settled, last, ...(flat && rows >= 2 ? { flat: true } : {}) };
}

/**
 * One plain quotient at step h: central (φ(h) − φ(−h)) / 2h or forward (φ(h) − φ(0)) / h.
 * The error estimate compares with the same quotient at 2h (Richardson's estimate of the
 * leading error term), plus rounding σ/h.
 */
export function plain(phi: (t: number) => Probe, base: Probe, h: number, sigma: number, scheme: 'central' | 'forward'): Quotient & { clean: boolean } {
  if (scheme === 'central') {
    const [p1, m1, p2, m2] = [phi(h), phi(-h), phi(2 * h), phi(-2 * h)];
    const d1 = (p1.f - m1.f) / (2 * h);
    const d2 = (p2.f - m2.f) / (4 * h);
    const rounding = sigma / h + 2 * EPS * Math.abs(d1);
    const clean = [p1, m1, p2, m2].every((p) => Number.isFinite(p.f) && same(p.signs, base.signs));
    return { value: d1, estimate: Math.abs(d2 - d1) / 3 + rounding, rounding, step: h, evals: 4, rows: 1, clean, settled: true, last: h };
  }
  const [p1, p2] = [phi(h), phi(2 * h)];
  const d1 = (p1.f - base.f) / h;
  const d2 = (p2.f - base.f) / (2 * h);
  const rounding = (2 * sigma) / h + 2 * EPS * Math.abs(d1);
  const clean = [p1, p2].every((p) => Number.isFinite(p.f) && same(p.signs, base.signs));
  return { value: d1, estimate: Math.abs(d2 - d1) + rounding, rounding, step: h, evals: 2, rows: 1, clean, settled: true, last: h };
}

/**
 * The noise of f near the point, measured: f at t = jδ for j = −3..3 along a direction (δ = 1e-8·scale),
 * whose fourth differences hold no smooth part worth speaking of at δ this small (δ⁴·f⁗),
 * only rounding; for independent noise of size σ a fourth difference has variance 70σ²
 * (Moré and Wild's ECnoise). Never below eps·|f|: a single evaluation is no better.
 */
export function measureNoise(phi: (t: number) => Probe, base: Probe, delta: number): { sigma: number; evals: number } {
  const p = [phi(-3 * delta), phi(-2 * delta), phi(-delta), base, phi(delta), phi(2 * delta), phi(3 * delta)];
  const f = p.map((q) => q.f);
  let sum = 0;
  let k = 0;
  for (let j = 2; j <= 4; j++) {
    const d4 = f[j - 2] - 4 * f[j - 1] + 6 * f[j] - 4 * f[j + 1] + f[j + 2];
    // A window across a kink or the domain's edge measures the kink, not the noise.
    if (Number.isFinite(d4) && p.slice(j - 2, j + 3).every((q) => same(q.signs, base.signs))) {
      sum += d4 * d4;
      k++;
    }
  }
  const measured = k ? Math.sqrt(sum / k / 70) : 0;
  return { sigma: Math.max(measured, EPS * Math.abs(base.f)), evals: 6 };
}
