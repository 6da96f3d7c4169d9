/**
 * Data sets: CSV files and the built-in generators (xor, circles, spiral, sine, sort). A
 * data set is rows of float64 inputs plus either class labels or float64 targets; the
 * trainer copies it into its own dtype once.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CgError } from '../errors.js';
import { fsReason } from '../util/files.js';
import { mulberry32, normal, shuffle, subSeed } from './rng.js';
import { generatorTask, sourceOf, type Generator } from './names.js';
import { DEFAULT_SAMPLES } from './budget.js';
import type { Spec, SpecFile } from './spec.js';
import { someNames, suggest } from '../util/suggest.js';

export interface Dataset {
  /** Number of rows. */
  n: number;
  inputNames: string[];
  /** Row-major n × inputs. */
  x: Float64Array;
  task: 'classification' | 'regression';
  /** Classification: the class of each row, an index into `classes`. */
  labels?: Int32Array;
  classes?: string[];
  /** Regression: row-major n × targets. */
  y?: Float64Array;
  targetNames: string[];
}

export const inputCount = (d: Dataset): number => d.inputNames.length;
/** Columns of the target the model predicts: classes (or 1 for two-class bce), or targets. */
export const targetCount = (d: Dataset): number => (d.task === 'classification' ? d.classes!.length : d.targetNames.length);

// ---------------------------------------------------------------- generators

export interface GeneratorOptions {
  samples?: number;
  classes?: number;
  noise?: number;
  factor?: number;
  k?: number;
  features?: number;
  seed?: number;
}

/** Default sizes: small enough to train in seconds, big enough to mean something. */

export function generate(name: Generator, o: GeneratorOptions = {}): Dataset {
  const n = o.samples ?? DEFAULT_SAMPLES[name];
  const rand = mulberry32(subSeed(o.seed ?? 0, 0x6a7a));
  const gauss = normal(rand);
  switch (name) {
    case 'xor': {
      // The truth table, repeated to `samples` rows, with optional noise on the inputs.
      const noise = o.noise ?? 0;
      const x = new Float64Array(n * 2);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const a = i & 1;
        const b = (i >> 1) & 1;
        x[2 * i] = a + noise * gauss();
        x[2 * i + 1] = b + noise * gauss();
        labels[i] = a ^ b;
      }
      return { n, inputNames: ['a', 'b'], x, task: 'classification', labels, classes: ['0', '1'], targetNames: ['a xor b'] };
    }
    case 'circles': {
      // Two concentric circles (as scikit-learn's make_circles): class 1 is the inner one.
      const noise = o.noise ?? 0.05;
      const factor = o.factor ?? 0.5;
      const x = new Float64Array(n * 2);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const inner = i % 2;
        const t = 2 * Math.PI * rand();
        const r = inner ? factor : 1;
        x[2 * i] = r * Math.cos(t) + noise * gauss();
        x[2 * i + 1] = r * Math.sin(t) + noise * gauss();
        labels[i] = inner;
      }
      return { n, inputNames: ['x', 'y'], x, task: 'classification', labels, classes: ['outer', 'inner'], targetNames: ['circle'] };
    }
    case 'spiral': {
      // CS231n's spiral: arm c has radius 0..1 and angle 4c..4(c+1) plus noise.
      const classes = o.classes ?? 3;
      const noise = o.noise ?? 0.2;
      const x = new Float64Array(n * 2);
      const labels = new Int32Array(n);
      let row = 0;
      for (let c = 0; c < classes; c++) {
        const m = Math.floor(n / classes) + (c < n % classes ? 1 : 0);
        for (let i = 0; i < m; i++, row++) {
          const r = m === 1 ? 1 : i / (m - 1);
          const t = 4 * c + (4 * i) / Math.max(1, m - 1) + noise * gauss();
          x[2 * row] = r * Math.sin(t);
          x[2 * row + 1] = r * Math.cos(t);
          labels[row] = c;
        }
      }
      return { n, inputNames: ['x', 'y'], x, task: 'classification', labels, classes: Array.from({ length: classes }, (_, c) => `arm${c}`), targetNames: ['arm'] };
    }
    case 'sine': {
      const noise = o.noise ?? 0;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = Math.PI * (2 * rand() - 1);
        y[i] = Math.sin(x[i]) + noise * gauss();
      }
      return { n, inputNames: ['x'], x, task: 'regression', y, targetNames: ['sin(x)'] };
    }
    case 'sort': {
      // The lecture's "learn to sort": k numbers uniform in [0, 1) → the same numbers ascending.
      const k = o.k ?? 4;
      const x = new Float64Array(n * k);
      const y = new Float64Array(n * k);
      const tmp = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) tmp[j] = x[i * k + j] = rand();
        tmp.sort();
        y.set(tmp, i * k);
      }
      const names = (p: string) => Array.from({ length: k }, (_, j) => `${p}${j}`);
      return { n, inputNames: names('x'), x, task: 'regression', y, targetNames: names('sorted') };
    }
    case 'random': {
      // Noise with random labels: nothing to learn, for timing (the benchmark's data).
      const d = o.features ?? 784;
      const classes = o.classes ?? 10;
      const x = new Float64Array(n * d);
      for (let i = 0; i < x.length; i++) x[i] = gauss();
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) labels[i] = Math.floor(rand() * classes);
      return {
        n, inputNames: Array.from({ length: d }, (_, j) => `f${j}`), x, task: 'classification', labels,
        classes: Array.from({ length: classes }, (_, c) => String(c)), targetNames: ['class'],
      };
    }
  }
}

