import type { Graph, Node } from '../graph.js';
import { measureNoise, plain, ridders, type Probe, type Quotient } from '../../check/difference.js';
import { COMPLEX_RTOL, DEFAULT_ATOL, DEFAULT_RTOL, ESTIMATE_FACTOR, INCONCLUSIVE_RTOL, judge, judgeQuotient, type Verdict } from '../../check/judge.js';
import { confirmFailure } from '../../check/evidence.js';
import { complexReach, complexStep, COMPLEX_H } from '../engines/complex-step.js';
import { evaluateFast, type Env } from '../engines/evaluate.js';
import { allComponents, directions, type Direction } from '../engines/directions.js';
import { Tensor, type Value } from '../tensor.js';

export { componentLabel, MAX_COMPONENTS, randomDirections, withComponent } from '../engines/directions.js';
export { COMPLEX_RTOL, DEFAULT_ATOL, DEFAULT_RTOL, ESTIMATE_FACTOR, INCONCLUSIVE_RTOL, judge, judgeQuotient, type Judgement, type Verdict } from '../../check/judge.js';

const EPS = Number.EPSILON;

/**
 * 'auto' (the default): the complex step for every component whose path has only ops with a
 * complex evaluation (or linear ones), Ridders elsewhere. 'complex' asks for the complex step
 * and says why where it cannot be had (then Ridders serves). The rest are differences only.
 */
export type Scheme = 'auto' | 'complex' | 'ridders' | 'central' | 'forward';

export interface CheckOptions {
  rtol?: number;
  atol?: number;
  /** Above this many components, check random directions (and a sample of components) instead. */
  maxComponents?: number;
  directions?: number;
  /** How many individual components to sample above maxComponents. */
  samples?: number;
  seed?: number;
  /** The complex step where it reaches, else Ridders' extrapolation (default); or one plain quotient at `step`. */
  scheme?: Scheme;
  /** The (first) step, relative to max(1, |x|); default per scheme. */
  step?: number;
  /** Inconclusive components fail the check too. */
  strict?: boolean;
  /** Which entry of a tensor output is f (flat, row-major): a Jacobian's row, a Hessian's gradient entry. */
  outputIndex?: number;
}

/** Ridders' first step, relative to max(1, |x|); shrunk where the stencil leaves the domain or crosses a kink. */
const RIDDERS_STEP = 1 / 16;
/** Below this step (relative) the central stencil gives up and one-sided quotients take over. */
const MIN_STEP = 1e-7;

export interface CheckComponent {
  /** `x`, `W[0,1]` for a tensor entry, or `v3` for a random direction. */
  label: string;
  variable: string;
  index: number[];
  analytic: number;
  numeric: number;
  /** Estimated error of `numeric` (truncation + rounding). */
  estimate: number;
  absErr: number;
  relErr: number;
  /** The bound absErr had to meet: atol + rtol·max(|analytic|, |numeric|) + k·estimate. */
  tol: number;
  verdict: Verdict;
  /** Not a fail: pass, or inconclusive without --strict. */
  ok: boolean;
  /** How the reference was taken: the complex step, or which difference quotient. */
  method: 'complex' | 'ridders' | 'central' | 'forward' | 'one-sided' | 'directional';
  /** The relative tolerance this component was held to (tighter for the complex step). */
  rtol: number;
  /** What `numeric` is: the complex step Im f(x + ih)/h, or difference quotients. */
  reference: 'complex step' | 'differences';
  /** Why one-sided, inconclusive or infinite, in words; absent when there is nothing to say. */
  note?: string;
  step: number;
  evals: number;
  /** One-sided checks: the left and right quotients (undefined where that side left the domain). */
  left?: number;
  right?: number;
}

export interface KinkHit {
  node: number;
  convention: string;
}

export interface CheckResult {
  method: string;
  scheme: Scheme;
  step: string;
  rtol: number;
  /** The relative tolerance of complex-step components. */
  complexRtol: number;
  atol: number;
  /** The multiple of the error estimate the bound allows. */
  k: number;
  strict: boolean;
  ok: boolean;
  counts: { passed: number; failed: number; inconclusive: number };
  components: CheckComponent[];
  /** Non-differentiable points the evaluation sits exactly on. */
  kinks: KinkHit[];
  /** The measured rounding noise of f at the point. */
  noise: number;
  /** Function evaluations spent, per component checked. */
  evalsPerComponent: number;
  /** The random directions used (gᵀv rows), so forward mode can check Jv along the same ones. */
  directions: { label: string; vector: Map<string, Value> }[];
}

