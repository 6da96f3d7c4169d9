/**
 * Loss curves: a few lines of text for the terminal and an SVG file (a polyline per series
 * on axes with ticks), both drawn here with no plotting library. The y axis is logarithmic
 * when the losses span more than a factor of 20 and are all positive.
 */

export interface Series {
  label: string;
  values: (number | null)[];
}

function finiteValues(series: Series[]): number[] {
  return series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
}

function scaleFor(series: Series[]): { lo: number; hi: number; log: boolean } {
  const vals = finiteValues(series);
  if (!vals.length) return { lo: 0, hi: 1, log: false };
  // A loop, not Math.min(...vals): a long run's history has more values than a call takes arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const log = lo > 0 && hi / lo > 20;
  if (log) return { lo: Math.log10(lo), hi: Math.log10(hi), log };
  if (hi === lo) {
    hi += Math.abs(hi) * 0.1 || 1;
    lo -= Math.abs(lo) * 0.1 || 0;
  }
  return { lo, hi, log };
}

const fmt = (v: number) => {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(1).replace('e+', 'e') : Number(v.toPrecision(3)).toString();
};

/**
 * The curves as text: `height` rows of `width` columns, '•' for the first series, '∘' for
 * the second, '◦•' overlap shown as the first; x is the epoch, resampled to the width.
 */
export function textPlot(series: Series[], width = 60, height = 10): string[] {
  const { lo, hi, log } = scaleFor(series);
  const n = series.reduce((m, s) => Math.max(m, s.values.length), 0);
  if (n === 0) return [];
  const cols = Math.min(width, n);
  const grid = Array.from({ length: height }, () => new Array<string>(cols).fill(' '));
  const marks = ['•', '∘'];
  [...series].reverse().forEach((s, ri) => {
    const mark = marks[series.length - 1 - ri] ?? '·';
    for (let c = 0; c < cols; c++) {
      // The value at the last epoch this column covers.
      const i = Math.min(s.values.length - 1, Math.round(((c + 1) * n) / cols) - 1);
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      const y = log ? Math.log10(v) : v;
      const row = Math.round(((hi - y) / (hi - lo || 1)) * (height - 1));
      grid[Math.max(0, Math.min(height - 1, row))][c] = mark;
    }
  });
  const top = fmt(log ? 10 ** hi : hi);
  const bottom = fmt(log ? 10 ** lo : lo);
  const pad = Math.max(top.length, bottom.length);
  const lines = grid.map((r, i) => `${(i === 0 ? top : i === height - 1 ? bottom : '').padStart(pad)} ┤${r.join('')}`);
  lines.push(`${' '.repeat(pad)} └${'─'.repeat(cols)}`);
  const legend = series.map((s, i) => `${marks[i] ?? '·'} ${s.label}`).join('   ');
  lines.push(`${' '.repeat(pad)}  epoch 1${' '.repeat(Math.max(1, cols - 8 - String(n).length - 6))}epoch ${n}`);
  lines.push(`${' '.repeat(pad)}  ${legend}${log ? '   (log scale)' : ''}`);
  return lines;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Ticks at round numbers (1, 2, 5 × 10^k) in [lo, hi]: the fewest that make at least three (at most `count + 1`). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const mag = 10 ** Math.floor(Math.log10(span / count));
  const at = (step: number) => {
    const out: number[] = [];
    for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
    return out;
  };
  const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1].map((m) => m * mag);
  return steps.map(at).find((t) => t.length >= 3 && t.length <= count + 1) ?? at(steps[steps.length - 1]);
}

/** Tick labels in one format: every label with an exponent when any would need one. */
export function tickLabels(values: number[]): string[] {
  const exp = values.some((v) => v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3));
  if (!exp) return values.map((v) => Number(v.toPrecision(3)).toString());
  return values.map((v) => v.toExponential(1).replace('e+', 'e'));
}

