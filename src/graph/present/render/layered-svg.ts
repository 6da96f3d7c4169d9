import type { Value } from '../../tensor.js';
import { html } from './dot.js';
import { inline } from './grid.js';
import { layeredLayout, type LayoutEdge, type LayoutNode } from './layout.js';
import { colorsFor, legend, type Colors } from './legend.js';
import { shapeText } from './numbers.js';
import type { GraphView, ViewEdge, ViewNode } from './view.js';

/*
 * Large pictures without Graphviz: the view laid out by layout.ts (linear in the graph)
 * and written as SVG in Graphviz's own structure (`g.node` and `g.edge` groups titled
 * `n3` and `n0->n2`, value text filled green, derivative text red), so the explorer page
 * steps through it as through Graphviz's. Tensors are written on one line (their summary);
 * grids of numbers are Graphviz's, for pictures small enough to read them in.
 */

const FONT = 'Helvetica, Arial, sans-serif';
/** Sizes in px: the smallest text is 11 px at 100 %. */
const NAME = 11;
const LABEL = 14;
const NUMBER = 12;
/** Width of a character, in em: a wide sans-serif's average (as dot.ts's minWidth). */
const EM = 0.62;

const textWidth = (s: string, size: number) => [...s].length * EM * size;

interface Row {
  text: string;
  size: number;
  fill: string;
  bold?: boolean;
}

function derivativeOf(x: ViewNode | ViewEdge): Value | null {
  return x.gradient ?? x.tangent;
}

/** The lines written in a node: its name, its symbol, its shape, and its totals where used more than once. */
function nodeRows(n: ViewNode, c: Colors, full: number, bare: boolean): Row[] {
  const rows: Row[] = [];
  if (n.kind === 'op' && n.name) rows.push({ text: n.name, size: NAME, fill: c.name });
  rows.push({ text: n.label, size: LABEL, fill: n.kind === 'const' ? c.name : '#1f2328', bold: n.kind === 'group' });
  if (n.kind === 'group') rows.push({ text: n.formula, size: NAME, fill: c.name });
  if (n.shape.length) rows.push({ text: shapeText(n.shape), size: NAME, fill: c.name });
  if (n.uses > 1 && n.kind !== 'const' && n.gradient !== null && !bare) {
    rows.push({ text: inline(n.value, full), size: NUMBER, fill: c.value });
    rows.push({ text: inline(n.gradient, full), size: NUMBER, fill: c.derivative });
  }
  return rows;
}

/** An edge's label: the value above the line, the derivative below it (cs231n's edges). */
function edgeRows(e: { value: Value; gradient: Value | null; tangent: Value | null }, c: Colors, full: number, bare: boolean): Row[] {
  if (bare) return [];
  const rows: Row[] = [{ text: inline(e.value, full), size: NUMBER, fill: c.value }];
  const d = derivativeOf(e as ViewEdge);
  if (d !== null) rows.push({ text: inline(d, full), size: NUMBER, fill: c.derivative });
  return rows;
}

const rowsHeight = (rows: Row[]) => rows.reduce((s, r) => s + r.size * 1.25, 0);
const rowsWidth = (rows: Row[]) => Math.max(0, ...rows.map((r) => textWidth(r.text, r.size)));

function text(x: number, y: number, r: Row, anchor = 'middle'): string {
  return `<text text-anchor="${anchor}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="${r.size}"${r.bold ? ' font-weight="bold"' : ''} fill="${r.fill}">${html(r.text)}</text>`;
}

/** Rows stacked and centred on (x, y). */
function stacked(x: number, y: number, rows: Row[]): string {
  let top = y - rowsHeight(rows) / 2;
  return rows
    .map((r) => {
      top += r.size * 1.25;
      return text(x, top - r.size * 0.3, r);
    })
    .join('');
}

function shapeOf(n: ViewNode, x: number, y: number, w: number, h: number): string {
  const box = (dashed: boolean) =>
    `<path fill="none" stroke="#555555"${dashed ? ' stroke-dasharray="5,2"' : ''} d="M${(x - w / 2 + 6).toFixed(1)},${(y - h / 2).toFixed(1)} h${(w - 12).toFixed(1)} q6,0 6,6 v${(h - 12).toFixed(1)} q0,6 -6,6 h${(-(w - 12)).toFixed(1)} q-6,0 -6,-6 v${(-(h - 12)).toFixed(1)} q0,-6 6,-6 z"/>`;
  if (n.kind === 'var') return box(false);
  if (n.kind === 'group') return box(true);
  if (n.kind === 'const') return '';
  return `<ellipse fill="none" stroke="#555555" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${(w / 2).toFixed(1)}" ry="${(h / 2).toFixed(1)}"/>`;
}

