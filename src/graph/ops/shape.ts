import { CgError } from '../../errors.js';
import type { Attrs, Builder } from '../builder.js';
import { fmtShape, sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { constantArg } from './constant-arg.js';
import { defineOp } from './define.js';
import { PREC, ref, wrapTerm, type Form, type FormContext } from './printing.js';

/*
 * Indexing and shape (issue 24), with mathjs's meanings: `A[i, j]` 1-based with inclusive
 * ranges (a scalar index drops its dimension, a list or range keeps it), reshape, flatten,
 * squeeze, concat(a, b, dim), diag, size, row, column. Which entries an op takes is fixed
 * when the node is built (attributes, 0-based), so gradients scatter back into exactly those.
 */

/** An index: per dimension the 0-based positions taken, and whether a scalar index dropped it. */
export interface Selection {
  sel: number[][];
  drop: boolean[];
}

const selOf = (attrs: Attrs) => attrs as unknown as Selection;

function selectedShape({ sel, drop }: Selection): Shape {
  return sel.flatMap((s, d) => (drop[d] ? [] : [s.length]));
}

function strides(shape: Shape): number[] {
  const st = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) st[d] = st[d + 1] * shape[d + 1];
  return st;
}

/** Flat offsets (into a tensor of `shape`) of the selected entries, in the output's order. */
function offsets(shape: Shape, sel: number[][]): number[] {
  const st = strides(shape);
  let out = [0];
  for (let d = 0; d < sel.length; d++) {
    const next: number[] = [];
    for (const o of out) for (const i of sel[d]) next.push(o + i * st[d]);
    out = next;
  }
  return out;
}

const data = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);

function valueOf(shape: Shape, d: Float64Array): Value {
  return shape.length === 0 ? d[0] : new Tensor(shape, d);
}

/** One dimension's index as written: `i`, `a:b`, `:`, or a list `[i, j]` (1-based). */
function itemText(s: number[], drop: boolean, n: number): string {
  if (drop) return String(s[0] + 1);
  if (s.length === n && s.every((v, k) => v === k)) return ':';
  if (s.length > 1 && s.every((v, k) => v === s[0] + k)) return `${s[0] + 1}:${s[s.length - 1] + 1}`;
  return `[${s.map((v) => v + 1).join(', ')}]`;
}

function indexText(attrs: Attrs, shape: Shape | undefined): string {
  const { sel, drop } = selOf(attrs);
  return sel.map((s, d) => itemText(s, drop[d], shape?.[d] ?? -1)).join(', ');
}

/** `A[i, j]`: the entries a selection takes. */
export const index = defineOp({
  name: 'index',
  arity: 1,
  // Written A[i, j] (print.text); mathjs's index() builds an index object, which cg has no use for.
  call: () => {
    throw new CgError('unsupported', 'index(...) objects are not supported', { hint: 'write A[i, j] (1-based; ranges a:b, :, end)' });
  },
  print: {
    text: (c: FormContext): Form => ({ prec: PREC.post, pieces: [ref(0, PREC.atom), `[${indexText(c.attrs, c.shapeOf?.(0))}]`] }),
    latex: (c: FormContext): Form => ({ prec: PREC.post, pieces: [ref(0, PREC.atom), `_{${indexText(c.attrs, c.shapeOf?.(0))}}`] }),
    term: ([a], attrs) => ({ text: `${wrapTerm(a, PREC.atom)}[${indexText(attrs, undefined)}]`, prec: PREC.post }),
    label: '[ ]',
  },
  shape: ([a], attrs) => {
    const { sel } = selOf(attrs);
    if (a.length !== sel.length) throw new Error(`${fmtShape(a)} takes ${a.length} indices, got ${sel.length}`);
    sel.forEach((s, d) => {
      for (const i of s) if (i < 0 || i >= a[d]) throw new Error(`index ${i + 1} is out of range 1..${a[d]} in dimension ${d + 1}`);
    });
    return selectedShape(selOf(attrs));
  },
  eval: ([a], attrs) => {
    const s = selOf(attrs);
    const src = data(a);
    const offs = offsets((a as Tensor).shape, s.sel);
    const out = new Float64Array(offs.length);
    for (let k = 0; k < offs.length; k++) out[k] = src[offs[k]];
    return valueOf(selectedShape(s), out);
  },
  vjp: (b, { x: [a], g, attrs }) => [b.apply('index_scatter', [g], { ...selOf(attrs), shape: b.shape(a) })],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('index', [d], attrs)),
  sample: { shapes: [[3, 4]], attrs: { sel: [[2], [0, 3, 3]], drop: [true, false] } },
});

