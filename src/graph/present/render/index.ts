import { toDot } from './dot.js';
import { toJsonGraph } from './json.js';
import { toMermaid } from './mermaid.js';
import { toSvg } from './svg.js';
import { toText, type TextPaint } from './text.js';
import type { GraphView } from './view.js';

export const FORMATS = ['svg', 'dot', 'mermaid', 'text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** The picture in one format, as the text to print or write. */
export async function renderView(v: GraphView, format: Format, paint?: TextPaint): Promise<string> {
  switch (format) {
    case 'svg':
      return toSvg(v);
    case 'dot':
      return toDot(v);
    case 'mermaid':
      return toMermaid(v);
    case 'text':
      return toText(v, paint);
    case 'json':
      return `${JSON.stringify(toJsonGraph(v), null, 2)}\n`;
  }
}

export { drawingOnce, layoutFor, toSvg, LAYERED_ABOVE } from './svg.js';
export { graphView, type Group, type GraphView, type ViewOptions } from './view.js';
