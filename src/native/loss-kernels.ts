/**
 * The loops behind the loss ops (src/graph/ops/loss.ts), on plain arrays of either float
 * width: the ops' `eval` runs them on Float64Arrays and cg's training executor (src/nn) on
 * its own buffers, so both compute the same numbers the same way.
 */

export type Arr = Float64Array | Float32Array;

/** out[r, :] = softmax(z[r, :]), stable: the row maximum is subtracted before exp. */
export function softmaxRowsKernel(z: Arr, out: Arr, rows: number, cols: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    let m = -Infinity;
    for (let j = o; j < o + cols; j++) if (z[j] > m) m = z[j];
    if (m === Infinity || m === -Infinity) m = 0;
    let s = 0;
    for (let j = o; j < o + cols; j++) {
      const e = Math.exp(z[j] - m);
      out[j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = o; j < o + cols; j++) out[j] *= inv;
  }
}

/** out[r] = log Σ_j exp(z[r, j]), stable. */
export function logsumexpRowsKernel(z: Arr, out: Arr, rows: number, cols: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += cols) out[r] = logsumexpRow(z, o, cols);
}

export function logsumexpRow(z: Arr, o: number, cols: number): number {
  let m = -Infinity;
  for (let j = o; j < o + cols; j++) if (z[j] > m) m = z[j];
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (let j = o; j < o + cols; j++) s += Math.exp(z[j] - m);
  return m + Math.log(s);
}

/**
 * Mean over rows of the cross-entropy between targets y and softmax(z):
 * -Σ_j y_j log softmax(z)_j = lse(z)·Σ_j y_j - Σ_j y_j z_j, never forming softmax, so a
 * logit of 1000 costs nothing in accuracy. Targets are one-hot in training; any y works.
 */
export function softmaxCrossEntropyKernel(z: Arr, y: Arr, rows: number, cols: number): number {
  let total = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    const lse = logsumexpRow(z, o, cols);
    let sy = 0;
    let syz = 0;
    for (let j = o; j < o + cols; j++) {
      if (y[j] === 0) continue; // 0·(-inf) would be NaN; a zero target contributes nothing
      sy += y[j];
      syz += y[j] * z[j];
    }
    total += sy === 0 ? 0 : lse * sy - syz;
  }
  return total / rows;
}

/** Mean of (p - t)² over all n entries. */
export function mseKernel(p: Arr, t: Arr, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i] - t[i];
    s += d * d;
  }
  return s / n;
}

/**
 * Mean over all n entries of the binary cross-entropy between targets y and sigmoid(z),
 * from the logits: max(z, 0) - z·y + log(1 + exp(-|z|)), which never overflows.
 */
export function bceLogitsKernel(z: Arr, y: Arr, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = z[i];
    s += (v > 0 ? v : 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
  }
  return s / n;
}
