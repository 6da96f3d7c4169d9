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
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (!vals.length) return { lo: 0, hi: 1, log: false };
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
  const n = Math.max(...series.map((s) => s.values.length));
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

/** Ticks at round numbers (1, 2, 5 × 10^k) covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** An SVG line plot of the series against epoch (1-based), with axes, ticks, grid and legend. */
export function svgPlot(series: Series[], opts: { title?: string; width?: number; height?: number; ylabel?: string } = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 420;
  const m = { l: 70, r: 20, t: 40, b: 50 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const { lo, hi, log } = scaleFor(series);
  const x = (i: number) => m.l + (n === 1 ? pw / 2 : (i * pw) / (n - 1));
  const y = (v: number) => m.t + ((hi - (log ? Math.log10(v) : v)) / (hi - lo || 1)) * ph;
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  if (opts.title) out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(opts.title)}</text>`);
  // y ticks and grid
  const yt = log ? ticks(Math.floor(lo), Math.ceil(hi)).filter((t) => Number.isInteger(t) && t >= Math.floor(lo) && t <= Math.ceil(hi)) : ticks(lo, hi);
  for (const t of yt) {
    const v = log ? 10 ** t : t;
    const py = y(v);
    if (py < m.t - 0.5 || py > m.t + ph + 0.5) continue;
    out.push(`<line x1="${m.l}" y1="${py.toFixed(1)}" x2="${m.l + pw}" y2="${py.toFixed(1)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${(py + 4).toFixed(1)}" text-anchor="end">${esc(fmt(v))}</text>`);
  }
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
    s.values.forEach((v, i) => {
      if (v !== null && Number.isFinite(v) && (!log || v > 0)) pts.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (!pts.length) return;
    out.push(`<polyline fill="none" stroke="${colors[k % colors.length]}" stroke-width="1.8" points="${pts.join(' ')}"><title>${esc(s.label)}</title></polyline>`);
    const ly = m.t + 14 + 18 * k;
    out.push(`<line x1="${m.l + pw - 150}" y1="${ly - 4}" x2="${m.l + pw - 125}" y2="${ly - 4}" stroke="${colors[k % colors.length]}" stroke-width="2.5"/>`);
    out.push(`<text x="${m.l + pw - 118}" y="${ly}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
