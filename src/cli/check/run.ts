import { performance } from 'node:perf_hooks';
import { CgError } from '../../errors.js';
import { checkGradient, type CheckComponent, type CheckResult } from '../../graph/check/check.js';
import { hessian, labels, varShapes } from '../../graph/engines/derivatives.js';
import type { Env } from '../../graph/engines/evaluate.js';
import { nodeText } from '../../graph/format.js';
import type { Graph } from '../../graph/graph.js';
import { gradient } from '../../graph/engines/gradient.js';
import { sweep } from '../../graph/check/sweep.js';
import { shapeOf, sizeOf, Tensor, type Value } from '../../graph/tensor.js';
import { mulberry32 } from '../../util/random.js';
import { fmtErr, fmtNum, mapToJson, toJson } from '../output.js';
import type { Prepared } from './prepare.js';
import { RULES, type CaseResult, type Failure, type FailureKind, type Note, type SweepJson } from './result.js';
import type { CheckCase, Where } from './spec.js';

const flatOf = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);
const pointText = (at: Record<string, unknown>) =>
  Object.entries(at).map(([k, v]) => `${k}=${Array.isArray(v) ? JSON.stringify(v) : fmtNum(v as number, 6)}`).join(', ');

/** Run one prepared case: every comparison, failures with their numbers, notes at kinks. */
export function runCase(p: Prepared, opts: { strict?: boolean } = {}): CaseResult {
  const t0 = performance.now();
  const { c, graph } = p;
  const failures: Failure[] = [];
  const notes: Note[] = [];
  let checks = 0;
  const result: CaseResult = {
    name: c.name,
    file: c.where?.file ?? null,
    line: c.where?.line ?? null,
    column: c.where?.column ?? null,
    expression: c.source,
    status: 'passed',
    ok: true,
    checks: 0,
    inconclusive: 0,
    duration_ms: 0,
    rtol: c.rtol,
    atol: c.atol,
    value: null,
    gradient: null,
    points: c.points ? c.points.n : null,
    failures,
    notes,
    sweep: null,
  };
  for (const name of p.unused) notes.push({ kind: 'unused', component: name, point: null, message: `${name} is given a value but the expression does not use it` });
  if (p.shapeNote) notes.push({ kind: 'shape', component: null, point: null, message: p.shapeNote });

  interface At { point: number | null; at: Record<string, unknown> | null }
  const where = (w: Where | undefined) => {
    const x = w ?? c.where;
    return { file: x?.file ?? null, line: x?.line ?? null, column: x?.column ?? null };
  };
  const suffix = (pt: At) => (pt.point === null ? '' : ` at point ${pt.point} of ${c.points!.n} (${pointText(pt.at!)})`);
  const fail = (f: Omit<Failure, 'file' | 'line' | 'column'>, w?: Where) => failures.push({ ...f, ...where(w) });

  /** cg's number against the case's expected one. */
  const expectOne = (kind: FailureKind, component: string, a: number, want: number, w: Where | undefined) => {
    checks++;
    const { rtol, atol } = c.expect!;
    const absErr = Math.abs(a - want);
    const scale = Math.max(Math.abs(a), Math.abs(want));
    const tol = atol + rtol * scale;
    if (absErr <= tol || Object.is(a, want)) return;
    const relErr = scale === 0 ? 0 : absErr / scale;
    const decided = atol >= rtol * scale ? 'atol' : 'rtol';
    fail({
      kind, component, point: null, at: null, analytic: a, numeric: null, expected: want, abs_err: absErr, rel_err: relErr, tol,
      rule: `${RULES.expected}: ${fmtErr(absErr)} > ${fmtNum(atol)} + ${fmtNum(rtol)}·${fmtNum(scale, 6)} = ${fmtErr(tol)}`,
      decided_by: decided,
      message: `${component}: got ${fmtNum(a)}, expected ${fmtNum(want)}; abs err ${fmtErr(absErr)}, rel err ${fmtErr(relErr)} > tol ${fmtErr(tol)}${decided === 'atol' ? ' (near zero: judged by atol)' : ''}`,
    }, w);
  };

  /** One finite-difference comparison from checkGradient that failed. */
  const fdFailure = (k: CheckComponent, pt: At) => {
    const scale = Math.max(Math.abs(k.analytic), Math.abs(k.numeric));
    const estimate = Math.max(0, k.tol - c.atol - c.rtol * scale);
    const terms = { atol: c.atol, rtol: c.rtol * scale, estimate } as const;
    const decided = (Object.keys(terms) as (keyof typeof terms)[]).reduce((a, b) => (terms[b] > terms[a] ? b : a));
    const how = k.method === 'one-sided'
      ? `one-sided, left ${k.left === undefined ? '-' : fmtNum(k.left)}, right ${k.right === undefined ? '-' : fmtNum(k.right)}, h ${fmtErr(k.step)}`
      : `${k.method}, h ${fmtErr(k.step)}`;
    const undecided = k.verdict === 'inconclusive';
    fail({
      kind: 'finite-difference', component: k.label, ...pt, analytic: k.analytic, numeric: k.numeric, expected: null,
      abs_err: k.absErr, rel_err: k.relErr, tol: k.tol, error_estimate: k.estimate,
      rule: `${RULES.finite_differences.split(';')[0]}: ${fmtErr(k.absErr)} ${k.absErr <= k.tol ? '≤' : '>'} ${fmtNum(c.atol)} + ${fmtNum(c.rtol)}·${fmtNum(scale, 6)} + ${fmtErr(estimate)} = ${fmtErr(k.tol)}`,
      decided_by: decided,
      message: undecided
        ? `${k.label}: inconclusive (--strict): ${k.note ?? 'the error estimate is too large to decide'}; analytic ${fmtNum(k.analytic)}, numeric ${fmtNum(k.numeric)} ± ${fmtErr(k.estimate)}${suffix(pt)}`
        : `${k.label}: analytic ${fmtNum(k.analytic)}, numeric ${fmtNum(k.numeric)} ± ${fmtErr(k.estimate)} (${how}); abs err ${fmtErr(k.absErr)}, rel err ${fmtErr(k.relErr)} > tol ${fmtErr(k.tol)}${decided === 'atol' ? ' (near zero: judged by atol)' : ''}${suffix(pt)}`,
    }, pt.point === null ? undefined : c.points!.where);
  };

  /** Value, gradient and the check against finite differences at one point; false when non-finite. */
  const atPoint = (env: Env, pt: At, fd: boolean): { value: Value; grad: Map<string, Value> } | undefined => {
    const rev = gradient(graph, env, p.wrt);
    const w = pt.point === null ? undefined : c.points!.where;
    checks++;
    if (!Number.isFinite(rev.value as number)) {
      fail({
        kind: 'non-finite', component: 'value', ...pt, analytic: rev.value as number, numeric: null, expected: null,
        abs_err: null, rel_err: null, tol: null, rule: null, decided_by: null,
        message: `the value of ${p.outputName} is ${rev.value}${suffix(pt)}`,
      }, w);
      return undefined;
    }
    const bad = new Set<string>();
    for (const name of p.wrt) {
      const g = rev.gradient.get(name)!;
      const flat = flatOf(g);
      const shape = graph.nodes[graph.vars.get(name)!].shape;
      for (let k = 0; k < flat.length; k++) {
        if (Number.isFinite(flat[k])) continue;
        const label = labels(new Map([[name, shape]]))[k];
        bad.add(label);
        fail({
          kind: 'non-finite', component: label, ...pt, analytic: flat[k], numeric: null, expected: null,
          abs_err: null, rel_err: null, tol: null, rule: null, decided_by: null,
          message: `the gradient ${label} is ${flat[k]}${suffix(pt)}`,
        }, w);
      }
    }
    if (fd) {
      const check: CheckResult = checkGradient(graph, env, rev.gradient, { rtol: c.rtol, atol: c.atol, strict: opts.strict });
      for (const k of check.components) {
        checks++;
        if (bad.has(k.label)) continue;
        if (k.verdict === 'inconclusive') result.inconclusive++;
        if (!k.ok) fdFailure(k, pt);
        else if (k.verdict === 'inconclusive') {
          notes.push({ kind: 'inconclusive', component: k.label, point: pt.point, message: `${k.label}: inconclusive: ${k.note ?? 'the error estimate is too large to decide'}${suffix(pt)}` });
        } else if (k.method === 'one-sided') {
          const side = (v: number | undefined) => (v === undefined ? '-' : fmtNum(v));
          notes.push({
            kind: 'one-sided', component: k.label, point: pt.point,
            message: `${k.label}: ${k.note ?? 'compared with one-sided differences'} (left ${side(k.left)}, right ${side(k.right)})${suffix(pt)}`,
          });
        }
      }
      for (const hit of check.kinks) {
        notes.push({ kind: 'kink', component: null, point: pt.point, message: `${nodeText(graph, hit.node)} is at a non-differentiable point; used ${hit.convention}${suffix(pt)}` });
      }
    }
    return { value: rev.value, grad: rev.gradient };
  };

  try {
    if (p.complete) {
      const here = atPoint(c.at, { point: null, at: null }, c.finiteDifferences);
      if (here) {
        result.value = toJson(here.value);
        result.gradient = mapToJson(here.grad);
        const e = c.expect;
        if (e?.value !== undefined) expectOne('value', 'value', here.value as number, e.value as number, e.where.value);
        for (const [name, want] of e?.gradient ?? []) {
          const got = flatOf(here.grad.get(name)!);
          const wf = flatOf(want);
          const names = labels(new Map([[name, shapeOf(want)]]));
          for (let k = 0; k < wf.length; k++) expectOne('gradient', names[k], got[k], wf[k], e!.where.gradient.get(name));
        }
        if (e?.hessian) {
          const H = hessian(graph, c.at, p.wrt);
          const names = labels(varShapes(graph, p.wrt));
          for (let r = 0; r < H.n; r++) {
            for (let k = 0; k < H.n; k++) expectOne('hessian', `H[${names[r]},${names[k]}]`, H.matrix[r * H.n + k], e.hessian[r][k], e.where.hessian);
          }
        }
        if (c.sweep) result.sweep = sweepJson(graph, c.at, here.grad, c);
      }
    }
    if (c.points) {
      const rand = mulberry32(c.points.seed);
      for (let i = 1; i <= c.points.n; i++) {
        const env = new Map(c.at);
        const drawn = new Map<string, Value>();
        for (const [name, r] of c.points.ranges) {
          const shape = p.shapes.get(name)!;
          const draw = () => r.lo + (r.hi - r.lo) * rand();
          const v = shape.length ? new Tensor(shape, Float64Array.from({ length: sizeOf(shape) }, draw)) : draw();
          env.set(name, v);
          drawn.set(name, v);
        }
        atPoint(env, { point: i, at: mapToJson(drawn) }, true);
      }
    }
  } catch (err) {
    // A case that cannot run is reported as such; the others still run.
    const e = err as Error;
    fail({
      kind: 'error', component: '', point: null, at: null, analytic: null, numeric: null, expected: null,
      abs_err: null, rel_err: null, tol: null, rule: null, decided_by: null,
      message: e instanceof CgError ? e.message : `internal error: ${e?.message ?? String(err)}`,
    });
    result.status = 'error';
  }
  result.checks = checks;
  result.ok = failures.length === 0;
  if (result.status !== 'error' && !result.ok) result.status = 'failed';
  result.duration_ms = performance.now() - t0;
  return result;
}

function sweepJson(graph: Graph, env: Env, grad: Map<string, Value>, c: CheckCase): SweepJson[] {
  return sweep(graph, env, grad, { rtol: c.rtol, atol: c.atol }).map((s) => ({
    component: s.label,
    x: s.x,
    analytic: s.analytic,
    steps: s.rows.map((r) => ({ h: r.h, numeric: r.numeric, abs_err: r.absErr })),
    best: { h: s.best.h, abs_err: s.best.absErr },
    check: { step: s.check.step, numeric: s.check.numeric, error_estimate: s.check.estimate, abs_err: s.check.absErr, tol: s.check.tol, ok: s.check.ok, verdict: s.check.verdict, method: s.check.method },
  }));
}
