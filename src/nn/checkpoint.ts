/**
 * Checkpoints: one generation of a run folder (generations.ts) holds the weights
 * (model.safetensors: W1, b1, ...), the optimizer's state (state.safetensors) and model.json,
 * which says what the weights are: the resolved spec, the layers, the data normalisation and
 * class names, metrics, progress, cg version, and the sha256 of itself and of both tensor
 * files (each tensor also carries its own). Loading verifies all of it; a damaged newest
 * generation falls back to the one before, with a warning.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CgError } from '../errors.js';
import { fsReason } from '../util/files.js';
import { version } from '../util/version.js';
import { jsonNumbers, metaChecksum, parseMeta, type ModelMeta } from './checkpoint-meta.js';
import type { Normalization } from './data.js';
import { allocate, type DType, type FloatArray } from './executor.js';
import { candidates, commitGeneration, genName, isDir, isGenerationFolder, LATEST } from './generations.js';
import type { Metrics } from './infer.js';
import { paramShapes, type ModelDef } from './model.js';
import { decodeSafetensors, dtypeOf, encodeSafetensors, type NamedTensor } from './safetensors.js';
import type { Spec } from './spec.js';
import type { EpochRecord, Outcome, Progress, Trainer } from './trainer.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS = 'model.safetensors';
export const STATE = 'state.safetensors';

export type { ModelMeta };

export function checkpointMeta(tr: Trainer, status: ModelMeta['status'], specFile: string | null, final: ModelMeta['final'] = null): ModelMeta {
  return {
    format: 'cg-model',
    version: 2,
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

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Generations kept in a run folder unless --keep says otherwise. */
export const KEEP_DEFAULT = 2;

/**
 * Write a checkpoint into the run folder `dir` (created if need be) as a new generation, and
 * make it current in one atomic step. Returns the generation's folder.
 */
export function saveCheckpoint(dir: string, tr: Trainer, meta: ModelMeta, keep = KEEP_DEFAULT): string {
  const shapes = new Map(paramShapes(tr.def).map((p) => [p.name, p.shape] as const));
  const step = String(tr.optimizer.t);
  const weights = encodeSafetensors(tensorsOf(tr.params, shapes), { step, format: 'pt' }, true);
  // Optimizer state is flat, one entry per parameter entry in the order W1, b1, W2, ...
  const state = encodeSafetensors(tensorsOf(tr.optimizer.state(), new Map()), { step, optimizer: tr.optimizer.spec.type }, true);
  const m: ModelMeta = { ...meta, files: { weights: WEIGHTS, state: STATE, weights_sha256: sha256(weights), state_sha256: sha256(state) } };
  m.sha256 = metaChecksum(JSON.parse(JSON.stringify(m, jsonNumbers)) as object);
  return commitGeneration(dir, [[WEIGHTS, weights], [STATE, state], [MODEL_JSON, `${JSON.stringify(m, jsonNumbers, 2)}\n`]], keep);
}

/** The folder of a model given as the folder itself or as its model.json. */
export function modelDir(path: string): string {
  if (isDir(path)) return path;
  if (basename(path) === MODEL_JSON) return join(path, '..');
  return path;
}

export interface LoadedModel {
  /** The generation folder (or, for a checkpoint of the first format, the run folder). */
  dir: string;
  meta: ModelMeta;
  params: Map<string, FloatArray>;
  /** Why newer generations were passed over, for a warning (empty when the newest loaded). */
  skipped: string[];
}

function readBytes(path: string, hint?: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CgError('io', `cannot read ${path}: ${fsReason(e)}`, hint && code === 'ENOENT' ? { hint } : {});
  }
}

/** A tensor file of a checkpoint, checked against model.json: checksum, step, names, shapes, dtype. */
function readTensors(dir: string, meta: ModelMeta, which: 'weights' | 'state'): Map<string, NamedTensor> {
  const path = join(dir, meta.files[which]);
  const bytes = readBytes(path);
  const sum = meta.files[`${which}_sha256`];
  if (sum !== undefined && sum !== sha256(bytes)) {
    throw new CgError('value', `${path}: checksum mismatch with ${MODEL_JSON} (the file was changed, damaged or cut off)`);
  }
  const st = decodeSafetensors(bytes, path, meta.version === 2);
  const step = meta.optimizer_steps;
  if (st.metadata.step !== String(step)) {
    const what = which === 'weights' ? 'weights' : 'optimizer state';
    throw new CgError('value', `${path} holds the ${what} of step ${st.metadata.step ?? '?'}, but ${MODEL_JSON} is at step ${step}`, {
      hint: 'the checkpoint was cut off while being written; train again',
    });
  }
  const want = meta.dtype === 'float32' ? 'F32' : 'F64';
  for (const [name, t] of st.tensors) {
    if (t.dtype !== want) throw new CgError('value', `${path}: tensor ${name} is ${t.dtype}, but the model is ${meta.dtype}`);
  }
  return st.tensors;
}

