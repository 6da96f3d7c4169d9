import { join } from 'node:path';
import { CgError } from '../errors.js';
import type { CheckResult } from '../graph/check/check.js';
import { getBackend } from '../native/index.js';
import { checkOutputPath, fsError, IO_EXIT, prepareOutFolder, writeOutput } from '../util/files.js';
import { lockFolder } from '../util/lock.js';
import { isDir } from '../nn/generations.js';
import { checkpointMeta, fallbackWarning, holdsCheckpoint, KEEP_DEFAULT, loadModel, MODEL_JSON, restore, saveCheckpoint, specDifference, STATE, WEIGHTS } from '../nn/checkpoint.js';
import { overBudget } from '../nn/budget.js';
import { loadSpecData } from '../nn/data.js';
import type { Metrics } from '../nn/infer.js';
import { svgPlot, textPlot } from '../nn/plot.js';
import type { SpecFile } from '../nn/spec.js';
import { CHECK_ROWS, checkModelGradient } from '../nn/gradcheck.js';
import { FitError, Trainer, type EpochRecord, type Outcome, type StepInfo } from '../nn/trainer.js';
import { colorFor, fmtErr, fmtNum, table, warn } from './output.js';
import { checkOutFolder } from './train-out.js';
import type { OptionsOf } from './command.js';
import type { train as spec } from './commands/train.js';

/** The options as declared in commands/train.ts. */
export type TrainOptions = OptionsOf<typeof spec>;

/** The `--json` summary line (the last line; `type: "summary"`). */
export interface TrainSummary {
  type: 'summary';
  name: string;
  status: 'finished' | 'interrupted' | 'diverged';
  epochs: number;
  /** Epochs and optimizer steps of this run (after --resume, not counting the earlier ones). */
  epochs_run: number;
  steps_run: number;
  /** Epochs and optimizer steps in total, earlier runs included. */
  epochs_total: number;
  steps: number;
  seconds: number;
  samples_per_s: number | null;
  dtype: string;
  backend: string;
  train: Metrics | null;
  val: Metrics | null;
  out: string;
  files: string[];
  plot: string | null;
  resumed_from: number | null;
  diverged: { epoch: number; step: number; what: string; value: number | string; where: string } | null;
}

const CHECKPOINT_EVERY_MS = 1000;

