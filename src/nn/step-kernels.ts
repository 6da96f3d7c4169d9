/** The closures the training executor's steps run: one kernel per node, chosen by op and operand layout. */
import type { Graph, Node } from '../graph/graph.js';
import { bceLogitsKernel, logsumexpRowsKernel, mseKernel, softmaxCrossEntropyKernel, softmaxRowsKernel } from '../native/loss-kernels.js';
import { indexMap, sizeOf, Tensor, type Shape, type Value } from '../graph/tensor.js';
import { gemm, nativeElementwise } from '../native/index.js';
import { BINARY, fillRows, genericBinary, genericUnary, sumColsInto, sumRowsInto, total, UNARY, type FloatArray } from './kernels.js';
import { ACT_OF } from './fusion.js';

export type DType = 'float32' | 'float64';

export function allocate(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** How an operand of size `n` maps onto an output of shape `out`. */
export type Layout =
  | { kind: 'same' }
  | { kind: 'scalar' }
  | { kind: 'tile'; p: number } // repeats with period p: a row vector under a matrix
  | { kind: 'spread'; q: number } // each entry covers q consecutive outputs: a column
  | { kind: 'map'; map: Int32Array };

export function layoutOf(src: Shape, out: Shape): Layout {
  const ns = sizeOf(src);
  const no = sizeOf(out);
  if (ns === no) return { kind: 'same' };
  if (ns === 1) return { kind: 'scalar' };
  const r = out.length;
  const s: number[] = [...new Array<number>(r - src.length).fill(1), ...src];
  // Tile: the leading axes of src are 1, the rest equal to out's.
  let lead = 0;
  while (lead < r && s[lead] === 1 && out[lead] !== 1) lead++;
  if (s.slice(lead).every((d, i) => d === out[lead + i])) return { kind: 'tile', p: ns };
  // Spread: the trailing axes of src are 1, the rest equal to out's.
  let tail = r;
  while (tail > 0 && s[tail - 1] === 1) tail--;
  if (s.slice(0, tail).every((d, i) => d === out[i])) return { kind: 'spread', q: no / ns };
  return { kind: 'map', map: indexMap(out, s) };
}

/** Below this many entries, vector work stays in plain loops even when gemm is native. */
export const GEMM_VECTOR_MIN = 4096;

export const isTransposed = (n: Node) => n.op === 'transpose' && n.shape.length === 2;

export type Buf = (id: number) => FloatArray;

/**
 * C = alpha·value + beta·C for a node computed by gemm (a matmul, or a column sum as ones·A),
 * straight into C; undefined for any other node.
 */
export function accumulateKernel(
  g: Graph, n: Node, buf: Buf, acc: { into: FloatArray; alpha: number; beta: number }, gemmVectors: boolean, dtype: DType,
): (() => void) | undefined {
  if (n.op === 'matmul') return matmulKernel(g, n, buf, acc.into, undefined, acc.alpha, acc.beta);
  if (n.op !== 'sum_to') return undefined;
  const src = g.nodes[n.inputs[0]];
  const l = layoutOf(n.shape, src.shape);
  if (l.kind !== 'tile') return undefined;
  const a = buf(src.id);
  const p = l.p;
  const rows = a.length / p;
  const { into, alpha, beta } = acc;
  if (gemmVectors && a.length >= GEMM_VECTOR_MIN) {
    const ones = allocate(dtype, rows).fill(1);
    return () => gemm(false, false, 1, p, rows, alpha, ones, rows, a, p, beta, into, p);
  }
  return () => {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += a[r * p + j];
      into[j] = beta * into[j] + alpha * s;
    }
  };
}

