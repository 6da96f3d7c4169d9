import type { Builder, Z } from '../builder.js';
import { fmtShape, sameShape, sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { defineOp } from './define.js';
import { PREC, wrapTerm, type Term } from './printing.js';
import { bceLogitsKernel, logsumexpRowsKernel, mseKernel, softmaxCrossEntropyKernel, softmaxRowsKernel } from '../../native/loss-kernels.js';

/**
 * Losses and the row-wise softmax they rest on. Rows are samples: a [B, C] matrix holds B
 * rows of C scores, a vector is one row. The numerics live in the kernels below, on plain
 * arrays of either float width (loss-kernels.ts), so `eval` here and cg's training executor
 * (src/nn) run the same loops.
 */

const rowsOf = (s: Shape): number => (s.length === 2 ? s[0] : 1);
const colsOf = (s: Shape): number => s[s.length - 1];
/** The shape of one number per row, kept 2-D so it broadcasts against the rows. */
const perRow = (s: Shape): Shape => (s.length === 2 ? [s[0], 1] : [1]);

const data = (v: Value): Float64Array => (typeof v === 'number' ? Float64Array.of(v) : v.data);

function rowMatrix(name: string) {
  return ([a]: Shape[]): Shape => {
    if (a.length < 1 || a.length > 2) throw new Error(`${name} needs a vector or a matrix of rows, got ${fmtShape(a)}`);
    return a;
  };
}

function samePair(name: string, ranks: readonly number[]) {
  return ([a, b]: Shape[]): Shape => {
    if (!ranks.includes(a.length) || !sameShape(a, b)) {
      throw new Error(`${name} needs two ${ranks.includes(0) ? 'values' : 'vectors or matrices'} of one shape, got ${fmtShape(a)} and ${fmtShape(b)}`);
    }
    return [];
  };
}

function out(shape: Shape, fill: (o: Float64Array) => void): Tensor {
  const o = new Float64Array(sizeOf(shape));
  fill(o);
  return new Tensor(shape, o);
}

/** softmax along each row (of a vector: over all of it, like `softmax`). */
export const softmax_rows = defineOp({
  name: 'softmax_rows',
  arity: 1,
  internal: true,
  shape: rowMatrix('softmax_rows'),
  eval: ([z]) => {
    const t = z as Tensor;
    return out(t.shape, (o) => softmaxRowsKernel(t.data, o, rowsOf(t.shape), colsOf(t.shape)));
  },
  // The Jacobian of each row is diag(y) - y yᵀ, symmetric: both rules are y ⊙ (t - Σ_row y ⊙ t).
  vjp: (b, { y, g }) => [softmaxRowsJ(b, y, g)],
  jvp: (b, { y, dx: [d] }) => (d === undefined ? undefined : softmaxRowsJ(b, y, d)),
  callable: (b, [z], _attrs, constant) => b.op('exp', b.sub(z, lseRowsSpelled(b, z, constant))!),
  sample: { shapes: [[3, 4]] },
});

/**
 * logsumexp_rows in ops a user can write: `[logsumexp(z)]` for a vector; for a matrix,
 * log(exp(Z - m)*ones) + m with m = max(Z), which keeps exp from overflowing.
 */
function lseRowsSpelled<T>(b: Builder<T>, z: T, constant: (v: Value) => T): T {
  const shape = b.shape(z);
  if (shape.length === 1) return b.apply('stack', [b.op('logsumexp', z)]);
  const m = b.op('max', z);
  return b.add(b.op('log', b.op('matmul', b.op('exp', b.sub(z, m)!), constant(Tensor.filled([colsOf(shape), 1], 1)))), m)!;
}

function softmaxRowsJ<T>(b: Builder<T>, y: T, t: T): T {
  return b.mul(y, b.sub(t, b.sumTo(b.mul(y, t), perRow(b.shape(y))))!)!;
}

/** log Σ exp along each row, one number per row ([B, 1]; [1] for a vector). */
export const logsumexp_rows = defineOp({
  name: 'logsumexp_rows',
  arity: 1,
  internal: true,
  shape: ([a]) => {
    rowMatrix('logsumexp_rows')([a]);
    return perRow(a);
  },
  eval: ([z]) => {
    const t = z as Tensor;
    return out(perRow(t.shape), (o) => logsumexpRowsKernel(t.data, o, rowsOf(t.shape), colsOf(t.shape)));
  },
  vjp: (b, { x: [z], g }) => [b.mul(g, b.apply('softmax_rows', [z]))],
  jvp: (b, { x: [z], dx: [d] }) => (d === undefined ? undefined : b.sumTo(b.mul(d, b.apply('softmax_rows', [z])), perRow(b.shape(z)))),
  callable: (b, [z], _attrs, constant) => lseRowsSpelled(b, z, constant),
  sample: { shapes: [[3, 4]] },
});

/**
 * softmax_cross_entropy(Z, Y): the mean over rows of the cross-entropy between the targets Y
 * and softmax of the logits Z, fused and stable. ∂/∂Z = (softmax(Z)·Σ_row Y - Y)/B,
 * ∂/∂Y = (logsumexp(Z) - Z)/B (that is, -log softmax(Z)/B).
 */
export const softmax_cross_entropy = defineOp({
  name: 'softmax_cross_entropy',
  arity: 2,
  shape: samePair('softmax_cross_entropy', [1, 2]),
  eval: ([z, y]) => {
    const s = (z as Tensor).shape;
    return softmaxCrossEntropyKernel(data(z), data(y), rowsOf(s), colsOf(s));
  },
  vjp: (b, { x: [z, y], g, needs }) => {
    const scale = b.div(g, rowsOf(b.shape(z)));
    return [needs[0] ? b.mul(scale, ceDz(b, z, y)) : undefined, needs[1] ? b.mul(scale, ceDy(b, z)) : undefined];
  },
  // One example (a vector of logits): the lecture's softmax(z) - y (y's mass, 1 for a one-hot y).
  // A batch's row-wise softmax has no typeable form yet: its rule's own text.
  print: {
    rule: ([z, y], g, [shape]) =>
      rowsOf(shape) === 1 ? [upstream(g, `softmax(${z.text})*sum(${y.text}) - ${wrapTerm(y, PREC.mul)}`, 1), upstream(g, `logsumexp(${z.text}) - ${wrapTerm(z, PREC.mul)}`, 1)] : [undefined, undefined],
  },
  jvp: (b, { x: [z, y], dx: [dz, dy] }) => {
    const t = b.add(
      dz === undefined ? undefined : b.op('sum', b.mul(ceDz(b, z, y), dz)!),
      dy === undefined ? undefined : b.op('sum', b.mul(ceDy(b, z), dy)!),
    );
    return b.div(t, rowsOf(b.shape(z)));
  },
  domain: [
    [-3, 3],
    [0, 1],
  ],
  sample: { shapes: [[3, 4], [3, 4]] },
});

/** B·∂L/∂Z: softmax(Z) scaled by each row's target mass, minus Y. */
function ceDz<T>(b: Builder<T>, z: T, y: T): Z<T> {
  const p = b.apply('softmax_rows', [z]);
  return b.sub(b.mul(p, b.sumTo(y, perRow(b.shape(z)))), y);
}

/** B·∂L/∂Y: -log softmax(Z), as logsumexp - Z (no log of an underflowed probability). */
function ceDy<T>(b: Builder<T>, z: T): Z<T> {
  return b.sub(b.apply('logsumexp_rows', [z]), z);
}

/** mse(P, T): the mean of (P - T)² over all entries. */
export const mse = defineOp({
  name: 'mse',
  arity: 2,
  shape: samePair('mse', [0, 1, 2]),
  eval: ([p, t]) => {
    const d = data(p);
    return mseKernel(d, data(t), d.length);
  },
  print: {
    rule: ([p, t], g, [shape]) => {
      const n = sizeOf(shape);
      const d = `2*(${p.text} - ${wrapTerm(t, PREC.mul)})`;
      return [upstream(g, d, n, true), `-${upstream(g, d, n, true)}`];
    },
  },
  vjp: (b, { x: [p, t], g, needs }) => {
    const d = b.mul(b.div(b.mul(2, g), sizeOf(b.shape(p))), b.sub(p, t));
    return [needs[0] ? d : undefined, needs[1] ? b.neg(d) : undefined];
  },
  jvp: (b, { x: [p, t], dx: [dp, dt] }) => {
    const d = b.sub(dp, dt);
    return d === undefined ? undefined : b.div(b.mul(2, b.op('sum', b.mul(b.sub(p, t), d)!)), sizeOf(b.shape(p)));
  },
  sample: { shapes: [[3, 2], [3, 2]] },
});

/**
 * bce_logits(Z, Y): binary cross-entropy of targets Y against sigmoid(Z), from the logits
 * (the sigmoid is fused in; stable for any Z). ∂/∂Z = (sigmoid(Z) - Y)/n, ∂/∂Y = -Z/n.
 */
export const bce_logits = defineOp({
  name: 'bce_logits',
  arity: 2,
  shape: samePair('bce_logits', [0, 1, 2]),
  eval: ([z, y]) => {
    const d = data(z);
    return bceLogitsKernel(d, data(y), d.length);
  },
  print: {
    rule: ([z, y], g, [shape]) => {
      const n = sizeOf(shape);
      return [upstream(g, `sigmoid(${z.text}) - ${wrapTerm(y, PREC.mul)}`, n), `-${upstream(g, wrapTerm(z, PREC.mul), n, true)}`];
    },
  },
  vjp: (b, { x: [z, y], g, needs }) => {
    const scale = b.div(g, sizeOf(b.shape(z)));
    return [
      needs[0] ? b.mul(scale, b.sub(b.op('sigmoid', z), y)) : undefined,
      needs[1] ? b.neg(b.mul(scale, z)) : undefined,
    ];
  },
  jvp: (b, { x: [z, y], dx: [dz, dy] }) => {
    const t = b.add(
      dz === undefined ? undefined : b.op('sum', b.mul(b.sub(b.op('sigmoid', z), y), dz)!),
      dy === undefined ? undefined : b.neg(b.op('sum', b.mul(z, dy)!)),
    );
    return b.div(t, sizeOf(b.shape(z)));
  },
  domain: [
    [-4, 4],
    [0, 1],
  ],
  sample: { shapes: [[4, 1], [4, 1]] },
});

/**
 * A loss's gradient as the lecture writes it: the upstream (left out where it is the seed 1)
 * times `d`, over the count n (left out where 1). `atom` says d needs no parentheses.
 */
function upstream(g: Term | null, d: string, n: number, atom = false): string {
  const body = n === 1 || atom ? d : `(${d})`;
  const scaled = n === 1 ? body : `${body}/${n}`;
  return g === null ? scaled : `${wrapTerm(g, PREC.mul)}*${n === 1 && !atom ? `(${d})` : scaled}`;
}
