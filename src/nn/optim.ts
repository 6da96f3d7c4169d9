/**
 * Optimizers, updating the parameters in place from their gradients, with PyTorch's
 * formulas (torch.optim.SGD / Adam) so runs can be compared: weight decay is the L2 term
 * wd·w added to the gradient. All parameters live in one flat buffer and all gradients in
 * another (the trainer lays them out so), so an update is one pass, or one BLAS call. State
 * (velocity, moments, step count) is buffers of the training dtype, saved in checkpoints.
 */
import { gemm, nativeElementwise, updatesTS, wasmElementwise, type ElementwiseKernels } from '../native/index.js';
import { allocate, type DType, type FloatArray } from './executor.js';

export interface OptimizerSpec {
  type: 'sgd' | 'momentum' | 'adam';
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
}

export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** Steps taken (Adam's bias correction counts them). */
  t: number;
  /**
   * One update. Returns the index of the first gradient entry found to be NaN or infinite
   * (the update is then cut short), or -1. The loops look; the gemm updates of SGD and
   * momentum do not: a NaN there reaches the weights, and the next step's loss (checked
   * every step) reports the weights as where it first appeared.
   */
  step(): number;
  /** State buffers by name (v; m and v), for checkpoints. */
  state(): Map<string, FloatArray>;
  /**
   * SGD and momentum: where the gradient of the parameters in [start, end) of the flat
   * buffer goes instead of a gradient buffer, as C = alpha·∂w + beta·C (the executor's
   * `accumulate`); step() then does only what is left. Undefined for Adam.
   */
  fold?(start: number, end: number): { into: FloatArray; alpha: number; beta: number };
}

/**
 * `w` and `g` are the flat parameter and gradient buffers. With `gemmVectors` (gemm is the
 * BLAS addon), SGD and momentum run their axpy updates as 1×n×1 gemm calls: 4x faster than
 * a JS loop here.
 */
export function makeOptimizer(spec: OptimizerSpec, w: FloatArray, g: FloatArray, dtype: DType, gemmVectors = false, folded = false): Optimizer {
  const { lr, weight_decay: wd } = spec;
  const n = w.length;
  const one = allocate(dtype, 1).fill(1);
  // The addon's one-pass update kernels when it is loaded (vectorised, threaded when large);
  // else axpy as gemm calls (gemmVectors), else the TypeScript loops.
  const nat = nativeElementwise(n);
  let ew: Pick<ElementwiseKernels, 'sgd' | 'momentum' | 'adam'> = nat ?? updatesTS;
  const viaGemm = !nat && gemmVectors && n >= GEMM_AXPY_MIN;
  // On the wasm backend the state (velocity, moments) lives in a wasm arena, where the
  // update reads it in place: a step copies only w and g in and w out (Adam 1.0 ms instead
  // of 1.5 copying all four, 4.7 in TypeScript, at the large MLP's 670k float32 parameters).
  const wasm = wasmElementwise(n);
  const stateBuffers = (count: number): FloatArray[] => {
    if (wasm) {
      try {
        const arena = wasm.arena(dtype === 'float64', Array<number>(count).fill(n), n);
        ew = arena.kernels;
        return arena.views;
      } catch {
        // Too large for a wasm32 memory: plain arrays, copied per step.
      }
    }
    return Array.from({ length: count }, () => allocate(dtype, n));
  };
  if (folded && spec.type === 'sgd') {
    // w = (1 - lr·wd)·w - lr·∂w, all of it in the gradient kernels.
    return {
      spec,
      t: 0,
      step() {
        this.t++;
        return -1;
      },
      state: () => new Map(),
      fold: (start, end) => ({ into: w.subarray(start, end), alpha: -lr, beta: 1 - lr * wd }),
    };
  }
  if (spec.type === 'sgd') {
    return {
      spec,
      t: 0,
      step() {
        // w = (1 - lr·wd)·w - lr·g
        if (viaGemm) gemm(false, false, 1, n, 1, -lr, one, 1, g, n, 1 - lr * wd, w, n);
        else if (!ew.sgd(w, g, lr, wd)) return firstBad(g);
        this.t++;
        return -1;
      },
      state: () => new Map(),
    };
  }
  if (spec.type === 'momentum') {
    // v = mu·v + g + wd·w; w = w - lr·v. Folded, the gradient kernels have already made
    // v = mu·v + ∂w, so only the weight decay and the weight update are left here.
    const [vel] = stateBuffers(1);
    const mu = spec.momentum;
    return {
      spec,
      t: 0,
      step() {
        if (viaGemm) {
          if (!folded) gemm(false, false, 1, n, 1, 1, one, 1, g, n, mu, vel, n);
          if (wd !== 0) gemm(false, false, 1, n, 1, wd, one, 1, w, n, 1, vel, n);
          gemm(false, false, 1, n, 1, -lr, one, 1, vel, n, 1, w, n);
        } else if (folded ? !ew.momentum(w, null, vel, lr, 1, wd) : !ew.momentum(w, g, vel, lr, mu, wd)) return firstBad(folded ? vel : g);
        this.t++;
        return -1;
      },
      state: () => new Map([['v', vel]]),
      fold: folded ? (start, end) => ({ into: vel.subarray(start, end), alpha: 1, beta: mu }) : undefined,
    };
  }
  const [m, v] = stateBuffers(2);
  const { beta1, beta2, eps } = spec;
  return {
    spec,
    t: 0,
    step() {
      const t = this.t + 1;
      const bc1 = 1 - beta1 ** t;
      const bc2 = 1 - beta2 ** t;
      if (!ew.adam(w, g, m, v, lr / bc1, Math.sqrt(bc2), beta1, beta2, eps, wd, false)) return firstBad(g);
      this.t = t;
      return -1;
    },
    state: () =>
      new Map([
        ['m', m],
        ['v', v],
      ]),
  };
}

/** Below this many parameters the axpy stays a JS loop even when gemm is native. */
const GEMM_AXPY_MIN = 4096;

function firstBad(g: FloatArray): number {
  for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i])) return i;
  return 0;
}
