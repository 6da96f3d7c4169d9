import type { Report } from '../result.js';

/** The report as JSON; NaN and ±Infinity travel as the strings "NaN", "Infinity", "-Infinity" (as in every cg --json). */
export function renderJson(r: Report): string {
  return `${JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
