import { fmtNum, table } from './output.js';

/** Row-major flat matrix to nested rows, for JSON. */
export function nested(m: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(m.subarray(r * cols, (r + 1) * cols)));
}

const MAX_COLS = 8;
const MAX_ROWS = 20;

/** A labelled matrix for people; large ones show their top-left corner and say so. */
export async function renderMatrix(m: Float64Array, rowLabels: string[], colLabels: string[]): Promise<string> {
  const rows = rowLabels.length;
  const cols = colLabels.length;
  const rs = Math.min(rows, MAX_ROWS);
  const cs = Math.min(cols, MAX_COLS);
  const body = Array.from({ length: rs }, (_, r) => [rowLabels[r], ...Array.from({ length: cs }, (_, c) => fmtNum(m[r * cols + c], 8))]);
  let out = await table(['', ...colLabels.slice(0, cs)], body, [false, ...Array(cs).fill(true)]);
  if (rs < rows || cs < cols) out += `\n(${rows}×${cols}; showing ${rs}×${cs}; --json prints all)`;
  return out;
}

/** Largest |a - b| over entries, and whether each is within atol + rtol·max(|a|,|b|). */
export function compare(a: Float64Array, b: Float64Array, rtol: number, atol: number): { maxAbsErr: number; ok: boolean } {
  let maxAbsErr = 0;
  let ok = true;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    maxAbsErr = Math.max(maxAbsErr, e);
    if (!(e <= atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i])))) ok = false;
  }
  return { maxAbsErr, ok };
}

