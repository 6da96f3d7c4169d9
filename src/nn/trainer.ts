/**
 * Training: the data split and normalised into the spec's dtype once, the training graph
 * (model + gradient nodes) built and compiled once per batch size, then epochs of
 * shuffled mini-batches: copy rows in, run the program, step the optimizer. Nothing in a
 * step allocates. Every number drawn is seeded, so a spec and seed give the same losses
 * bit for bit on one backend, and a run resumed from a checkpoint continues exactly as if
 * it had not stopped (the shuffle of epoch e depends on e only).
 */
import { someNames } from '../util/suggest.js';
import { compile, gemmIsNative, allocate, type DType, type FloatArray, type Program } from './executor.js';
import { elementwiseTS, nativeElementwise, type ElementwiseKernels } from '../native/index.js';
import { inputCount, fitNormalization, identityNormalization, splitRows, type Dataset, type Normalization } from './data.js';
import { Evaluator, countCorrect, type Metrics, type RowSet } from './infer.js';
import { buildTrainingGraph, modelDef, outputsOf, paramShapes, type ModelDef, type TrainingGraph } from './model.js';
import { makeOptimizer, type Optimizer } from './optim.js';
import { mulberry32, normal, shuffle, subSeed } from './rng.js';
import { parseInit } from './names.js';
import type { Spec, SpecFile } from './spec.js';
import type { CgError } from '../errors.js';

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number | null;
  mae: number | null;
  val_loss: number | null;
  val_accuracy: number | null;
  val_mae: number | null;
  samples_per_s: number;
  seconds: number;
}

/** Sums over the steps of an epoch so far (saved with a checkpoint taken mid-epoch). */
export interface Partial {
  loss: number;
  correct: number;
  abs: number;
  seen: number;
  seconds: number;
}

export interface Progress {
  /** Completed epochs. */
  epoch: number;
  /** Steps done in the epoch after them. */
  step: number;
  partial: Partial;
}

export interface StepInfo {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  /** Running mean loss of the epoch so far. */
  loss: number;
  samplesPerS: number;
}

export type Outcome =
  | { status: 'finished' }
  | { status: 'interrupted' }
  | { status: 'diverged'; epoch: number; step: number; what: string; value: number; where: string };

export interface Hooks {
  /** Called about every `tickMs` with the epoch's progress; the loop yields to the event loop then. */
  onTick?(s: StepInfo): void;
  onEpoch?(r: EpochRecord): void | Promise<void>;
  /** Checked after every step: true stops after it (Ctrl-C). */
  shouldStop?(): boolean;
  tickMs?: number;
}

const emptyPartial = (): Partial => ({ loss: 0, correct: 0, abs: 0, seen: 0, seconds: 0 });

export interface TrainerOptions {
  /** Override the spec's epochs. */
  epochs?: number;
  /** Use gemm for vector work (default: when gemm is the BLAS addon). */
  gemmVectors?: boolean;
  /** SGD and momentum: fold the update into the gradient kernels (default true). */
  foldUpdates?: boolean;
}

export class Trainer {
  readonly def: ModelDef;
  readonly dtype: DType;
  readonly epochs: number;
  readonly batch: number;
  readonly norm: Normalization;
  readonly train: RowSet;
  readonly val: RowSet;
  /** Parameter buffers by name (W1, b1, ...), shared by every program: views into `flat`. */
  readonly params = new Map<string, FloatArray>();
  /** All parameters, back to back (W1, b1, W2, ...), and all their gradients likewise. */
  readonly flat: FloatArray;
  readonly flatGrad: FloatArray;
  private readonly gradViews = new Map<string, FloatArray>();
  /** Where each parameter starts in `flat`. */
  private readonly offsets: { name: string; start: number; end: number }[] = [];
  readonly optimizer: Optimizer;
  readonly evaluator: Evaluator;
  readonly history: EpochRecord[] = [];
  progress: Progress = { epoch: 0, step: 0, partial: emptyPartial() };
  private readonly programs = new Map<number, { m: TrainingGraph; p: Program }>();
  private readonly order: Int32Array;
  /** The batch's row gather: the addon's (memcpy per row) when it runs the elementwise kernels, else the reference's. */
  private readonly gather: ElementwiseKernels['gatherRows'];
  private readonly gemmVectors: boolean;
  private readonly batchLabels: Int32Array;