/** The optimizer state tensors of each optimizer (optim.ts). */
const STATE_TENSORS: Record<string, string[]> = { sgd: [], momentum: ['v'], adam: ['m', 'v'] };

/** One checkpoint folder (a generation, or a folder of the first format): verified whole. */
function loadOne(dir: string): LoadedModel {
  const path = join(dir, MODEL_JSON);
  const meta = parseMeta(readBytes(path, 'give a folder written by cg train (runs/NAME) or its model.json').toString('utf8'), path);
  const tensors = readTensors(dir, meta, 'weights');
  const params = new Map<string, FloatArray>();
  const wpath = join(dir, meta.files.weights);
  const names = new Set(paramShapes(meta.model).map((p) => p.name));
  for (const name of tensors.keys()) if (!names.has(name)) throw new CgError('value', `${wpath}: tensor ${name} is not a parameter of the model`);
  for (const p of paramShapes(meta.model)) {
    const t = tensors.get(p.name);
    if (!t) throw new CgError('value', `${wpath}: tensor ${p.name} is missing`);
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new CgError('value', `${wpath}: tensor ${p.name} has shape [${t.shape}], but the model needs [${p.shape}]`);
    }
    const buf = allocate(meta.dtype, t.data.length);
    buf.set(t.data);
    params.set(p.name, buf);
  }
  // The optimizer state is checked now too: a checkpoint is usable whole or not at all.
  // Its tensors are flat, one entry per parameter entry: Adam's m and v, momentum's v.
  const state = readTensors(dir, meta, 'state');
  const spath = join(dir, meta.files.state);
  const size = paramShapes(meta.model).reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  const want = STATE_TENSORS[meta.spec.optimizer.type];
  for (const name of want) {
    const t = state.get(name);
    if (!t) throw new CgError('value', `${spath}: tensor ${name} is missing (${meta.spec.optimizer.type} keeps ${want.join(' and ')})`);
    if (t.data.length !== size) throw new CgError('value', `${spath}: tensor ${name} has ${t.data.length} values, but the model has ${size} parameters`);
  }
  for (const name of state.keys()) if (!want.includes(name)) throw new CgError('value', `${spath}: tensor ${name} is not ${meta.spec.optimizer.type} state`);
  return { dir, meta, params, skipped: [] };
}

/**
 * A model's metadata and weights, checked against each other: from a run folder (its newest
 * good generation), a generation folder, or a model.json.
 */
export function loadModel(path: string): LoadedModel {
  const dir = modelDir(path);
  if (!isGenerationFolder(dir)) return loadOne(dir);
  const { gens, problem } = candidates(dir);
  const skipped: string[] = problem ? [problem] : [];
  let first: unknown;
  for (const g of gens) {
    try {
      const m = loadOne(join(dir, genName(g)));
      m.skipped = skipped;
      return m;
    } catch (e) {
      if (!(e instanceof CgError)) throw e;
      first ??= e;
      skipped.push(e.message);
    }
  }
  if (first) throw first;
  throw new CgError('value', `${dir}: ${problem ?? `no checkpoint in ${LATEST}`}`, { hint: 'train again' });
}

/** A warning for a fallback: what was wrong with the newer checkpoint(s), and which one loaded. */
export function fallbackWarning(m: LoadedModel): string | undefined {
  if (!m.skipped.length) return undefined;
  return `${m.skipped[0]}; using the previous checkpoint ${m.dir} (step ${m.meta.optimizer_steps})`;
}

/** Put a checkpoint's weights, optimizer state, progress and history back into a trainer. */
export function restore(tr: Trainer, loaded: LoadedModel): void {
  const { meta, dir } = loaded;
  const state = readTensors(dir, meta, 'state');
  for (const [name, buf] of tr.optimizer.state()) {
    const t = state.get(name);
    if (!t || t.data.length !== buf.length) throw new CgError('value', `${join(dir, meta.files.state)}: ${name} is missing or of the wrong size`);
  }
  for (const [name, buf] of loaded.params) tr.params.get(name)!.set(buf);
  for (const [name, buf] of tr.optimizer.state()) buf.set(state.get(name)!.data);
  tr.optimizer.t = meta.optimizer_steps;
  tr.progress = structuredClone(meta.progress);
  tr.history.splice(0, tr.history.length, ...meta.history.map((h) => ({ ...h })));
}

/** True when `dir` holds a checkpoint of cg (any format). */
export function holdsCheckpoint(dir: string): boolean {
  return isGenerationFolder(dir) || existsSync(join(dir, MODEL_JSON));
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
