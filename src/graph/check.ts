import type { Graph, Node } from './graph.js';
import { mulberry32, normal } from '../util/random.js';
import { evaluateFast, type Env } from './evaluate.js';
import { shapeOf, sizeOf, Tensor, type Value } from './tensor.js';
import { componentLabel, withComponent } from './components.js';

export { componentLabel, withComponent };

export const DEFAULT_RTOL = 1e-6;
export const DEFAULT_ATOL = 1e-8;
const EPS = Number.EPSILON;

export interface CheckOptions {
  rtol?: number;
  atol?: number;
  /** Above this many components, check random directions instead (as PyTorch's fast gradcheck). */
  maxComponents?: number;
  directions?: number;
  seed?: number;
}

export const MAX_COMPONENTS = 100;
const RANDOM_DIRECTIONS = 16;

interface Direction {
  label: string;
  variable: string;
  index: number[];
  /** The analytic directional derivative. */
  a: number;
  /** The variables moved by t along the direction. */
  move: (t: number) => Env;
  /** Step scale: max(1, |x|) over the entries moved. */
  scale: number;
  random?: boolean;
}

/** One direction per component, or seeded random unit directions when there are many. */
function directions(env: Env, analytic: ReadonlyMap<string, Value>, opts: CheckOptions): Direction[] {
  const names = [...analytic.keys()];
  const total = names.reduce((s, n) => s + sizeOf(shapeOf(env.get(n)!)), 0);
  const out: Direction[] = [];
  if (total <= (opts.maxComponents ?? MAX_COMPONENTS)) {
    for (const name of names) {
      const v = env.get(name)!;
      const grad = analytic.get(name)!;
      const shape = shapeOf(v);
      for (let k = 0; k < sizeOf(shape); k++) {
        const x = typeof v === 'number' ? v : v.data[k];
        out.push({
          ...componentLabel(name, shape, k),
          variable: name,
          a: typeof grad === 'number' ? grad : grad.data[k],
          move: (t) => withComponent(env, name, k, x + t),
          scale: Math.max(1, Math.abs(x)),
        });
      }
    }
    return out;
  }
  const rand = normal(mulberry32(opts.seed ?? 1));
  for (let d = 0; d < (opts.directions ?? RANDOM_DIRECTIONS); d++) {
    const dir = new Map<string, Float64Array>();
    let norm = 0;
    for (const name of names) {
      const r = Float64Array.from({ length: sizeOf(shapeOf(env.get(name)!)) }, rand);
      for (const x of r) norm += x * x;
      dir.set(name, r);
    }
    norm = Math.sqrt(norm);
    let a = 0;
    let scale = 1;
    for (const name of names) {
      const r = dir.get(name)!;
      for (let i = 0; i < r.length; i++) r[i] /= norm;
      const grad = analytic.get(name)!;
      const v = env.get(name)!;
      for (let i = 0; i < r.length; i++) {
        a += r[i] * (typeof grad === 'number' ? grad : grad.data[i]);
        scale = Math.max(scale, Math.abs(typeof v === 'number' ? v : v.data[i]));
      }
    }
    out.push({
      label: `v${d + 1}`,
      variable: '',
      index: [],
      a,
      random: true,
      scale,
      move: (t) => {
        const next = new Map(env);
        for (const name of names) {
          const v = env.get(name)!;
          const r = dir.get(name)!;
          if (typeof v === 'number') next.set(name, v + t * r[0]);
          else next.set(name, new Tensor(v.shape, v.data.map((x, i) => x + t * r[i])));
        }
        return next;
      },
    });
  }
  return out;
}


export interface CheckComponent {
  /** `x`, `W[0,1]` for a tensor entry, or `v3` for a random direction. */
  label: string;
  variable: string;
  index: number[];
  analytic: number;
  numeric: number;
  absErr: number;
  relErr: number;
  /** The bound absErr had to meet: atol + rtol·max(|analytic|, |numeric|) + rounding. */
  tol: number;
  ok: boolean;
  method: 'central' | 'one-sided' | 'directional';
  step: number;
  /** One-sided checks: the left and right difference quotients. */
  left?: number;
  right?: number;
}

