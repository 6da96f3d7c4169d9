import { readFileSync } from 'node:fs';
import { fsReason, readAllSync } from '../util/files.js';
import { expressionPathProblem } from './paths.js';
import { duplicateKey, topLevelKeys } from '../util/json-keys.js';
import { CgError } from '../errors.js';
import { Tensor, type Value } from '../graph/tensor.js';
import { buildGraph, parseAt, variablesInOrder } from '../parse/index.js';
import type { Lowered } from '../parse/lower.js';
import { warn } from './output.js';

/** The expression: the joined arguments, or the text of `--file` (`-` reads stdin). */
export function readExpression(parts: string[], file: string | undefined, bareWordPaths = false): string {
  if (file !== undefined) {
    if (parts.length) throw new CgError('usage', 'give the expression either as an argument or with --file, not both');
    try {
      return readAllSync(file === '-' ? 0 : file).toString('utf8');
    } catch (e) {
      throw new CgError('io', `cannot read --file ${file}: ${fsReason(e)}`);
    }
  }
  if (!parts.length) throw new CgError('usage', 'missing expression', { hint: 'cg grad "(x+y)*z" --at x=-2,y=5,z=-4' });
  const problem = parts.length === 1 ? expressionPathProblem(parts[0], bareWordPaths) : undefined;
  if (problem) throw problem;
  return parts.join(' ');
}

export interface InputOptions {
  at?: string[];
  atFile?: string;
  /** No warnings (a look at the inputs before the command proper loads them). */
  quiet?: boolean;
}

/** Values from `--at-file`: a JSON object of name → number or nested arrays of numbers. */
export function readAtFile(path: string): Map<string, Value> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CgError('io', `cannot read --at-file ${path}: ${fsReason(e)}`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text near the problem, newlines and all: one line.
    throw new CgError('value', `${path} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new CgError('value', `${path} must hold a JSON object of name → value`);
  }
  const twice = duplicateKey(topLevelKeys(text));
  if (twice) {
    const { first, again } = twice;
    throw new CgError('value', `${path}: ${again.key} is given twice, at line ${first.line}, column ${first.column} and line ${again.line}, column ${again.column}`, { hint: 'keep one' });
  }
  const out = new Map<string, Value>();
  for (const [name, v] of Object.entries(obj)) {
    let t: Value;
    try {
      t = Tensor.from(v);
    } catch {
      throw new CgError('value', `${path}: the value of ${name} must be a number or a rectangular array of numbers`);
    }
    // JSON has no NaN or Infinity, but 1e400 parses to Infinity.
    if (typeof t === 'number' ? !Number.isFinite(t) : !t.data.every(Number.isFinite)) {
      throw new CgError('value', `${path}: the value of ${name} holds a number beyond ±1.8e308 (Infinity): values must be finite`);
    }
    out.set(name, t);
  }
  return out;
}

export interface Inputs extends Lowered {
  values: Map<string, Value>;
  /** Variables in the order they first appear in the source. */
  variables: string[];
}

export { pickWrt } from '../parse/index.js';

/** Bind values, build the graph, and warn about values the program does not use. */
export function loadInputs(expr: string, opts: InputOptions): Inputs {
  const values = opts.atFile ? readAtFile(opts.atFile) : new Map<string, Value>();
  for (const [name, v] of parseAt(opts.at ?? [])) {
    // Neither source wins silently (as two values in --at are refused).
    if (values.has(name)) throw new CgError('usage', `${name} is given twice: in --at and in --at-file ${opts.atFile}`, { hint: 'give it in one place' });
    values.set(name, v);
  }
  const lowered = buildGraph(expr, values);
  const { graph } = lowered;
  if (!opts.quiet) for (const name of values.keys()) if (!graph.vars.has(name)) warn(`${name} is given a value but the expression does not use it`);
  return { ...lowered, values, variables: variablesInOrder(graph) };
}

/** A positive number from an option, or a usage error naming the option. */
export function numberOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0) throw new CgError('usage', `${flag} must be a non-negative number, got '${text}'`);
  return v;
}