/** Zeros of `shape` with g added into the selected entries (a repeated index accumulates): the adjoint of index. */
export const index_scatter = defineOp({
  name: 'index_scatter',
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `index_scatter(${a.text}, [${(attrs!.shape as number[]).join(', ')}])`, prec: PREC.atom }) },
  shape: (_s, attrs) => attrs!.shape as Shape,
  eval: ([g], attrs) => {
    const shape = attrs!.shape as Shape;
    const out = new Float64Array(sizeOf(shape));
    const offs = offsets(shape, selOf(attrs).sel);
    const src = data(g);
    for (let k = 0; k < offs.length; k++) out[offs[k]] += src[k];
    return valueOf(shape, out);
  },
  vjp: (b, { g, attrs }) => [b.apply('index', [g], { sel: selOf(attrs).sel, drop: selOf(attrs).drop })],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('index_scatter', [d], attrs)),
  // Written with selection matrices for a vector or matrix: Eᵀg, or Rᵀ·G·C.
  callable: (b, [g], attrs, constant) => {
    const shape = attrs!.shape as Shape;
    const { sel, drop } = selOf(attrs);
    const pick = (d: number) => {
      const m = Tensor.zeros([shape[d], sel[d].length]);
      sel[d].forEach((i, k) => (m.data[i * sel[d].length + k] += 1));
      return constant(m);
    };
    if (shape.length === 1) return drop[0] ? b.mul(g, b.op('matmul', pick(0), constant(Tensor.filled([1], 1))))! : b.op('matmul', pick(0), g);
    if (shape.length !== 2) throw new CgError('unsupported', `cannot write the gradient of an index into a tensor of ${shape.length} dimensions in cg's syntax yet`);
    // G with both dimensions (a dropped one of length 1).
    let G = g;
    if (drop[0] && drop[1]) G = b.apply('stack', [b.apply('stack', [g])]);
    else if (drop[0]) G = b.apply('stack', [g]);
    else if (drop[1]) G = b.op('transpose', b.apply('stack', [g]));
    return b.op('matmul', b.op('matmul', pick(0), G), b.op('transpose', pick(1)));
  },
  sample: { shapes: [[3]], attrs: { sel: [[2], [0, 3, 3]], drop: [true, false], shape: [3, 4] } },
});

/** `size(A)`: mathjs's vector of dimensions (a constant: no derivative). */
export const size = defineOp({
  name: 'size',
  arity: 1,
  shape: ([a]) => [a.length],
  eval: ([a]) => (typeof a === 'number' ? new Tensor([0], new Float64Array(0)) : Tensor.from(a.shape) as Value),
  vjp: () => [undefined],
  jvp: () => undefined,
  sample: { shapes: [[2, 3]] },
});

function wholeNumbers(v: Value, what: string): number[] {
  const d = Array.from(data(v));
  for (const x of d) if (!Number.isInteger(x)) throw new CgError('value', `${what} must be whole numbers, got ${x}`);
  return d;
}