// ---------------------------------------------------------------- CSV

export interface Csv {
  header: string[];
  rows: string[][];
  /** The 1-based file line of each row (for messages). */
  lines: number[];
}

/** RFC 4180-ish: comma-separated, double quotes around fields that need them, "" inside. */
export function parseCsv(text: string, file = 'data.csv'): Csv {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ cells: cells.map((c) => c.trim()), line: start });
    cells = [];
    cell = '';
    any = false;
  };
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quoted) {
      if (ch === '"') {
        if (t[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (!any) start = line;
    any = true;
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && t[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else cell += ch;
  }
  if (quoted) throw new CgError('value', `${file}:${start}: a quoted field is not closed`);
  if (any) endRecord();
  if (!records.length) throw new CgError('value', `${file}: the file is empty (a header line and data rows are needed)`);
  const header = records[0].cells;
  const rows = records.slice(1);
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      throw new CgError('value', `${file}:${r.line}: ${r.cells.length} fields, but the header has ${header.length}`);
    }
  }
  if (!rows.length) throw new CgError('value', `${file}: no data rows after the header`);
  return { header, rows: rows.map((r) => r.cells), lines: rows.map((r) => r.line) };
}

/** Class names in a stable order: numerically when all are numbers, else alphabetically. */
function classOrder(values: Iterable<string>): string[] {
  const uniq = [...new Set(values)];
  const numeric = uniq.every((v) => v !== '' && Number.isFinite(Number(v)));
  return numeric ? uniq.sort((a, b) => Number(a) - Number(b)) : uniq.sort();
}

/**
 * Rows of a CSV as a data set. `errorAt` locates problems with the spec's fields (a column
 * that does not exist); problems in the file name its line.
 */
export function csvDataset(
  csv: Csv,
  file: string,
  opts: { inputs?: string[]; target?: string | string[]; task: 'classification' | 'regression'; classes?: string[] },
  errorAt: (path: (string | number)[], message: string, hint?: string) => CgError,
): Dataset {
  const { header } = csv;
  const col = (name: string, path: (string | number)[]) => {
    const i = header.indexOf(name);
    if (i < 0) {
      const near = suggest(name, header);
      throw errorAt(path, `${basename(file)} has no column "${name}"`, near ? `did you mean ${near}?` : `its columns: ${someNames(header, 8)}`);
    }
    return i;
  };
  const targets = opts.target === undefined ? [header[header.length - 1]] : typeof opts.target === 'string' ? [opts.target] : opts.target;
  const targetCols = targets.map((t, k) => col(t, typeof opts.target === 'string' || opts.target === undefined ? ['data', 'target'] : ['data', 'target', k]));
  const inputs = opts.inputs ?? header.filter((_, i) => !targetCols.includes(i));
  const inputCols = inputs.map((name, k) => col(name, ['data', 'inputs', k]));
  if (!inputCols.length) throw errorAt(['data'], `${basename(file)} has no input columns left besides the target`);
  for (const c of inputCols) if (targetCols.includes(c)) throw errorAt(['data', 'inputs'], `column "${header[c]}" is both an input and the target`);
  const n = csv.rows.length;
  const d = inputCols.length;
  const num = (r: number, c: number): number => {
    const s = csv.rows[r][c];
    const v = s === '' ? NaN : Number(s);
    if (!Number.isFinite(v)) {
      throw new CgError('value', `${basename(file)}:${csv.lines[r]}: column ${header[c]}: "${s}" is not a number`, {
        hint: 'inputs must be numeric; drop or fill such rows',
      });
    }
    return v;
  };
  const x = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) x[r * d + j] = num(r, inputCols[j]);
  if (opts.task === 'classification') {
    if (targetCols.length !== 1) throw errorAt(['data', 'target'], 'a classification target is one column');
    const tc = targetCols[0];
    const classes = opts.classes ?? classOrder(csv.rows.map((r) => r[tc]));
    const labels = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const k = classes.indexOf(csv.rows[r][tc]);
      if (k < 0) throw new CgError('value', `${basename(file)}:${csv.lines[r]}: class "${csv.rows[r][tc]}" is not one the model knows (${someNames(classes)})`);
      labels[r] = k;
    }
    if (classes.length < 2) throw errorAt(['data', 'target'], `column "${header[tc]}" has a single class (${classes[0]}); classification needs two or more`);
    return { n, inputNames: inputs, x, task: 'classification', labels, classes, targetNames: [header[tc]] };
  }
  const t = targetCols.length;
  const y = new Float64Array(n * t);
  for (let r = 0; r < n; r++) for (let j = 0; j < t; j++) y[r * t + j] = num(r, targetCols[j]);
  return { n, inputNames: inputs, x, task: 'regression', y, targetNames: targets };
}