/** Evaluate and read off the output and the sign pattern of every kink function. */
function probe(g: Graph, kinkNodes: Node[], env: Env, output: number, entry = 0) {
  const vals = evaluateFast(g, env);
  const signs: number[] = [];
  for (const n of kinkNodes) {
    const at = n.def!.kink!.at(n.inputs.map((i) => vals[i]));
    if (typeof at === 'number') signs.push(Math.sign(at));
    else for (const v of at.data) signs.push(Math.sign(v));
  }
  const f = vals[output];
  return { f: typeof f === 'number' ? f : (f as Tensor).data[entry], signs, vals };
}

const fmt = (h: number) => h.toExponential(1).replace('e+', 'e');
/** A slope in a note: up to 6 significant digits. */
const fmtNum = (v: number) => String(Number(v.toPrecision(6)));
const HELP = 'try --step (a smaller or larger first step) or another point';

/**
 * Check an analytic gradient, one component at a time (random directions gᵀv and a sample of
 * components above `maxComponents`). By default the reference is the complex step wherever
 * every op on the component's path has a complex evaluation (accurate to rounding, no step),
 * and Ridders' extrapolated central differences elsewhere, with an error estimate per
 * component; a failing tableau must be confirmed at a second step scale (check/evidence.ts).
 * Where no central stencil avoids a kink or the domain's edge (f not finite), one-sided
 * extrapolation from each usable side: the analytic value passes if it lies in the interval
 * the two sides span (the convention at a kink picks a subgradient). Where the analytic
 * derivative is infinite, growing one-sided quotients of the same sign confirm it.
 */
export function checkGradient(
  g: Graph,
  env: Env,
  analytic: ReadonlyMap<string, Value>,
  opts: CheckOptions = {},
  output = g.output,
): CheckResult {
  const rtol = opts.rtol ?? DEFAULT_RTOL;
  const complexRtol = opts.rtol ?? COMPLEX_RTOL;
  const atol = opts.atol ?? DEFAULT_ATOL;
  const scheme = opts.scheme ?? 'auto';
  const kinkNodes = g.nodes.filter((n) => n.def?.kink && n.id <= output);
  const entry = opts.outputIndex ?? 0;
  const at = (e: Env): Probe => probe(g, kinkNodes, e, output, entry);
  const first = probe(g, kinkNodes, env, output, entry);
  const base: Probe = { f: first.f, signs: first.signs };
  const dirs = directions(env, analytic, opts);
  const useComplex = scheme === 'auto' || scheme === 'complex';
  const reach = useComplex ? complexReach(g, output) : undefined;
  let evals = 1;
  // The noise of f, measured once along a direction that moves every entry checked (only when differences are needed).
  let sigma = EPS * Math.abs(base.f);
  const measured = () => {
    if (Number.isFinite(base.f) && dirs.length) {
      const probeDir = dirs.find((d) => d.vector) ?? allComponents(env, analytic);
      const m = measureNoise((t) => at(probeDir.move(t)), base, 1e-8 * probeDir.scale);
      sigma = m.sigma;
      evals += m.evals;
    }
    return sigma;
  };
  let noise: number | undefined;
  const components: CheckComponent[] = [];
  for (const dir of dirs) {
    let c: CheckComponent | undefined;
    let why: string | undefined;
    if (reach && Number.isFinite(base.f)) {
      const moved = dir.vector ? [...dir.vector.keys()] : [dir.variable];
      const stop = moved.map((v) => reach.blocked.get(v)).find((x) => x !== undefined);
      if (stop === undefined) {
        c = checkComplex(g, first.vals, dir, env, complexRtol, atol, output, entry);
        if (!c) why = 'the complex evaluation left the real line (a branch cut, or derivatives beyond 1e50)';
      } else {
        why = `${stop} on the path has no complex evaluation`;
      }
    }
    if (!c) {
      noise ??= measured();
      c = checkOne(dir, (t) => at(dir.move(t)), base, noise, scheme === 'auto' || scheme === 'complex' ? 'ridders' : scheme, opts.step, rtol, atol);
      if (scheme === 'complex' && why) c.note = `no complex step: ${why}; Ridders' differences instead${c.note ? `; ${c.note}` : ''}`;
    }
    evals += c.evals;
    components.push(c);
  }
  const strict = opts.strict ?? false;
  for (const c of components) c.ok = c.verdict === 'pass' || (c.verdict === 'inconclusive' && !strict);
  const counts = { passed: 0, failed: 0, inconclusive: 0 };
  for (const c of components) counts[c.verdict === 'pass' ? 'passed' : c.verdict === 'fail' ? 'failed' : 'inconclusive']++;
  const random = dirs.filter((d) => d.vector);
  const nComplex = components.filter((c) => c.reference === 'complex step').length;
  const fd = scheme === 'central' ? 'central differences' : scheme === 'forward' ? 'forward differences' : "Ridders' extrapolated central differences";
  const how = nComplex === components.length && nComplex > 0
    ? `the complex step Im f(x + ih)/h, h = ${COMPLEX_H}`
    : nComplex > 0
      ? `the complex step Im f(x + ih)/h (h = ${COMPLEX_H}) for ${nComplex} of ${components.length}, ${fd} for the rest (a non-analytic op on their path)`
      : fd;
  const sided = nComplex < components.length ? ', one-sided at kinks and domain edges' : '';
  return {
    method: random.length
      ? `${how} along ${random.length} random directions (gᵀv) and ${dirs.length - random.length} sampled components${sided}`
      : `${how}${sided}`,
    scheme,
    step: nComplex === components.length && nComplex > 0 ? `h = ${COMPLEX_H} (imaginary)` : stepText(scheme, opts.step),
    rtol,
    complexRtol,
    atol,
    k: ESTIMATE_FACTOR,
    strict,
    ok: Number.isFinite(base.f) && components.every((c) => c.ok),
    counts,
    components,
    kinks: kinkHits(g, first.vals, output),
    noise: noise ?? sigma,
    evalsPerComponent: components.length ? evals / components.length : 0,
    directions: random.map((d) => ({ label: d.label, vector: d.vector! })),
  };
}