/** reshape(A, [dims]) (row-major, as mathjs); flatten and squeeze are reshapes. */
export const reshape = defineOp({
  name: 'reshape',
  arity: 2,
  print: {
    text: (c) => ({ prec: PREC.atom, pieces: ['reshape(', ref(0, 0), `, [${(c.attrs!.shape as number[]).join(', ')}])`] }),
    term: ([a], attrs) => ({ text: `reshape(${a.text}, [${(attrs!.shape as number[]).join(', ')}])`, prec: PREC.atom }),
  },
  call: (b, [a, s]) => {
    const dims = wholeNumbers(constantArg(b, s, 'the shape of reshape'), 'the dimensions of reshape');
    if (sizeOf(dims) !== sizeOf(b.shape(a))) {
      throw new CgError('shape', `cannot reshape ${fmtShape(b.shape(a))} (${sizeOf(b.shape(a))} entries) to [${dims.join(', ')}]`);
    }
    return b.apply('reshape', [a], { shape: dims });
  },
  shape: ([a], attrs) => {
    const to = attrs!.shape as Shape;
    if (sizeOf(to) !== sizeOf(a)) throw new Error(`cannot reshape ${fmtShape(a)} to ${fmtShape(to)}`);
    return to;
  },
  eval: ([a], attrs) => valueOf(attrs!.shape as Shape, Float64Array.from(data(a))),
  vjp: (b, { x: [a], g }) => [b.apply('reshape', [g], { shape: b.shape(a) })],
  jvp: (b, { dx: [d], attrs }) => (d === undefined ? undefined : b.apply('reshape', [d], attrs)),
  sample: { shapes: [[2, 3]], attrs: { shape: [3, 2] } },
});

export const flatten = defineOp({
  ...reshape,
  name: 'flatten',
  arity: 1,
  print: undefined,
  call: (b, [a]) => b.apply('reshape', [a], { shape: [sizeOf(b.shape(a))] }),
  sample: { shapes: [[2, 3]], attrs: { shape: [6] } },
});

/** squeeze(A): without its dimensions of length 1. */
export const squeeze = defineOp({
  ...reshape,
  name: 'squeeze',
  arity: 1,
  print: undefined,
  call: (b, [a]) => {
    const s = b.shape(a).filter((d) => d !== 1);
    return s.length === b.shape(a).length ? a : b.apply('reshape', [a], { shape: s });
  },
  sample: { shapes: [[1, 3]], attrs: { shape: [3] } },
});

/** A selection of whole dimensions except `dim`, which takes `from..from+len-1`. */
function slab(shape: Shape, dim: number, from: number, len: number): Selection {
  return {
    sel: shape.map((n, d) => Array.from({ length: d === dim ? len : n }, (_, k) => (d === dim ? from + k : k))),
    drop: shape.map(() => false),
  };
}

