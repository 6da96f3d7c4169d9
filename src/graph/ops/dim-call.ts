import { CgError } from '../../errors.js';
import type { Builder } from '../builder.js';
import type { Shape } from '../tensor.js';
import { constantArg } from './constant-arg.js';

/*
 * Helpers of the reductions along a dimension (reduce-dim.ts); not a family file (no ops).
 */

/** A reduced value back to the input's shape (its dimension restored as 1, then repeated). */
export function spread<T>(b: Builder<T>, r: T, shape: Shape, dim: number): T {
  return b.broadcastTo(b.apply('reshape', [r], { shape: shape.map((n, d) => (d === dim ? 1 : n)) }), shape)!;
}

/** A dimension argument (1-based in the text) as a 0-based number, checked against the rank. */
export function dimArg<T>(b: Builder<T>, d: T, rank: number, fn: string): number {
  const v = constantArg(b, d, `the dimension of ${fn}`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > rank) {
    throw new CgError('value', `${fn}'s dimension must be a whole number 1..${rank}, got ${typeof v === 'number' ? v : 'a tensor'}`);
  }
  return v - 1;
}

/**
 * The lowering of `sum(A, dim)`, `mean(A, dim)`, `max(A, dim)`, `min(A, dim)`, `prod(A, dim)`:
 * mathjs reads a tensor then a constant number as a dimension. Undefined when the call is
 * not of that form (then the op's other reading stands: max of a tensor and a variable, or
 * of a tensor and a number that names no dimension, such as max(v, 0)).
 */
export function dimCall<T>(b: Builder<T>, name: string, args: T[]): T | undefined {
  if (args.length !== 2 || b.shape(args[0]).length === 0 || b.shape(args[1]).length !== 0) return undefined;
  let v: unknown;
  try {
    v = constantArg(b, args[1], `the dimension of ${name}`);
  } catch {
    return undefined;
  }
  // Only a whole number naming a dimension: max(v, 0) stays the elementwise max (relu's spelling).
  const rank = b.shape(args[0]).length;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > rank) return undefined;
  return b.apply(`${name}_dim`, [args[0]], { dim: v - 1 });
}
