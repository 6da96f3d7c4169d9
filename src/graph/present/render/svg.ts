import { cacheKey, readCached, writeCached } from './cache.js';
import { toDot } from './dot.js';
import type { GraphView } from './view.js';

declare const __VIZ_VERSION__: string | undefined;
/** The bundled @viz-js/viz (set by scripts/build.mjs); unbundled runs (tests) key as 'dev'. */
const VIZ_VERSION = typeof __VIZ_VERSION__ === 'string' ? __VIZ_VERSION__ : 'dev';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;

/** Graphviz compiled to WebAssembly: loaded on first use (it is large and only pictures need it), and once. */
let viz: Promise<Viz> | undefined;
function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return viz;
}

/** `dot` laid out by Graphviz; a drawing made before comes from the cache (cache.ts). */
export async function renderDot(dot: string, format: 'svg' | 'canon' = 'svg'): Promise<string> {
  const key = cacheKey(`viz ${VIZ_VERSION}`, format, dot);
  const cached = readCached(key);
  if (cached !== undefined) return cached;
  const r = (await graphviz()).render(dot, { format });
  if (r.status !== 'success') {
    throw new Error(`graphviz: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  writeCached(key, r.output);
  return r.output;
}

/** The picture as SVG, laid out offline by the wasm Graphviz. */
export async function toSvg(v: GraphView): Promise<string> {
  return renderDot(toDot(v), 'svg');
}
