/**
 * The elementwise training kernels, TypeScript reference: the same signatures and the same
 * arithmetic as the addon's C++ (src/native/elementwise.h) and the wasm module, checked
 * against them in tests/native/elementwise.test.ts. Every loop computes in double and
 * stores once, so for float32 data the addon (which widens to double the same way) agrees
 * bit for bit, except where libm is called (tanh, sigmoid, softmax: last-bit differences).
 *
 * Bad arguments throw TypeError/RangeError here too, so a caller sees the same errors
 * whichever backend runs the kernel.
 */
import { logsumexpRow, softmaxCrossEntropyKernel } from './loss-kernels.js';
import type { FloatArray } from './gemm.js';

/** Activation kinds: the numbers the addon takes. sign is for backward (g·sign(y)) only. */
export const ACT = { identity: 0, relu: 1, tanh: 2, sigmoid: 3, sign: 4 } as const;
export type ActKind = (typeof ACT)[keyof typeof ACT];

export interface ElementwiseKernels {
  /** C += bias row (C rows × cols; bias null: none), then out = act(C); out may be C. */
  biasAct(act: ActKind, C: FloatArray, bias: FloatArray | null, rows: number, cols: number, out: FloatArray): void;
  /** out = act(x) on n entries. */
  act(act: ActKind, x: FloatArray, out: FloatArray, n: number): void;
  /** out = g · act'(y) from the activation's output y: relu y > 0, sign(y), 1 - y², y(1 - y). */
  actBackward(act: ActKind, g: FloatArray, y: FloatArray, out: FloatArray, n: number): void;
  /** Mean softmax cross-entropy of rows of z against y; dz = scale·(softmax(z)·Σy - y) when given. */
  softmaxCE(z: FloatArray, y: FloatArray, rows: number, cols: number, dz: FloatArray | null, scale: number): number;
  /** dst row i = src row idx[start + i], rows of `cols` entries. */
  gatherRows(src: FloatArray, cols: number, idx: Int32Array, start: number, rows: number, dst: FloatArray): void;
  /** w -= lr·(g + wd·w). False when g held a NaN or an infinity. */
  sgd(w: FloatArray, g: FloatArray, lr: number, wd: number): boolean;
  /** d = g + wd·w, v = mu·v + d, w -= lr·v; g null: v += wd·w, w -= lr·v (v already holds mu·v + g). */
  momentum(w: FloatArray, g: FloatArray | null, v: FloatArray, lr: number, mu: number, wd: number): boolean;
  /**
   * torch.optim.Adam: w -= stepSize·m / (sqrt(v)/sqrtBc2 + eps), weight decay in the gradient;
   * decoupled (AdamW): w -= wd·w first, wd then being lr·weight_decay.
   */
  adam(
    w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray,
    stepSize: number, sqrtBc2: number, b1: number, b2: number, eps: number, wd: number, decoupled: boolean,
  ): boolean;
}

function isFloat(a: unknown): a is FloatArray {
  return a instanceof Float32Array || a instanceof Float64Array;
}

function check(fn: string, arrs: [string, FloatArray | null, number][]): void {
  let kind: boolean | undefined;
  for (const [name, a, need] of arrs) {
    if (a === null) continue;
    if (!isFloat(a)) throw new TypeError(`${fn}: ${name} must be a Float32Array or Float64Array`);
    const f64 = a instanceof Float64Array;
    if (kind !== undefined && kind !== f64) throw new TypeError(`${fn}: arrays must all be Float32Array or all Float64Array`);
    kind = f64;
    if (a.length < need) throw new RangeError(`${fn}: ${name} has ${a.length} entries, needs ${need}`);
  }
}

function count(fn: string, name: string, v: number): number {
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number`);
  if (!(v >= 0 && Number.isSafeInteger(v))) throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${v}`);
  return v;
}

function actKind(fn: string, a: number, backward = false): ActKind {
  count(fn, 'act', a);
  if (a > 4) throw new RangeError(`${fn}: act must be 0..4 (identity, relu, tanh, sigmoid, sign)`);
  if (a === ACT.sign && !backward) throw new RangeError(`${fn}: act sign has no forward kernel`);
  return a as ActKind;
}