/** The kernel that computes node n into `out`. */
export function kernelFor(g: Graph, n: Node, buf: Buf, out: FloatArray, dtype: DType, gemmVectors: boolean): () => void {
  const nodes = g.nodes;
  const size = out.length;
  const ins = n.inputs;
  switch (n.op) {
    case 'matmul':
      return matmulKernel(g, n, buf, out);
    case 'transpose': {
      const a = buf(ins[0]);
      const s = nodes[ins[0]].shape;
      if (s.length < 2) return () => out.set(a);
      const [r, c] = s;
      return () => {
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
      };
    }
    case 'sum_to':
      return reduceKernel(buf(ins[0]), nodes[ins[0]].shape, out, n.shape, gemmVectors ? dtype : undefined);
    case 'broadcast_to':
      return broadcastKernel(buf(ins[0]), nodes[ins[0]].shape, out, n.shape);
    case 'sum': {
      if (ins.length !== 1) break;
      const a = buf(ins[0]);
      const m = a.length;
      return () => {
        out[0] = total(a, m);
      };
    }
    case 'mean': {
      const a = buf(ins[0]);
      const m = a.length;
      return () => {
        out[0] = total(a, m) / m;
      };
    }
    case 'softmax_rows': {
      const a = buf(ins[0]);
      const [rows, cols] = rowsCols(n.shape);
      return () => softmaxRowsKernel(a, out, rows, cols);
    }
    case 'logsumexp_rows': {
      const a = buf(ins[0]);
      const [rows, cols] = rowsCols(nodes[ins[0]].shape);
      return () => logsumexpRowsKernel(a, out, rows, cols);
    }
    case 'softmax_cross_entropy': {
      const [z, y] = [buf(ins[0]), buf(ins[1])];
      const [rows, cols] = rowsCols(nodes[ins[0]].shape);
      return () => {
        out[0] = softmaxCrossEntropyKernel(z, y, rows, cols);
      };
    }
    case 'mse': {
      const [p, t] = [buf(ins[0]), buf(ins[1])];
      const m = p.length;
      return () => {
        out[0] = mseKernel(p, t, m);
      };
    }
    case 'bce_logits': {
      const [z, y] = [buf(ins[0]), buf(ins[1])];
      const m = z.length;
      return () => {
        out[0] = bceLogitsKernel(z, y, m);
      };
    }
  }
  const def = n.def!;
  if (def.scalar && def.broadcasts !== false && ins.length === 1) {
    const a = buf(ins[0]);
    const act = ACT_OF[n.op];
    const nat = act !== undefined ? nativeElementwise(size) : undefined;
    if (nat) return () => nat.act(act!, a, out, size);
    const loop = UNARY[n.op] ?? genericUnary(def.scalar);
    return () => loop(a, out, size);
  }
  if (def.scalar && ins.length === 2) return binaryKernel(def.name, def.scalar, buf(ins[0]), nodes[ins[0]].shape, buf(ins[1]), nodes[ins[1]].shape, out, n.shape, dtype);
  return evalKernel(g, n, buf, out);
}

export function rowsCols(s: Shape): [number, number] {
  return s.length === 2 ? [s[0], s[1]] : [1, s[s.length - 1] ?? 1];
}

/**
 * gemm with transposes absorbed; mathjs's vector cases map onto 1-row or 1-column matrices.
 * With `bias`, C starts as the bias in every row and gemm adds the product (beta = 1).
 */
export function matmulKernel(g: Graph, n: Node, buf: Buf, out: FloatArray, bias?: FloatArray, alpha = 1, beta = 0): () => void {
  const nodes = g.nodes;
  const [pn, qn] = n.inputs.map((j) => nodes[j]);
  const tA = isTransposed(pn);
  const tB = isTransposed(qn);
  const A = buf(tA ? pn.inputs[0] : pn.id);
  const B = buf(tB ? qn.inputs[0] : qn.id);
  const sp = pn.shape;
  const sq = qn.shape;
  const m = sp.length === 2 ? sp[0] : 1;
  const k = sp[sp.length - 1];
  const nn = sq.length === 2 ? sq[1] : 1;
  // Leading dimensions of the stored matrices: op(A) is m×k (stored k×m when transposed).
  const lda = tA ? m : k;
  const ldb = tB ? k : nn;
  if (bias) {
    return () => {
      fillRows(out, bias, m, nn);
      gemm(tA, tB, m, nn, k, 1, A, lda, B, ldb, 1, out, nn);
    };
  }
  return () => gemm(tA, tB, m, nn, k, alpha, A, lda, B, ldb, beta, out, nn);
}