/** The step sizes of the complex step: their results differ only by rounding, which their spread measures. */
const COMPLEX_STEPS = [COMPLEX_H, COMPLEX_H * 0.7718281828, COMPLEX_H * 1.3141592653];

/**
 * One component by the complex step. Three evaluations at steps that are not powers of two
 * apart round differently; their spread (plus a few eps of the value) is the estimate. The
 * cost is counted as evaluations of f (a complex evaluation is several real ones, but it is
 * done only along the path the seed reaches).
 */
function checkComplex(g: Graph, vals: ArrayLike<Value>, dir: Direction, env: Env, rtol: number, atol: number, output: number, entry: number): CheckComponent | undefined {
  const seed = new Map<string, Value>();
  if (dir.vector) for (const [k, v] of dir.vector) seed.set(k, v);
  else {
    const v = env.get(dir.variable)!;
    if (typeof v === 'number') seed.set(dir.variable, 1);
    else {
      const unit = new Float64Array(v.size);
      let k = 0;
      for (let ax = 0; ax < dir.index.length; ax++) k = k * v.shape[ax] + dir.index[ax];
      unit[k] = 1;
      seed.set(dir.variable, new Tensor(v.shape, unit));
    }
  }
  const ds: number[] = [];
  for (const h of COMPLEX_STEPS) {
    const d = complexStep(g, vals, seed, h, output, entry);
    if (d === undefined || !Number.isFinite(d)) return undefined;
    ds.push(d);
  }
  const value = ds[0];
  const estimate = Math.max(...ds) - Math.min(...ds) + 16 * EPS * Math.abs(value);
  const j = judge(dir.a, value, estimate, rtol, atol);
  return {
    label: dir.label, variable: dir.variable, index: dir.index, analytic: dir.a, numeric: value, estimate, ...j,
    ok: j.verdict !== 'fail', method: dir.vector ? 'directional' : 'complex', reference: 'complex step', rtol, step: COMPLEX_H, evals: COMPLEX_STEPS.length,
    ...(j.verdict === 'inconclusive' ? { note: `the complex step's rounding spread ${fmt(estimate)} is too large to decide` } : {}),
  };
}

function stepText(scheme: Scheme, step: number | undefined): string {
  const rel = '·max(1,|x|)';
  if (step !== undefined) return `${step}${rel}`;
  if (scheme === 'ridders' || scheme === 'auto' || scheme === 'complex') return `max(1,|x|)/16, halved per row`;
  return scheme === 'central' ? `cbrt(eps)${rel}` : `sqrt(eps)${rel}`;
}