function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** The loops themselves, without argument checks (the executor's compiled calls use these). */
export const loops = {
  // Branch-free (v + |v|)/2: a data-dependent branch mispredicts on half of a layer's units
  // (4x slower), and Math.max is 4x slower still in V8. NaN and -Infinity give NaN (a
  // pre-activation of -Infinity is a diverged run: better flagged than hidden as 0).
  relu(x: FloatArray, o: FloatArray, n: number): void {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      o[i] = (v + Math.abs(v)) * 0.5;
    }
  },
  reluBackward(g: FloatArray, y: FloatArray, o: FloatArray, n: number): void {
    for (let i = 0; i < n; i++) o[i] = g[i] * +(y[i] > 0);
  },
  signBackward(g: FloatArray, y: FloatArray, o: FloatArray, n: number): void {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (+(v > 0) - +(v < 0));
    }
  },
  tanhBackward(g: FloatArray, y: FloatArray, o: FloatArray, n: number): void {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (1 - v * v);
    }
  },
  sigmoidBackward(g: FloatArray, y: FloatArray, o: FloatArray, n: number): void {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (v * (1 - v));
    }
  },
};

function act(a: ActKind, x: FloatArray, o: FloatArray, n: number): void {
  if (a === ACT.relu) loops.relu(x, o, n);
  else if (a === ACT.tanh) for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
  else if (a === ACT.sigmoid) for (let i = 0; i < n; i++) o[i] = sigmoid(x[i]);
  else if (o !== x) o.set(x.subarray(0, n));
}

function actBackward(a: ActKind, g: FloatArray, y: FloatArray, o: FloatArray, n: number): void {
  if (a === ACT.relu) loops.reluBackward(g, y, o, n);
  else if (a === ACT.sign) loops.signBackward(g, y, o, n);
  else if (a === ACT.tanh) loops.tanhBackward(g, y, o, n);
  else if (a === ACT.sigmoid) loops.sigmoidBackward(g, y, o, n);
  else if (o !== g) o.set(g.subarray(0, n));
}

// The loss is the loss op's own loop (src/graph/ops/loss-kernels.ts); dz reuses its row logsumexp.
function softmaxCE(z: FloatArray, y: FloatArray, rows: number, cols: number, dz: FloatArray | null, scale: number): number {
  if (dz) {
    for (let r = 0, o = 0; r < rows; r++, o += cols) {
      const lse = logsumexpRow(z, o, cols);
      let sy = 0;
      for (let j = o; j < o + cols; j++) if (y[j] !== 0) sy += y[j];
      for (let j = o; j < o + cols; j++) dz[j] = scale * (Math.exp(z[j] - lse) * sy - y[j]);
    }
  }
  return rows ? softmaxCrossEntropyKernel(z, y, rows, cols) : 0;
}

// The updates return false when a gradient entry was NaN or infinite (d·0 is NaN exactly then).
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

function momentum(w: FloatArray, g: FloatArray | null, vel: FloatArray, lr: number, mu: number, wd: number): boolean {
  const n = w.length;
  let acc = 0;
  if (g) {
    for (let i = 0; i < n; i++) {
      const d = g[i] + wd * w[i];
      acc += d * 0;
      const v = mu * vel[i] + d;
      vel[i] = v;
      w[i] -= lr * v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = vel[i] + wd * w[i];
      acc += v * 0;
      vel[i] = v;
      w[i] -= lr * v;
    }
  }
  return acc === 0;
}

