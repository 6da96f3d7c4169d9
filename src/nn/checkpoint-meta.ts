/**
 * What a checkpoint's model.json must hold, checked before anything in it is used: a file
 * that is damaged, edited or from elsewhere is bad input (exit 2, naming the field), never
 * an internal error and never silently accepted. Version 2 files carry a sha256 of their
 * own content and of the two tensor files; version 1 (written before checksums) is read
 * with the same structural checks.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CgError } from '../errors.js';
import { DTYPES, LOSSES } from './names.js';
import { fmtPath, validateSpec } from './spec.js';
import type { Normalization } from './data.js';
import type { DType } from './executor.js';
import type { Metrics } from './infer.js';
import type { ModelDef } from './model.js';
import type { Spec } from './spec.js';
import type { EpochRecord, Progress } from './trainer.js';

/** model.json: what a checkpoint's weights are (see checkpoint.ts). */
export interface ModelMeta {
  format: 'cg-model';
  version: 1 | 2;
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
  files: { weights: string; state: string; weights_sha256?: string; state_sha256?: string };
  status: 'running' | 'finished' | 'interrupted';
  progress: Progress;
  optimizer_steps: number;
  history: EpochRecord[];
  final: { train: Metrics; val: Metrics | null } | null;
  /** Version 2: sha256 of this file's compact JSON without this field. */
  sha256?: string;
}

const count = z.number().int().nonnegative();
/** A number, or NaN/±Infinity as cg's JSON writes them. */
const num = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
const nullNum = num.nullable();
/** A plain file name inside the checkpoint's folder: no path, nothing hidden. */
const fileName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'must be a plain file name');
const sha = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');

const Metrics = z.object({ loss: num, accuracy: nullNum, mse: nullNum, mae: nullNum, rows: count });
const Epoch = z.object({
  epoch: z.number().int().positive(),
  loss: num,
  accuracy: nullNum,
  mae: nullNum,
  val_loss: nullNum,
  val_accuracy: nullNum,
  val_mae: nullNum,
  samples_per_s: num,
  seconds: num,
});

const Meta = z.object({
  format: z.literal('cg-model'),
  version: z.union([z.literal(1), z.literal(2)]),
  cg_version: z.string(),
  name: z.string(),
  spec: z.unknown(),
  spec_file: z.string().nullable(),
  dtype: z.enum(DTYPES),
  model: z.object({
    inputs: z.number().int().positive(),
    layers: z.array(z.object({ units: z.number().int().positive(), activation: z.string().optional() })).min(1),
    loss: z.enum(LOSSES),
  }),
  data: z.object({
    task: z.enum(['classification', 'regression']),
    inputs: z.array(z.string()),
    targets: z.array(z.string()),
    classes: z.array(z.string()).nullable(),
    normalization: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
    train_rows: count,
    val_rows: count,
  }),
  files: z.object({ weights: fileName, state: fileName, weights_sha256: sha.optional(), state_sha256: sha.optional() }),
  status: z.enum(['running', 'finished', 'interrupted']),
  progress: z.object({
    epoch: count,
    step: count,
    partial: z.object({ loss: num, correct: num, abs: num, seen: num, seconds: num }),
  }),
  optimizer_steps: count,
  history: z.array(Epoch),
  final: z.object({ train: Metrics, val: Metrics.nullable() }).nullable(),
  sha256: sha.optional(),
});

/** NaN and ±Infinity as strings, as everywhere in cg's JSON. */
export function jsonNumbers(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

/** The checksum of a model.json's content: sha256 of its compact JSON without the `sha256` field. */
export function metaChecksum(meta: object): string {
  const { sha256: _, ...rest } = meta as { sha256?: string };
  return createHash('sha256').update(JSON.stringify(rest, jsonNumbers)).digest('hex');
}

/** Parse and check a model.json's text; `path` names the file in messages. */
export function parseMeta(text: string, path: string): ModelMeta {
  const bad = (what: string) => new CgError('value', `${path}: ${what}`, { hint: 'the checkpoint is damaged or was edited; train again or use another one' });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CgError('value', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  const r = Meta.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    if (issue.path.length === 0 || (issue.path[0] === 'format' && issue.code !== 'invalid_type')) {
      throw new CgError('value', `${path} is not a cg model file (format cg-model, version 1 or 2)`);
    }
    throw bad(`${fmtPath(issue.path as (string | number)[])}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  const meta = r.data as unknown as ModelMeta & { sha256?: string };
  if (meta.version === 2) {
    if (meta.sha256 === undefined) throw bad('sha256: missing (every version 2 model.json carries its checksum)');
    if (meta.sha256 !== metaChecksum(raw as object)) throw bad('checksum mismatch: the content does not match its sha256');
  }
  meta.spec = validateSpec(meta.spec, `${path}: spec`);
  consistent(meta, bad);
  return meta;
}

/** The parts of a model.json that must agree with each other. */
function consistent(m: ModelMeta, bad: (what: string) => CgError): void {
  const d = m.model.inputs;
  if (m.data.normalization.mean.length !== d) throw bad(`data.normalization.mean: ${m.data.normalization.mean.length} entries for ${d} inputs`);
  if (m.data.normalization.std.length !== d) throw bad(`data.normalization.std: ${m.data.normalization.std.length} entries for ${d} inputs`);
  if (m.data.inputs.length !== d) throw bad(`data.inputs: ${m.data.inputs.length} names for ${d} inputs`);
  if (m.dtype !== m.spec.dtype) throw bad(`dtype: ${m.dtype}, but the spec says ${m.spec.dtype}`);
  if (m.model.loss !== m.spec.loss) throw bad(`model.loss: ${m.model.loss}, but the spec says ${m.spec.loss}`);
  const layers = m.spec.model.layers;
  if (layers.length !== m.model.layers.length || layers.some((l, i) => l.units !== m.model.layers[i].units)) {
    throw bad('model.layers: not the layers of the spec');
  }
  const out = m.model.layers[m.model.layers.length - 1].units;
  if (m.data.task === 'classification' && !m.data.classes) throw bad('data.classes: missing for a classification model');
  if (m.model.loss === 'cross_entropy' && m.data.classes && m.data.classes.length !== out) throw bad(`data.classes: ${m.data.classes.length} classes for ${out} outputs`);
  if (m.progress.epoch > m.history.length) throw bad(`progress.epoch: ${m.progress.epoch}, but the history has ${m.history.length} epochs`);
}
