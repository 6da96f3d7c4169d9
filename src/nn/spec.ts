/**
 * The model spec: a YAML file validated strictly by a zod schema, with every error pointing
 * at file:line:col of the offending node, the field's path, and a suggestion for a misspelt
 * key or name. zod and yaml are heavy: this module is only ever imported lazily.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { z } from 'zod';
import { CgError } from '../errors.js';
import { fsReason } from '../util/files.js';
import { OPS, type OpDef } from '../graph/ops/index.js';
import { suggest } from '../util/suggest.js';
import { ACTIVATIONS_EXTRA } from './model.js';
import { builtinInputs, DEFAULT_SAMPLES, overBudget } from './budget.js';
import { MAX_ALIASES, unclosedOpener, yamlProblem } from '../util/yaml.js';

export { GENERATORS, LOSSES, OPTIMIZERS, DTYPES, type Generator, type LossName } from './names.js';
import { GENERATORS, LOSSES, OPTIMIZERS, DTYPES, parseInit, generatorTask, type Generator } from './names.js';
export { parseInit, sourceOf, generatorTask, type Source } from './names.js';

const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();

const Layer = z
  .object({
    units: posInt.describe('number of units (outputs) of the layer'),
    activation: z.string().optional().describe('relu, tanh, sigmoid, softplus, ... or linear (the default)'),
  })
  .strict();

const Data = z
  .object({
    source: z.string().min(1).describe('builtin:xor|circles|spiral|sine|sort|random, or a CSV file (relative to the spec)'),
    samples: posInt.optional().describe('builtin: how many samples to generate'),
    classes: z.number().int().min(2).optional().describe('builtin:spiral, builtin:random: number of classes'),
    noise: z.number().nonnegative().optional().describe('builtin: standard deviation of the noise added'),
    factor: z.number().gt(0).lt(1).optional().describe('builtin:circles: inner radius / outer radius'),
    k: posInt.optional().describe('builtin:sort: length of the vectors to sort'),
    features: posInt.optional().describe('builtin:random: number of input columns'),
    seed: nonNegInt.optional().describe('builtin: seed of the generator (default: training.seed)'),
    inputs: z.array(z.string().min(1)).min(1).optional().describe('CSV: input columns (default: all but the target)'),
    target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional().describe('CSV: target column(s) (default: the last column)'),
    normalize: z.boolean().default(true).describe('standardise inputs with the training split mean and std (stored with the model)'),
  })
  .strict();

const Model = z
  .object({
    layers: z.array(Layer).min(1).describe('dense layers, input to output'),
    init: z.string().default('he').describe('he | xavier | normal(std): initial weights, seeded by training.seed'),
  })
  .strict();

const Optimizer = z
  .object({
    type: z.enum(OPTIMIZERS),
    lr: z.number().positive().describe('learning rate'),
    momentum: z.number().min(0).lt(1).default(0.9).describe('momentum: the velocity decay'),
    beta1: z.number().min(0).lt(1).default(0.9).describe('adam'),
    beta2: z.number().min(0).lt(1).default(0.999).describe('adam'),
    eps: z.number().positive().default(1e-8).describe('adam'),
    weight_decay: z.number().nonnegative().default(0).describe('L2 penalty added to the gradient (as PyTorch)'),
  })
  .strict();

const Training = z
  .object({
    epochs: posInt,
    batch_size: posInt.default(32),
    seed: nonNegInt.default(0).describe('seeds initial weights, the validation split and shuffling'),
    validation: z.number().min(0).lt(1).default(0).describe('fraction of the data held out for validation'),
    shuffle: z.boolean().default(true),
  })
  .strict();

export const SpecSchema = z
  .object({
    name: z.string().min(1).optional().describe('run name (default: the file name)'),
    data: Data,
    model: Model,
    loss: z.enum(LOSSES).describe('cross_entropy (softmax fused) | mse | bce (sigmoid fused)'),
    optimizer: Optimizer,
    training: Training,
    dtype: z.enum(DTYPES).default('float32'),
  })
  .strict();

/** A validated spec with defaults filled in (what checkpoints store as the resolved spec). */
export type Spec = z.output<typeof SpecSchema>;