  constructor(
    readonly spec: Spec,
    readonly data: Dataset,
    opts: TrainerOptions = {},
  ) {
    this.dtype = spec.dtype;
    this.epochs = opts.epochs ?? spec.training.epochs;
    this.def = modelDef(inputCount(data), spec.model.layers, spec.loss);
    checkFits(this.def, data);
    this.gemmVectors = opts.gemmVectors ?? gemmIsNative();
    const split = splitRows(data.n, spec.training.validation, spec.training.seed);
    const d = inputCount(data);
    this.norm = spec.data.normalize ? fitNormalization(data.x, d, split.train) : identityNormalization(d);
    this.train = rowSet(this.def, data, split.train, this.norm, this.dtype);
    this.val = rowSet(this.def, data, split.val, this.norm, this.dtype);
    this.batch = Math.min(spec.training.batch_size, this.train.n);
    this.order = new Int32Array(this.train.n);
    this.batchLabels = new Int32Array(this.batch);
    const ew = nativeElementwise(this.batch * d) ?? elementwiseTS;
    this.gather = ew.gatherRows.bind(ew);
    const shapes = paramShapes(this.def);
    const total = shapes.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    this.flat = allocate(this.dtype, total);
    this.flatGrad = allocate(this.dtype, total);
    let at = 0;
    for (const p of shapes) {
      const size = p.shape.reduce((a, b) => a * b, 1);
      this.params.set(p.name, this.flat.subarray(at, at + size));
      this.gradViews.set(p.name, this.flatGrad.subarray(at, at + size));
      this.offsets.push({ name: p.name, start: at, end: at + size });
      at += size;
    }
    initParams(this.def, spec.model.init, spec.training.seed, this.dtype, this.params);
    this.optimizer = makeOptimizer(spec.optimizer, this.flat, this.flatGrad, this.dtype, this.gemmVectors, opts.foldUpdates ?? true);
    // Both batch sizes an epoch uses are compiled now, not in the loop.
    this.program(this.batch);
    if (this.train.n % this.batch) this.program(this.train.n % this.batch);
    this.evaluator = new Evaluator(this.def, this.dtype, this.params, this.gemmVectors);
  }

