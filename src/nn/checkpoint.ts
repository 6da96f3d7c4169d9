/**
 * Checkpoints: a folder with the weights (model.safetensors: W1, b1, ...), the optimizer's
 * state (state.safetensors), and model.json, which says what the weights are: the resolved
 * spec, the layers, the data normalisation and class names, metrics, progress, cg version.
 * Each file is written atomically, model.json last: it is the commit point, and it names
 * the step the two tensor files belong to, so a crash between writes is caught on load.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CgError } from '../errors.js';
import { version } from '../util/version.js';
import { writeAtomic } from '../util/files.js';
import type { Normalization } from './data.js';
import { allocate, type DType, type FloatArray } from './executor.js';
import type { Metrics } from './infer.js';
import { paramShapes, type ModelDef } from './model.js';
import { decodeSafetensors, dtypeOf, encodeSafetensors, type NamedTensor } from './safetensors.js';
import type { Spec } from './spec.js';
import type { EpochRecord, Outcome, Progress, Trainer } from './trainer.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS = 'model.safetensors';
export const STATE = 'state.safetensors';

export interface ModelMeta {
  format: 'cg-model';
  version: 1;
  cg_version: string;
  name: string;
  /** The spec with every default filled in. */
  spec: Spec;
  spec_file: string | null;
  dtype: DType;
  model: ModelDef;
  data: {
    task: 'classification' | 'regression';
    inputs: string[];
    targets: string[];
    classes: string[] | null;
    normalization: Normalization;
    train_rows: number;
    val_rows: number;
  };
  files: { weights: string; state: string };
  status: 'running' | 'finished' | 'interrupted';
  progress: Progress;
  optimizer_steps: number;
  history: EpochRecord[];
  final: { train: Metrics; val: Metrics | null } | null;
}

export function checkpointMeta(tr: Trainer, status: ModelMeta['status'], specFile: string | null, final: ModelMeta['final'] = null): ModelMeta {
  return {
    format: 'cg-model',
    version: 1,
    cg_version: version,
    name: tr.spec.name ?? 'model',
    spec: tr.spec,
    spec_file: specFile,
    dtype: tr.dtype,
    model: tr.def,
    data: {
      task: tr.data.task,
      inputs: tr.data.inputNames,
      targets: tr.data.targetNames,
      classes: tr.data.classes ?? null,
      normalization: tr.norm,
      train_rows: tr.train.n,
      val_rows: tr.val.n,
    },
    files: { weights: WEIGHTS, state: STATE },
    status,
    progress: tr.progress,
    optimizer_steps: tr.optimizer.t,
    history: tr.history,
    final,
  };
}

const tensorsOf = (m: ReadonlyMap<string, FloatArray>, shapes: ReadonlyMap<string, readonly number[]>): Map<string, NamedTensor> =>
  new Map([...m].map(([name, data]) => [name, { dtype: dtypeOf(data), shape: [...(shapes.get(name) ?? [data.length])], data }]));

/** Write the three files of a checkpoint into `dir` (created if need be). */
export function saveCheckpoint(dir: string, tr: Trainer, meta: ModelMeta): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CgError('io', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const shapes = new Map(paramShapes(tr.def).map((p) => [p.name, p.shape] as const));
  const stamp = { step: String(tr.optimizer.t), format: 'pt' };
  writeAtomic(join(dir, WEIGHTS), encodeSafetensors(tensorsOf(tr.params, shapes), stamp));
  // Optimizer state is flat, one entry per parameter entry in the order W1, b1, W2, ...
  writeAtomic(join(dir, STATE), encodeSafetensors(tensorsOf(tr.optimizer.state(), new Map()), { step: String(tr.optimizer.t), optimizer: tr.optimizer.spec.type }));
  writeAtomic(join(dir, MODEL_JSON), `${JSON.stringify(meta, jsonNumbers, 2)}\n`);
}

/** NaN and ±Infinity as strings, as everywhere in cg's JSON. */
function jsonNumbers(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

/** The folder of a model given as the folder itself or as its model.json. */
export function modelDir(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) return path;
  if (path.endsWith('.json')) return join(path, '..');
  return path;
}

export interface LoadedModel {
  dir: string;
  meta: ModelMeta;
  params: Map<string, FloatArray>;
}

function readJson(path: string): ModelMeta {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CgError('io', `cannot read ${path}: ${code ?? (e as Error).message}`, code === 'ENOENT' ? { hint: 'give a folder written by cg train (runs/NAME) or its model.json' } : {});
  }
  let meta: ModelMeta;
  try {
    meta = JSON.parse(text) as ModelMeta;
  } catch (e) {
    throw new CgError('value', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (meta?.format !== 'cg-model' || meta.version !== 1) throw new CgError('value', `${path} is not a cg model file (format cg-model, version 1)`);
  return meta;
}

function readTensors(path: string, step: number, what: string): Map<string, NamedTensor> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CgError('io', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const st = decodeSafetensors(bytes, path);
  if (st.metadata.step !== String(step)) {
    throw new CgError('value', `${path} holds the ${what} of step ${st.metadata.step ?? '?'}, but ${MODEL_JSON} is at step ${step}`, {
      hint: 'the checkpoint was cut off while being written; train again',
    });
  }
  return st.tensors;
}

/** A model folder's metadata and weights, checked against each other. */
export function loadModel(path: string): LoadedModel {
  const dir = modelDir(path);
  const meta = readJson(join(dir, MODEL_JSON));
  const tensors = readTensors(join(dir, meta.files.weights), meta.optimizer_steps, 'weights');
  const params = new Map<string, FloatArray>();
  for (const p of paramShapes(meta.model)) {
    const t = tensors.get(p.name);
    const size = p.shape.reduce((a, b) => a * b, 1);
    if (!t || t.data.length !== size) throw new CgError('value', `${join(dir, meta.files.weights)}: ${p.name} is missing or not of shape [${p.shape}]`);
    const buf = allocate(meta.dtype, size);
    buf.set(t.data);
    params.set(p.name, buf);
  }
  return { dir, meta, params };
}

/** Put a checkpoint's weights, optimizer state, progress and history back into a trainer. */
export function restore(tr: Trainer, loaded: LoadedModel): void {
  const { meta, dir } = loaded;
  for (const [name, buf] of loaded.params) tr.params.get(name)!.set(buf);
  const state = readTensors(join(dir, meta.files.state), meta.optimizer_steps, 'optimizer state');
  for (const [name, buf] of tr.optimizer.state()) {
    const t = state.get(name);
    if (!t || t.data.length !== buf.length) throw new CgError('value', `${join(dir, meta.files.state)}: ${name} is missing or of the wrong size`);
    buf.set(t.data);
  }
  tr.optimizer.t = meta.optimizer_steps;
  tr.progress = structuredClone(meta.progress);
  tr.history.splice(0, tr.history.length, ...meta.history.map((h) => ({ ...h })));
}

/** How a resumed spec may differ from the checkpoint's: only in its number of epochs. */
export function specDifference(a: Spec, b: Spec): string | undefined {
  const strip = (s: Spec) => JSON.stringify({ ...s, name: undefined, training: { ...s.training, epochs: undefined } });
  if (strip(a) === strip(b)) return undefined;
  for (const key of Object.keys({ ...a, ...b }) as (keyof Spec)[]) {
    if (key === 'name') continue;
    const x = key === 'training' ? { ...a.training, epochs: 0 } : a[key];
    const y = key === 'training' ? { ...b.training, epochs: 0 } : b[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) return key;
  }
  return 'the spec';
}

export type { Outcome };