/** The picture as SVG by the layered layout; `withLegend` false leaves the key to the page around it. */
export function toLayeredSvg(v: GraphView, withLegend = true): string {
  const c = colorsFor(v);
  const OUT = 'out';
  const rowsOf = new Map<string, Row[]>();
  const layoutNodes: LayoutNode[] = v.nodes.map((n) => {
    const rows = nodeRows(n, c, v.full, v.bare);
    rowsOf.set(n.id, rows);
    const w = rowsWidth(rows);
    const h = rowsHeight(rows);
    // An ellipse needs about √2 times its text's box.
    if (n.kind === 'op') return { id: n.id, width: Math.max(38, w * 1.3 + 14), height: Math.max(38, h * 1.3 + 6) };
    return { id: n.id, width: w + 16, height: h + 10 };
  });
  const outRows: Row[] = [{ text: v.outputName, size: LABEL, fill: '#1f2328', bold: true }];
  layoutNodes.push({ id: OUT, width: rowsWidth(outRows) + 8, height: rowsHeight(outRows) + 6 });
  const out = v.nodes.find((n) => n.id === v.output)!;
  const allEdges = [...v.edges, { from: v.output, to: OUT, value: out.value, gradient: v.mode === 'reverse' ? v.outputDerivative : null, tangent: v.mode === 'forward' ? v.outputDerivative : null }];
  const edgeRowList = allEdges.map((e) => edgeRows(e, c, v.full, v.bare));
  const layoutEdges: LayoutEdge[] = allEdges.map((e, k) => ({ from: e.from, to: e.to, labelWidth: rowsWidth(edgeRowList[k]), labelHeight: rowsHeight(edgeRowList[k]) }));
  const lay = layeredLayout(layoutNodes, layoutEdges, OUT);

  const key = legend(v);
  const legendRows: Row[] = withLegend
    ? [
        ...(v.bare
          ? []
          : [
              { text: `■ ${key.value}`, size: NUMBER, fill: c.value },
              { text: `■ ${key.derivative}`, size: NUMBER, fill: c.derivative },
            ]),
        ...key.lines.map((s) => ({ text: s, size: NAME, fill: c.name })),
      ]
    : [];
  const legendHeight = legendRows.length ? rowsHeight(legendRows) + 12 : 0;
  const width = Math.ceil(Math.max(lay.width, legendRows.length ? Math.min(rowsWidth(legendRows) + 24, 4000) : 0));
  const height = Math.ceil(lay.height + legendHeight);

  const parts: string[] = [];
  parts.push(
    `<svg width="${width}px" height="${height}px" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" data-layout="layered">`,
    `<g id="graph0" class="graph"><title>cg</title><rect fill="white" stroke="none" x="0" y="0" width="${width}" height="${height}"/>`,
  );
  let k = 0;
  for (const e of lay.edges) {
    const rows = edgeRowList[k];
    const [sx, sy] = e.start;
    const [ax, ay] = e.labelStart;
    const [bx, by] = e.labelEnd;
    const [tx, ty] = e.end;
    const mid = (ax + sx) / 2;
    const tipX = tx - 7;
    const d = `M${sx.toFixed(1)},${sy.toFixed(1)} C${mid.toFixed(1)},${sy.toFixed(1)} ${mid.toFixed(1)},${ay.toFixed(1)} ${ax.toFixed(1)},${ay.toFixed(1)} L${bx.toFixed(1)},${by.toFixed(1)} C${((bx + tipX) / 2).toFixed(1)},${by.toFixed(1)} ${((bx + tipX) / 2).toFixed(1)},${ty.toFixed(1)} ${tipX.toFixed(1)},${ty.toFixed(1)}`;
    const arrow = `<polygon fill="#888888" stroke="#888888" points="${tipX.toFixed(1)},${(ty - 3.5).toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)} ${tipX.toFixed(1)},${(ty + 3.5).toFixed(1)}"/>`;
    // The value just above the line, the derivative just below.
    const [lx, ly] = e.label;
    const labels = rows.map((r, i) => text(lx, i === 0 ? ly - 3 : ly + r.size + 1, r)).join('');
    parts.push(`<g id="edge${k + 1}" class="edge"><title>${html(`${e.from}->${e.to}`)}</title><path fill="none" stroke="#888888" d="${d}"/>${arrow}${labels}</g>`);
    k++;
  }
  v.nodes.forEach((n, i) => {
    const p = lay.nodes.get(n.id)!;
    parts.push(`<g id="node${i + 1}" class="node"><title>${n.id}</title>${shapeOf(n, p.x, p.y, p.width, p.height)}${stacked(p.x, p.y, rowsOf.get(n.id)!)}</g>`);
  });
  const o = lay.nodes.get(OUT)!;
  parts.push(`<g id="node${v.nodes.length + 1}" class="node"><title>${OUT}</title>${stacked(o.x, o.y, outRows)}</g>`);
  if (legendRows.length) {
    let y = lay.height + 6;
    for (const r of legendRows) {
      y += r.size * 1.25;
      parts.push(text(12, y - r.size * 0.3, r, 'start'));
    }
  }
  parts.push('</g>', '</svg>');
  return `${parts.join('\n')}\n`;
}