function checkOne(
  dir: Direction, phi: (t: number) => Probe, base: Probe, sigma: number,
  scheme: 'ridders' | 'central' | 'forward', step: number | undefined, rtol: number, atol: number,
): CheckComponent {
  const head = { label: dir.label, variable: dir.variable, index: dir.index, analytic: dir.a, rtol, reference: 'differences' as const };
  const method = dir.vector ? 'directional' as const : scheme;
  const result = (q: Quotient, m: CheckComponent['method'], note?: string, extra: Partial<CheckComponent> = {}): CheckComponent => {
    // An unsettled tableau's estimate is a guess: it may make a component inconclusive, never failed.
    const j = judgeQuotient(dir.a, q, rtol, atol, m !== 'one-sided' && q.settled);
    let why = note;
    if (j.verdict === 'inconclusive' && !why) why = `the error estimate ${fmt(q.estimate)} is too large to decide; ${scheme === 'ridders' ? HELP : `try --scheme ridders, ${HELP.slice(4)}`}`;
    return { ...head, numeric: q.value, ...j, ok: j.verdict !== 'fail', method: m, step: q.step, evals: q.evals, ...(why ? { note: why } : {}), ...extra };
  };
  if (!Number.isFinite(base.f)) {
    return { ...head, numeric: NaN, estimate: NaN, absErr: NaN, relErr: NaN, tol: NaN, verdict: 'inconclusive', ok: true, method, step: 0, evals: 0, note: `f is ${base.f} at this point: no difference quotient can be taken` };
  }
  const s = dir.scale;
  // An estimate a hundred times below the tolerance decides as well as a smaller one would.
  const goal = (v: number) => 0.01 * (atol + rtol * Math.abs(v));
  if (scheme !== 'ridders') {
    const h = (step ?? (scheme === 'central' ? Math.cbrt(EPS) : Math.sqrt(EPS))) * s;
    const q = plain(phi, base, h, sigma, scheme);
    return result(q, method, q.clean ? undefined : `the stencil crosses a kink or leaves the domain at step ${h}; try --scheme ridders`);
  }
  let evals = 0;
  // What the stencils ran into, for the note.
  const seen = { nonfinite: 0 };
  const phi0 = phi;
  phi = (t) => {
    const p = phi0(t);
    if (!Number.isFinite(p.f) && (!seen.nonfinite || Math.abs(t) < seen.nonfinite)) seen.nonfinite = Math.abs(t);
    return p;
  };
  if (Number.isFinite(dir.a)) {
    for (let h = (step ?? RIDDERS_STEP) * s; h >= MIN_STEP * s; h /= 16) {
      const q = ridders(phi, base, h, sigma, 0, goal);
      if (!q) {
        evals += 2;
        continue;
      }
      evals += q.evals;
      // The steps never reached the asymptotic range: again from the smallest one (twice at most).
      let best = q;
      for (let k = 0; k < 2 && !best.settled && best.last / 2 >= MIN_STEP * s; k++) {
        const r = ridders(phi, base, best.last / 2, sigma, 0, goal);
        if (!r) break;
        evals += r.evals;
        if (r.settled || r.estimate < best.estimate) best = r;
        else break;
      }
      const c = result({ ...best, evals }, method);
      if (c.verdict !== 'fail') return c;
      // A ✗ needs evidence: a second step scale that agrees, at steps that can follow f.
      const e = confirmFailure(phi, base, dir.a, best, sigma, s, rtol, atol, goal);
      evals += e.evals;
      return {
        ...head, numeric: e.quotient.value, estimate: e.estimate, absErr: e.absErr, relErr: e.relErr, tol: e.tol, verdict: e.verdict,
        ok: e.verdict !== 'fail', method, step: e.quotient.step, evals, ...(e.note ? { note: e.note } : {}),
      };
    }
  }
  // No central stencil fits: a kink or the domain's edge is at (or within 1e-7 of) the point.
  const sides = ([1, -1] as const).map((side) => {
    for (let h = (step ?? RIDDERS_STEP) * s; h >= MIN_STEP * s * 1e-3; h /= 16) {
      const q = ridders(phi, base, h, sigma, side, goal);
      evals += q ? q.evals : 2;
      if (!q) continue;
      // Near a domain edge the series about x may not reach as far as the steps: a second
      // tableau from a step 32 times smaller must agree, or the disagreement is the estimate.
      const r = ridders(phi, base, h / 32, sigma, side, goal);
      evals += r ? r.evals : 2;
      return r ? { ...q, estimate: Math.max(q.estimate, r.estimate, Math.abs(q.value - r.value)) } : q;
    }
    return undefined;
  });
  const [right, left] = sides;
  const extra = { left: left?.value, right: right?.value };
  const where = seen.nonfinite
    ? `f is not finite within ${fmt(seen.nonfinite)} of the point (a domain edge)`
    : `every central stencil crosses a kink (down to a step of ${MIN_STEP}·max(1,|x|))`;
  if (!right && !left) {
    const q: Quotient = { value: NaN, estimate: Infinity, rounding: 0, step: 0, evals, rows: 0, settled: false, last: 0 };
    return result(q, 'one-sided', 'no stencil on either side stays finite and off kinks', extra);
  }
  if (!Number.isFinite(dir.a)) return infinite(dir, head, sides, evals, extra);
  const note = `${where}: compared with one-sided differences`;
  if (left && right) {
    // Both sides: the analytic value is judged by its distance to the interval they span (a
    // subgradient lies inside it), the interval widened by the sides' own estimates.
    const lo = Math.min(left.value, right.value);
    const hi = Math.max(left.value, right.value);
    const nearest = Math.min(Math.max(dir.a, lo), hi);
    const from = nearest === left.value ? left : right;
    const estimate = Math.max(left.estimate, right.estimate);
    const j = judge(dir.a, nearest, estimate, rtol, atol, false);
    const inside = dir.a >= lo && dir.a <= hi;
    const interval = `[${fmtNum(lo)}, ${fmtNum(hi)}]`;
    const verdict: Verdict = inside || j.verdict === 'pass' ? 'pass' : j.verdict;
    const says = inside
      ? `the analytic value lies in the interval of one-sided slopes ${interval} (a subgradient)`
      : verdict === 'pass'
        ? `the analytic value matches the one-sided slopes ${interval}`
        : verdict === 'fail'
          ? `the analytic value lies outside the interval of one-sided slopes ${interval}`
          : `the one-sided slopes ${interval} have error estimates too large to decide; ${HELP}`;
    return {
      ...head, numeric: nearest, estimate, absErr: inside ? 0 : j.absErr, relErr: inside ? 0 : j.relErr, tol: j.tol, verdict, ok: verdict !== 'fail',
      method: 'one-sided', step: from.step, evals, note: `${note}; ${says}`, ...extra,
    };
  }
  const q = (left ?? right)!;
  const r = result({ ...q, evals }, 'one-sided', note, extra);
  return r.verdict === 'inconclusive' ? { ...r, note: `${note}; their error estimate is too large to decide; ${HELP}` } : r;
}

