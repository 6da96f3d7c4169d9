/** What `cg grad` finds, as `--json` prints it: the result's shape and the check's JSON. */
import type { CheckResult } from '../graph/check/check.js';
import type { nonfiniteJson } from '../graph/check/nonfinite.js';
import type { Steps } from '../graph/present/steps.js';
import type { Value } from '../graph/tensor.js';
import { toJson } from './output.js';

export type Mode = 'reverse' | 'forward' | 'both';

/** Forward mode along the check's random directions: Jv against the reverse gradient's gᵀv. */
export interface ForwardDirections {
  method: string;
  ok: boolean;
  directions: Record<string, { jv: unknown; gv: unknown; abs_err: unknown; tol: unknown; ok: boolean }>;
}

/** What `cg grad` found; `--json` prints exactly this (see README, "JSON output"). */
export interface GradResult {
  expression: string;
  output: string;
  at: Record<string, unknown>;
  mode: Mode;
  value: unknown;
  gradient: Record<string, unknown>;
  forward: Record<string, unknown> | null;
  /** Above 100 components with --mode both: forward mode along random directions instead of per component. */
  forward_directions: ForwardDirections | null;
  check: ReturnType<typeof checkJson> | null;
  kinks: { node: string; convention: string }[];
  /** Where a NaN or infinity first appeared; null when value and gradient are finite. */
  nonfinite: ReturnType<typeof nonfiniteJson> | null;
  /** Things to know about the result (a one-element output taken as a scalar). */
  notes: string[];
  /** H·v for `--hvp`, shaped like the variables; null without it. */
  hvp: Record<string, unknown> | null;
  /** The chain rule narrated (`--steps`); null without it. */
  steps: Steps | null;
  ok: boolean;
}

export const j = (v: number) => toJson(v);

export function checkJson(c: CheckResult, fwd: ReadonlyMap<string, Value> | undefined) {
  const components: Record<string, unknown> = Object.create(null);
  for (const k of c.components) {
    components[k.label] = {
      analytic: j(k.analytic),
      forward: fwd && k.variable ? j(componentOf(fwd.get(k.variable)!, k.index)) : null,
      numeric: j(k.numeric),
      error_estimate: j(k.estimate),
      abs_err: j(k.absErr),
      rel_err: j(k.relErr),
      tol: j(k.tol),
      method: k.method,
      reference: k.reference,
      rtol: k.rtol,
      ...(k.method === 'one-sided' ? { left: k.left ?? null, right: k.right ?? null } : {}),
      verdict: k.verdict,
      note: k.note ?? null,
      evals: k.evals,
      ok: k.ok,
    };
  }
  return {
    method: c.method, scheme: c.scheme, step: c.step, rtol: c.rtol, complex_rtol: c.complexRtol, atol: c.atol, k: c.k, strict: c.strict,
    rule: `|analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|) + ${c.k}·error_estimate (rtol: each component's own, complex_rtol where its reference is the complex step)`,
    noise: c.noise, evals_per_component: c.evalsPerComponent,
    passed: c.counts.passed, failed: c.counts.failed, inconclusive: c.counts.inconclusive,
    ok: c.ok, components,
  };
}

export function componentOf(v: Value, index: number[]): number {
  if (typeof v === 'number') return v;
  let k = 0;
  for (let ax = 0; ax < index.length; ax++) k = k * v.shape[ax] + index[ax];
  return v.data[k];
}