export async function trainCommand(specPath: string | undefined, opts: TrainOptions): Promise<number> {
  if (opts.schema) {
    const { specJsonSchema } = await import('../nn/spec.js');
    process.stdout.write(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (!specPath) throw new CgError('usage', 'missing spec file', { hint: 'cg train fixtures/models/xor.yaml' });
  const epochs = positiveInt(opts.epochs, '--epochs');
  const keep = positiveInt(opts.keep, '--keep') ?? KEEP_DEFAULT;
  const { readSpecFile } = await import('../nn/spec.js');
  const sf = readSpecFile(specPath);
  const spec = sf.spec;
  const data = loadSpecData(sf);
  const tr = makeTrainer(sf, data, epochs);
  const out = opts.out ?? join('runs', spec.name!);
  const c = colorFor(process.stdout);
  const emit = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj, jsonNumbers)}\n`);
  const info = (line: string) => (opts.json ? process.stderr : process.stdout).write(`${line}\n`);

  let resumedFrom: number | null = null;
  // Every output checked before any work: a run must not fail at its first save or its plot.
  if (opts.resume && !isDir(out)) loadModel(out); // says why there is nothing to resume
  prepareOutFolder(out);
  if (opts.plot) checkOutputPath(opts.plot, '--plot', true);
  // One run at a time in a folder: a second would write generations between the first's.
  lockFolder(out);
  // A forced run over another run's folder drops that run's checkpoints at its first save.
  let keepNext = opts.resume ? keep : checkOutFolder(out, spec, !!opts.force) ? 1 : keep;
  if (opts.resume) {
    const loaded = loadModel(out);
    const fell = fallbackWarning(loaded);
    if (fell) warn(fell);
    const diff = specDifference(loaded.meta.spec, spec);
    if (diff) {
      throw new CgError('usage', `cannot resume ${out}: it was trained with a different ${diff}`, { hint: `train afresh without --resume, or give another --out` });
    }
    restore(tr, loaded);
    if (tr.progress.epoch + (tr.progress.step > 0 ? 1 : 0) > tr.epochs) {
      throw new CgError('usage', `--epochs ${tr.epochs}: ${out} has trained ${tr.progress.epoch} epoch(s) already`, { hint: 'give more epochs to continue' });
    }
    resumedFrom = tr.progress.epoch;
    const where = tr.progress.step ? `epoch ${tr.progress.epoch + 1}, step ${tr.progress.step}` : `epoch ${tr.progress.epoch}`;
    info(`resuming ${out} from ${where} of ${tr.epochs}`);
  }

  if (opts.checkGrad) {
    const res = checkModelGradient(tr);
    if (opts.json) emit({ type: 'check_grad', ...checkJson(res) });
    else info(checkLine(res, c));
    if (!res.ok) {
      if (!opts.json) process.stderr.write(`${c.red('error:')} the model's gradient does not match finite differences; not training\n`);
      return 1;
    }
  }

  const interactive = !opts.json && process.stdout.isTTY === true && process.stderr.isTTY === true;
  const view = opts.json ? jsonView(emit) : interactive ? await barView(tr) : plainView(tr);
  // Ctrl-C or SIGTERM, at any moment until the last checkpoint is written: stop after the
  // current step and save; a second Ctrl-C quits at once without saving.
  let stop = false;
  let saving = true;
  const onSignal = (sig: NodeJS.Signals) => {
    if (!saving) return;
    if (stop) process.exit(128 + (sig === 'SIGTERM' ? 15 : sig === 'SIGHUP' ? 1 : 2));
    stop = true;
    view.message(sig === 'SIGINT' ? 'stopping after this step (Ctrl-C again to quit without saving)' : `${sig === 'SIGHUP' ? 'hangup' : 'terminating'}: saving after this step`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal (or ssh session) is a stop like SIGTERM: the run saves where it is.
  process.on('SIGHUP', onSignal);
  const stepsBefore = tr.optimizer.t;
  const t0 = performance.now();
  let lastSave = t0;
  let outcome: Outcome;
  let saved: string | undefined;
  const save = (status: Parameters<typeof checkpointMeta>[1], fin: Parameters<typeof checkpointMeta>[3] = null) => {
    saved = saveCheckpoint(out, tr, checkpointMeta(tr, status, specPath, fin), keepNext);
    keepNext = keep;
  };
  let final: { train: Metrics; val: Metrics | null } | null = null;
  try {
    try {
      outcome = await tr.run({
        onTick: view.tick,
        onEpoch: (r) => {
          view.epoch(r);
          // A checkpoint per epoch, but not more than one a second (each costs four fsyncs);
          // the end of the run, a stop and Ctrl-C always save.
          if (r.epoch < tr.epochs && performance.now() - lastSave >= CHECKPOINT_EVERY_MS) {
            save('running');
            lastSave = performance.now();
          }
        },
        shouldStop: () => stop,
      });
    } finally {
      view.done();
    }
    if (outcome.status !== 'diverged') {
      final = tr.evaluate();
      save(outcome.status, outcome.status === 'finished' ? final : null);
    }
  } finally {
    // The handlers stay until the process ends: a Ctrl-C that arrived during the last save is
    // taken once the event loop runs again (and ignored: all is saved), never by the default
    // action, which would kill the process before the summary.
    saving = false;
  }
  const seconds = (performance.now() - t0) / 1000;
  let plot: string | null = null;
  let plotError: CgError | undefined;
  if (opts.plot && tr.history.length) {
    // A plot that cannot be written (the disk filled meanwhile) loses neither the run nor its summary.
    try {
      writeOutput(opts.plot, svgPlot(lossSeries(tr.history), { title: `${spec.name}: loss per epoch` }), '--plot');
      plot = opts.plot;
    } catch (e) {
      plotError = e instanceof CgError ? e : fsError('write', opts.plot, e);
    }
  }
  const h = tr.history;
  const run = resumedFrom === null ? h : h.slice(resumedFrom);
  const seen = run.reduce((s, r) => s + r.samples_per_s * r.seconds, 0);
  const secs = run.reduce((s, r) => s + r.seconds, 0);
  const summary: TrainSummary = {
    type: 'summary',
    name: spec.name!,
    status: outcome.status,
    epochs: tr.epochs,
    epochs_run: run.length,
    steps_run: tr.optimizer.t - stepsBefore,
    epochs_total: h.length,
    steps: tr.optimizer.t,
    seconds,
    samples_per_s: secs > 0 ? seen / secs : null,
    dtype: tr.dtype,
    backend: backendText(),
    train: final?.train ?? null,
    val: final?.val ?? null,
    out,
    files: saved === undefined ? [] : [WEIGHTS, STATE, MODEL_JSON].map((f) => join(saved!, f)),
    plot,
    resumed_from: resumedFrom,
    diverged:
      outcome.status === 'diverged'
        ? { epoch: outcome.epoch, step: outcome.step, what: outcome.what, value: Number.isFinite(outcome.value) ? outcome.value : String(outcome.value), where: outcome.where }
        : null,
  };
  if (opts.json) emit(summary);
  else process.stdout.write(await renderSummary(summary, tr.history, c));
  if (plotError) {
    process.stderr.write(`${colorFor(process.stderr).red('error:')} ${plotError.message}; the run is saved in ${out}\n`);
    return IO_EXIT;
  }
  if (outcome.status === 'diverged') {
    const kept = h.length ? `kept the last good checkpoint (epoch ${h.length}) in ${out}` : 'no checkpoint was written';
    process.stderr.write(
      `${colorFor(process.stderr).red('error:')} training diverged at epoch ${outcome.epoch}, step ${outcome.step}: ${outcome.what} is ${describeValue(outcome.value)}; the first NaN or infinity appeared in ${outcome.where}; ${kept}\n`,
    );
    return 1;
  }
  if (outcome.status === 'interrupted') {
    info(`interrupted at epoch ${tr.progress.epoch + (tr.progress.step ? 1 : 0)}${tr.progress.step ? `, step ${tr.progress.step}` : ''}; saved to ${out} (continue with --resume)`);
    return 130;
  }
  return 0;
}

function describeValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new CgError('usage', `${flag} must be a positive integer, got '${text}'`);
  return v;
}