  /** The training program for batches of `rows` (two at most: the batch size and the last, smaller batch). */
  private program(rows: number): { m: TrainingGraph; p: Program } {
    let e = this.programs.get(rows);
    if (!e) {
      const m = buildTrainingGraph(this.def, rows);
      // Gradients of every batch size land in the flat gradient buffer, where the optimizer
      // reads them; or, for SGD and momentum, go straight into the update (optimizer.fold).
      const fold = this.optimizer.fold;
      const range = (k: number) => this.offsets.find((o) => o.name === m.params[k].name)!;
      const accumulate = fold && new Map(m.grads.map((id, k) => [id, fold(range(k).start, range(k).end)] as const));
      const into = fold ? undefined : new Map(m.grads.map((id, k) => [id, this.gradViews.get(m.params[k].name)!] as const));
      const p = compile(m.graph, [m.loss, m.logits, ...m.grads], { dtype: this.dtype, bind: this.params, into, accumulate, gemmVectors: this.gemmVectors });
      e = { m, p };
      this.programs.set(rows, e);
    }
    return e;
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.train.n / this.batch);
  }

  /** The row order of epoch e (0-based): a seeded shuffle that depends on e alone. */
  private orderFor(e: number): void {
    const o = this.order;
    for (let i = 0; i < o.length; i++) o[i] = i;
    if (this.spec.training.shuffle) shuffle(o, mulberry32(subSeed(this.spec.training.seed, 0x5eed, e)));
  }

  /**
   * Train until the last epoch, a stop request (after the current step), or a non-finite
   * loss or gradient. Resumes from `progress` and `history` when they were restored.
   */
  async run(hooks: Hooks = {}): Promise<Outcome> {
    const tickMs = hooks.tickMs ?? 100;
    const steps = this.stepsPerEpoch;
    const B = this.batch;
    const d = this.def.inputs;
    const c = outputsOf(this.def);
    const classify = this.def.loss !== 'mse';
    const labels = this.train.labels;
    let lastTick = performance.now();
    for (let e = this.progress.epoch; e < this.epochs; e++) {
      this.orderFor(e);
      const part = this.progress.epoch === e ? this.progress.partial : emptyPartial();
      let t0 = performance.now();
      for (let s = this.progress.epoch === e ? this.progress.step : 0; s < steps; s++) {
        const start = s * B;
        const rows = Math.min(B, this.train.n - start);
        const { m, p } = this.program(rows);
        const X = p.buffer(m.x);
        const Y = p.buffer(m.y);
        const o = this.order;
        this.gather(this.train.x, d, o, start, rows, X);
        this.gather(this.train.t, c, o, start, rows, Y);
        p.run();
        const loss = p.scalar(m.loss);
        if (!Number.isFinite(loss)) return this.diverged(e, s, 'the loss', loss, m, p);
        p.update();
        const bad = this.optimizer.step();
        if (bad >= 0) return this.diverged(e, s, `the gradient of ${this.offsets.find((o) => bad < o.end)!.name}`, NaN, m, p);
        part.loss += loss * rows;
        part.seen += rows;
        const z = p.buffer(m.logits);
        if (classify) {
          const bl = this.batchLabels;
          for (let i = 0; i < rows; i++) bl[i] = labels![o[start + i]];
          part.correct += countCorrect(z, bl, 0, rows, c);
        } else {
          const t = this.train.t;
          for (let i = 0; i < rows; i++) {
            const r = o[start + i] * c;
            for (let j = 0; j < c; j++) part.abs += Math.abs(z[i * c + j] - t[r + j]);
          }
        }
        const pr = this.progress;
        pr.epoch = e;
        pr.step = s + 1;
        pr.partial = part;
        const now = performance.now();
        if (now - lastTick >= tickMs || hooks.shouldStop?.()) {
          part.seconds += (now - t0) / 1000;
          t0 = now;
          hooks.onTick?.({ epoch: e + 1, epochs: this.epochs, step: s + 1, steps, loss: part.loss / part.seen, samplesPerS: part.seen / part.seconds });
          // Let signals (Ctrl-C) and output through.
          await new Promise((r) => setImmediate(r));
          lastTick = performance.now();
          t0 = lastTick;
          if (hooks.shouldStop?.() && s + 1 < steps) return { status: 'interrupted' };
        }
      }
      part.seconds += (performance.now() - t0) / 1000;
      const v = this.val.n ? this.evaluator.metrics(this.val) : undefined;
      const rec: EpochRecord = {
        epoch: e + 1,
        loss: part.loss / part.seen,
        accuracy: classify ? part.correct / part.seen : null,
        mae: classify ? null : part.abs / (part.seen * c),
        val_loss: v ? v.loss : null,
        val_accuracy: v ? v.accuracy : null,
        val_mae: v ? v.mae : null,
        samples_per_s: part.seen / part.seconds,
        seconds: part.seconds,
      };
      this.history.push(rec);
      this.progress = { epoch: e + 1, step: 0, partial: emptyPartial() };
      await hooks.onEpoch?.(rec);
      if (hooks.shouldStop?.() && e + 1 < this.epochs) return { status: 'interrupted' };
    }
    return { status: 'finished' };
  }

  private diverged(e: number, s: number, what: string, value: number, m: TrainingGraph, p: Program): Outcome {
    const bad = p.firstNonFinite();
    let where = bad === undefined ? 'no node of the step (the update overflowed)' : m.describe(bad);
    if (bad !== undefined && m.graph.nodes[bad].op === 'var' && m.params.some((q) => q.id === bad)) where += ', after the previous update';
    return { status: 'diverged', epoch: e + 1, step: s + 1, what, value, where };
  }

  /** Metrics of the current weights on the training and validation rows. */
  evaluate(): { train: Metrics; val: Metrics | null } {
    return { train: this.evaluator.metrics(this.train), val: this.val.n ? this.evaluator.metrics(this.val) : null };
  }

  /** The model's gradient on the first `rows` training rows, float64 (for --check-grad). */
  gradientGraph(rows: number): TrainingGraph {
    return buildTrainingGraph(this.def, Math.min(rows, this.train.n));
  }
}

