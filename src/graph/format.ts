import type { Graph } from './graph.js';

/** How node `id` reads: its source text where it came from the source, else its op. */
export function nodeText(g: Graph, id: number): string {
  const n = g.nodes[id];
  if (n.op === 'var') return n.name!;
  if (n.span && g.source !== undefined) return g.source.slice(n.span.start, n.span.end);
  if (n.op === 'const') return n.name ?? String(n.value);
  return `${n.op}(${n.inputs.map((i) => `#${i}`).join(', ')})`;
}