/** The analytic derivative is ±Infinity: one-sided quotients that grow with the same sign agree. */
function infinite(
  dir: Direction, head: Pick<CheckComponent, 'label' | 'variable' | 'index' | 'analytic' | 'rtol' | 'reference'>,
  sides: (Quotient | undefined)[], evals: number, extra: Partial<CheckComponent>,
): CheckComponent {
  const q = sides.find((x) => x !== undefined)!;
  // A derivative that is really infinite leaves the tableau unconverged: its estimate is as big as the value.
  const grows = Math.sign(q.value) === Math.sign(dir.a) && q.estimate >= 0.1 * Math.abs(q.value);
  const settled = q.estimate <= INCONCLUSIVE_RTOL * Math.abs(q.value);
  const verdict: Verdict = Number.isNaN(dir.a) || (!grows && settled) ? 'fail' : grows ? 'pass' : 'inconclusive';
  return {
    ...head, numeric: q.value, estimate: q.estimate, absErr: Infinity, relErr: Infinity, tol: Infinity, verdict, ok: verdict !== 'fail',
    method: 'one-sided', step: q.step, evals, ...extra,
    note: Number.isNaN(dir.a)
      ? 'the analytic derivative is NaN (not a number), where the differences are finite'
      : grows ? 'the derivative is infinite here: the one-sided quotients grow without bound, with the same sign' : 'the analytic derivative is infinite but the quotients do not grow with it',
  };
}

/** Kinks the point sits exactly on (relu at 0, a tie in max), with the convention used there. */
export function kinkHits(g: Graph, vals: ArrayLike<Value>, output = g.output): KinkHit[] {
  const hits: KinkHit[] = [];
  for (const n of g.nodes) {
    if (n.id > output || !n.def?.kink) continue;
    const at = n.def.kink.at(n.inputs.map((i) => vals[i]));
    const zero = typeof at === 'number' ? at === 0 : at.data.includes(0);
    if (zero) hits.push({ node: n.id, convention: n.def.kink.convention });
  }
  return hits;
}