export function checkFits(def: ModelDef, data: Dataset): void {
  const out = outputsOf(def);
  if (def.loss === 'cross_entropy' && out !== data.classes!.length) {
    throw new FitError(`the last layer has ${out} units but the data has ${data.classes!.length} classes (${someNames(data.classes!)})`, 'units');
  }
  if (def.loss === 'bce' && data.classes!.length !== 2) {
    throw new FitError(`bce is for two classes; the data has ${data.classes!.length} (${someNames(data.classes!)})`, 'loss');
  }
  if (def.loss === 'mse' && out !== data.targetNames.length) {
    throw new FitError(`the last layer has ${out} units but the data has ${data.targetNames.length} target column(s) (${someNames(data.targetNames)})`, 'units');
  }
}

/** A model that does not fit its data; `field` says which spec field to point at. */
export class FitError extends Error {
  constructor(
    message: string,
    readonly field: 'units' | 'loss',
  ) {
    super(message);
  }

  /** The error at its place in the spec file (the last layer's units, or the loss). */
  at(sf: SpecFile): CgError {
    const last = sf.spec.model.layers.length - 1;
    return sf.error(this.field === 'units' ? ['model', 'layers', last, 'units'] : ['loss'], this.message);
  }
}

/** Rows of the data set, normalised and in the dtype, targets laid out for the loss. */
export function rowSet(def: ModelDef, data: Dataset, rows: Int32Array, norm: Normalization, dtype: DType): RowSet {
  const d = def.inputs;
  const c = outputsOf(def);
  const n = rows.length;
  const x = allocate(dtype, n * d);
  const t = allocate(dtype, n * c);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < d; j++) x[i * d + j] = (data.x[r * d + j] - norm.mean[j]) / norm.std[j];
  }
  let labels: Int32Array | undefined;
  if (data.task === 'classification') {
    labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = data.labels![rows[i]];
      labels[i] = k;
      if (c === 1) t[i] = k;
      else t[i * c + k] = 1;
    }
  } else {
    for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) t[i * c + j] = data.y![rows[i] * c + j];
  }
  return { n, x, t, labels };
}

/** Seeded initial weights (biases zero): he N(0, 2/fan_in), xavier U(±√(6/(fan_in+fan_out))), normal(std). */
export function initParams(def: ModelDef, init: string, seed: number, dtype: DType, into: Map<string, FloatArray>): void {
  const how = parseInit(init)!;
  paramShapes(def).forEach((p, k) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const buf = into.get(p.name) ?? allocate(dtype, size);
    into.set(p.name, buf);
    if (p.kind === 'bias') {
      buf.fill(0);
      return;
    }
    const [fanIn, fanOut] = p.shape;
    const rand = mulberry32(subSeed(seed, 0x1417, k));
    if (how.kind === 'xavier') {
      const a = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) buf[i] = a * (2 * rand() - 1);
      return;
    }
    const std = how.kind === 'normal' ? how.std : Math.sqrt(2 / fanIn);
    const gauss = normal(rand);
    for (let i = 0; i < size; i++) buf[i] = std * gauss();
  });
}
