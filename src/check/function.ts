/**
 * The checker for a function known only by its answers: values at points, and its claimed
 * gradient (scalar output) or VJP / JVP (vector output). The providers are a user's program
 * speaking cg's protocol and a JavaScript module (src/cli/check); nothing here knows a graph.
 *
 * Everything is asynchronous and batched: the difference quotients are computed by replaying
 * Ridders' tableau (difference.ts, synchronous) against a cache of values; the points a replay
 * misses, with the next points of the same ladder, are fetched for every pending line in one
 * request. A check costs a handful of round trips whatever the number of components.
 */
import { measureNoise, ridders, type Probe, type Quotient } from './difference.js';
import { DEFAULT_ATOL, DEFAULT_RTOL, judge, type Verdict } from './judge.js';

export type Dtype = 'float64' | 'float32';

export interface FunctionInput {
  name: string;
  shape: number[];
}

export interface FunctionSignature {
  inputs: FunctionInput[];
  /** The output's shape; [] a scalar. */
  output: number[];
  dtype: Dtype;
}

/** Points on a line through the check's point: at + t·direction for every t. */
export interface Line {
  direction: Float64Array;
  t: number[];
}

export interface FunctionProvider {
  signature: FunctionSignature;
  /** The point of the check, every input flattened, in the signature's order. */
  at: Float64Array;
  /** The output (flattened) at every point of every line, in one round trip. */
  values(lines: Line[]): Promise<Float64Array[][]>;
  /** Scalar output: the value and the claimed gradient at `at`. */
  gradient(): Promise<{ value: number; gradient: Float64Array }>;
  /** Vector output: the value and the claimed uᵀJ at `at`. */
  vjp?(u: Float64Array): Promise<{ value: Float64Array; vjp: Float64Array }>;
  /** Vector output: the claimed J·v for each v, at `at`. */
  jvp?(vs: Float64Array[]): Promise<Float64Array[]>;
}

/** A provider's answer that breaks the protocol or the signature: the case is an error, not a verdict. */
export class ProviderError extends Error {}

export interface FunctionComponent {
  /** `x`, `W[0,1]`, `d3` (a random direction), `d3|x[17]` an entry found by bisection. */
  label: string;
  kind: 'component' | 'direction' | 'entry' | 'jvp';
  analytic: number;
  numeric: number;
  estimate: number;
  absErr: number;
  relErr: number;
  tol: number;
  verdict: Verdict;
  settled: boolean;
  step: number;
  note?: string;
}

export interface FunctionCheckOptions {
  rtol?: number;
  atol?: number;
  /** Above this many input components: random directions (default 100). */
  maxComponents?: number;
  directions?: number;
  seed?: number;
  /** Most wrong entries named by bisection (default 10). */
  maxNamed?: number;
}

export interface FunctionCheck {
  value: number | Float64Array;
  /** The claimed gradient (scalar output) or uᵀJ (vector output), flattened. */
  gradient: Float64Array;
  /** For a vector output: the cotangent u. */
  cotangent: Float64Array | null;
  components: FunctionComponent[];
  /** Entries named wrong by bisection of failed random directions. */
  entries: FunctionComponent[];
  method: string;
  dtype: Dtype;
  /** Measured noise σ of f (of uᵀf for a vector output). */
  noise: number;
  rtol: number;
  atol: number;
  /** With random directions: what they could have missed. */
  miss: string | null;
  evaluations: number;
  requests: number;
}

const EPS32 = 2 ** -23;
const RIDDERS_STEP = 1 / 16;
const MIN_STEP = 1e-7;
const MAX_ROUNDS = 60;

/** `x`, `x[3]`, `W[0,1]`: the label of flat entry k of an input. */
export function entryLabel(inputs: FunctionInput[], k: number): string {
  for (const { name, shape } of inputs) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (k < n) {
      if (!shape.length) return name;
      const idx: number[] = [];
      for (let d = shape.length - 1; d >= 0; d--) {
        idx.unshift(k % shape[d]);
        k = Math.floor(k / shape[d]);
      }
      return `${name}[${idx.join(',')}]`;
    }
    k -= n;
  }
  throw new RangeError(`entry ${k} is past the inputs`);
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A cache miss while replaying a tableau: the point t is not fetched yet. */
class Miss {
  constructor(readonly t: number) {}
}

/** One line's computation, replayed until every value it asks for is in its cache. */
interface Task<T> {
  direction: Float64Array;
  /** The output to the scalar differentiated (identity, or u·f). */
  project: (out: Float64Array) => number;
  run: (phi: (t: number) => Probe) => T;
  cache: Map<number, number>;
  want: Set<number>;
  result?: T;
}