function adam(
  w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray,
  stepSize: number, sqrtBc2: number, b1: number, b2: number, eps: number, wd: number, decoupled: boolean,
): boolean {
  const n = w.length;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  let acc = 0;
  if (!decoupled) {
    for (let i = 0; i < n; i++) {
      const d = g[i] + wd * w[i];
      acc += d * 0;
      const mi = b1 * m[i] + c1 * d;
      const vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      w[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      const mi = b1 * m[i] + c1 * d;
      const vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      const wi = w[i] - wd * w[i];
      w[i] = wi - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
  }
  return acc === 0;
}

/** The optimizer updates without argument checks (the optimizers' TypeScript path). */
export const updates: Pick<ElementwiseKernels, 'sgd' | 'momentum' | 'adam'> = { sgd, momentum, adam };

/**
 * The addon's argument checks, one per kernel (each backend's wrapper calls them first, so a
 * bad argument is the same TypeError/RangeError whichever backend runs). Each returns the
 * activation kind where there is one.
 */
export const checkArgs = {
  biasAct(a: number, C: FloatArray, bias: FloatArray | null, rows: number, cols: number, out: FloatArray): ActKind {
    const k = actKind('biasAct', a);
    count('biasAct', 'rows', rows);
    count('biasAct', 'cols', cols);
    check('biasAct', [['C', C, rows * cols], ['bias', bias, cols], ['out', out, rows * cols]]);
    return k;
  },
  act(a: number, x: FloatArray, o: FloatArray, n: number): ActKind {
    const k = actKind('act', a);
    count('act', 'n', n);
    check('act', [['x', x, n], ['out', o, n]]);
    return k;
  },
  actBackward(a: number, g: FloatArray, y: FloatArray, o: FloatArray, n: number): ActKind {
    const k = actKind('actBackward', a, true);
    count('actBackward', 'n', n);
    check('actBackward', [['g', g, n], ['y', y, n], ['out', o, n]]);
    return k;
  },
  softmaxCE(z: FloatArray, y: FloatArray, rows: number, cols: number, dz: FloatArray | null, scale: number): void {
    count('softmaxCE', 'rows', rows);
    count('softmaxCE', 'cols', cols);
    if (typeof scale !== 'number') throw new TypeError('softmaxCE: scale must be a number');
    check('softmaxCE', [['z', z, rows * cols], ['y', y, rows * cols], ['dz', dz, rows * cols]]);
  },
  sgd(w: FloatArray, g: FloatArray): void {
    check('sgd', [['w', w, 0], ['g', g, w.length]]);
  },
  momentum(w: FloatArray, g: FloatArray | null, v: FloatArray): void {
    check('momentum', [['w', w, 0], ['g', g, w.length], ['v', v, w.length]]);
  },
  adam(w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, decoupled: boolean): void {
    check('adam', [['w', w, 0], ['g', g, w.length], ['m', m, w.length], ['v', v, w.length]]);
    if (typeof decoupled !== 'boolean') throw new TypeError('adam: decoupled must be a boolean');
  },
};

/** The reference kernels, with the addon's argument checks. */
export const elementwiseTS: ElementwiseKernels = {
  biasAct(a, C, bias, rows, cols, out) {
    const k = checkArgs.biasAct(a, C, bias, rows, cols, out);
    for (let r = 0, o = 0; r < rows; r++, o += cols) {
      if (bias) for (let j = 0; j < cols; j++) C[o + j] += bias[j];
    }
    act(k, C, out, rows * cols);
  },
  act(a, x, o, n) {
    act(checkArgs.act(a, x, o, n), x, o, n);
  },
  actBackward(a, g, y, o, n) {
    actBackward(checkArgs.actBackward(a, g, y, o, n), g, y, o, n);
  },
  softmaxCE(z, y, rows, cols, dz, scale) {
    checkArgs.softmaxCE(z, y, rows, cols, dz, scale);
    return softmaxCE(z, y, rows, cols, dz, scale);
  },
  gatherRows(src, cols, idx, start, rows, dst) {
    count('gatherRows', 'cols', cols);
    count('gatherRows', 'start', start);
    count('gatherRows', 'rows', rows);
    if (!(idx instanceof Int32Array)) throw new TypeError('gatherRows: idx must be an Int32Array');
    if (start + rows > idx.length) throw new RangeError(`gatherRows: idx has ${idx.length} entries, needs ${start} + ${rows}`);
    check('gatherRows', [['src', src, 0], ['dst', dst, rows * cols]]);
    if (cols === 0 || rows === 0) return;
    const srcRows = Math.floor(src.length / cols);
    for (let i = 0; i < rows; i++) {
      const r = idx[start + i];
      if (r < 0 || r >= srcRows) throw new RangeError(`gatherRows: idx[${start + i}] = ${r} is not a row of src (${srcRows} rows)`);
    }
    for (let i = 0; i < rows; i++) {
      const r = idx[start + i];
      dst.set(src.subarray(r * cols, (r + 1) * cols), i * cols);
    }
  },
  sgd(w, g, lr, wd) {
    checkArgs.sgd(w, g);
    return sgd(w, g, lr, wd);
  },
  momentum(w, g, v, lr, mu, wd) {
    checkArgs.momentum(w, g, v);
    return momentum(w, g, v, lr, mu, wd);
  },
  adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) {
    checkArgs.adam(w, g, m, v, decoupled);
    return adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled);
  },
};