export interface KinkHit {
  node: number;
  convention: string;
}

export interface CheckResult {
  method: string;
  step: string;
  rtol: number;
  atol: number;
  ok: boolean;
  components: CheckComponent[];
  /** Non-differentiable points the evaluation sits exactly on. */
  kinks: KinkHit[];
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
  return { f: vals[output] as number, signs, vals };
}

const differ = (a: number[], b: number[]) => a.some((s, i) => s !== b[i]);

/**
 * Check an analytic gradient against finite differences, one component at a time.
 * Central differences with step cbrt(eps)·max(1,|x|); where the stencil straddles a kink
 * (a relu, abs or max/min changes branch inside it) the analytic value is compared with
 * the one-sided quotients instead: it passes if it matches either side or lies between
 * them (the convention at the kink picks a subgradient).
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
  const kinkNodes = g.nodes.filter((n) => n.def?.kink && n.id <= output);
  const base = probe(g, kinkNodes, env, output);
  const components: CheckComponent[] = [];

  const judge = (a: number, n: number, fs: number[], h: number) => {
    const absErr = Math.abs(a - n);
    const scale = Math.max(Math.abs(a), Math.abs(n));
    // Rounding in f bounds how well any difference quotient can do.
    const rounding = (4 * EPS * Math.max(...fs.map(Math.abs))) / h;
    const tol = atol + rtol * scale + rounding;
    return { absErr, relErr: scale === 0 ? 0 : absErr / scale, tol, ok: absErr <= tol || Object.is(a, n) };
  };

  for (const dir of directions(env, analytic, opts)) {
    const { a, scale } = dir;
    const at = (t: number) => probe(g, kinkNodes, dir.move(t), output);
    const h = Math.cbrt(EPS) * scale;
    const plus = at(h);
    const minus = at(-h);
    const base2 = { label: dir.label, variable: dir.variable, index: dir.index, analytic: a };
    if (!differ(plus.signs, base.signs) && !differ(minus.signs, base.signs)) {
      const numeric = (plus.f - minus.f) / (2 * h);
      components.push({ ...base2, numeric, ...judge(a, numeric, [plus.f, minus.f], h), method: dir.random ? 'directional' : 'central', step: h });
      continue;
    }
    // A kink inside the stencil: one-sided quotients on a finer step, each from points
    // strictly on one side, so a jump at x itself (sign(0)) does not enter them.
    const hs = Math.sqrt(EPS) * scale;
    const right = (at(2 * hs).f - at(hs).f) / hs;
    const left = (at(-hs).f - at(-2 * hs).f) / hs;
    const candidates = [right, left].map((n) => ({ n, ...judge(a, n, [base.f], hs) }));
    let best = candidates[0].absErr <= candidates[1].absErr ? candidates[0] : candidates[1];
    if (!best.ok && a >= Math.min(left, right) && a <= Math.max(left, right)) best = { ...best, n: a, absErr: 0, relErr: 0, ok: true };
    components.push({
      ...base2, numeric: best.n, absErr: best.absErr, relErr: best.relErr, tol: best.tol, ok: best.ok,
      method: 'one-sided', step: hs, left, right,
    });
  }

  const random = components.some((c) => c.method === 'directional');
  return {
    method: random
      ? `central differences along ${components.length} random directions (gᵀv), one-sided at kinks`
      : 'central differences, one-sided at kinks',
    step: 'cbrt(eps)·max(1,|x|)',
    rtol,
    atol,
    ok: components.every((c) => c.ok) && Number.isFinite(base.f),
    components,
    kinks: kinkHits(g, base.vals, output),
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
