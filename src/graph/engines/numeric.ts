import { Builder } from '../builder.js';
import type { Attrs } from '../ops/define.js';
import { getOp } from '../ops/index.js';
import { broadcastTo, shapeOf, Tensor, type Shape, type Value } from '../tensor.js';

type In = Value | number | undefined;

/** A builder that computes: rules applied with it give adjoints and tangents as numbers. */
export class NumericBuilder extends Builder<Value> {
  lift(v: number): Value {
    return v;
  }
  apply(op: string, xs: Value[], attrs?: Attrs): Value {
    return getOp(op).eval(xs, attrs);
  }
  shape(x: Value): Shape {
    return shapeOf(x);
  }
  // Functions called inside derivative rules (cos in sin's rule): on numbers, straight to
  // the op's scalar function, without an argument array.
  override op(name: string, a?: Value, b?: Value): Value {
    const def = getOp(name);
    if (def.scalar && typeof a === 'number' && (b === undefined || typeof b === 'number')) return def.scalar(a, b as number);
    return def.eval(b === undefined ? [a!] : [a!, b], undefined);
  }
  // Scalar fast paths: the backward sweep of a scalar graph is mostly these.
  override add(a: In, b: In) {
    return typeof a === 'number' && typeof b === 'number' ? a + b : super.add(a, b);
  }
  override sub(a: In, b: In) {
    return typeof a === 'number' && typeof b === 'number' ? a - b : super.sub(a, b);
  }
  override mul(a: In, b: In) {
    return typeof a === 'number' && typeof b === 'number' ? a * b : super.mul(a, b);
  }
  override div(a: In, b: Value) {
    return typeof a === 'number' && typeof b === 'number' ? a / b : super.div(a, b);
  }
  override neg(a: In) {
    return typeof a === 'number' ? -a : super.neg(a);
  }
  override square(a: Value) {
    return typeof a === 'number' ? a * a : super.square(a);
  }
}

export const num: Builder<Value> = new NumericBuilder();

/**
 * An adjoint or tangent from the engines as a full value of `shape`: zeros where it is a
 * structural zero (undefined), and a scalar that stands for a filled tensor repeated.
 */
export function filled(v: Value | undefined, shape: Shape): Value {
  if (v === undefined) return shape.length === 0 ? 0 : Tensor.zeros(shape);
  return broadcastTo(v, shape);
}
