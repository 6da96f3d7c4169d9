import { basename, extname, resolve } from 'node:path';
import { CgError } from '../errors.js';
import { csvDataset, generate, readCsv, splitRows, type Dataset } from '../nn/data.js';
import { fallbackWarning, loadModel, type LoadedModel } from '../nn/checkpoint.js';
import { allocate } from '../nn/executor.js';
import { Evaluator, predictedClass, type Metrics } from '../nn/infer.js';
import { outputsOf } from '../nn/model.js';
import { sourceOf } from '../nn/names.js';
import { rowSet } from '../nn/trainer.js';
import { suggest } from '../util/suggest.js';
import { colorFor, fmtNum, printJson, table, warn } from './output.js';

/** A model folder's newest good checkpoint, with a warning when a damaged newer one was passed over. */
function loadWithWarning(path: string): LoadedModel {
  const m = loadModel(path);
  const fell = fallbackWarning(m);
  if (fell) warn(fell);
  return m;
}
import type { OptionsOf } from './command.js';
import type { predict as spec } from './commands/predict.js';

/** The options as declared in commands/predict.ts. */
export type PredictOptions = OptionsOf<typeof spec>;

/** What `cg predict` found; `--json` prints exactly this. */
export interface PredictResult {
  model: string;
  task: 'classification' | 'regression';
  inputs: string[];
  /** Class names (classification) or target names (regression). */
  outputs: string[];
  rows: PredictedRow[];
}

export interface PredictedRow {
  input: number[];
  /** Classification: the predicted class and the probability of each class. */
  class?: string;
  probabilities?: Record<string, number>;
  /** Regression: the predicted value of each target. */
  values?: Record<string, number>;
}

/** `--input "[0.5, -1]"`: one row (a list), or rows (a list of lists); also "0.5, -1". */
function parseRows(text: string, width: number): number[][] {
  const t = text.trim();
  let v: unknown;
  try {
    v = JSON.parse(t.startsWith('[') ? t : `[${t}]`);
  } catch {
    throw new CgError('value', `--input ${text}: not a list of numbers`, { hint: 'e.g. --input "[0.5, -1]"' });
  }
  const rows = Array.isArray(v) && v.length && Array.isArray(v[0]) ? (v as unknown[]) : [v];
  return rows.map((r) => {
    if (!Array.isArray(r) || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new CgError('value', `--input ${text}: not a list of numbers`, { hint: 'e.g. --input "[0.5, -1]"' });
    }
    if (r.length !== width) throw new CgError('value', `--input ${text}: ${r.length} value(s), but the model takes ${width}`);
    return r as number[];
  });
}

/** A model's input columns from a CSV file, by name. */
function csvRows(path: string, names: string[]): number[][] {
  const csv = readCsv(path);
  const cols = names.map((n) => {
    const i = csv.header.indexOf(n);
    if (i < 0) {
      const near = suggest(n, csv.header);
      throw new CgError('value', `${basename(path)} has no column "${n}", an input of the model`, { hint: near ? `did you mean ${near}?` : `its columns: ${csv.header.join(', ')}` });
    }
    return i;
  });
  return csv.rows.map((r, k) =>
    cols.map((c) => {
      const v = r[c] === '' ? NaN : Number(r[c]);
      if (!Number.isFinite(v)) throw new CgError('value', `${basename(path)}:${csv.lines[k]}: column ${csv.header[c]}: "${r[c]}" is not a number`);
      return v;
    }),
  );
}

