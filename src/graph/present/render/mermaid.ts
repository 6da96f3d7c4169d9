import { legend } from './legend.js';
import { brief, shapeText } from './numbers.js';
import type { GraphView, ViewEdge, ViewNode } from './view.js';

/** Text inside a quoted Mermaid label: quotes and markup as Mermaid's entity codes. */
export function mermaidText(s: string): string {
  return s.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/&/g, '#amp;');
}

const BR = '<br/>';

/** Value, then the derivative marked ∂ (gradient) or d (tangent): Mermaid labels have one colour. */
function numbers(x: ViewNode | ViewEdge, mark: string, bare = false): string[] {
  if (bare) return [];
  const d = x.gradient ?? x.tangent;
  return d === null ? [brief(x.value)] : [brief(x.value), `${mark} ${brief(d)}`];
}

const SHAPES: Record<ViewNode['kind'], [string, string]> = {
  var: ['(', ')'],
  const: ['[', ']'],
  op: ['((', '))'],
  group: ['[[', ']]'],
};

/**
 * The graph as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab).
 * Mermaid has no two-colour labels, so each label is the value on one line and the
 * derivative, marked, on the next; the `%%` lines say so.
 */
export function toMermaid(v: GraphView): string {
  const mark = v.mode === 'forward' ? 'd' : '∂';
  const key = legend(v);
  const lines = ['flowchart LR'];
  lines.push(`  %% ${key.lines[0]}`);
  if (!v.bare) lines.push(`  %% labels: ${key.value} on the first line; on the line marked ${mark}, ${key.derivative}`);
  for (const l of key.lines.slice(1)) lines.push(`  %% ${l}`);
  for (const n of v.nodes) {
    const parts = [n.kind === 'op' && n.name ? `${n.name}: ${n.label}` : n.kind === 'group' ? n.formula : n.label];
    if (n.shape.length) parts.push(shapeText(n.shape));
    if (n.uses > 1 && n.kind !== 'const' && n.gradient !== null) parts.push(...numbers(n, mark, v.bare));
    const [open, close] = SHAPES[n.kind];
    lines.push(`  ${n.id}${open}"${parts.map(mermaidText).join(BR)}"${close}`);
  }
  lines.push(`  out(["${mermaidText(v.outputName)}"])`);
  for (const e of v.edges) lines.push(v.bare ? `  ${e.from} --> ${e.to}` : `  ${e.from} -->|"${numbers(e, mark).map(mermaidText).join(BR)}"| ${e.to}`);
  const out = v.nodes.find((n) => n.id === v.output)!;
  const outNumbers = [brief(out.value), ...(v.outputDerivative === null ? [] : [`${mark} ${brief(v.outputDerivative)}`])];
  lines.push(v.bare ? `  ${v.output} --> out` : `  ${v.output} -->|"${outNumbers.map(mermaidText).join(BR)}"| out`);
  lines.push('  classDef var fill:#ffffff,stroke:#555555');
  lines.push('  classDef const fill:#ffffff,stroke:#ffffff,color:#6e7781');
  lines.push('  classDef op fill:#f6f8fa,stroke:#555555');
  lines.push('  classDef group fill:#ffffff,stroke:#555555,stroke-dasharray:4');
  lines.push('  classDef out fill:#ffffff,stroke:#ffffff,font-weight:bold');
  for (const kind of ['var', 'const', 'op', 'group'] as const) {
    const ids = v.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    if (ids.length) lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  lines.push('  class out out');
  return `${lines.join('\n')}\n`;
}
