import type { Attrs } from '../builder.js';
import { binaryKernel, hasBinaryKernel, hasUnaryKernel, matmulKernel, transposeKernel, unaryKernel } from '../kernels.js';
import { getOp, OPS, type OpDef } from '../ops/index.js';
import { broadcastShapes, broadcastTo, sameShape, sizeOf, sumTo, Tensor, type Shape, type Value } from '../tensor.js';
import { pool, SweepBuffers, type BufferPool } from './buffers.js';
import { NumericBuilder } from './numeric.js';

/**
 * The numeric builder of one reverse sweep that reuses buffers (see buffers.ts for who owns
 * what). The ops whose results it writes itself (elementwise kernels, sum_to, broadcast_to,
 * transpose, matmul) take their output buffers from the sweep; every other op is evaluated
 * as `num` would, its result a fresh array the sweep does not own. Each op runs the same
 * loop `num` runs, only into another buffer, so every number is the same bit for bit.
 */
export class PooledBuilder extends NumericBuilder {
  readonly buffers: SweepBuffers;

  constructor(from: BufferPool = pool) {
    super();
    this.buffers = new SweepBuffers(from);
  }

  override apply(op: string, xs: Value[], attrs?: Attrs): Value {
    const def = getOp(op);
    // Small tensors stay on `eval`'s path: fresh arrays cost less than the bookkeeping. An
    // op replaced at run time (a test's spy) is called as it is.
    const min = this.buffers.minLength;
    const big = op === 'broadcast_to' ? sizeOf(attrs!.shape as Shape) >= min : xs.length <= 2 && Math.max(sizeOfValue(xs[0]), sizeOfValue(xs[1])) >= min;
    if (big && def.eval === ORIGINAL.get(op)) {
      const out = this.into(op, xs, attrs);
      if (out !== undefined) return out;
    }
    return def.eval(xs, attrs);
  }

  override op(name: string, a?: Value, b?: Value): Value {
    if (typeof a === 'number' && (b === undefined || typeof b === 'number')) return super.op(name, a, b);
    return this.apply(name, b === undefined ? [a!] : [a!, b]);
  }

  /** The op's value in a buffer of the sweep's, or undefined where `eval` should serve. */
  private into(op: string, xs: Value[], attrs: Attrs): Value | undefined {
    const [a, b] = xs;
    if (xs.length === 2 && hasBinaryKernel(op) && (typeof a !== 'number' || typeof b !== 'number')) {
      const shape = broadcastShapes(shapeOf(a), shapeOf(b));
      return shape ? binaryKernel(op, a, b, this.buffers.take(sizeOf(shape))) : undefined;
    }
    if (op === 'broadcast_to') {
      // A number too: the seed's adjoint spread over a tensor (sum's rule).
      const shape = attrs!.shape as Shape;
      const to = broadcastShapes(shapeOf(a), shape);
      return !to || sameShape(shapeOf(a), shape) ? undefined : broadcastTo(a, shape, this.buffers.take(sizeOf(to)));
    }
    if (typeof a === 'number') return undefined;
    if (xs.length === 1 && hasUnaryKernel(op)) return unaryKernel(op, a, this.buffers.take(a.size));
    if (op === 'sum_to') {
      const shape = attrs!.shape as Shape;
      return sameShape(a.shape, shape) || shape.length === 0 ? undefined : sumTo(a, shape, this.buffers.take(sizeOf(shape)));
    }
    if (op === 'transpose' && a.shape.length === 2) return transposeKernel(a, this.buffers.take(a.size));
    if (op === 'matmul' && typeof b !== 'number') {
      const shape = getOp('matmul').shape([a.shape, b.shape], undefined);
      return shape.length === 0 ? undefined : matmulKernel(a, b, shape, this.buffers.take(sizeOf(shape)));
    }
    return undefined;
  }

  /**
   * prev + c as `num.add(prev, c)` computes it (the same shortcuts for zeros and numbers, the
   * same kernel), written into prev or c where the sweep holds the only reference to it.
   */
  accumulate(prev: Value, c: Value): Value {
    if (typeof prev === 'number' && typeof c === 'number') return prev + c;
    if (prev === 0) return c;
    if (c === 0) return prev;
    if (Math.max(sizeOfValue(prev), sizeOfValue(c)) < this.buffers.minLength) return this.add(prev, c)!;
    const shape = broadcastShapes(shapeOf(prev), shapeOf(c));
    if (!shape || getOp('add').eval !== ORIGINAL.get('add')) return this.add(prev, c)!;
    const own = this.buffers;
    const apart = typeof prev === 'number' || typeof c === 'number' || prev.data.buffer !== c.data.buffer;
    let out: Float64Array | undefined;
    if (apart && typeof prev !== 'number' && own.exclusive(prev) && sameShape(prev.shape, shape)) out = prev.data;
    else if (apart && typeof c !== 'number' && own.unreferenced(c) && sameShape(c.shape, shape)) out = c.data;
    if (out === undefined) return binaryKernel('add', prev, c, own.take(sizeOf(shape)));
    const t = binaryKernel('add', prev, c, out);
    // The same tensor object as before where it was written in place.
    return out === (prev as Tensor).data ? prev : out === (c as Tensor).data ? c : t;
  }
}

const shapeOf = (v: Value): Shape => (typeof v === 'number' ? [] : v.shape);
const sizeOfValue = (v: Value | undefined): number => (typeof v === 'object' ? v.data.length : 1);

// Each op's eval as registered: the fast paths above stand for these and nothing else.
const ORIGINAL = new Map<string, OpDef['eval']>([...OPS].map(([name, def]) => [name, def.eval]));
