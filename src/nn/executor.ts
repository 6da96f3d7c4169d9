/**
 * The training executor: a Graph (a model, with its gradient built into it as nodes by the
 * op table's own vjp rules) compiled once into a flat list of kernel calls on preallocated
 * Float32Array or Float64Array buffers. Running it allocates nothing: every step is the same
 * calls on the same buffers.
 *
 * What compiling does, node by node (ids are a topological order):
 * - only nodes the requested outputs need are kept;
 * - `matmul(transpose(A), B)` and `matmul(A, transpose(B))` become one gemm call with the
 *   transpose flag (the rules write transposes; they are never materialised);
 * - `add(matmul(A, B), bias)` is one gemm onto rows prefilled with the bias (beta = 1);
 * - `mul(1, x)` (the seed of the sweep) is an alias, not a pass;
 * - the derivative rules' commonest products (g·sign(y), g·(1 - y²), g·y·(1 - y)) run as one
 *   fused loop (the inner nodes are then not computed unless something else reads them);
 * - elementwise ops broadcast by layout (same, scalar, row vector, column, general index map),
 *   with loops from kernels.ts or, for ops without one, the op's `scalar` function;
 * - the loss ops run the same loops as their `eval` (src/graph/ops/loss-kernels.ts);
 * - gradients may be folded into an optimizer update (`accumulate`), written by their gemm
 *   straight into the weights or the velocity;
 * - any other op runs through its `eval` on Tensors: correct, allocating, never in an MLP.
 * Every rewrite is checked against the generic engines in tests/nn/executor.test.ts.
 */
import type { Graph, Node } from '../graph/graph.js';
import {
  bceLogitsKernel,
  logsumexpRowsKernel,
  mseKernel,
  softmaxCrossEntropyKernel,
  softmaxRowsKernel,
} from '../graph/ops/loss-kernels.js';
import { indexMap, sameShape, sizeOf, Tensor, type Shape, type Value } from '../graph/tensor.js';
import { ACT, gemm, getBackend, nativeElementwise, setBackend, type ActKind } from '../native/index.js';
import {
  BINARY,
  fillRows,
  FUSED,
  genericBinary,
  genericUnary,
  hasNonFinite,
  sumColsInto,
  sumRowsInto,
  total,
  UNARY,
  type FloatArray,
} from './kernels.js';

export type { FloatArray } from './kernels.js';
export type DType = 'float32' | 'float64';

