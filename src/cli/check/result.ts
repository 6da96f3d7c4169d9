/**
 * What `cg check` found: plain objects, the same object `--reporter json` prints (numbers
 * at full precision; NaN and ±Infinity become strings there). Keys are stable.
 */

export type FailureKind =
  /** The output's value is not the expected one. */
  | 'value'
  /** A gradient component is not the expected one. */
  | 'gradient'
  /** A Hessian entry is not the expected one. */
  | 'hessian'
  /** The AD gradient disagrees with finite differences (at `at` or at a random point). */
  | 'finite-difference'
  /** The value or a gradient component is NaN or infinite. */
  | 'non-finite'
  /** The case could not run. */
  | 'error';

export interface Failure {
  kind: FailureKind;
  /** `value`, `x`, `W[1,2]`, `H[x,y]`. */
  component: string;
  /** The random point (1-based) the failure happened at; null at `at`. */
  point: number | null;
  /** That point's drawn values; null at `at`. */
  at: Record<string, unknown> | null;
  /** cg's number: the value, the AD gradient or the Hessian entry. */
  analytic: number | null;
  /** The finite-difference quotient, for kind finite-difference. */
  numeric: number | null;
  /** The expected number from the case, for kinds value, gradient, hessian. */
  expected: number | null;
  abs_err: number | null;
  rel_err: number | null;
  /** The bound abs_err had to meet. */
  tol: number | null;
  /** The inequality that failed, with its numbers. */
  rule: string | null;
  /** The term that dominated the bound: near-zero numbers are judged by atol; `estimate`: the quotient's own error estimate. */
  decided_by: 'atol' | 'rtol' | 'estimate' | null;
  /** The finite-difference quotient's error estimate, for kind finite-difference. */
  error_estimate?: number | null;
  /** One line saying all of it, for annotations and logs. */
  message: string;
  /** Where the expectation (or the case) was written. */
  file: string | null;
  line: number | null;
  column: number | null;
}

export interface Note {
  /**
   * `kink`: the point sits on a non-differentiable point; `one-sided`: a kink or the domain's
   * edge lies inside the stencil; `inconclusive`: the quotient's error estimate was too large
   * to decide (a failure with --strict); `shape`: a one-element output taken as a scalar;
   * `precision`: a float32 function's tolerances; `directions`: what random directions could miss, and bisection.
   */
  kind: 'kink' | 'one-sided' | 'unused' | 'inconclusive' | 'shape' | 'precision' | 'directions';
  component: string | null;
  point: number | null;
  message: string;
}

export interface SweepJson {
  component: string;
  x: number;
  analytic: number;
  /** Rows of step, central difference, abs error. */
  steps: { h: number; numeric: number; abs_err: number }[];
  best: { h: number; abs_err: number };
  check: { step: number; numeric: number; error_estimate: number; abs_err: number; tol: number; ok: boolean; verdict: string; method: string };
}

export interface CaseResult {
  name: string;
  file: string | null;
  line: number | null;
  column: number | null;
  expression: string;
  status: 'passed' | 'failed' | 'error';
  ok: boolean;
  /** How many comparisons ran (one per component, entry, point). */
  checks: number;
  /** Finite-difference comparisons that could not decide (counted in checks, not failures unless --strict). */
  inconclusive: number;
  duration_ms: number;
  rtol: number;
  atol: number;
  /** At `at`: the value and AD gradient; null when `at` does not bind every variable. */
  value: unknown;
  gradient: Record<string, unknown> | null;
  /** How many random points were checked; null without `points`. */
  points: number | null;
  failures: Failure[];
  notes: Note[];
  sweep: SweepJson[] | null;
  /** `exec:` and `module:` cases only: how the user's function was checked. */
  function?: FunctionJson;
}

export interface FunctionJson {
  /** From the program's hello line (a module is float64). */
  dtype: 'float64' | 'float32';
  method: string;
  /** Measured noise σ of the function's value. */
  noise: number;
  /** Points evaluated, and requests (round trips) made. */
  evaluations: number;
  requests: number;
  /** exec: milliseconds from starting the program to its hello line (part of duration_ms); null for a module. */
  startup_ms: number | null;
  /** exec: milliseconds from the end of the check to the program's exit (part of duration_ms). */
  shutdown_ms: number | null;
  /** With random directions (above 100 inputs): what they could have missed. */
  miss: string | null;
  /** A vector output is checked through uᵀJ with this u. */
  cotangent: string | null;
  /** Entries named wrong by bisection of failed random directions. */
  wrong_entries: { component: string; analytic: number; numeric: number; abs_err: number }[];
}

export interface Report {
  tool: 'cg check';
  version: string;
  ok: boolean;
  summary: { cases: number; passed: number; failed: number; errors: number; checks: number; inconclusive: number; duration_ms: number };
  /** The rules every comparison follows. */
  rules: { expected: string; finite_differences: string };
  cases: CaseResult[];
  /** With `--shard K/N`: this job's share; null when every case ran. */
  shard: { index: number; total: number; cases: number; of: number } | null;
  /** Set when a signal stopped the run: the report holds only the cases that finished. */
  incomplete?: { signal: string; ran: number; of: number };
}

export const RULES: Report['rules'] = {
  expected: '|analytic − expected| ≤ atol + rtol·max(|analytic|, |expected|)',
  finite_differences:
    "|analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|) + 4·error_estimate; Ridders' extrapolated central differences from h = max(1,|x|)/16, the estimate from the tableau plus the measured rounding noise of f; one-sided at kinks and domain edges; inconclusive where 4·error_estimate > max(atol, 1e-3·|numeric|)",
};
