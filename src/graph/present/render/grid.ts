import type { Value } from '../../tensor.js';
import { brief, fmtNumber } from './numbers.js';

/*
 * Small tensors in full: a learner reading dW1 of a 3×2 W1 needs its six numbers, not
 * `3×2 in [-2, 1]`. Vectors of up to `full` entries are written inline, matrices of up to
 * full×full as rows of a grid; anything larger keeps its summary.
 */

/** The default limit: matrices up to 6×6 are drawn in full. */
export const FULL = 6;

/** A matrix's entries as rows of formatted numbers, or null when it is not drawn as a grid. */
export function gridRows(v: Value, full: number, digits = 4): string[][] | null {
  if (typeof v === 'number' || v.shape.length !== 2) return null;
  const [m, n] = v.shape;
  if (m > full || n > full || m * n === 0) return null;
  const rows: string[][] = [];
  for (let i = 0; i < m; i++) rows.push(Array.from({ length: n }, (_, j) => fmtNumber(v.data[i * n + j], digits)));
  return rows;
}

/** A value on one line: numbers, vectors of up to `full` entries written out, else brief's summary. */
export function inline(v: Value, full: number, digits = 4): string {
  if (typeof v !== 'number' && v.shape.length === 1) return brief(v, digits, Math.max(4, full));
  return brief(v, digits);
}

/** A grid as lines of text, columns right-aligned: `[ 1, -2]`. */
export function gridLines(rows: string[][]): string[] {
  const width = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => `[${r.map((x, j) => x.padStart(width[j])).join(', ')}]`);
}
