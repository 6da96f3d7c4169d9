import { mulberry32 } from '../../src/util/random.js';
import { Tensor, type Shape, type Value } from '../../src/graph/tensor.js';

/** A small deterministic generator so failures reproduce. */
export const rng = mulberry32;

export function randomValue(shape: Shape, lo: number, hi: number, r: () => number): Value {
  if (shape.length === 0) return lo + (hi - lo) * r();
  const t = Tensor.zeros(shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = lo + (hi - lo) * r();
  return t;
}

export function flat(v: Value | ArrayLike<number>): number[] {
  if (typeof v === 'number') return [v];
  return Array.from(v instanceof Tensor ? v.data : v);
}

export function dot(a: Value, b: Value): number {
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) throw new Error(`dot of sizes ${x.length} and ${y.length}`);
  return x.reduce((s, v, i) => s + v * y[i], 0);
}

/** |a - b| ≤ atol + rtol·max(|a|,|b|), elementwise, with a message that shows both. */
export function expectClose(a: Value | ArrayLike<number>, b: Value | ArrayLike<number>, rtol: number, atol: number, what = ''): void {
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) throw new Error(`${what}: sizes ${x.length} and ${y.length} differ`);
  x.forEach((v, i) => {
    const tol = atol + rtol * Math.max(Math.abs(v), Math.abs(y[i]));
    if (!(Math.abs(v - y[i]) <= tol)) throw new Error(`${what}[${i}]: ${v} vs ${y[i]} (|diff| ${Math.abs(v - y[i])} > ${tol})`);
  });
}