export function computePredict(modelPath: string, opts: PredictOptions): PredictResult {
  const m = loadWithWarning(modelPath);
  const { meta } = m;
  const d = meta.model.inputs;
  const rows: number[][] = [];
  for (const text of opts.input ?? []) rows.push(...parseRows(text, d));
  if (opts.csv) rows.push(...csvRows(opts.csv, meta.data.inputs));
  if (!rows.length) throw new CgError('usage', 'nothing to predict', { hint: `give --input "[${meta.data.inputs.map(() => '0').join(', ')}]" or --csv FILE` });
  const x = allocate(meta.dtype, rows.length * d);
  const { mean, std } = meta.data.normalization;
  rows.forEach((r, i) => r.forEach((v, j) => (x[i * d + j] = (v - mean[j]) / std[j])));
  const z = new Evaluator(meta.model, meta.dtype, m.params).outputs(x, rows.length);
  const c = outputsOf(meta.model);
  const classify = meta.data.task === 'classification';
  const outputs = classify ? meta.data.classes! : meta.data.targets;
  return {
    model: modelPath,
    task: meta.data.task,
    inputs: meta.data.inputs,
    outputs,
    rows: rows.map((input, i) => {
      if (!classify) return { input, values: Object.fromEntries(outputs.map((name, j) => [name, z[i * c + j]])) };
      const probs = probabilities(z, i, c);
      return { input, class: outputs[predictedClass(z, i, c)], probabilities: Object.fromEntries(outputs.map((name, j) => [name, probs[j]])) };
    }),
  };
}

