import type { Value } from '../../tensor.js';
import { gridRows, inline } from './grid.js';
import { brief, shapeText } from './numbers.js';
import { colorsFor, legend, type Colors } from './legend.js';
import type { GraphView, ViewEdge, ViewNode } from './view.js';

/** Text for a Graphviz HTML-like label. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const font = (color: string, s: string, size?: number) =>
  `<font color="${color}"${size ? ` point-size="${size}"` : ''}>${html(s)}</font>`;

// One name Graphviz has metrics for (a list falls back to Times'); the SVG adds sans-serif.
const FONT = 'Helvetica';

/** The derivative a picture shows for a node or an edge, by mode. */
function derivativeOf(x: ViewNode | ViewEdge): ViewNode['gradient'] {
  return x.gradient ?? x.tangent;
}

/** A value in a label: a grid of numbers for a small matrix, else one line (a summary for large tensors). */
function valueHtml(v: Value, color: string, full: number): string {
  const rows = gridRows(v, full);
  if (!rows) return font(color, inline(v, full));
  const cells = rows.map((r) => `<tr>${r.map((x) => `<td align="right">${font(color, x)}</td>`).join('')}</tr>`).join('');
  return `<table border="0" cellborder="1" cellspacing="0" cellpadding="1" color="#d0d7de">${cells}</table>`;
}

/** Value above, derivative below (cs231n's green and red). */
function numbers(x: ViewNode | ViewEdge, c: Colors, full: number): string {
  const d = derivativeOf(x);
  if (gridRows(x.value, full) || (d !== null && gridRows(d, full))) {
    // Grids stack as rows of an outer table (a <br/> cannot follow a table).
    const row = (h: string) => `<tr><td>${h}</td></tr>`;
    return `<table border="0" cellborder="0" cellspacing="2" cellpadding="0">${row(valueHtml(x.value, c.value, full))}${d === null ? '' : row(valueHtml(d, c.derivative, full))}</table>`;
  }
  const top = valueHtml(x.value, c.value, full);
  return d === null ? top : `${top}<br/>${valueHtml(d, c.derivative, full)}`;
}

/** The widest line of a value as drawn. */
const drawnWidth = (v: Value, full: number) => {
  const rows = gridRows(v, full);
  return rows ? Math.max(...rows.map((r) => r.join('  ').length)) : [...inline(v, full)].length;
};

/**
 * Graphviz measures text with Helvetica's widths; viewers without Helvetica substitute
 * wider fonts (DejaVu Sans is a third wider), which would overflow boxes. Nodes therefore
 * get a minimum width from a wide font's average (0.62 em per character).
 */
function minWidth(rows: { text: string; size: number }[], pad: number): string {
  const points = Math.max(...rows.map((r) => [...r.text].length * 0.62 * r.size)) + pad;
  return (points / 72).toFixed(2);
}

/**
 * An edge's label. Graphviz reserves the width it measured in Helvetica; a long label
 * drawn in a wider font spills over its edge's arrowhead, so long ones (tensors' summaries)
 * get a minimum width from the wide font's average, as nodes do (minWidth). Short labels
 * are left alone: their difference is within the edge's own margin.
 */
function edgeLabel(x: ViewNode | ViewEdge, c: Colors, full: number): string {
  if (bareDrawing) return '';
  const d = derivativeOf(x);
  const longest = Math.max(...[x.value, ...(d === null ? [] : [d])].map((y) => drawnWidth(y, full)));
  if (longest <= LONG_LABEL) return numbers(x, c, full);
  const width = Math.ceil(longest * 0.62 * EDGE_FONT_SIZE);
  return `<table border="0" cellborder="0" cellspacing="0" cellpadding="0"><tr><td width="${width}">${numbers(x, c, full)}</td></tr></table>`;
}

const EDGE_FONT_SIZE = 11;
/** The view being drawn is bare (no numbers): set by toDot for its helpers. */
let bareDrawing = false;
const LONG_LABEL = 8;

