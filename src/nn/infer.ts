/**
 * Forward passes of a model over many rows: validation metrics during training, `cg eval`
 * and `cg predict`. Same graph and executor as training, without the gradient nodes, in
 * chunks of up to EVAL_CHUNK rows (one compiled program per chunk size, made once).
 */
import { compile, type DType, type FloatArray, type Program } from './executor.js';
import { buildModelGraph, outputsOf, type ModelDef, type ModelGraph } from './model.js';

export const EVAL_CHUNK = 1024;

export interface Metrics {
  /** Mean loss per sample (the loss of the spec). */
  loss: number;
  /** Classification: fraction of rows whose predicted class is the label. */
  accuracy: number | null;
  /** Regression: mean squared and mean absolute error over all target entries. */
  mse: number | null;
  mae: number | null;
  rows: number;
}

/** Rows of inputs (normalised, in the model's dtype) with targets laid out for the loss. */
export interface RowSet {
  n: number;
  x: FloatArray;
  /** n × outputs: one-hot (cross-entropy), 0/1 (bce) or values (mse). */
  t: FloatArray;
  labels?: Int32Array;
}

export class Evaluator {
  private readonly programs = new Map<number, { m: ModelGraph; p: Program }>();

  constructor(
    readonly def: ModelDef,
    readonly dtype: DType,
    readonly params: ReadonlyMap<string, FloatArray>,
    private readonly gemmVectors = false,
  ) {}

  private program(rows: number, withLoss: boolean): { m: ModelGraph; p: Program } {
    const key = withLoss ? rows : -rows;
    let e = this.programs.get(key);
    if (!e) {
      const m = buildModelGraph(this.def, rows, { withLoss });
      const p = compile(m.graph, withLoss ? [m.loss, m.logits] : [m.logits], { dtype: this.dtype, bind: this.params, gemmVectors: this.gemmVectors });
      e = { m, p };
      this.programs.set(key, e);
    }
    return e;
  }

  /** The last layer's outputs (logits) for n rows of x, row-major n × outputs. */
  outputs(x: FloatArray, n: number): Float64Array {
    const d = this.def.inputs;
    const c = outputsOf(this.def);
    const out = new Float64Array(n * c);
    for (let off = 0; off < n; off += EVAL_CHUNK) {
      const rows = Math.min(EVAL_CHUNK, n - off);
      const { m, p } = this.program(rows, false);
      p.buffer(m.x).set(x.subarray(off * d, (off + rows) * d));
      p.run();
      out.set(p.buffer(m.logits), off * c);
    }
    return out;
  }

  metrics(set: RowSet): Metrics {
    const d = this.def.inputs;
    const c = outputsOf(this.def);
    const classify = this.def.loss !== 'mse';
    let loss = 0;
    let correct = 0;
    let sq = 0;
    let abs = 0;
    for (let off = 0; off < set.n; off += EVAL_CHUNK) {
      const rows = Math.min(EVAL_CHUNK, set.n - off);
      const { m, p } = this.program(rows, true);
      p.buffer(m.x).set(set.x.subarray(off * d, (off + rows) * d));
      p.buffer(m.y).set(set.t.subarray(off * c, (off + rows) * c));
      p.run();
      loss += p.scalar(m.loss) * rows;
      const z = p.buffer(m.logits);
      if (classify) correct += countCorrect(z, set.labels!, off, rows, c);
      else {
        const t = set.t;
        for (let i = 0; i < rows * c; i++) {
          const e = z[i] - t[off * c + i];
          sq += e * e;
          abs += Math.abs(e);
        }
      }
    }
    const n = set.n;
    return {
      loss: n ? loss / n : NaN,
      accuracy: classify ? (n ? correct / n : NaN) : null,
      mse: classify ? null : sq / (n * c),
      mae: classify ? null : abs / (n * c),
      rows: n,
    };
  }
}

/** Predicted class of row r from its logits: argmax, or logit > 0 for one output (bce). */
export function predictedClass(z: ArrayLike<number>, r: number, c: number): number {
  if (c === 1) return z[r] > 0 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < c; j++) if (z[r * c + j] > z[r * c + best]) best = j;
  return best;
}

/** Rows among `rows` (starting at row `off` of the labels) whose predicted class is right. */
export function countCorrect(z: ArrayLike<number>, labels: Int32Array, off: number, rows: number, c: number): number {
  let k = 0;
  for (let r = 0; r < rows; r++) if (predictedClass(z, r, c) === labels[off + r]) k++;
  return k;
}
