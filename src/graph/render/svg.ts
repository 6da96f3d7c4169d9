import { toDot } from './dot.js';
import type { GraphView } from './view.js';

/** Graphviz compiled to WebAssembly, loaded on first use (it is large and only pictures need it). */
export async function renderDot(dot: string, format: 'svg' | 'canon' = 'svg'): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const r = viz.render(dot, { format });
  if (r.status !== 'success') {
    throw new Error(`graphviz: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  return r.output;
}

/** The picture as SVG, laid out offline by the wasm Graphviz. */
export async function toSvg(v: GraphView): Promise<string> {
  return renderDot(toDot(v), 'svg');
}