/** softmax of row i's logits; for one output (bce), [1 - σ(z), σ(z)]. */
function probabilities(z: Float64Array, i: number, c: number): number[] {
  if (c === 1) {
    const p = 1 / (1 + Math.exp(-z[i]));
    return [1 - p, p];
  }
  let m = -Infinity;
  for (let j = 0; j < c; j++) m = Math.max(m, z[i * c + j]);
  const e = Array.from({ length: c }, (_, j) => Math.exp(z[i * c + j] - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export async function predictCommand(modelPath: string, opts: PredictOptions): Promise<number> {
  const r = computePredict(modelPath, opts);
  if (opts.json) {
    printJson(r);
    return 0;
  }
  const c = colorFor(process.stdout);
  const head = ['#', ...r.inputs];
  if (r.task === 'classification') head.push('class', 'probability');
  else head.push(...r.outputs);
  const body = r.rows.map((row, i) => {
    const cells = [String(i), ...row.input.map((v) => fmtNum(v, 6))];
    if (row.class !== undefined) cells.push(c.bold(row.class), fmtNum(row.probabilities![row.class], 4));
    else cells.push(...r.outputs.map((o) => fmtNum(row.values![o], 6)));
    return cells;
  });
  process.stdout.write(`${await table(head, body, head.map((_, i) => i > 0))}\n`);
  return 0;
}

// ---------------------------------------------------------------- cg eval MODEL --data

export interface EvalModelOptions {
  data?: string;
  split?: string;
  json?: boolean;
}

export const SPLITS = ['validation', 'train', 'all'] as const;

/** What `cg eval MODEL --data ...` found; `--json` prints exactly this. */
export interface EvalModelResult {
  model: string;
  data: string;
  task: 'classification' | 'regression';
  metrics: Metrics;
  /** The rows scored: the spec's validation or training split, or all of them. */
  split: (typeof SPLITS)[number];
  /** Classification: rows = true class, columns = predicted class, in `classes` order. */
  classes: string[] | null;
  confusion: number[][] | null;
}

/** The data to evaluate on: a spec's data set (all of its rows) or a CSV with the model's columns. */
async function evalData(path: string, m: LoadedModel): Promise<{ data: Dataset; split?: { fraction: number; seed: number } }> {
  const { meta } = m;
  // A spec splits its rows as training did (its validation fraction and seed); a CSV is scored whole unless asked.
  const specSplit = { fraction: meta.spec.training.validation, seed: meta.spec.training.seed };
  const ext = extname(path).toLowerCase();
  const error = (_field: (string | number)[], message: string, hint?: string) => new CgError('value', `${path}: ${message}`, { hint });
  if (ext === '.yaml' || ext === '.yml') {
    const { readSpecFile } = await import('../nn/spec.js');
    const sf = readSpecFile(path);
    const src = sourceOf(sf.spec);
    if (src.kind === 'builtin') {
      const d = sf.spec.data;
      const split = { fraction: sf.spec.training.validation, seed: sf.spec.training.seed };
      return { data: generate(src.generator, { samples: d.samples, classes: d.classes, noise: d.noise, factor: d.factor, k: d.k, features: d.features, seed: d.seed ?? sf.spec.training.seed }), split };
    }
    const split = { fraction: sf.spec.training.validation, seed: sf.spec.training.seed };
    return { data: csvDataset(readCsv(resolve(sf.dir, src.file)), src.file, { inputs: meta.data.inputs, target: meta.data.targets, task: meta.data.task, classes: meta.data.classes ?? undefined }, error), split };
  }
  return { data: csvDataset(readCsv(path), path, { inputs: meta.data.inputs, target: meta.data.targets, task: meta.data.task, classes: meta.data.classes ?? undefined }, error), split: specSplit };
}

export async function computeEvalModel(parts: string[], opts: EvalModelOptions): Promise<EvalModelResult> {
  if (parts.length !== 1) throw new CgError('usage', 'cg eval MODEL --data FILE takes one model folder', { hint: 'cg eval runs/iris --data fixtures/data/iris.csv' });
  const modelPath = parts[0].trim();
  const m = loadWithWarning(modelPath);
  const { meta } = m;
  if (opts.split !== undefined && !(SPLITS as readonly string[]).includes(opts.split)) {
    const near = SPLITS.find((s) => s.startsWith(opts.split!)) ?? suggest(opts.split, SPLITS);
    throw new CgError('usage', `--split ${opts.split}: give validation, train or all`, near ? { hint: `did you mean ${near}?` } : {});
  }
  const { data, split: how } = await evalData(opts.data!, m);
  const spec = /\.ya?ml$/i.test(opts.data!);
  const split = (opts.split ?? (spec && how && how.fraction > 0 ? 'validation' : 'all')) as (typeof SPLITS)[number];
  if (split !== 'all' && !(how && how.fraction > 0)) throw new CgError('usage', `--split ${split}: the model's spec holds out no validation rows`, { hint: 'use --split all' });
  if (data.inputNames.length !== meta.model.inputs) {
    throw new CgError('value', `${opts.data} has ${data.inputNames.length} input column(s); the model takes ${meta.model.inputs}`);
  }
  if (data.task !== meta.data.task) throw new CgError('value', `${opts.data} is a ${data.task} data set; the model does ${meta.data.task}`);
  const rows = split === 'all' ? Int32Array.from({ length: data.n }, (_, i) => i) : splitRows(data.n, how!.fraction, how!.seed)[split === 'train' ? 'train' : 'val'];
  const set = rowSet(meta.model, data, rows, meta.data.normalization, meta.dtype);
  const ev = new Evaluator(meta.model, meta.dtype, m.params);
  const metrics = ev.metrics(set);
  let confusion: number[][] | null = null;
  const classes = meta.data.classes;
  if (classes) {
    const c = outputsOf(meta.model);
    const z = ev.outputs(set.x, set.n);
    confusion = classes.map(() => classes.map(() => 0));
    for (let i = 0; i < set.n; i++) confusion[set.labels![i]][predictedClass(z, i, c)]++;
  }
  return { model: modelPath, data: opts.data!, task: meta.data.task, metrics, split, classes, confusion };
}

export async function evalModelCommand(parts: string[], opts: EvalModelOptions): Promise<number> {
  const r = await computeEvalModel(parts, opts);
  if (opts.json) {
    printJson(r);
    return 0;
  }
  const rows: string[][] = [['loss', fmtNum(r.metrics.loss, 6)]];
  if (r.metrics.accuracy !== null) rows.push(['accuracy', `${(100 * r.metrics.accuracy).toFixed(2)}%`]);
  if (r.metrics.mse !== null) rows.push(['mse', fmtNum(r.metrics.mse, 6)]);
  if (r.metrics.mae !== null) rows.push(['mae', fmtNum(r.metrics.mae, 6)]);
  rows.push(['rows', String(r.metrics.rows)]);
  const which = r.split === 'all' ? 'all rows' : `the ${r.split} split (${r.metrics.rows} rows, as training split them; --split all for every row)`;
  const out = [`${r.model} on ${r.data}, ${which}`, await table(['metric', 'value'], rows, [false, true])];
  if (r.confusion && r.classes) {
    out.push('confusion (rows: true class, columns: predicted)');
    out.push(await table(['', ...r.classes], r.confusion.map((row, i) => [r.classes![i], ...row.map(String)]), [false, ...r.classes.map(() => true)]));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
