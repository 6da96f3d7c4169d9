/**
 * What an export starts from: a model folder written by `cg train` (read through the
 * checkpoint loader, so the export follows its format) or a spec, untrained (cg's own seeded
 * initial weights). Inference exports need the weights and the normalisation only; the torch
 * export also needs the optimizer state and the data, so it builds a Trainer and restores
 * the checkpoint into it as `cg train --resume` does.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { CgError } from '../../errors.js';
import { checkpointMeta, loadModel, MODEL_JSON, restore, type ModelMeta } from '../checkpoint.js';
import { loadSpecData } from '../data.js';
import type { FloatArray } from '../executor.js';
import { sourceOf } from '../names.js';
import type { Spec, SpecFile } from '../spec.js';
import { FitError, Trainer } from '../trainer.js';

export interface ExportSource {
  /** What the weights are (a checkpoint's model.json, or the one a fresh run would write). */
  meta: ModelMeta;
  params: Map<string, FloatArray>;
  /** Flat optimizer state (v; m and v) in the checkpoint's layout, when loaded for training. */
  state?: Map<string, FloatArray>;
  /** The CSV the model trains on, absolute; null for a builtin generator. */
  dataFile?: string | null;
  kind: 'model' | 'spec';
}

const isSpecPath = (p: string) => /\.ya?ml$/i.test(p);

/** Which kind of thing `path` is, or an exit-2 error that says what was expected. */
function kindOf(path: string): 'model' | 'spec' {
  if (!existsSync(path)) throw new CgError('io', `${path}: no such file or folder`, { hint: 'give a model folder written by cg train (runs/NAME) or a spec (.yaml)' });
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, MODEL_JSON))) throw new CgError('value', `${path} is not a model folder: it has no ${MODEL_JSON}`, { hint: 'give a folder written by cg train (runs/NAME) or a spec (.yaml)' });
    return 'model';
  }
  if (isSpecPath(path)) return 'spec';
  if (extname(path) === '.json') return 'model';
  throw new CgError('value', `${path} is neither a model folder nor a spec (.yaml)`, { hint: 'give a folder written by cg train (runs/NAME) or a spec (.yaml)' });
}

/** Weights and normalisation: enough for an inference graph. */
export async function loadForInference(path: string): Promise<ExportSource> {
  if (kindOf(path) === 'model') {
    const m = loadModel(path);
    return { meta: m.meta, params: m.params, kind: 'model' };
  }
  return loadForTraining(path);
}

/** Weights, optimizer state, progress and the data: enough to continue training elsewhere. */
export async function loadForTraining(path: string, opts: { data?: string } = {}): Promise<ExportSource> {
  const kind = kindOf(path);
  const { readSpecFile } = await import('../spec.js');
  if (kind === 'spec') {
    const sf = readSpecFile(path);
    if (opts.data !== undefined) sf.spec.data.source = resolve(opts.data);
    const tr = trainer(sf);
    return { meta: checkpointMeta(tr, 'running', path), params: tr.params, state: tr.optimizer.state(), dataFile: csvOf(sf.spec, sf.dir), kind };
  }
  const loaded = loadModel(path);
  const { meta } = loaded;
  // The data is found as `cg train` found it: relative to the spec the model was trained from.
  const specDir = meta.spec_file ? dirname(resolve(meta.spec_file)) : process.cwd();
  const spec: Spec = structuredClone(meta.spec);
  if (opts.data !== undefined) spec.data.source = resolve(opts.data);
  const file = csvOf(spec, specDir);
  if (file && !existsSync(file)) {
    throw new CgError('io', `cannot find the training data of ${path}: ${file}`, { hint: 'give its CSV with --data FILE' });
  }
  const sf: SpecFile = {
    spec,
    path: meta.spec_file ?? 'model.json',
    dir: specDir,
    text: '',
    error: (p, message) => new CgError('value', `${join(loaded.dir, MODEL_JSON)}: spec.${p.join('.')}: ${message}`),
  };
  const tr = trainer(sf);
  restore(tr, loaded);
  return { meta, params: tr.params, state: tr.optimizer.state(), dataFile: file, kind };
}

function trainer(sf: SpecFile): Trainer {
  try {
    return new Trainer(sf.spec, loadSpecData(sf));
  } catch (e) {
    if (e instanceof FitError) throw e.at(sf);
    throw e;
  }
}

function csvOf(spec: Spec, dir: string): string | null {
  const src = sourceOf(spec);
  return src.kind === 'csv' ? resolve(dir, src.file) : null;
}
