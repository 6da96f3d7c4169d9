let chosenDigits: number | undefined;

/**
 * `--digits N`: every number for people (tables, pictures, narration, pages) with N
 * significant digits instead of each output's own default. Set once by the CLI.
 */
export function setDigits(n: number | undefined): void {
  chosenDigits = n;
}

/** The digits `--digits` chose, if it was given. */
export function chosenDigitCount(): number | undefined {
  return chosenDigits;
}

/**
 * A number for people, in tables, pictures and narration alike: `digits` significant
 * digits (or `--digits`'), no trailing zeros, exponents outside [1e-4, 1e12).
 */
export function fmtNumber(v: number, digits = 6): string {
  digits = chosenDigits ?? digits;
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a < 1e-4 || a >= 1e12 ? v.toExponential(digits - 1) : v.toPrecision(digits);
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    return `${trim(m)}e${e}`;
  }
  return trim(s);
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}


/** The smallest and largest entry, for summaries of big tensors. */
export function extent(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    lo = Math.min(lo, data[i]);
    hi = Math.max(hi, data[i]);
  }
  return [lo, hi];
}

/**
 * A tensor for people: its entries written out as nested lists when there are at most
 * `maxEntries`, else `summary(shape, min, max)` (shape as `2×3`). Tables, pictures and
 * narration each word the summary their own way.
 */
export function fmtTensor(
  t: { shape: readonly number[]; size: number; data: ArrayLike<number>; toNested(): unknown },
  digits: number,
  maxEntries: number,
  summary: (shape: string, lo: number, hi: number) => string,
): string {
  if (t.size > maxEntries) {
    const [lo, hi] = extent(t.data);
    return summary(t.shape.join('×'), lo, hi);
  }
  const walk = (x: unknown): string => (Array.isArray(x) ? `[${x.map(walk).join(', ')}]` : fmtNumber(x as number, digits));
  return walk(t.toNested());
}