export function allocate(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

export interface Step {
  /** The node whose buffer the kernel writes. */
  node: number;
  run: () => void;
}

export interface Program {
  readonly dtype: DType;
  readonly graph: Graph;
  /** Run every kernel once, in order. */
  run(): void;
  /**
   * Apply the updates folded into gradient kernels (`accumulate`): call after run(), once
   * the step's loss has been checked.
   */
  update(): void;
  /** The buffer holding node `id`'s value (a variable's buffer is where to write its value). */
  buffer(id: number): FloatArray;
  /** Node `id`'s value when it is a scalar. */
  scalar(id: number): number;
  readonly steps: readonly Step[];
  /**
   * After run(): the first node whose value holds a NaN or an infinity (a variable first,
   * then in execution order), or undefined. Buffers are never shared between nodes, so
   * each still holds this step's value.
   */
  firstNonFinite(): number | undefined;
}

export interface CompileOptions {
  dtype: DType;
  /** Buffers to use for variables, by name (parameters shared between programs). */
  bind?: ReadonlyMap<string, FloatArray>;
  /** Buffers to write these output nodes into (gradients shared between programs). */
  into?: ReadonlyMap<number, FloatArray>;
  /**
   * Nodes (gradients) to fold into an update instead: update() does C = alpha·value + beta·C
   * on `into`. A gradient made by gemm (∂W = Xᵀ·G, ∂b = 1ᵀ·G) is computed straight into C
   * then, and never stored: SGD's w = (1 - lr·wd)·w - lr·∂w is one gemm per parameter.
   */
  accumulate?: ReadonlyMap<number, { into: FloatArray; alpha: number; beta: number }>;
  /** Skip the fused loops (to test that they agree with the plain ones). */
  noFusion?: boolean;
  /**
   * Run vector work through gemm too (bias gradients as ones·G): worth it when gemm is the
   * BLAS addon, a loss when it is the TypeScript kernel. See `gemmIsNative`.
   */
  gemmVectors?: boolean;
}

/** How an operand of size `n` maps onto an output of shape `out`. */
type Layout =
  | { kind: 'same' }
  | { kind: 'scalar' }
  | { kind: 'tile'; p: number } // repeats with period p: a row vector under a matrix
  | { kind: 'spread'; q: number } // each entry covers q consecutive outputs: a column
  | { kind: 'map'; map: Int32Array };

function layoutOf(src: Shape, out: Shape): Layout {
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

const isOne = (n: Node) => n.op === 'const' && n.value === 1;
const isTransposed = (n: Node) => n.op === 'transpose' && n.shape.length === 2;

export function compile(g: Graph, outputs: readonly number[], opts: CompileOptions): Program {
  const { dtype } = opts;
  const nodes = g.nodes;
  const N = nodes.length;
  const alias = new Int32Array(N).fill(-1);
  const target = (id: number): number => (alias[id] >= 0 ? alias[id] : id);

  // Which nodes a node reads, once transposes under a matmul are absorbed and mul(1, x) is x.
  for (const n of nodes) {
    if (n.op === 'mul' && sameShape(n.shape, nodes[n.inputs[1]].shape) && isOne(nodes[n.inputs[0]])) alias[n.id] = n.inputs[1];
    else if (n.op === 'mul' && sameShape(n.shape, nodes[n.inputs[0]].shape) && isOne(nodes[n.inputs[1]])) alias[n.id] = n.inputs[0];
  }
  for (let i = 0; i < N; i++) if (alias[i] >= 0) alias[i] = target(alias[i]);
  const reads = (n: Node): number[] => {
    if (alias[n.id] >= 0) return [alias[n.id]];
    if (n.op === 'matmul') return n.inputs.map((j) => (isTransposed(nodes[j]) ? nodes[j].inputs[0] : j));
    return [...n.inputs];
  };

  // Fusion candidates: mul(g, inner) with inner = sign(y) | sub(1, square(y)) | mul(y, sub(1, y)).
  // The fused loop computes the product itself, so the inner nodes are needed only if
  // something else reads them.
  const fused = new Map<number, { g: number; y: number; act: ActKind; loop: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => void }>();
  if (!opts.noFusion) {
    for (const n of nodes) {
      if (n.op !== 'mul' || alias[n.id] >= 0) continue;
      for (const side of [0, 1]) {
        const gId = n.inputs[1 - side];
        const inner = nodes[n.inputs[side]];
        if (!sameShape(nodes[gId].shape, n.shape) || !sameShape(inner.shape, n.shape)) continue;
        const m = matchDerivative(g, inner);
        if (m) {
          fused.set(n.id, { g: gId, y: m.y, act: m.act, loop: m.loop });
          break;
        }
      }
    }
  }
  // add(matmul(A, B), bias): gemm with beta = 1 onto rows prefilled with the bias.
  const biasGemm = new Map<number, { mm: Node; bias: number }>();
  if (!opts.noFusion) {
    for (const n of nodes) {
      if (n.op !== 'add' || n.shape.length !== 2) continue;
      for (const side of [0, 1]) {
        const mm = nodes[n.inputs[side]];
        const bias = nodes[n.inputs[1 - side]];
        if (mm.op === 'matmul' && sameShape(mm.shape, n.shape) && bias.shape.length === 1 && bias.shape[0] === n.shape[1]) {
          biasGemm.set(n.id, { mm, bias: bias.id });
          break;
        }
      }
    }
  }
  // act(add(matmul(A, B), bias)) where nothing else reads the add, with native kernels: the
  // add's step is the gemm alone, and the activation's step adds the bias into the add's
  // buffer and applies the activation in the same pass (the add stays stored, so a NaN
  // there is still found there).
  const biasAct = new Map<number, { add: number; bias: number; act: ActKind }>();
  const productOnly = new Set<number>();
  if (!opts.noFusion) {
    const readers = new Int32Array(N);
    for (const n of nodes) for (const j of n.inputs) readers[j]++;
    for (const id of outputs) readers[id]++;
    for (const n of nodes) {
      const act = ACT_OF[n.op];
      const add = n.inputs[0];
      const bg = act !== undefined && n.inputs.length === 1 ? biasGemm.get(add) : undefined;
      if (bg && readers[add] === 1 && alias[add] < 0 && !opts.into?.has(add) && !opts.accumulate?.has(add) && nativeElementwise(sizeOf(n.shape))) {
        biasAct.set(n.id, { add, bias: bg.bias, act: act! });
        productOnly.add(add);
      }
    }
  }
  const readsOf = (n: Node): number[] => {
    const f = fused.get(n.id);
    if (f) return [f.g, f.y];
    const ba = biasAct.get(n.id);
    if (ba) return [ba.add, ba.bias];
    const bg = biasGemm.get(n.id);
    if (bg) return [...reads(bg.mm), bg.bias];
    return reads(n);
  };

  // Nodes the outputs need.
  const need = new Uint8Array(N);
  const stack = outputs.map(target);
  while (stack.length) {
    const id = stack.pop()!;
    if (need[id]) continue;
    need[id] = 1;
    for (const j of readsOf(nodes[id])) if (!need[j]) stack.push(j);
  }
  // Nodes another kept node reads (a folded gradient must not be one: it is never stored).
  const read = new Uint8Array(N);
  for (let i = 0; i < N; i++) if (need[i]) for (const j of readsOf(nodes[i])) read[j] = 1;
  const buf: (FloatArray | undefined)[] = new Array(N);
  const steps: Step[] = [];
  const updates: Step[] = [];
  for (let id = 0; id < N; id++) {
    if (!need[id]) continue;
    const n = nodes[id];
    const size = sizeOf(n.shape);
    if (n.op === 'var') {
      const bound = opts.bind?.get(n.name!);
      if (bound && bound.length !== size) throw new Error(`buffer for ${n.name} has ${bound.length} entries, the graph needs ${size}`);
      if (bound && (bound instanceof Float32Array) !== (dtype === 'float32')) throw new Error(`buffer for ${n.name} is not ${dtype}`);
      buf[id] = bound ?? allocate(dtype, size);
      continue;
    }
    if (n.op === 'const') {
      const b = allocate(dtype, size);
      if (typeof n.value === 'number') b.fill(n.value);
      else b.set((n.value as Tensor).data);
      buf[id] = b;
      continue;
    }
    const acc = opts.accumulate?.get(id);
    if (acc) {
      if (acc.into.length !== size) throw new Error(`update buffer for node ${id} has ${acc.into.length} entries, the graph needs ${size}`);
      const direct = read[id] ? undefined : accumulateKernel(g, n, (j) => buf[target(j)]!, acc, opts.gemmVectors === true, dtype);
      if (direct) {
        updates.push({ node: id, run: direct });
        continue;
      }
    }
    const given = opts.into?.get(id);
    if (given && given.length !== size) throw new Error(`output buffer for node ${id} has ${given.length} entries, the graph needs ${size}`);
    const out = given ?? allocate(dtype, size);
    buf[id] = out;
    const f = fused.get(id);
    if (f) {
      const gb = buf[f.g]!;
      const yb = buf[f.y]!;
      const { loop, act } = f;
      const nat = nativeElementwise(size);
      steps.push({ node: id, run: nat ? () => nat.actBackward(act, gb, yb, out, size) : () => loop(gb, yb, out, size) });
      continue;
    }
    const ba = biasAct.get(id);
    if (ba) {
      const nat = nativeElementwise(size)!;
      const [pre, bias, act] = [buf[ba.add]!, buf[ba.bias]!, ba.act];
      const rows = size / bias.length;
      steps.push({ node: id, run: () => nat.biasAct(act, pre, bias, rows, bias.length, out) });
      continue;
    }
    const bg = biasGemm.get(id);
    if (bg && productOnly.has(id)) {
      steps.push({ node: id, run: matmulKernel(g, bg.mm, (j) => buf[target(j)]!, out) });
      continue;
    }
    if (bg) {
      steps.push({ node: id, run: matmulKernel(g, bg.mm, (j) => buf[target(j)]!, out, buf[bg.bias]!) });
      continue;
    }
    steps.push({ node: id, run: kernelFor(g, n, (j) => buf[target(j)]!, out, dtype, opts.gemmVectors === true) });
  }
  for (let i = 0; i < N; i++) if (alias[i] >= 0 && need[alias[i]]) buf[i] = buf[alias[i]];
  // Folded gradients that are not a gemm: computed as usual, then added in by a loop.
  for (const [id, acc] of opts.accumulate ?? []) {
    const src = buf[id];
    if (!src) continue;
    const { into, alpha, beta } = acc;
    updates.push({
      node: id,
      run: () => {
        for (let i = 0; i < into.length; i++) into[i] = beta * into[i] + alpha * src[i];
      },
    });
  }
  // Requested outputs that no kernel of ours writes (aliases, variables): copy them over.
  for (const [id, into] of opts.into ?? []) {
    const src = buf[id];
    if (src && src !== into) {
      steps.push({ node: id, run: () => into.set(src) });
      buf[id] = into;
    }
  }

  const runs = steps.map((s) => s.run);
  const ups = updates.map((s) => s.run);
  const program: Program = {
    dtype,
    graph: g,
    steps,
    run() {
      for (let i = 0; i < runs.length; i++) runs[i]();
    },
    update() {
      for (let i = 0; i < ups.length; i++) ups[i]();
    },
    buffer(id) {
      const b = buf[id];
      if (!b) throw new Error(`node ${id} (${nodes[id].op}) is not computed by this program`);
      return b;
    },
    scalar(id) {
      return program.buffer(id)[0];
    },
    firstNonFinite() {
      for (let id = 0; id < N; id++) if (need[id] && nodes[id].op === 'var' && hasNonFinite(buf[id]!)) return id;
      for (const s of steps) if (hasNonFinite(buf[s.node]!)) return s.node;
      return undefined;
    },
  };
  return program;
}

/** g·y' for the activations whose derivative rule is a function of the output y. */
function matchDerivative(
  g: Graph,
  inner: Node,
): { y: number; act: ActKind; loop: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => void } | undefined {
  const nodes = g.nodes;
  const isConst = (id: number, v: number) => nodes[id].op === 'const' && nodes[id].value === v;
  // relu: sign(y), with y = relu(x) ≥ 0 (or any y)
  if (inner.op === 'sign') {
    const relu = nodes[inner.inputs[0]].op === 'relu';
    return { y: inner.inputs[0], act: relu ? ACT.relu : ACT.sign, loop: relu ? FUSED.mulPositive : FUSED.mulSign };
  }
  // tanh: sub(1, square(y))
  if (inner.op === 'sub' && isConst(inner.inputs[0], 1)) {
    const sq = nodes[inner.inputs[1]];
    if (sq.op === 'square' && sameShape(sq.shape, inner.shape)) return { y: sq.inputs[0], act: ACT.tanh, loop: FUSED.mulOneMinusSquare };
  }
  // sigmoid: mul(y, sub(1, y))
  if (inner.op === 'mul') {
    const [a, b] = inner.inputs;
    const s = nodes[b];
    if (s.op === 'sub' && isConst(s.inputs[0], 1) && s.inputs[1] === a && sameShape(nodes[a].shape, inner.shape)) {
      return { y: a, act: ACT.sigmoid, loop: FUSED.mulYOneMinusY };
    }
  }
  return undefined;
}

type Buf = (id: number) => FloatArray;

/**
 * C = alpha·value + beta·C for a node computed by gemm (a matmul, or a column sum as ones·A),
 * straight into C; undefined for any other node.
 */
function accumulateKernel(
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
function kernelFor(g: Graph, n: Node, buf: Buf, out: FloatArray, dtype: DType, gemmVectors: boolean): () => void {
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

function rowsCols(s: Shape): [number, number] {
  return s.length === 2 ? [s[0], s[1]] : [1, s[s.length - 1] ?? 1];
}

/**
 * gemm with transposes absorbed; mathjs's vector cases map onto 1-row or 1-column matrices.
 * With `bias`, C starts as the bias in every row and gemm adds the product (beta = 1).
 */
function matmulKernel(g: Graph, n: Node, buf: Buf, out: FloatArray, bias?: FloatArray, alpha = 1, beta = 0): () => void {
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

/** Activations with a fused bias kernel (and a native forward), by op name. */
const ACT_OF: Record<string, ActKind | undefined> = { relu: ACT.relu, tanh: ACT.tanh, sigmoid: ACT.sigmoid };

function binaryKernel(
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
function reduceKernel(a: FloatArray, sa: Shape, out: FloatArray, so: Shape, gemmDtype?: DType): () => void {
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
function broadcastKernel(a: FloatArray, sa: Shape, out: FloatArray, so: Shape): () => void {
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
function evalKernel(g: Graph, n: Node, buf: Buf, out: FloatArray): () => void {
  const def = n.def!;
  const ins = n.inputs.map((j) => ({ b: buf(j), shape: g.nodes[j].shape }));
  return () => {
    const xs: Value[] = ins.map(({ b, shape }) => (shape.length === 0 ? b[0] : new Tensor(shape, Float64Array.from(b))));
    const v = def.eval(xs, n.attrs);
    if (typeof v === 'number') out.fill(v);
    else out.set(v.data);
  };
}

/**
 * Whether gemm calls of training size run in the BLAS addon (loading it now if the backend
 * is auto): then vector work pays to go through gemm too (`gemmVectors`).
 */
export function gemmIsNative(): boolean {
  const req = getBackend();
  if (req === 'blas') return true;
  if (req !== 'auto') return false;
  try {
    setBackend('blas');
    return true;
  } catch {
    return false;
  } finally {
    setBackend(null); // back to auto (or CG_BACKEND); the loaded addon stays loaded
  }
}