interface Stats {
  evaluations: number;
  requests: number;
}

/** Replay every task, fetching what they miss for all of them at once, until all are done. */
async function runTasks<T>(p: FunctionProvider, tasks: Task<T>[], stats: Stats): Promise<void> {
  let pending = tasks.filter((t) => t.result === undefined);
  for (let round = 0; pending.length; round++) {
    if (round > MAX_ROUNDS) throw new Error('the difference quotients did not finish in time');
    const fetch = pending.filter((t) => t.want.size);
    if (fetch.length) {
      const lines = fetch.map((t) => ({ direction: t.direction, t: [...t.want] }));
      const got = await p.values(lines);
      stats.requests++;
      fetch.forEach((task, i) => {
        lines[i].t.forEach((t, j) => task.cache.set(t, task.project(got[i][j])));
        stats.evaluations += lines[i].t.length;
        task.want.clear();
      });
    }
    for (const task of pending) {
      const phi = (t: number): Probe => {
        const f = task.cache.get(t);
        if (f === undefined) throw new Miss(t);
        return { f, signs: [] };
      };
      try {
        task.result = task.run(phi);
      } catch (e) {
        if (!(e instanceof Miss)) throw e;
        // The ladder goes on by halving: fetch the next rows with the one missed.
        for (const t of [e.t, -e.t, e.t / 2, -e.t / 2, e.t / 4, -e.t / 4]) if (!task.cache.has(t)) task.want.add(t);
      }
    }
    pending = pending.filter((t) => t.result === undefined);
  }
}

const ladder = (h0: number, rows: number) => Array.from({ length: rows }, (_, i) => h0 / 2 ** i).flatMap((h) => [h, -h]);

/**
 * The derivative along a line by Ridders' method, as the graph checker takes it (central,
 * from scale/16, shrinking the first step where the stencil is not finite, restarting from the
 * smallest step while the tableau has not settled).
 */
function lineDerivative(phi: (t: number) => Probe, scale: number, sigma: number, goal: (v: number) => number): Quotient | undefined {
  const base: Probe = { f: 0, signs: [] };
  for (let h = RIDDERS_STEP * scale; h >= MIN_STEP * scale; h /= 16) {
    const q = ridders(phi, base, h, sigma, 0, goal);
    if (!q) continue;
    let best = q;
    for (let k = 0; k < 2 && !best.settled && best.last / 2 >= MIN_STEP * scale; k++) {
      const r = ridders(phi, base, best.last / 2, sigma, 0, goal);
      if (!r) break;
      if (r.settled || r.estimate < best.estimate) best = r;
      else break;
    }
    return best;
  }
  return undefined;
}

/** ±1 entries from a seeded generator (mulberry32, as everywhere in cg). */
function signs(n: number, seed: number): Float64Array {
  let s = seed | 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 1 ? 1 : -1;
  }
  return out;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

const finiteAll = (a: ArrayLike<number>) => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
};

/**
 * Check a provider's gradient (or VJP / JVP) against Ridders' extrapolated differences of
 * its values. Up to `maxComponents` inputs, every component; above, ±1 random directions
 * (each entry weighs the same in every one, so an error in one entry shows at its full size),
 * and bisection of every failed direction down to the entries that are wrong.
 */
