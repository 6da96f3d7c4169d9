import { mulberry32, normal } from '../../util/random.js';
import type { Env } from './evaluate.js';
import { shapeOf, sizeOf, Tensor, type Value } from '../tensor.js';

/**
 * The directions the checker differentiates along: one per component, or (above
 * maxComponents) seeded random unit directions plus a seeded sample of single components.
 */

export const MAX_COMPONENTS = 100;
const RANDOM_DIRECTIONS = 16;
const SAMPLED_COMPONENTS = 8;

export interface DirectionOptions {
  maxComponents?: number;
  directions?: number;
  samples?: number;
  seed?: number;
}

export interface Direction {
  label: string;
  variable: string;
  index: number[];
  /** The analytic directional derivative. */
  a: number;
  /** The variables moved by t along the direction. */
  move: (t: number) => Env;
  /** Step scale: max(1, |x|) over the entries moved. */
  scale: number;
  /** The direction's entries by variable, for random directions. */
  vector?: Map<string, Value>;
}

const flat = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);

/** The seeded random unit directions the check uses above `maxComponents` (for forward mode's Jv without a check). */
export function randomDirections(env: Env, analytic: ReadonlyMap<string, Value>, opts: DirectionOptions = {}): { label: string; vector: Map<string, Value> }[] {
  return directions(env, analytic, { ...opts, maxComponents: 0, samples: 0 }).map((d) => ({ label: d.label, vector: d.vector! }));
}

/** One direction per component, or seeded random unit directions plus a seeded sample of components. */
export function directions(env: Env, analytic: ReadonlyMap<string, Value>, opts: DirectionOptions): Direction[] {
  const names = [...analytic.keys()];
  const total = names.reduce((s, n) => s + sizeOf(shapeOf(env.get(n)!)), 0);
  const component = (name: string, k: number): Direction => {
    const v = env.get(name)!;
    const x = flat(v)[k];
    return {
      ...componentLabel(name, shapeOf(v), k),
      variable: name,
      a: flat(analytic.get(name)!)[k],
      move: (t) => withComponent(env, name, k, x + t),
      scale: Math.max(1, Math.abs(x)),
    };
  };
  if (total <= (opts.maxComponents ?? MAX_COMPONENTS)) {
    return names.flatMap((name) => Array.from({ length: sizeOf(shapeOf(env.get(name)!)) }, (_, k) => component(name, k)));
  }
  const out: Direction[] = [];
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
    const vector = new Map<string, Value>();
    for (const name of names) {
      const r = dir.get(name)!;
      for (let i = 0; i < r.length; i++) r[i] /= norm;
      const grad = flat(analytic.get(name)!);
      const xs = flat(env.get(name)!);
      for (let i = 0; i < r.length; i++) {
        a += r[i] * grad[i];
        scale = Math.max(scale, Math.abs(xs[i]));
      }
      const v = env.get(name)!;
      vector.set(name, typeof v === 'number' ? r[0] : new Tensor(v.shape, r));
    }
    out.push({
      label: `v${d + 1}`, variable: '', index: [], a, scale, vector,
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
  // A seeded sample of single components: a wrong rule touching a few entries barely moves gᵀv.
  const pick = mulberry32((opts.seed ?? 1) + 7919);
  const seen = new Set<number>();
  const want = Math.min(opts.samples ?? SAMPLED_COMPONENTS, total);
  while (seen.size < want) seen.add(Math.floor(pick() * total));
  for (const flatIndex of [...seen].sort((p, q) => p - q)) {
    let rest = flatIndex;
    for (const name of names) {
      const size = sizeOf(shapeOf(env.get(name)!));
      if (rest < size) {
        out.push(component(name, rest));
        break;
      }
      rest -= size;
    }
  }
  return out;
}

/** The values with entry k of variable `name` set to x. */
export function withComponent(env: Env, name: string, k: number, x: number): Map<string, Value> {
  const next = new Map(env);
  const v = env.get(name)!;
  if (typeof v === 'number') next.set(name, x);
  else {
    const data = v.data.slice();
    data[k] = x;
    next.set(name, new Tensor(v.shape, data));
  }
  return next;
}

export function componentLabel(name: string, shape: readonly number[], k: number): { label: string; index: number[] } {
  if (shape.length === 0) return { label: name, index: [] };
  const index: number[] = [];
  let rest = k;
  for (let ax = shape.length - 1; ax >= 0; ax--) {
    index.unshift(rest % shape[ax]);
    rest = Math.floor(rest / shape[ax]);
  }
  return { label: `${name}[${index.join(',')}]`, index };
}

/** Every entry at once, for measuring noise when no random direction is at hand. */
export function allComponents(env: Env, analytic: ReadonlyMap<string, Value>): Direction {
  const names = [...analytic.keys()];
  let scale = 1;
  for (const n of names) for (const x of Array.from(flat(env.get(n)!))) scale = Math.max(scale, Math.abs(x));
  return {
    label: '', variable: '', index: [], a: 0, scale,
    move: (t) => {
      const next = new Map(env);
      for (const n of names) {
        const v = env.get(n)!;
        next.set(n, typeof v === 'number' ? v + t : new Tensor(v.shape, v.data.map((x) => x + t)));
      }
      return next;
    },
  };
}