export type Path = readonly (string | number)[];

/** The JSON Schema of the spec, for editors (`cg train --schema`). */
export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SpecSchema, { io: 'input' }),
    title: 'cg model spec',
    description: 'An MLP and how to train it: `cg train SPEC`.',
  } as Record<string, unknown>;
}

/** A spec read from a file: the spec, and where each of its fields came from. */
export interface SpecFile {
  spec: Spec;
  /** The file as given, and its directory (relative data paths resolve against it). */
  path: string;
  dir: string;
  text: string;
  /** An error about the field at `path`, located at its node in the file. */
  error(path: Path, message: string, hint?: string, at?: Path | 'key'): CgError;
}

export function fmtPath(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(top level)';
}


/** Elementwise ops of one argument usable as activations (relu, tanh, sigmoid, ...). */
export function activationNames(): string[] {
  return [...OPS.values()].filter((d) => d.activation && !d.internal).map((d) => d.name);
}

export function readSpecFile(path: string): SpecFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CgError('io', `cannot read spec ${path}: ${fsReason(e)}`);
  }
  return parseSpec(text, path);
}

/** Parse and validate spec text; `path` names the file in messages and anchors relative paths. */
export function parseSpec(text: string, path = 'spec.yaml'): SpecFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const file = basename(path);
  const at = (offset: number) => {
    const { line, col } = lc.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // An unclosed `{` or `[` is reported where the parser gave up: point at the opener instead.
    const closer = /end with an? ([}\]])/.exec(msg)?.[1];
    const opener = closer === undefined ? undefined : unclosedOpener(text, e.pos[0], closer === '}' ? '{' : '[');
    if (opener !== undefined) {
      throw new CgError('value', `${at(opener)}: this ${closer === '}' ? 'flow map' : 'flow sequence'} is not closed: add the '${closer}'`, { span: { start: opener, end: opener + 1 }, source: text });
    }
    throw new CgError('value', `${at(e.pos[0])}: ${msg}`, { span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, source: text });
  }
  const error = (p: Path, message: string, hint?: string, where: Path | 'key' = p): CgError => {
    const span = where === 'key' ? locate(doc, p, text, true) : locate(doc, where, text);
    return new CgError('value', `${at(span.start)}: ${p.length ? `${fmtPath(p)}: ` : ''}${message}`, { span, source: text, hint });
  };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new CgError('value', `${file}: ${yamlProblem(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CgError('value', `${file}: a spec is a YAML mapping with data, model, loss, optimizer and training`, {
      hint: 'see fixtures/models/xor.yaml',
    });
  }
  const r = SpecSchema.safeParse(raw);
  if (!r.success) throw issueError(firstIssue(r.error.issues), raw, error);
  const specFile: SpecFile = { spec: r.data, path, dir: dirname(resolve(path)), text, error };
  checkSemantics(r.data, error);
  if (r.data.name === undefined) r.data.name = basename(path, extname(path));
  return specFile;
}

/** Validate a spec object that did not come from a file (a checkpoint's resolved spec). */
export function validateSpec(raw: unknown, where: string): Spec {
  const error = (p: Path, message: string, hint?: string) => new CgError('value', `${where}: ${p.length ? `${fmtPath(p)}: ` : ''}${message}`, { hint });
  const r = SpecSchema.safeParse(raw);
  if (!r.success) throw issueError(firstIssue(r.error.issues), raw, error);
  checkSemantics(r.data, error);
  return r.data;
}

/** An unknown key first: a misspelt key also shows up as the right one missing. */
function firstIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
}

/** An error about the field at `p`; `at` locates it elsewhere (a missing key: at its parent). */
type ErrorAt = (p: Path, message: string, hint?: string, at?: Path | 'key') => CgError;

function valueAt(raw: unknown, p: Path): unknown {
  let v = raw;
  for (const k of p) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v}"`;
  return String(v);
}

