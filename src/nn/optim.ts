/**
 * Optimizers, updating the parameters in place from their gradients, with PyTorch's
 * formulas (torch.optim.SGD / Adam) so runs can be compared: weight decay is the L2 term
 * wd·w added to the gradient. All parameters live in one flat buffer and all gradients in
 * another (the trainer lays them out so), so an update is one pass, or one BLAS call. State
 * (velocity, moments, step count) is buffers of the training dtype, saved in checkpoints.
 */
import { gemm } from '../native/index.js';
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
  const viaGemm = gemmVectors && n >= GEMM_AXPY_MIN;
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
  if (folded && spec.type === 'momentum') {
    // v = mu·v + ∂w in the gradient kernels; then v += wd·w and w -= lr·v here.
    const vel = allocate(dtype, n);
    const mu = spec.momentum;
    return {
      spec,
      t: 0,
      step() {
        if (viaGemm) {
          if (wd !== 0) gemm(false, false, 1, n, 1, wd, one, 1, w, n, 1, vel, n);
          gemm(false, false, 1, n, 1, -lr, one, 1, vel, n, 1, w, n);
        } else {
          let acc = 0;
          for (let i = 0; i < n; i++) {
            const v = vel[i] + wd * w[i];
            acc += v * 0;
            vel[i] = v;
            w[i] -= lr * v;
          }
          if (acc !== 0) return firstBad(vel);
        }
        this.t++;
        return -1;
      },
      state: () => new Map([['v', vel]]),
      fold: (start, end) => ({ into: vel.subarray(start, end), alpha: 1, beta: mu }),
    };
  }
  if (spec.type === 'sgd') {
    return {
      spec,
      t: 0,
      step() {
        // w = (1 - lr·wd)·w - lr·g
        if (viaGemm) gemm(false, false, 1, n, 1, -lr, one, 1, g, n, 1 - lr * wd, w, n);
        else if (!sgd(w, g, lr, wd)) return firstBad(g);
        this.t++;
        return -1;
      },
      state: () => new Map(),
    };
  }
  if (spec.type === 'momentum') {
    const vel = allocate(dtype, n);
    const mu = spec.momentum;
    return {
      spec,
      t: 0,
      step() {
        if (viaGemm) {
          // v = mu·v + g + wd·w; w = w - lr·v
          gemm(false, false, 1, n, 1, 1, one, 1, g, n, mu, vel, n);
          if (wd !== 0) gemm(false, false, 1, n, 1, wd, one, 1, w, n, 1, vel, n);
          gemm(false, false, 1, n, 1, -lr, one, 1, vel, n, 1, w, n);
        } else if (!momentum(w, g, vel, lr, mu, wd)) return firstBad(g);
        this.t++;
        return -1;
      },
      state: () => new Map([['v', vel]]),
    };
  }
  const m = allocate(dtype, n);
  const v = allocate(dtype, n);
  const { beta1, beta2, eps } = spec;
  return {
    spec,
    t: 0,
    step() {
      const t = this.t + 1;
      const bc1 = 1 - beta1 ** t;
      const bc2 = 1 - beta2 ** t;
      if (!adam(w, g, m, v, lr / bc1, Math.sqrt(bc2), beta1, beta2, eps, wd)) return firstBad(g);
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

// The loops return false when the gradient held a NaN or an infinity (acc picks up g·0,
// which is NaN exactly then); the parameters are partly updated by then, and training stops.

function sgd(w: FloatArray, g: FloatArray, lr: number, wd: number): boolean {
  const n = w.length;
  let acc = 0;
  if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      w[i] -= lr * d;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      w[i] -= lr * (d + wd * w[i]);
    }
  }
  return acc === 0;
}

function momentum(w: FloatArray, g: FloatArray, vel: FloatArray, lr: number, mu: number, wd: number): boolean {
  let acc = 0;
  for (let i = 0; i < w.length; i++) {
    const d = g[i] + wd * w[i];
    acc += d * 0;
    const v = mu * vel[i] + d;
    vel[i] = v;
    w[i] -= lr * v;
  }
  return acc === 0;
}

/** torch.optim.Adam: w -= (lr/bc1)·m / (sqrt(v)/sqrt(bc2) + eps). */
function adam(
  w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray,
  stepSize: number, sqrtBc2: number, b1: number, b2: number, eps: number, wd: number,
): boolean {
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  let acc = 0;
  for (let i = 0; i < w.length; i++) {
    const d = g[i] + wd * w[i];
    acc += d * 0;
    const mi = b1 * m[i] + c1 * d;
    const vi = b2 * v[i] + c2 * d * d;
    m[i] = mi;
    v[i] = vi;
    w[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
  }
  return acc === 0;
}