export function readCsv(path: string): Csv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CgError('io', `cannot read data file ${path}: ${fsReason(e)}`);
  }
  return parseCsv(text, basename(path));
}

/** The task the spec's loss implies. */
export function taskOf(spec: Spec): 'classification' | 'regression' {
  return spec.loss === 'mse' ? 'regression' : 'classification';
}

/** The data set a spec names (generated, or read from its CSV file). */
export function loadSpecData(sf: SpecFile): Dataset {
  const { spec } = sf;
  const src = sourceOf(spec);
  if (src.kind === 'builtin') {
    const d = spec.data;
    const ds = generate(src.generator, { samples: d.samples, classes: d.classes, noise: d.noise, factor: d.factor, k: d.k, features: d.features, seed: d.seed ?? spec.training.seed });
    if (generatorTask(src.generator) !== ds.task) throw new Error('generator task mismatch');
    return ds;
  }
  const path = resolve(sf.dir, src.file);
  let csv: Csv;
  try {
    csv = readCsv(path);
  } catch (e) {
    if (e instanceof CgError && e.code === 'io') throw sf.error(['data', 'source'], `cannot read ${src.file}: ${e.message.replace(/^.*: /, '')}`);
    throw e;
  }
  return csvDataset(csv, path, { inputs: spec.data.inputs, target: spec.data.target, task: taskOf(spec) }, sf.error);
}

// ---------------------------------------------------------------- splits and normalisation

export interface Split {
  train: Int32Array;
  val: Int32Array;
}

/** A seeded shuffle, the last `fraction` of it held out (at least one row each when asked). */
export function splitRows(n: number, fraction: number, seed: number): Split {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (fraction <= 0) return { train: idx, val: new Int32Array(0) };
  shuffle(idx, mulberry32(subSeed(seed, 0x5b1)));
  let nv = Math.round(n * fraction);
  nv = Math.min(n - 1, Math.max(1, nv));
  // Sorted within each part, so row order (and thus the first epoch) does not depend on the split's shuffle.
  return { train: idx.slice(0, n - nv).sort(), val: idx.slice(n - nv).sort() };
}

export interface Normalization {
  mean: number[];
  std: number[];
}

/** Per-column mean and standard deviation over the given rows (std 0 becomes 1). */
export function fitNormalization(x: Float64Array, d: number, rows: Int32Array): Normalization {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, rows.length);
  for (const r of rows) for (let j = 0; j < d; j++) std[j] += (x[r * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / Math.max(1, rows.length));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

export function identityNormalization(d: number): Normalization {
  return { mean: new Array<number>(d).fill(0), std: new Array<number>(d).fill(1) };
}