/** concat(a, b, ..., dim): along dim (1-based; the last dimension when not given), as mathjs. */
export const concat = defineOp({
  name: 'concat',
  arity: [1, Infinity],
  print: {
    text: (c) => {
      const pieces: (string | ReturnType<typeof ref>)[] = ['concat('];
      for (let k = 0; k < c.arity; k++) pieces.push(...(k ? [', '] : []), ref(k, 0));
      pieces.push(`, ${(c.attrs!.dim as number) + 1})`);
      return { prec: PREC.atom, pieces };
    },
  },
  call: (b, args) => {
    let dim: number | undefined;
    const last = args[args.length - 1];
    if (args.length > 1 && b.shape(last).length === 0) {
      const d = constantArg(b, last, 'the dimension of concat');
      dim = (d as number) - 1;
      args = args.slice(0, -1);
    }
    const rank = b.shape(args[0]).length;
    if (rank === 0) throw new CgError('shape', 'concat joins vectors or matrices, not scalars');
    dim ??= rank - 1;
    if (!Number.isInteger(dim) || dim < 0 || dim >= rank) throw new CgError('value', `concat's dimension must be 1..${rank}, got ${dim + 1}`);
    return b.apply('concat', args, { dim });
  },
  shape: (shapes, attrs) => {
    const dim = attrs!.dim as number;
    const first = shapes[0];
    let total = 0;
    for (const s of shapes) {
      if (s.length !== first.length || s.some((n, d) => d !== dim && n !== first[d])) {
        throw new Error(`cannot concatenate ${shapes.map(fmtShape).join(' and ')} along dimension ${dim + 1}`);
      }
      total += s[dim];
    }
    return first.map((n, d) => (d === dim ? total : n));
  },
  eval: (xs, attrs) => {
    const dim = attrs!.dim as number;
    const shapes = xs.map((x) => (x as Tensor).shape);
    const out = concat.shape(shapes, attrs);
    const res = new Float64Array(sizeOf(out));
    let at = 0;
    xs.forEach((x, k) => {
      const offs = offsets(out, slab(out, dim, at, shapes[k][dim]).sel);
      const src = data(x);
      for (let i = 0; i < offs.length; i++) res[offs[i]] = src[i];
      at += shapes[k][dim];
    });
    return new Tensor(out, res);
  },
  vjp: (b, { x, g, attrs, needs }) => {
    const dim = attrs!.dim as number;
    const out = b.shape(g);
    let at = 0;
    return x.map((xi, k) => {
      const len = b.shape(xi)[dim];
      const part = needs[k] ? b.apply('index', [g], slab(out, dim, at, len) as unknown as Attrs) : undefined;
      at += len;
      return part;
    });
  },
  jvp: (b, { x, dx, attrs }) => {
    if (dx.every((d) => d === undefined)) return undefined;
    // A missing tangent is zeros of its input's shape: 0·x.
    return b.apply('concat', dx.map((d, k) => d ?? b.mul(0.0, x[k]) ?? b.op('sub', x[k], x[k])), attrs);
  },
  sample: { shapes: [[2, 3], [2, 2]], attrs: { dim: 1 } },
});

/** diag(v): the square matrix with v on its diagonal; diag(A) of a square matrix: its diagonal. */
export const diag = defineOp({
  name: 'diag',
  arity: 1,
  shape: ([a]) => {
    if (a.length === 1) return [a[0], a[0]];
    if (a.length === 2 && a[0] === a[1]) return [a[0]];
    throw new Error(`diag takes a vector or a square matrix, got ${fmtShape(a)}`);
  },
  eval: ([a]) => {
    const t = a as Tensor;
    const n = t.shape[0];
    if (t.shape.length === 1) {
      const out = Tensor.zeros([n, n]);
      for (let i = 0; i < n; i++) out.data[i * n + i] = t.data[i];
      return out;
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = t.data[i * n + i];
    return new Tensor([n], out);
  },
  vjp: (b, { g }) => [b.op('diag', g)],
  jvp: (b, { dx: [d] }) => (d === undefined ? undefined : b.op('diag', d)),
  sample: { shapes: [[3]] },
  moreSamples: [[[3, 3]]],
});

/** The selection `row(A, i)` / `column(A, j)` make: mathjs keeps the matrix shape (1×n, m×1). */
function lineOf(which: 'row' | 'column') {
  return defineOp({
    ...index,
    name: which,
    internal: false,
    print: undefined,
    arity: 2,
    call: (b, [a, i]) => {
      const s = b.shape(a);
      if (s.length !== 2) throw new CgError('shape', `${which} takes a matrix, got ${fmtShape(s)}`);
      const k = wholeNumbers(constantArg(b, i, `the ${which} number`), `the ${which} number`)[0] - 1;
      const d = which === 'row' ? 0 : 1;
      if (k < 0 || k >= s[d]) throw new CgError('value', `${which} ${k + 1} is out of range 1..${s[d]}`);
      const sel = s.map((n, dd) => (dd === d ? [k] : Array.from({ length: n }, (_, j) => j)));
      return b.apply('index', [a], { sel, drop: [false, false] });
    },
    sample: { shapes: [[3, 4]], attrs: { sel: [[1], [0, 1, 2, 3]], drop: [false, false] } },
    moreSamples: undefined,
  });
}

export const row = lineOf('row');
export const column = lineOf('column');
