/**
 * A number for people, in tables, pictures and narration alike: `digits` significant
 * digits, no trailing zeros, exponents outside [1e-4, 1e12).
 */
export function fmtNumber(v: number, digits = 6): string {
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