function makeTrainer(sf: SpecFile, data: ReturnType<typeof loadSpecData>, epochs: number | undefined): Trainer {
  // The spec's sizes were bounded already; with a CSV, the columns are known only now.
  const units = sf.spec.model.layers.map((l) => l.units);
  const why = overBudget({ rows: data.n, inputs: data.inputNames.length, units, batch: sf.spec.training.batch_size, dtypeBytes: sf.spec.dtype === 'float64' ? 8 : 4 });
  if (why) throw sf.error(['model', 'layers', units.indexOf(Math.max(...units)), 'units'], why);
  try {
    return new Trainer(sf.spec, data, { epochs });
  } catch (e) {
    if (e instanceof FitError) throw e.at(sf);
    throw e;
  }
}

function backendText(): string {
  const req = getBackend();
  return req === 'auto' ? 'auto' : req;
}

function checkJson(r: CheckResult) {
  return {
    ok: r.ok,
    method: r.method,
    rows: CHECK_ROWS,
    dtype: 'float64',
    passed: r.counts.passed,
    failed: r.counts.failed,
    inconclusive: r.counts.inconclusive,
    components: r.components.map((k) => ({ label: k.label, analytic: k.analytic, numeric: k.numeric, error_estimate: k.estimate, abs_err: k.absErr, rel_err: k.relErr, verdict: k.verdict, ok: k.ok })),
  };
}

function checkLine(r: CheckResult, c: ReturnType<typeof colorFor>): string {
  const bad = r.components.filter((k) => !k.ok).length;
  const worst = Math.max(...r.components.filter((k) => k.verdict !== 'inconclusive').map((k) => k.relErr));
  const undecided = r.counts.inconclusive ? `, ${r.counts.inconclusive} inconclusive` : '';
  const verdict = r.ok ? c.green(`${r.counts.inconclusive ? `${r.counts.passed} passed` : `all ${r.components.length} ok`}${undecided}`) : c.red(`${bad} of ${r.components.length} failed${undecided}`);
  return `gradient check (float64, ${CHECK_ROWS} rows, ${r.method}): ${verdict}, max rel err ${fmtErr(worst)}`;
}

