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
 * - the loss ops run the same loops as their `eval` (src/native/loss-kernels.ts);
 * - gradients may be folded into an optimizer update (`accumulate`), written by their gemm
 *   straight into the weights or the velocity;
 * - any other op runs through its `eval` on Tensors: correct, allocating, never in an MLP.
 * Every rewrite is checked against the generic engines in tests/nn/executor.test.ts.
 */
import type { Graph, Node } from '../graph/graph.js';
import { sameShape, sizeOf, Tensor } from '../graph/tensor.js';
import { ACT, gemm, getBackend, nativeElementwise, setBackend, type ActKind } from '../native/index.js';
import { hasNonFinite, type FloatArray } from './kernels.js';
import { ACT_OF, matchDerivative, ownersOf } from './fusion.js';
import { accumulateKernel, allocate, isTransposed, kernelFor, matmulKernel, type DType } from './step-kernels.js';
export { allocate, GEMM_VECTOR_MIN, type DType } from './step-kernels.js';

export type { FloatArray } from './kernels.js';
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

const isOne = (n: Node) => n.op === 'const' && n.value === 1;
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
    const owners = ownersOf(g);
    for (const n of nodes) {
      if (n.op !== 'mul' || alias[n.id] >= 0) continue;
      for (const side of [0, 1]) {
        const gId = n.inputs[1 - side];
        const inner = nodes[n.inputs[side]];
        if (!sameShape(nodes[gId].shape, n.shape) || !sameShape(inner.shape, n.shape)) continue;
        const m = matchDerivative(g, inner, owners);
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
