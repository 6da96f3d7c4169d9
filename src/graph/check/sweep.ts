import { checkGradient, componentLabel, withComponent } from './check.js';
import { evaluate, type Env } from '../engines/evaluate.js';
import type { Graph } from '../graph.js';
import { shapeOf, sizeOf, type Value } from '../tensor.js';

/**
 * The finite-difference error against the step size, so a person can see the V: for large
 * steps the truncation error (≈ h²·|f'''|/6 for central differences) dominates, for small
 * ones the rounding error (≈ eps·|f|/h). cg's own step sits near the bottom of the V.
 * This only measures; judging is checkGradient's job, whose verdict (extrapolated over
 * many steps, with its error estimate) is reported alongside.
 */

export interface SweepRow {
  /** The step, 10^-k · max(1, |x|). */
  h: number;
  /** The central difference quotient at that step. */
  numeric: number;
  absErr: number;
}

export interface Sweep {
  label: string;
  variable: string;
  index: number[];
  /** The component's value at the point. */
  x: number;
  analytic: number;
  rows: SweepRow[];
  /** The row with the smallest error. */
  best: SweepRow;
  /** What checkGradient found for this component with Ridders' extrapolation (one-sided at a kink). */
  check: { step: number; numeric: number; estimate: number; absErr: number; tol: number; ok: boolean; verdict: string; method: string };
}

export interface SweepOptions {
  /** Decades of step: h = 10^-k·max(1,|x|) for k in [from, to]. */
  from?: number;
  to?: number;
  /** At most this many components (the first ones, in order). */
  maxComponents?: number;
  rtol?: number;
  atol?: number;
}

export const SWEEP_FROM = 1;
export const SWEEP_TO = 15;
export const SWEEP_MAX_COMPONENTS = 24;

/** Error of the central difference against the analytic gradient, per component, over several decades of step. */
export function sweep(g: Graph, env: Env, analytic: ReadonlyMap<string, Value>, opts: SweepOptions = {}): Sweep[] {
  const from = opts.from ?? SWEEP_FROM;
  const to = opts.to ?? SWEEP_TO;
  const max = opts.maxComponents ?? SWEEP_MAX_COMPONENTS;
  const f = (e: Env) => evaluate(g, e)[g.output] as number;
  // checkGradient's verdict from Ridders' differences (what the sweep is about), component by component (never random directions here).
  const check = checkGradient(g, env, analytic, { rtol: opts.rtol, atol: opts.atol, maxComponents: Infinity, scheme: 'ridders' });
  const byLabel = new Map(check.components.map((c) => [c.label, c]));
  const out: Sweep[] = [];
  for (const [name, grad] of analytic) {
    const v = env.get(name)!;
    const shape = shapeOf(v);
    for (let k = 0; k < sizeOf(shape) && out.length < max; k++) {
      const x = typeof v === 'number' ? v : v.data[k];
      const a = typeof grad === 'number' ? grad : grad.data[k];
      const scale = Math.max(1, Math.abs(x));
      const rows: SweepRow[] = [];
      for (let e = from; e <= to; e++) {
        const h = 10 ** -e * scale;
        // The step actually taken: x + h is rounded, and dividing by the rounded step
        // keeps the representation error of h itself out of the picture.
        const up = x + h;
        const down = x - h;
        const numeric = (f(withComponent(env, name, k, up)) - f(withComponent(env, name, k, down))) / (up - down);
        rows.push({ h, numeric, absErr: Math.abs(numeric - a) });
      }
      const best = rows.reduce((b, r) => (r.absErr < b.absErr || !(b.absErr === b.absErr) ? r : b));
      const { label, index } = componentLabel(name, shape, k);
      const c = byLabel.get(label)!;
      out.push({
        label, variable: name, index, x, analytic: a, rows, best,
        check: { step: c.step, numeric: c.numeric, estimate: c.estimate, absErr: c.absErr, tol: c.tol, ok: c.ok, verdict: c.verdict, method: c.method },
      });
    }
  }
  return out;
}