function nodeStatement(n: ViewNode, c: Colors, full: number): string {
  const rows: { html: string; text: string; size: number }[] = [];
  const row = (text: string, size: number, html_: string) => rows.push({ html: html_, text, size });
  if (n.kind === 'op' && n.name) row(n.name, 9, font(c.name, n.name, 9));
  row(n.label, 13, n.kind === 'group' ? `<b>${html(n.label)}</b>` : html(n.label));
  if (n.kind === 'group') row(n.formula, 9, font(c.name, n.formula, 9));
  if (n.shape.length) row(shapeText(n.shape), 9, font(c.name, shapeText(n.shape), 9));
  // Numbers live on the edges (cs231n); a node used more than once also shows its total.
  if (n.uses > 1 && n.kind !== 'const' && n.gradient !== null && !bareDrawing) {
    const d = n.gradient;
    if (gridRows(n.value, full) || gridRows(d, full)) row('', 13, numbers(n, c, full));
    else {
      row(brief(n.value), 13, font(c.value, inline(n.value, full)));
      row(brief(d), 13, font(c.derivative, inline(d, full)));
    }
  }
  const label = `<${rows.map((r) => r.html).join('<br/>')}>`;
  const shape =
    n.kind === 'var'
      ? `shape=box, style="rounded", penwidth=1.2, width=${minWidth(rows, 12)}, height=0.32`
      : n.kind === 'const'
        ? `shape=plaintext, fontcolor="${c.name}"`
        : n.kind === 'group'
          ? `shape=box, style="rounded,dashed", width=${minWidth(rows, 16)}`
          : n.label.length <= 2 && rows.length <= 2
            ? 'shape=circle, width=0.5, fixedsize=false'
            : // An ellipse needs about √2 times its text's width.
              `shape=ellipse, width=${Math.max(0.75, Number(minWidth(rows, 0)) * 1.3 + 0.1).toFixed(2)}`;
  return `  ${n.id} [${shape}, label=${label}];`;
}

/** The graph in Graphviz's DOT language: left to right, values in green, gradients in red, a legend. */
export function toDot(v: GraphView, withLegend = true): string {
  bareDrawing = v.bare;
  const c = colorsFor(v);
  // The explorer page prints its own legend: one key, not two (withLegend false).
  const key = withLegend ? `, labelloc=b, labeljust=l, label=<${legendHtml(v, c)}>` : '';
  const lines = [
    'digraph cg {',
    `  graph [rankdir=LR, fontname="${FONT}", fontsize=11, nodesep=0.3, ranksep=0.5, pad=0.3${key}];`,
    `  node [fontname="${FONT}", fontsize=13, color="#555555", margin="0.06,0.03"];`,
    `  edge [fontname="${FONT}", fontsize=${EDGE_FONT_SIZE}, color="#888888", arrowsize=0.7];`,
  ];
  for (const n of v.nodes) lines.push(nodeStatement(n, c, v.full));
  for (const e of v.edges) lines.push(v.bare ? `  ${e.from} -> ${e.to};` : `  ${e.from} -> ${e.to} [label=<${edgeLabel(e, c, v.full)}>];`);
  // The output leaves the graph along one more edge, seeded with ∂f/∂f = 1 (cs231n's last edge).
  const out = v.nodes.find((n) => n.id === v.output)!;
  lines.push(`  out [shape=plaintext, fontsize=14, label=<<b>${html(v.outputName)}</b>>];`);
  const d = v.outputDerivative;
  const outLabel = numbers({ ...out, gradient: d, tangent: null }, c, v.full);
  lines.push(v.bare ? `  ${v.output} -> out;` : `  ${v.output} -> out [label=<${outLabel}>];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function legendHtml(v: GraphView, c: Colors): string {
  const key = legend(v);
  // One item per line: viewers without Helvetica draw wider text than Graphviz measured.
  const swatches = v.bare ? [] : [font(c.value, `■ ${key.value}`), font(c.derivative, `■ ${key.derivative}`)];
  const rows = [...swatches, ...key.lines.map((s) => font(c.name, s, 10))];
  return `${rows.join('<br align="left"/>')}<br align="left"/>`;
}