/** Log-axis ticks (as powers of ten): the decades, or 1-2-5 steps in them when fewer than three decades show. */
function logTicks(lo: number, hi: number): number[] {
  const decades: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) decades.push(k);
  const inRange = (t: number) => t >= lo - 1e-9 && t <= hi + 1e-9;
  const dec = decades.filter(inRange);
  if (dec.length >= 3) return dec;
  const fine = decades.flatMap((k) => [1, 2, 5].map((m) => Math.log10(m) + k)).filter(inRange);
  if (fine.length >= 3) return fine;
  return decades.flatMap((k) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => Math.log10(m) + k)).filter(inRange);
}

/** Indices to draw of a series of `n` values: all of them up to `max`, else each bucket's extremes (so spikes stay). */
export function sampleIndices(values: (number | null)[], max = 1000): number[] {
  const n = values.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(max / 2);
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === null || !Number.isFinite(v)) continue;
      if (lo < 0 || v < values[lo]!) lo = i;
      if (hi < 0 || v > values[hi]!) hi = i;
    }
    if (lo >= 0) out.push(...(lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]));
  }
  if (out[out.length - 1] !== n - 1 && values[n - 1] !== null) out.push(n - 1);
  return out;
}

/** An SVG line plot of the series against epoch (1-based), with axes, ticks, grid and legend. */
export function svgPlot(series: Series[], opts: { title?: string; width?: number; height?: number; ylabel?: string } = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 420;
  const m = { l: 70, r: 20, t: 40, b: 50 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const n = series.reduce((m, s) => Math.max(m, s.values.length), 1);
  const { lo, hi, log } = scaleFor(series);
  const x = (i: number) => m.l + (n === 1 ? pw / 2 : (i * pw) / (n - 1));
  const y = (v: number) => m.t + ((hi - (log ? Math.log10(v) : v)) / (hi - lo || 1)) * ph;
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(opts.title)}</text>`);
  // y ticks and grid
  const yv = (log ? logTicks(lo, hi).map((t) => Number((10 ** t).toPrecision(12))) : ticks(lo, hi)).filter((v) => {
    const py = y(v);
    return py >= m.t - 0.5 && py <= m.t + ph + 0.5;
  });
  const labels = tickLabels(yv);
  yv.forEach((v, i) => {
    const py = y(v);
    out.push(`<line x1="${m.l}" y1="${py.toFixed(1)}" x2="${m.l + pw}" y2="${py.toFixed(1)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${(py + 4).toFixed(1)}" text-anchor="end">${esc(labels[i])}</text>`);
  });
  // x ticks
  for (const t of ticks(1, n).filter((t) => Number.isInteger(t) && t >= 1 && t <= n)) {
    const px = x(t - 1);
    out.push(`<line x1="${px.toFixed(1)}" y1="${m.t + ph}" x2="${px.toFixed(1)}" y2="${m.t + ph + 5}" stroke="black"/>`);
    out.push(`<text x="${px.toFixed(1)}" y="${m.t + ph + 18}" text-anchor="middle">${t}</text>`);
  }
  // axes
  out.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + ph}" stroke="black"/>`);
  out.push(`<line x1="${m.l}" y1="${m.t + ph}" x2="${m.l + pw}" y2="${m.t + ph}" stroke="black"/>`);
  out.push(`<text x="${m.l + pw / 2}" y="${H - 10}" text-anchor="middle">epoch</text>`);
  out.push(`<text x="16" y="${m.t + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${m.t + ph / 2})">${esc(opts.ylabel ?? 'loss')}${log ? ' (log scale)' : ''}</text>`);
  // series
  series.forEach((s, k) => {
    const pts: string[] = [];
    for (const i of sampleIndices(s.values)) {
      const v = s.values[i];
      if (v !== null && Number.isFinite(v) && (!log || v > 0)) pts.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
    if (!pts.length) return;
    out.push(`<polyline fill="none" stroke="${colors[k % colors.length]}" stroke-width="1.8" points="${pts.join(' ')}"><title>${esc(s.label)}</title></polyline>`);
    const ly = m.t + 14 + 18 * k;
    out.push(`<line x1="${m.l + pw - 150}" y1="${ly - 4}" x2="${m.l + pw - 125}" y2="${ly - 4}" stroke="${colors[k % colors.length]}" stroke-width="2.5"/>`);
    out.push(`<text x="${m.l + pw - 118}" y="${ly}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