/** One zod issue as a located, readable error. */
function issueError(issue: z.core.$ZodIssue, raw: unknown, error: ErrorAt): CgError {
  const p = issue.path as Path;
  const got = valueAt(raw, p);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const known = keysAt(SpecSchema, p);
      const near = suggest(key, known);
      return error([...p, key], `unknown key "${key}"`, near ? `did you mean ${near}?` : `known keys: ${known.join(', ')}`, 'key');
    }
    case 'invalid_type':
      if (got === undefined) return error([], `missing ${fmtPath(p)}`, hintFor(p), p.slice(0, -1));
      return error(p, `expected ${expectedText(issue.expected)}, got ${describe(got)}`, hintFor(p));
    case 'invalid_value': {
      const values = issue.values.map(String);
      const near = typeof got === 'string' ? suggest(got, values) : undefined;
      return error(p, `${describe(got)} is not one of ${values.join(', ')}`, near ? `did you mean ${near}?` : undefined);
    }
    case 'too_small':
    case 'too_big': {
      if (Array.isArray(got)) return error(p, issue.code === 'too_small' ? `needs at least ${issue.minimum} item(s)` : `has too many items`);
      if (typeof got === 'string') return error(p, 'must not be empty');
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return error(p, `must be ${op} ${String(bound)}, got ${describe(got)}`);
    }
    case 'invalid_union':
      return error(p, `expected a string or a list of strings, got ${describe(got)}`);
    default:
      return error(p, `${issue.message}${got === undefined ? '' : `, got ${describe(got)}`}`);
  }
}

function expectedText(e: string): string {
  if (e === 'int') return 'an integer';
  if (e === 'object') return 'a mapping';
  if (e === 'array') return 'a list';
  if (e === 'number' || e === 'boolean' || e === 'string') return `a ${e}`;
  return e;
}

function hintFor(p: Path): string | undefined {
  const last = p[p.length - 1];
  if (last === 'optimizer') return 'e.g. optimizer: {type: adam, lr: 0.01}';
  if (last === 'training') return 'e.g. training: {epochs: 100, batch_size: 32}';
  if (last === 'model') return 'e.g. model: {layers: [{units: 16, activation: tanh}, {units: 1}]}';
  if (last === 'data') return 'e.g. data: {source: builtin:spiral}';
  return undefined;
}

/** The keys the schema allows for the object at `path` (for "did you mean"). */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let s: z.ZodType | undefined = schema;
  const unwrap = (t: z.ZodType): z.ZodType => {
    let cur = t;
    for (;;) {
      const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
      if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) cur = def.innerType;
      else return cur;
    }
  };
  for (const k of path) {
    if (!s) return [];
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(k)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return [];
  }
  if (!s) return [];
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The span of the node at `path` (a missing key: its parent; an unknown key: the key). */
function locate(doc: Document, path: Path, text: string, onKey = false): { start: number; end: number } {
  for (let n = path.length; n >= 0; n--) {
    const head = path.slice(0, n);
    // An unknown key has no value node of its own worth pointing at: point at the key.
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(head.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((it) => (it.key as { value?: unknown })?.value === head[n - 1]);
        const key = pair?.key as { range?: [number, number, number] } | undefined;
        const value = pair?.value as { range?: [number, number, number] } | undefined;
        const r = n === path.length && value?.range && !onKey ? value.range : key?.range;
        if (r) return spanOf(r, text);
      }
    }
    const node = (n === 0 ? doc.contents : doc.getIn(head, true)) as { range?: [number, number, number] } | undefined;
    if (node?.range) return spanOf(node.range, text);
  }
  return { start: 0, end: 1 };
}