export function binaryKernel(
  name: string, f: (p: number, q: number) => number,
  a: FloatArray, sa: Shape, b: FloatArray, sb: Shape, out: FloatArray, so: Shape, dtype: DType,
): () => void {
  const L = BINARY[name] ?? genericBinary(f);
  const la = layoutOf(sa, so);
  const lb = layoutOf(sb, so);
  const size = out.length;
  const { vv, vs, sv } = L;
  if (la.kind === 'same' && lb.kind === 'same') return () => vv(a, 0, b, 0, out, 0, size);
  if (la.kind === 'scalar' && lb.kind === 'scalar') return () => vs(a, 0, b[0], out, 0, size);
  if (la.kind === 'same' && lb.kind === 'scalar') return () => vs(a, 0, b[0], out, 0, size);
  if (la.kind === 'scalar' && lb.kind === 'same') return () => sv(a[0], b, 0, out, 0, size);
  if (la.kind === 'same' && lb.kind === 'tile') {
    const p = lb.p;
    return () => {
      for (let o = 0; o < size; o += p) vv(a, o, b, 0, out, o, p);
    };
  }
  if (la.kind === 'tile' && lb.kind === 'same') {
    const p = la.p;
    return () => {
      for (let o = 0; o < size; o += p) vv(a, 0, b, o, out, o, p);
    };
  }
  if (la.kind === 'same' && lb.kind === 'spread') {
    const q = lb.q;
    return () => {
      for (let r = 0, o = 0; o < size; r++, o += q) vs(a, o, b[r], out, o, q);
    };
  }
  if (la.kind === 'spread' && lb.kind === 'same') {
    const q = la.q;
    return () => {
      for (let r = 0, o = 0; o < size; r++, o += q) sv(a[r], b, o, out, o, q);
    };
  }
  // Anything else: expand the broadcast operands into scratch buffers first.
  const expand = (x: FloatArray, sx: Shape, l: Layout): [FloatArray, () => void] => {
    if (l.kind === 'same') return [x, () => {}];
    const t = allocate(dtype, size);
    if (l.kind === 'scalar') return [t, () => t.fill(x[0])];
    const map = indexMap(so, sx);
    return [
      t,
      () => {
        for (let i = 0; i < size; i++) t[i] = x[map[i]];
      },
    ];
  };
  const [ea, fa] = expand(a, sa, la);
  const [eb, fb] = expand(b, sb, lb);
  return () => {
    fa();
    fb();
    vv(ea, 0, eb, 0, out, 0, size);
  };
}

/** sum_to: the adjoint of broadcasting, summed back down to `so`. */
export function reduceKernel(a: FloatArray, sa: Shape, out: FloatArray, so: Shape, gemmDtype?: DType): () => void {
  const l = layoutOf(so, sa);
  const n = a.length;
  switch (l.kind) {
    case 'same':
      return () => out.set(a);
    case 'scalar':
      return () => {
        out[0] = total(a, n);
      };
    case 'tile': {
      const p = l.p;
      const rows = n / p;
      if (gemmDtype && n >= GEMM_VECTOR_MIN) {
        // Column sums as the product ones(1×rows)·A.
        const ones = allocate(gemmDtype, rows).fill(1);
        return () => gemm(false, false, 1, p, rows, 1, ones, rows, a, p, 0, out, p);
      }
      return () => sumRowsInto(a, out, rows, p);
    }
    case 'spread': {
      const q = l.q;
      return () => sumColsInto(a, out, n / q, q);
    }
    case 'map': {
      const map = l.map;
      return () => {
        out.fill(0);
        for (let i = 0; i < n; i++) out[map[i]] += a[i];
      };
    }
  }
}

/** broadcast_to: repeat `a` up to `so`. */
export function broadcastKernel(a: FloatArray, sa: Shape, out: FloatArray, so: Shape): () => void {
  const l = layoutOf(sa, so);
  const n = out.length;
  switch (l.kind) {
    case 'same':
      return () => out.set(a);
    case 'scalar':
      return () => out.fill(a[0]);
    case 'tile': {
      const p = l.p;
      return () => {
        for (let o = 0; o < n; o += p) for (let j = 0; j < p; j++) out[o + j] = a[j];
      };
    }
    case 'spread': {
      const q = l.q;
      return () => {
        for (let r = 0, o = 0; o < n; r++, o += q) out.fill(a[r], o, o + q);
      };
    }
    case 'map': {
      const map = l.map;
      return () => {
        for (let i = 0; i < n; i++) out[i] = a[map[i]];
      };
    }
  }
}

/** Any other op: through its eval on float64 Tensors (allocates; no MLP needs it). */
export function evalKernel(g: Graph, n: Node, buf: Buf, out: FloatArray): () => void {
  const def = n.def!;
  const ins = n.inputs.map((j) => ({ b: buf(j), shape: g.nodes[j].shape }));
  return () => {
    const xs: Value[] = ins.map(({ b, shape }) => (shape.length === 0 ? b[0] : new Tensor(shape, Float64Array.from(b))));
    const v = def.eval(xs, n.attrs);
    if (typeof v === 'number') out.fill(v);
    else out.set(v.data);
  };
}