export async function checkFunction(p: FunctionProvider, opts: FunctionCheckOptions = {}): Promise<FunctionCheck> {
  const sig = p.signature;
  const n = p.at.length;
  const m = sizeOf(sig.output);
  const stats: Stats = { evaluations: 0, requests: 0 };
  const vector = sig.output.length > 0;
  let value: number | Float64Array;
  let g: Float64Array;
  let u: Float64Array | null = null;
  if (!vector) {
    const r = await p.gradient();
    stats.requests++;
    value = r.value;
    g = r.gradient;
  } else {
    if (!p.vjp) throw new ProviderError('the output is not a scalar and the program offers no vjp');
    // ±1 weights: every output counts the same in uᵀf.
    u = signs(m, (opts.seed ?? 1) * 7919);
    const r = await p.vjp(u);
    stats.requests++;
    value = r.value;
    g = r.vjp;
  }
  if (g.length !== n) throw new ProviderError(`the gradient has ${g.length} entries; the inputs have ${n}`);
  const bad = typeof value === 'number' ? (Number.isFinite(value) ? -1 : 0) : finiteAll(value);
  if (bad >= 0) throw new ProviderError(`the value at the point is ${typeof value === 'number' ? value : `${value[bad]} (entry ${bad})`}`);
  const badG = finiteAll(g);
  if (badG >= 0) throw new ProviderError(`the ${vector ? 'VJP' : 'gradient'} ${entryLabel(sig.inputs, badG)} is ${g[badG]}`);
  const project = u ? (out: Float64Array) => {
    if (out.length !== m) throw new ProviderError(`a value has ${out.length} entries; the output has ${m}`);
    return dot(u!, out);
  } : (out: Float64Array) => {
    if (out.length !== 1) throw new ProviderError(`a value has ${out.length} entries; the output is a scalar`);
    return out[0];
  };
  const xScale = (dir: Float64Array) => {
    let s = 1;
    for (let i = 0; i < n; i++) if (dir[i] !== 0) s = Math.max(s, Math.abs(p.at[i]));
    return s;
  };

  // The noise of f along a direction moving every entry: float32 steps must clear the inputs' rounding.
  const all = signs(n, (opts.seed ?? 1) * 104729);
  const allScale = xScale(all) / Math.sqrt(n);
  const delta = (sig.dtype === 'float32' ? 2 ** -10 : 1e-8) * allScale;
  const noiseTask: Task<number> = {
    direction: all, project, cache: new Map(),
    want: new Set([0, ...[1, 2, 3].flatMap((j) => [j * delta, -j * delta])]),
    run: (phi) => measureNoise(phi, phi(0), delta).sigma,
  };
  await runTasks(p, [noiseTask], stats);
  const sigma = noiseTask.result!;
  const f0 = noiseTask.cache.get(0)!;
  if (!Number.isFinite(f0)) throw new ProviderError(`the value at the point is ${f0} when asked for by a values request`);

  // float32: the claimed gradient carries the function's own rounding, measured as σ.
  let rtol = opts.rtol ?? DEFAULT_RTOL;
  let atol = opts.atol ?? DEFAULT_ATOL;
  if (sig.dtype === 'float32') {
    const rel = Math.max(EPS32, sigma / Math.max(Math.abs(f0), Number.MIN_VALUE));
    rtol = Math.max(rtol, 32 * Math.min(rel, 1e-3));
    atol = Math.max(atol, (32 * sigma) / Math.max(1, allScale));
  }
  const goal = (v: number) => 0.01 * (atol + rtol * Math.abs(v));

  const lineTask = (direction: Float64Array, shrink = 1): Task<Quotient | undefined> & { scale: number } => {
    const scale = xScale(direction) * shrink;
    return {
      direction, project, cache: new Map(), scale,
      want: new Set(ladder(RIDDERS_STEP * scale, 5)),
      run: (phi) => lineDerivative(phi, scale, sigma, goal),
    };
  };
  const verdict = (label: string, kind: FunctionComponent['kind'], a: number, q: Quotient | undefined): FunctionComponent => {
    if (!q) {
      return { label, kind, analytic: a, numeric: NaN, estimate: Infinity, absErr: NaN, relErr: NaN, tol: NaN, verdict: 'inconclusive', settled: false, step: 0, note: 'f is not finite on any stencil near the point' };
    }
    const j = judge(a, q.value, q.estimate, rtol, atol, q.settled);
    return { label, kind, analytic: a, numeric: q.value, estimate: q.estimate, ...j, settled: q.settled, step: q.step };
  };

  const components: FunctionComponent[] = [];
  const entries: FunctionComponent[] = [];
  let miss: string | null = null;
  let method: string;
  const what = vector ? 'uᵀJ (VJP, u of ±1)' : 'the gradient';
  if (n <= (opts.maxComponents ?? 100)) {
    const tasks = Array.from({ length: n }, (_, k) => {
      const d = new Float64Array(n);
      d[k] = 1;
      return lineTask(d);
    });
    await runTasks(p, tasks, stats);
    tasks.forEach((t, k) => components.push(verdict(entryLabel(sig.inputs, k), 'component', g[k], t.result)));
    method = `${what} component by component against Ridders' extrapolated central differences`;
    if (vector && p.jvp) await checkJvp(p, tasks.map((t) => t.direction), tasks.map((t) => t.result), u!, (k) => entryLabel(sig.inputs, k), verdict, components, stats);
  } else {
    const D = opts.directions ?? 16;
    const dirs = Array.from({ length: D }, (_, d) => signs(n, (opts.seed ?? 1) * 31 + d + 1));
    // ±1 entries move every one by the step: divided by √n the line's length is that of a unit direction.
    const tasks = dirs.map((d) => lineTask(d, 1 / Math.sqrt(n)));
    await runTasks(p, tasks, stats);
    const judged = tasks.map((t, d) => verdict(`d${d + 1}`, 'direction', dot(g, t.direction), t.result));
    components.push(...judged);
    if (vector && p.jvp) await checkJvp(p, dirs, tasks.map((t) => t.result), u!, (d) => `d${d + 1}`, verdict, components, stats);
    // A single wrong entry shifts gᵀv by its error exactly (|v_k| = 1): certain to show once it exceeds tol + |a − n|.
    // Over the directions that passed (a failed one has seen an error already).
    const passed = judged.filter((c) => c.verdict !== 'fail' && Number.isFinite(c.tol));
    const sure = Math.min(...(passed.length ? passed : judged).map((c) => c.tol + (c.verdict !== 'fail' && Number.isFinite(c.absErr) ? c.absErr : 0)));
    const D2 = 2 ** -D;
    miss = `${D} random ±1 directions: an error in one entry of ${what} larger than ${sure.toPrecision(2)} is seen with certainty (probability 0 of going unseen); errors in several entries cancel in one direction with probability ≤ 1/2, in all ${D} with probability ≤ ${D2.toPrecision(2)}`;
    method = `${what} along ${D} random ±1 directions against Ridders' extrapolated central differences; failed directions bisected to the wrong entries`;
    const failed = judged.map((c, d) => (c.verdict === 'fail' ? d : -1)).filter((d) => d >= 0);
    if (failed.length) entries.push(...(await bisect(p, g, dirs[failed[0]], n, lineTask, verdict, sig.inputs, opts.maxNamed ?? 10, stats)));
  }
  return {
    value, gradient: g, cotangent: u, components, entries, method, dtype: sig.dtype, noise: sigma, rtol, atol, miss,
    evaluations: stats.evaluations, requests: stats.requests,
  };
}

