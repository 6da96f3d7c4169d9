/** Shapes follow mathjs: [] is a scalar, [n] a vector, [r, c] a matrix. */
export type Shape = readonly number[];

/** A dense row-major float64 array. Scalars are plain numbers, never 0-d tensors. */
export class Tensor {
  constructor(
    readonly shape: Shape,
    readonly data: Float64Array,
  ) {}

  get size(): number {
    return this.data.length;
  }

  static zeros(shape: Shape): Tensor {
    return new Tensor(shape, new Float64Array(sizeOf(shape)));
  }

  static filled(shape: Shape, v: number): Tensor {
    return new Tensor(shape, new Float64Array(sizeOf(shape)).fill(v));
  }

  /** From nested arrays (`[[1,2],[3,4]]`); ragged input throws. */
  static from(nested: unknown): Tensor | number {
    if (typeof nested === 'number') return nested;
    const shape: number[] = [];
    let probe: unknown = nested;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      probe = probe[0];
      // As the parser's MAX_RANK: deeper nesting is hostile input, not a tensor.
      if (shape.length > 32) throw new Error('arrays nested more than 32 deep');
    }
    const data = new Float64Array(sizeOf(shape));
    let k = 0;
    const walk = (v: unknown, depth: number): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') throw new Error('array entries must be numbers');
        data[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) throw new Error('ragged array');
      for (const item of v) walk(item, depth + 1);
    };
    walk(nested, 0);
    return new Tensor(shape, data);
  }

  /** Nested arrays, as JSON shows a value. */
  toNested(): unknown {
    let k = 0;
    const build = (depth: number): unknown => {
      if (depth === this.shape.length) return this.data[k++];
      const out = [];
      for (let i = 0; i < this.shape[depth]; i++) out.push(build(depth + 1));
      return out;
    };
    return build(0);
  }
}

export type Value = number | Tensor;

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function shapeOf(v: Value): Shape {
  return typeof v === 'number' ? [] : v.shape;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function fmtShape(s: Shape): string {
  return `[${s.join(',')}]`;
}

/** NumPy broadcasting of two shapes, or undefined when they do not broadcast. */
export function broadcastShapes(a: Shape, b: Shape): Shape | undefined {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function map(x: Value, f: (v: number) => number): Value {
  if (typeof x === 'number') return f(x);
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return new Tensor(x.shape, out);
}

/** Elementwise binary op with NumPy broadcasting. */
export function zip(a: Value, b: Value, f: (p: number, q: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  const shape = broadcastShapes(sa, sb);
  if (!shape) throw new Error(`cannot broadcast ${fmtShape(sa)} with ${fmtShape(sb)}`);
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  const ad = typeof a === 'number' ? undefined : a.data;
  const bd = typeof b === 'number' ? undefined : b.data;
  if (!ad) {
    const ib = bd!.length === n ? undefined : indexMap(shape, sb);
    for (let i = 0; i < n; i++) out[i] = f(a as number, bd![ib ? ib[i] : i]);
  } else if (!bd) {
    const ia = ad.length === n ? undefined : indexMap(shape, sa);
    for (let i = 0; i < n; i++) out[i] = f(ad[ia ? ia[i] : i], b as number);
  } else if (ad.length === n && bd.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(ad[i], bd[i]);
  } else {
    const ia = indexMap(shape, sa);
    const ib = indexMap(shape, sb);
    for (let i = 0; i < n; i++) out[i] = f(ad[ia[i]], bd[ib[i]]);
  }
  return new Tensor(shape, out);
}

// The last few index maps, by shapes: a sweep broadcasts the same shapes again and again.
const maps = new Map<string, Int32Array>();

/**
 * For each flat index of `shape`, the flat index of the broadcast source of shape `src`.
 * Shared between calls: read it, never write it.
 */
export function indexMap(shape: Shape, src: Shape): Int32Array {
  const key = `${shape.join(',')}|${src.join(',')}`;
  let m = maps.get(key);
  if (m) return m;
  m = buildIndexMap(shape, src);
  if (maps.size >= 16) maps.delete(maps.keys().next().value!);
  maps.set(key, m);
  return m;
}

function buildIndexMap(shape: Shape, src: Shape): Int32Array {
  const n = sizeOf(shape);
  const out = new Int32Array(n);
  const rank = shape.length;
  const strides: number[] = new Array(rank).fill(0);
  let stride = 1;
  for (let i = src.length - 1; i >= 0; i--) {
    const axis = rank - src.length + i;
    strides[axis] = src[i] === 1 ? 0 : stride;
    stride *= src[i];
  }
  const counter = new Array(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    out[i] = offset;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      offset += strides[ax];
      if (counter[ax] < shape[ax]) break;
      offset -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return out;
}

/**
 * Sum a broadcast result back down to `shape` (the adjoint of broadcasting); a tensor result
 * goes into `out` when given (zeroed here first, any contents allowed).
 */
export function sumTo(x: Value, shape: Shape, out?: Float64Array): Value {
  const sx = shapeOf(x);
  if (sameShape(sx, shape)) return x;
  const t = x as Tensor;
  if (shape.length === 0) {
    let s = 0;
    for (let i = 0; i < t.data.length; i++) s += t.data[i];
    return s;
  }
  if (out) out.fill(0);
  else out = new Float64Array(sizeOf(shape));
  const idx = indexMap(sx, shape);
  for (let i = 0; i < t.data.length; i++) out[idx[i]] += t.data[i];
  return new Tensor(shape, out);
}

/**
 * Repeat x to `shape` (the adjoint of sumTo); x itself when it has that shape already. A new
 * tensor's entries go into `into` when given (the broadcast size; every entry is written).
 */
export function broadcastTo(x: Value, shape: Shape, into?: Float64Array): Value {
  const sx = shapeOf(x);
  if (sameShape(sx, shape)) return x;
  const out = broadcastShapes(sx, shape);
  if (!out) throw new Error(`cannot broadcast ${fmtShape(sx)} with ${fmtShape(shape)}`);
  const n = sizeOf(out);
  if (typeof x === 'number' || x.data.length === 1) return new Tensor(out, (into ?? new Float64Array(n)).fill(typeof x === 'number' ? x : x.data[0]));
  const d = into ?? new Float64Array(n);
  const src = x.data;
  const idx = indexMap(out, sx);
  for (let i = 0; i < n; i++) d[i] = src[idx[i]];
  return new Tensor(out, d);
}