function spanOf(r: [number, number, number], text: string): { start: number; end: number } {
  let end = r[1];
  // A block value ends after its last line; keep the caret on the first line.
  const nl = text.indexOf('\n', r[0]);
  if (nl >= 0 && nl < end) end = nl;
  return { start: r[0], end: Math.max(end, r[0] + 1) };
}

const GENERATOR_KEYS: Record<Generator, string[]> = {
  xor: ['samples', 'noise', 'seed'],
  circles: ['samples', 'noise', 'factor', 'seed'],
  spiral: ['samples', 'classes', 'noise', 'seed'],
  sine: ['samples', 'noise', 'seed'],
  sort: ['samples', 'k', 'seed'],
  random: ['samples', 'features', 'classes', 'seed'],
};
const BUILTIN_ONLY = ['samples', 'classes', 'noise', 'factor', 'k', 'features', 'seed'];
const CSV_ONLY = ['inputs', 'target'];

/**
 * The checks a schema cannot express: names that must exist, fields that belong to one
 * kind of source, and a last layer that fits the loss. Checks that need the data itself
 * (CSV columns, class counts) are in data.ts and model.ts, and report through the same
 * `error`.
 */
function checkSemantics(spec: Spec, error: ErrorAt): void {
  const src = spec.data.source;
  const given = Object.keys(spec.data).filter((k) => (spec.data as Record<string, unknown>)[k] !== undefined);
  if (src.startsWith('builtin:')) {
    const name = src.slice('builtin:'.length);
    if (!(GENERATORS as readonly string[]).includes(name)) {
      const near = suggest(name, GENERATORS);
      throw error(['data', 'source'], `no builtin data set "${name}"`, near ? `did you mean builtin:${near}?` : `builtins: ${GENERATORS.map((g) => `builtin:${g}`).join(', ')}`);
    }
    const allowed = GENERATOR_KEYS[name as Generator];
    for (const k of given) {
      if (CSV_ONLY.includes(k)) throw error(['data', k], `${k} is for CSV sources; builtin:${name} makes its own columns`);
      if (BUILTIN_ONLY.includes(k) && !allowed.includes(k)) throw error(['data', k], `builtin:${name} has no ${k}`, `it takes ${allowed.join(', ')}`);
    }
    const task = generatorTask(name as Generator);
    if (task === 'regression' && spec.loss !== 'mse') throw error(['loss'], `builtin:${name} is a regression task: use loss: mse`);
    if (task === 'classification' && spec.loss === 'mse') throw error(['loss'], `builtin:${name} is a classification task: use cross_entropy or bce`);
    if (spec.loss === 'bce' && name === 'spiral' && (spec.data.classes ?? 3) !== 2) {
      throw error(['loss'], 'bce is for two classes; builtin:spiral has ' + (spec.data.classes ?? 3), 'use cross_entropy');
    }
  } else {
    for (const k of given) if (BUILTIN_ONLY.includes(k)) throw error(['data', k], `${k} is for builtin data sets, not for a CSV file`);
  }
  if (!parseInit(spec.model.init)) {
    const word = spec.model.init.replace(/\(.*$/, '').trim();
    const near = suggest(word, ['he', 'xavier', 'normal']);
    throw error(['model', 'init'], `"${spec.model.init}" is not an initialisation`, `use he, xavier or normal(std) with std > 0${near && near !== word ? `; did you mean ${near}?` : ''}`);
  }
  const acts = activationNames();
  spec.model.layers.forEach((l, i) => {
    if (l.activation === undefined || ACTIVATIONS_EXTRA.includes(l.activation) || acts.includes(l.activation)) return;
    // Among the valid values only, the usual activations first (`tahn` is tanh, not tan).
    const near = suggest(l.activation, [...acts, ...ACTIVATIONS_EXTRA], ['relu', 'tanh', 'sigmoid', 'softplus', 'gelu', 'linear']);
    throw error(['model', 'layers', i, 'activation'], `unknown activation "${l.activation}"`, near ? `did you mean ${near}?` : `use one of ${['linear', ...acts].join(', ')}`);
  });
  checkBudget(spec, error);
  const last = spec.model.layers.length - 1;
  const lastAct = spec.model.layers[last].activation;
  if ((spec.loss === 'cross_entropy' || spec.loss === 'bce') && lastAct !== undefined && !ACTIVATIONS_EXTRA.includes(lastAct)) {
    throw error(['model', 'layers', last, 'activation'], `the last layer feeds ${spec.loss}, which applies the ${spec.loss === 'bce' ? 'sigmoid' : 'softmax'} itself`, 'leave its activation out');
  }
  if (spec.loss === 'bce' && spec.model.layers[last].units !== 1) {
    throw error(['model', 'layers', last, 'units'], `bce needs one output unit (the logit of class 1), got ${spec.model.layers[last].units}`);
  }
}

/**
 * A builtin data set's targets against the last layer, from the spec alone: `classes: 1e11`
 * or `k: 100000` is refused here, before a row is generated, not after minutes of it.
 */
function checkBuiltinOutputs(spec: Spec, gen: Generator, error: ErrorAt): void {
  const d = spec.data;
  const last = spec.model.layers.length - 1;
  const units = spec.model.layers[last].units;
  const [count, what, key]: [number, string, Path] =
    gen === 'sort' ? [d.k ?? 4, 'target columns (k)', ['data', 'k']]
    : gen === 'spiral' ? [d.classes ?? 3, 'classes', ['data', 'classes']]
    : gen === 'random' ? [d.classes ?? 10, 'classes', ['data', 'classes']]
    : gen === 'sine' ? [1, 'target column', ['data']]
    : [2, 'classes', ['data']];
  const classification = gen !== 'sort' && gen !== 'sine';
  if (classification && spec.loss !== 'cross_entropy') return; // bce: one logit, its two-class rule is checked elsewhere
  if (!classification && spec.loss !== 'mse') return;
  // A small mismatch is found as cheaply once the data is made (with its class names); a large
  // count is refused now, before the generator makes a row of it.
  if (units === count || count <= 1000) return;
  const at: Path = d.classes !== undefined || d.k !== undefined ? key : ['model', 'layers', last, 'units'];
  throw error(at, `builtin:${gen} makes ${count.toLocaleString('en')} ${what}, but the last layer has ${units.toLocaleString('en')} units`, `make them agree`);
}

/** Sizes bounded before anything is allocated: the error points at the size that dominates. */
function checkBudget(spec: Spec, error: ErrorAt): void {
  const src = spec.data.source;
  const gen = src.startsWith('builtin:') ? (src.slice('builtin:'.length) as Generator) : undefined;
  const units = spec.model.layers.map((l) => l.units);
  if (gen) checkBuiltinOutputs(spec, gen, error);
  const sizes = {
    rows: gen ? (spec.data.samples ?? DEFAULT_SAMPLES[gen]) : undefined,
    inputs: gen ? builtinInputs(gen, spec.data) : undefined,
    units,
    batch: spec.training.batch_size,
    dtypeBytes: spec.dtype === 'float64' ? 8 : 4,
  };
  const why = overBudget(sizes);
  if (!why) return;
  // Point at the biggest of: the rows, the widest layer, the generator's columns.
  const widest = units.indexOf(Math.max(...units));
  const modelOnly = overBudget({ ...sizes, rows: 0 }) !== undefined;
  const path: Path = modelOnly ? ['model', 'layers', widest, 'units'] : spec.data.samples !== undefined ? ['data', 'samples'] : spec.data.features !== undefined ? ['data', 'features'] : spec.data.k !== undefined ? ['data', 'k'] : ['data'];
  throw error(path, why);
}
