import type { Graph } from './graph.js';

/**
 * How node `id` reads: its source text where it came from the source, else its op. Long
 * texts are cut to `max` characters (the sums of a long program would otherwise repeat the
 * whole program once per node).
 */
export function nodeText(g: Graph, id: number, max = 80): string {
  const n = g.nodes[id];
  if (n.op === 'var') return n.name!;
  if (n.span && g.source !== undefined) {
    const { start, end } = n.span;
    const text = end - start > max ? `${g.source.slice(start, start + max - 1)}…` : g.source.slice(start, end);
    return text.replace(/\s+/g, ' ');
  }
  if (n.op === 'const') return n.name ?? String(n.value);
  return `${n.op}(${n.inputs.map((i) => `#${i}`).join(', ')})`;
}
