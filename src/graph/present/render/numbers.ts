import type { Value } from '../../tensor.js';

export { fmtNumber } from '../../../util/numbers.js';
import { fmtNumber, fmtTensor } from '../../../util/numbers.js';

/** A value in a few characters: numbers, small tensors written out, larger ones as shape and range. */
export function brief(v: Value, digits = 4, maxEntries = 4): string {
  if (typeof v === 'number') return fmtNumber(v, digits);
  return fmtTensor(v, digits, maxEntries, (shape, lo, hi) => `${shape} in [${fmtNumber(lo, 3)}, ${fmtNumber(hi, 3)}]`);
}

/** A number as an operand: negative ones in parentheses (`2 · (-4)`). */
export function operand(text: string): string {
  return text.startsWith('-') ? `(${text})` : text;
}

/** A tensor's shape for labels: `[3]`, `[2×3]`. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}

/** A value for JSON: nested arrays; NaN and ±Infinity as the strings JSON cannot otherwise hold. */
export function jsonValue(v: Value): unknown {
  const fix = (x: number) => (Number.isFinite(x) ? x : String(x));
  if (typeof v === 'number') return fix(v);
  const walk = (x: unknown): unknown => (Array.isArray(x) ? x.map(walk) : fix(x as number));
  return walk(v.toNested());
}
