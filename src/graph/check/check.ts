import type { Graph, Node } from '../graph.js';
import { measureNoise, plain, ridders, type Probe, type Quotient } from '../../check/difference.js';
import { DEFAULT_ATOL, DEFAULT_RTOL, ESTIMATE_FACTOR, INCONCLUSIVE_RTOL, judge, type Verdict } from '../../check/judge.js';
import { evaluateFast, type Env } from '../engines/evaluate.js';
import { allComponents, directions, type Direction } from '../engines/directions.js';
import type { Tensor, Value } from '../tensor.js';

export { componentLabel, MAX_COMPONENTS, randomDirections, withComponent } from '../engines/directions.js';
export { DEFAULT_ATOL, DEFAULT_RTOL, ESTIMATE_FACTOR, INCONCLUSIVE_RTOL, judge, type Judgement, type Verdict } from '../../check/judge.js';

const EPS = Number.EPSILON;

export type Scheme = 'ridders' | 'central' | 'forward';

export interface CheckOptions {
  rtol?: number;
  atol?: number;
  /** Above this many components, check random directions (and a sample of components) instead. */
  maxComponents?: number;
  directions?: number;
  /** How many individual components to sample above maxComponents. */
  samples?: number;
  seed?: number;
  /** Ridders' extrapolation (default), or one plain quotient at `step`. */
  scheme?: Scheme;
  /** The (first) step, relative to max(1, |x|); default per scheme. */
  step?: number;
  /** Inconclusive components fail the check too. */
  strict?: boolean;
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
  /** How the quotient was taken. */
  method: 'ridders' | 'central' | 'forward' | 'one-sided' | 'directional';
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
function probe(g: Graph, kinkNodes: Node[], env: Env, output: number) {
  const vals = evaluateFast(g, env);
  const signs: number[] = [];
  for (const n of kinkNodes) {
    const at = n.def!.kink!.at(n.inputs.map((i) => vals[i]));
    if (typeof at === 'number') signs.push(Math.sign(at));
    else for (const v of at.data) signs.push(Math.sign(v));
  }
  const f = vals[output];
  return { f: typeof f === 'number' ? f : (f as Tensor).data[0], signs, vals };
}

const fmt = (h: number) => h.toExponential(1).replace('e+', 'e');
const HELP = 'try --step (a smaller or larger first step) or another point';

/**
 * Check an analytic gradient against finite differences, one component at a time (random
 * directions gᵀv and a sample of components above `maxComponents`). Ridders' extrapolated
 * central differences by default, with an error estimate per component; where no central
 * stencil avoids a kink or the domain's edge (f not finite), one-sided extrapolation from
 * each usable side: the analytic value passes if it matches either side or lies between
 * them (the convention at a kink picks a subgradient). Where the analytic derivative is
 * infinite, growing one-sided quotients of the same sign confirm it.
 */
export function checkGradient(
  g: Graph,
  env: Env,
  analytic: ReadonlyMap<string, Value>,
  opts: CheckOptions = {},
  output = g.output,
): CheckResult {
  const rtol = opts.rtol ?? DEFAULT_RTOL;
  const atol = opts.atol ?? DEFAULT_ATOL;
  const scheme = opts.scheme ?? 'ridders';
  const kinkNodes = g.nodes.filter((n) => n.def?.kink && n.id <= output);
  const at = (e: Env): Probe => probe(g, kinkNodes, e, output);
  const first = probe(g, kinkNodes, env, output);
  const base: Probe = { f: first.f, signs: first.signs };
  const dirs = directions(env, analytic, opts);
  let evals = 1;
  // The noise of f, measured once along a direction that moves every entry checked.
  let sigma = EPS * Math.abs(base.f);
  if (Number.isFinite(base.f) && dirs.length) {
    const probeDir = dirs.find((d) => d.vector) ?? allComponents(env, analytic);
    const m = measureNoise((t) => at(probeDir.move(t)), base, 1e-8 * probeDir.scale);
    sigma = m.sigma;
    evals += m.evals;
  }
  const components: CheckComponent[] = [];
  for (const dir of dirs) {
    const c = checkOne(dir, (t) => at(dir.move(t)), base, sigma, scheme, opts.step, rtol, atol);
    evals += c.evals;
    components.push(c);
  }
  const strict = opts.strict ?? false;
  for (const c of components) c.ok = c.verdict === 'pass' || (c.verdict === 'inconclusive' && !strict);
  const counts = { passed: 0, failed: 0, inconclusive: 0 };
  for (const c of components) counts[c.verdict === 'pass' ? 'passed' : c.verdict === 'fail' ? 'failed' : 'inconclusive']++;
  const random = dirs.filter((d) => d.vector);
  const how = scheme === 'ridders' ? "Ridders' extrapolated central differences" : scheme === 'central' ? 'central differences' : 'forward differences';
  return {
    method: random.length
      ? `${how} along ${random.length} random directions (gᵀv) and ${dirs.length - random.length} sampled components, one-sided at kinks and domain edges`
      : `${how}, one-sided at kinks and domain edges`,
    scheme,
    step: stepText(scheme, opts.step),
    rtol,
    atol,
    k: ESTIMATE_FACTOR,
    strict,
    ok: Number.isFinite(base.f) && components.every((c) => c.ok),
    counts,
    components,
    kinks: kinkHits(g, first.vals, output),
    noise: sigma,
    evalsPerComponent: components.length ? evals / components.length : 0,
    directions: random.map((d) => ({ label: d.label, vector: d.vector! })),
  };
}

function stepText(scheme: Scheme, step: number | undefined): string {
  const rel = '·max(1,|x|)';
  if (step !== undefined) return `${step}${rel}`;
  if (scheme === 'ridders') return `max(1,|x|)/16, halved per row`;
  return scheme === 'central' ? `cbrt(eps)${rel}` : `sqrt(eps)${rel}`;
}

function checkOne(
  dir: Direction, phi: (t: number) => Probe, base: Probe, sigma: number,
  scheme: Scheme, step: number | undefined, rtol: number, atol: number,
): CheckComponent {
  const head = { label: dir.label, variable: dir.variable, index: dir.index, analytic: dir.a };
  const method = dir.vector ? 'directional' as const : scheme;
  const result = (q: Quotient, m: CheckComponent['method'], note?: string, extra: Partial<CheckComponent> = {}): CheckComponent => {
    // An unsettled tableau's estimate is a guess: it may make a component inconclusive, never failed.
    const j = judge(dir.a, q.value, q.estimate, rtol, atol, m !== 'one-sided' && q.settled);
    let why = note;
    if (j.verdict === 'inconclusive' && !why) why = `the error estimate ${fmt(q.estimate)} is too large to decide; ${scheme === 'ridders' ? HELP : `try --scheme ridders, ${HELP.slice(4)}`}`;
    return { ...head, numeric: q.value, estimate: q.estimate, ...j, ok: j.verdict !== 'fail', method: m, step: q.step, evals: q.evals, ...(why ? { note: why } : {}), ...extra };
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
      return result({ ...best, evals }, method);
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
  const cands = sides.filter((q): q is Quotient => q !== undefined).map((q) => ({ q, j: judge(dir.a, q.value, q.estimate, rtol, atol, false) }));
  const rank = { pass: 0, inconclusive: 1, fail: 2 };
  cands.sort((p, q) => rank[p.j.verdict] - rank[q.j.verdict] || p.j.absErr - q.j.absErr);
  const best = cands[0];
  const note = `${where}: compared with one-sided differences`;
  if (best.j.verdict === 'fail' && left && right && dir.a >= Math.min(left.value, right.value) && dir.a <= Math.max(left.value, right.value)) {
    // Between the two sides: a subgradient, as the kink's convention picks.
    return { ...result({ ...best.q, evals }, 'one-sided', `${note}; the analytic value lies between them (a subgradient)`, extra), absErr: 0, relErr: 0, verdict: 'pass', ok: true };
  }
  return result({ ...best.q, evals }, 'one-sided', best.j.verdict === 'inconclusive' ? `${note}; their error estimate is too large to decide; ${HELP}` : note, extra);
}

/** The analytic derivative is ±Infinity: one-sided quotients that grow with the same sign agree. */
function infinite(
  dir: Direction, head: Pick<CheckComponent, 'label' | 'variable' | 'index' | 'analytic'>,
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
