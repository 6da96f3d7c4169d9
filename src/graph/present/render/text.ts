import { legend } from './legend.js';
import { gridLines, gridRows, inline } from './grid.js';
import { brief, shapeText } from './numbers.js';
import type { GraphView, ViewEdge, ViewNode } from './view.js';

/** Colours for the terminal (identity when there is no colour). */
export interface TextPaint {
  value: (s: string) => string;
  derivative: (s: string) => string;
  dim: (s: string) => string;
}

const plain: TextPaint = { value: (s) => s, derivative: (s) => s, dim: (s) => s };

/** A value's lines: one for numbers, vectors and summaries, one per row for a small matrix (a grid). */
const num = (v: ViewNode['value'], full: number): string[] => {
  const rows = gridRows(v, full, 6);
  return rows ? gridLines(rows) : [inline(v, full, 6)];
};

/**
 * The graph in the terminal: a tree from the output down to the variables, one line per
 * edge, with value and derivative columns. A node used more than once is drawn in full
 * the first time and marked `↑` after; its total sits on its first line, and the share
 * of the gradient each use sends back sits in the `this edge` column.
 */
export function toText(v: GraphView, paint: TextPaint = plain): string {
  const byId = new Map(v.nodes.map((n) => [n.id, n]));
  const into = new Map<string, ViewEdge[]>();
  for (const e of v.edges) {
    const list = into.get(e.to) ?? [];
    list.push(e);
    into.set(e.to, list);
  }
  const reverse = v.mode === 'reverse';
  const key = legend(v);
  const dname = reverse ? `∂${v.outputName}/∂·` : `d·/d${v.wrt[0]}`;
  // The `this edge` column only where some node sends gradient back along several edges.
  const shared = !v.bare && v.nodes.some((n) => n.uses > 1 && n.gradient !== null);
  // The bare graph (no values given): the tree alone.
  const head = v.bare ? [''] : ['', 'value', dname, ...(shared ? ['this edge'] : [])];
  // Each row's cells as lines: a matrix drawn in full takes one line per row.
  const rows: string[][][] = [];
  const seen = new Set<string>();
  // Iterative depth-first walk: deep graphs draw without recursion.
  const stack: { id: string; edge: ViewEdge | null; prefix: string; branch: string }[] = [{ id: v.output, edge: null, prefix: '', branch: '' }];
  while (stack.length) {
    const { id, edge, prefix, branch } = stack.pop()!;
    const n = byId.get(id)!;
    const again = seen.has(id);
    const d = n.gradient ?? n.tangent;
    let label = again ? `${n.name} ↑` : n.formula;
    if (!again && n.shape.length) label += ` ${shapeText(n.shape)}`;
    const children = again ? [] : (into.get(id) ?? []);
    const childPrefix = prefix + (branch === '' ? '' : branch === '├─ ' ? '│  ' : '   ');
    // Further lines of a grid continue the tree's lines beside it.
    const more = childPrefix + (children.length ? '│  ' : '');
    const cells = v.bare
      ? []
      : [
      num(n.value, v.full),
      d === null ? [''] : num(d, v.full),
      ...(shared ? [edge && n.uses > 1 && edge.gradient !== null ? num(edge.gradient, v.full) : ['']] : []),
    ];
    const height = Math.max(...cells.map((c) => c.length));
    rows.push([[prefix + branch + label, ...Array.from({ length: height - 1 }, () => more)], ...cells]);
    if (again) continue;
    seen.add(id);
    for (let k = children.length - 1; k >= 0; k--) {
      stack.push({ id: children[k].from, edge: children[k], prefix: childPrefix, branch: k === children.length - 1 ? '└─ ' : '├─ ' });
    }
  }
  const width = head.map((h, c) => Math.max(h.length, ...rows.flatMap((r) => r[c].map((x) => x.length))));
  const pad = (cells: string[], color: boolean) =>
    cells
      .map((cell, c) => {
        if (c === 0) return cell.padEnd(width[0]);
        const s = cell.padStart(width[c]);
        if (!color || cell === '') return s;
        return c === 1 ? paint.value(s) : paint.derivative(s);
      })
      .join('  ')
      .trimEnd();
  const lines = rows.flatMap((r) => Array.from({ length: Math.max(...r.map((c) => c.length)) }, (_, k) => r.map((c) => c[k] ?? '')));
  const out = [paint.dim(key.lines[0]), ...(v.bare ? [] : [pad(head, false)]), ...lines.map((r) => pad(r, true))];
  const explain = reverse
    ? `value: forward pass; ${dname}: gradient, summed over all paths${shared ? '; this edge: the part flowing back along that edge' : ''}`
    : `value: forward pass; ${dname}: tangent by forward mode (d${v.wrt[0]}/d${v.wrt[0]} = ${brief(v.seed ?? 1)})`;
  if (!v.bare) out.push(paint.dim(explain));
  for (const note of v.notes) out.push(paint.dim(`note: ${note}`));
  return `${out.join('\n')}\n`;
}