/** J·v from the program, projected on u, against the same quotients as the VJP. */
async function checkJvp(
  p: FunctionProvider, dirs: Float64Array[], quotients: (Quotient | undefined)[], u: Float64Array, label: (k: number) => string,
  verdict: (label: string, kind: FunctionComponent['kind'], a: number, q: Quotient | undefined) => FunctionComponent,
  out: FunctionComponent[], stats: Stats,
): Promise<void> {
  const jv = await p.jvp!(dirs);
  stats.requests++;
  jv.forEach((v, k) => {
    if (v.length !== u.length) throw new ProviderError(`a JVP has ${v.length} entries; the output has ${u.length}`);
    const bad = finiteAll(v);
    if (bad >= 0) throw new ProviderError(`the JVP along ${label(k)} has ${v[bad]} at entry ${bad}`);
    out.push(verdict(`Jv ${label(k)}`, 'jvp', dot(u, v), quotients[k]));
  });
}

/**
 * Halve a failed direction's entries, keep the halves whose own directional derivative
 * fails, until single entries: each level is one batch of lines. Returns the entries found,
 * judged one by one along their own axis.
 */
async function bisect(
  p: FunctionProvider, g: Float64Array, dir: Float64Array, n: number,
  lineTask: (d: Float64Array, shrink?: number) => Task<Quotient | undefined>,
  verdict: (label: string, kind: FunctionComponent['kind'], a: number, q: Quotient | undefined) => FunctionComponent,
  inputs: FunctionInput[], maxNamed: number, stats: Stats,
): Promise<FunctionComponent[]> {
  let groups: number[][] = [Array.from({ length: n }, (_, i) => i)];
  const found: FunctionComponent[] = [];
  while (groups.length) {
    const halves = groups.flatMap((grp) => (grp.length === 1 ? [grp] : [grp.slice(0, grp.length >> 1), grp.slice(grp.length >> 1)]));
    const tasks = halves.map((h) => {
      const d = new Float64Array(n);
      for (const i of h) d[i] = h.length === 1 ? 1 : dir[i];
      return { h, d, task: lineTask(d, 1 / Math.sqrt(h.length)) };
    });
    await runTasks(p, tasks.map((t) => t.task), stats);
    const next: number[][] = [];
    for (const { h, d, task } of tasks) {
      const c = verdict(h.length === 1 ? entryLabel(inputs, h[0]) : `${h.length} entries`, 'entry', dot(g, d), task.result);
      if (c.verdict !== 'fail') continue;
      if (h.length === 1) found.push(c);
      else next.push(h);
    }
    // Past maxNamed wrong entries the rest are left unnamed: keep the first groups.
    groups = next.slice(0, Math.max(0, maxNamed - found.length));
  }
  return found;
}

