import type { Env } from './evaluate.js';
import { Tensor, type Value } from './tensor.js';

/** Single entries of variables: the finite-difference checker and the Jacobian/Hessian by differences move one at a time. */

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

/** `W[0,1]` for entry k (row-major) of a variable of this shape; the bare name for a scalar. */
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