function jsonNumbers(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

export function lossSeries(h: EpochRecord[]) {
  const series = [{ label: 'training loss', values: h.map((r) => r.loss) as (number | null)[] }];
  if (h.some((r) => r.val_loss !== null)) series.push({ label: 'validation loss', values: h.map((r) => r.val_loss) });
  return series;
}

interface View {
  tick(s: StepInfo): void;
  epoch(r: EpochRecord): void;
  /** A line for people on stderr (the progress bar cleared first, and drawn again after). */
  message(line: string): void;
  done(): void;
}

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

function jsonView(emit: (o: unknown) => void): View {
  return { tick() {}, epoch: (r) => emit({ type: 'epoch', ...r }), message: stderrLine, done() {} };
}

const pct = (v: number | null) => (v === null ? '' : `${(100 * v).toFixed(2)}%`);
const num4 = (v: number | null) => (v === null ? '' : fmtNum(v, 4));

function epochLine(r: EpochRecord, epochs: number): string {
  const parts = [`epoch ${String(r.epoch).padStart(String(epochs).length)}/${epochs}`, `loss ${num4(r.loss)}`];
  if (r.accuracy !== null) parts.push(`acc ${pct(r.accuracy)}`);
  if (r.mae !== null) parts.push(`mae ${num4(r.mae)}`);
  if (r.val_loss !== null) parts.push(`val_loss ${num4(r.val_loss)}`);
  if (r.val_accuracy !== null) parts.push(`val_acc ${pct(r.val_accuracy)}`);
  if (r.val_mae !== null) parts.push(`val_mae ${num4(r.val_mae)}`);
  parts.push(`${Math.round(r.samples_per_s).toLocaleString('en')} samples/s`);
  return parts.join('  ');
}

/** Piped: one line per epoch (about 50 lines at most, and always the last epoch). */
function plainView(tr: Trainer): View {
  const every = Math.max(1, Math.ceil(tr.epochs / 50));
  return {
    tick() {},
    epoch(r) {
      if (r.epoch % every === 0 || r.epoch === tr.epochs || r.epoch === 1) process.stdout.write(`${epochLine(r, tr.epochs)}\n`);
    },
    message: stderrLine,
    done() {},
  };
}

/** On a terminal: a progress bar with epoch, loss, validation metric, samples/s and ETA. */
async function barView(tr: Trainer): Promise<View> {
  const { default: progress } = await import('cli-progress');
  const steps = tr.stepsPerEpoch;
  const bar = new progress.SingleBar(
    {
      format: 'epoch {ep}/{epochs} {bar} {percentage}% | loss {loss} | {val} | {sps} samples/s | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      stream: process.stderr,
    },
    progress.Presets.shades_classic,
  );
  let val = 'val -';
  let stopped = false;
  const start = tr.progress.epoch * steps + tr.progress.step;
  bar.start(tr.epochs * steps, start, { ep: tr.progress.epoch + 1, epochs: tr.epochs, loss: '-', val, sps: '-' });
  return {
    tick(s) {
      bar.update((s.epoch - 1) * steps + s.step, { ep: s.epoch, loss: fmtNum(s.loss, 4), val, sps: Math.round(s.samplesPerS).toLocaleString('en') });
    },
    epoch(r) {
      if (r.val_accuracy !== null) val = `val_acc ${pct(r.val_accuracy)}`;
      else if (r.val_loss !== null) val = `val_loss ${fmtNum(r.val_loss, 4)}`;
      bar.update(r.epoch * steps, { ep: Math.min(r.epoch + 1, tr.epochs), loss: fmtNum(r.loss, 4), val, sps: Math.round(r.samples_per_s).toLocaleString('en') });
    },
    message(line) {
      if (stopped) return stderrLine(line);
      // Clear the bar's line, print, and move the bar below: it redraws (and at the end clears)
      // from the saved cursor position, so save it on the new line (ESC 7).
      process.stderr.write(`\r\x1b[2K${line}\n\x1b7`);
      (bar as unknown as { render(force: boolean): void }).render(true);
    },
    done() {
      stopped = true;
      bar.stop();
    },
  };
}

async function renderSummary(s: TrainSummary, h: EpochRecord[], c: ReturnType<typeof colorFor>): Promise<string> {
  const lines: string[] = [];
  const state = s.status === 'finished' ? c.green('trained') : s.status === 'interrupted' ? c.yellow('interrupted') : c.red('diverged');
  const speed = s.samples_per_s === null ? '' : ` (${Math.round(s.samples_per_s).toLocaleString('en')} samples/s)`;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const done =
    s.resumed_from === null
      ? `${plural(s.epochs_run, 'epoch')}, ${s.steps} steps`
      : `${plural(s.epochs_run, 'epoch')}, ${s.steps_run} steps this run (${plural(s.epochs_total, 'epoch')}, ${s.steps} steps in total)`;
  lines.push(`${state} ${c.bold(s.name)}: ${done} in ${s.seconds.toFixed(2)} s${speed}, ${s.dtype}, backend ${s.backend}`);
  if (s.train) {
    const rows: string[][] = [['loss', fmtNum(s.train.loss, 6), s.val ? fmtNum(s.val.loss, 6) : '']];
    if (s.train.accuracy !== null) rows.push(['accuracy', pct(s.train.accuracy), s.val ? pct(s.val.accuracy) : '']);
    if (s.train.mse !== null) rows.push(['mse', fmtNum(s.train.mse, 6), s.val ? fmtNum(s.val.mse!, 6) : '']);
    if (s.train.mae !== null) rows.push(['mae', fmtNum(s.train.mae, 6), s.val ? fmtNum(s.val.mae!, 6) : '']);
    rows.push(['rows', String(s.train.rows), s.val ? String(s.val.rows) : '']);
    lines.push(await table(s.val ? ['metric', 'train', 'validation'] : ['metric', 'train'], s.val ? rows : rows.map((r) => r.slice(0, 2)), [false, true, true]));
    // The two differ by design, and a reader comparing them should know which is which.
    lines.push(c.dim("(this table: the final weights on every row; the epoch lines: each epoch's mean over its batches, as the weights changed)"));
  }
  if (h.length > 1) lines.push('', ...textPlot(lossSeries(h)));
  if (s.files.length) lines.push('', `saved ${join(s.files[0], '..')} (${WEIGHTS}, ${STATE}, ${MODEL_JSON})${s.plot ? `; plot ${s.plot}` : ''}`);
  return `${lines.join('\n')}\n`;
}
