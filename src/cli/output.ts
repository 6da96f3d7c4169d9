import { Chalk, type ChalkInstance } from 'chalk';
import { jsonValue } from '../graph/present/render/numbers.js';
import type { Value } from '../graph/tensor.js';
import { fmtNumber, fmtTensor } from '../util/numbers.js';

export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

let colorMode: ColorMode = 'auto';

/** `--color`: always and never decide; auto (the default) looks at the environment. */
export function setColorMode(mode: ColorMode): void {
  colorMode = mode;
}

/**
 * Colour for a stream. `--color always|never` decides. Otherwise: never with NO_COLOR
 * (https://no-color.org), always with a non-empty FORCE_COLOR (unless 0 or false; NO_COLOR
 * wins over it), else only on a terminal that is not dumb. A stand-in stream (a report
 * going to a file) never gets colour.
 */
export function colorFor(stream: NodeJS.WriteStream): ChalkInstance {
  const file = stream !== process.stdout && stream !== process.stderr && !stream.isTTY;
  return new Chalk({ level: !file && colorOn(stream) ? 1 : 0 });
}

function colorOn(stream: NodeJS.WriteStream): boolean {
  if (colorMode !== 'auto') return colorMode === 'always';
  if ((process.env.NO_COLOR ?? '') !== '') return false;
  // https://force-color.org: set and not empty forces colour (0 and false, as chalk reads them, do not).
  const force = process.env.FORCE_COLOR ?? '';
  if (force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}

/** A number for people: up to 12 significant digits, no trailing zeros. */
export function fmtNum(v: number, digits = 12): string {
  return fmtNumber(v, digits);
}

/** An error size for people: two significant digits. */
export function fmtErr(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v.toExponential(1).replace('e+', 'e');
}

/** A value for people: scalars as numbers, small tensors as nested lists, big ones summarised. */
export function fmtValue(v: Value, digits = 6): string {
  if (typeof v === 'number') return fmtNum(v, digits === 6 ? 12 : digits);
  return fmtTensor(v, digits, 24, (shape, lo, hi) => `${shape} tensor, min ${fmtNum(lo, 4)}, max ${fmtNum(hi, 4)}`);
}

/** A value for JSON (NaN and ±Infinity as strings); one definition, in graph/present/render/numbers.ts. */
export { jsonValue as toJson };

/** Back from JSON: the strings "NaN", "Infinity", "-Infinity" are numbers again. */
export function fromJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJson);
  return typeof v === 'string' ? Number(v) : v;
}

/** An object keyed by user names (`__proto__` and `constructor` are ordinary keys in it). */
export const namedRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

export function mapToJson(m: ReadonlyMap<string, Value>): Record<string, unknown> {
  const out = namedRecord<unknown>();
  for (const [k, v] of m) out[k] = jsonValue(v);
  return out;
}

/** JSON.stringify would write NaN and ±Infinity as null: every JSON output writes the strings instead. */
export function jsonReplacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

export function printJson(obj: unknown): void {
  process.stdout.write(`${JSON.stringify(obj, jsonReplacer, 2)}\n`);
}

export function warn(message: string): void {
  const c = colorFor(process.stderr);
  process.stderr.write(`${c.yellow('warning:')} ${message}\n`);
}

/** A borderless table, columns padded to width; `right` marks right-aligned columns. */
export async function table(head: string[], rows: string[][], right: boolean[] = []): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const t = new Table({
    head,
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: ' ', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: head.map((_, i) => (right[i] ? 'right' : 'left')),
  });
  t.push(...rows);
  return t.toString();
}

