import { setFlagsFromString } from 'node:v8';
import { cacheKey, readCached, writeCached } from './cache.js';
import { toDot } from './dot.js';
import type { GraphView } from './view.js';

declare const __VIZ_VERSION__: string | undefined;
/** The bundled @viz-js/viz (set by scripts/build.mjs); unbundled runs (tests) key as 'dev'. */
const VIZ_VERSION = typeof __VIZ_VERSION__ === 'string' ? __VIZ_VERSION__ : 'dev';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;

/** Graphviz compiled to WebAssembly: loaded on first use (it is large and only pictures need it), and once. */
let viz: Promise<Viz> | undefined;
function graphviz(dotLength: number): Promise<Viz> {
  if (!viz && oneShot && dotLength <= QUICK_DOT_MAX) setFlagsFromString('--liftoff-only');
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return viz;
}

/**
 * DOT texts up to this size lay out in tens of milliseconds, less than V8 spends tiering
 * Graphviz's hot functions up to optimised code (measured: a 1.7 KB drawing 40–90 ms
 * faster in a whole `cg graph` run with baseline code only); a 140 KB one ran 35% slower
 * without the optimised code, so larger drawings keep it.
 */
const QUICK_DOT_MAX = 32 * 1024;
let oneShot = false;

/**
 * Called by a short-lived process (the CLI) that draws once: a small first drawing then
 * loads Graphviz with V8's baseline wasm compiler only (a process-wide V8 flag, which is
 * why a library caller never gets it).
 */
export function drawingOnce(): void {
  oneShot = true;
}

/** `dot` laid out by Graphviz; a drawing made before comes from the cache (cache.ts). */
export async function renderDot(dot: string, format: 'svg' | 'canon' = 'svg'): Promise<string> {
  const key = cacheKey(`viz ${VIZ_VERSION}`, format, dot);
  const cached = readCached(key);
  if (cached !== undefined) return cached;
  const r = (await graphviz(dot.length)).render(dot, { format });
  if (r.status !== 'success') {
    throw new Error(`graphviz: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  writeCached(key, r.output);
  return r.output;
}

/**
 * Past this many nodes Graphviz's layout costs seconds to minutes (measured on the sum of
 * terms of bench/draw.mjs: 261 nodes 1.8 s, 520 nodes 30 s, 1,036 over 300 s), so larger
 * pictures are laid out by layout.ts, linear in the graph.
 */
export const LAYERED_ABOVE = 200;

/** Which layout draws a view of this many nodes. */
export const layoutFor = (nodes: number): 'graphviz' | 'layered' => (nodes > LAYERED_ABOVE ? 'layered' : 'graphviz');

/**
 * The picture as SVG: laid out offline by the wasm Graphviz, or by the layered layout for
 * large views. `legend` false leaves the key out (the explorer page has its own).
 */
export async function toSvg(v: GraphView, opts: { legend?: boolean } = {}): Promise<string> {
  const withLegend = opts.legend ?? true;
  if (layoutFor(v.nodes.length) === 'layered') {
    const { toLayeredSvg } = await import('./layered-svg.js');
    return toLayeredSvg(v, withLegend);
  }
  return renderDot(toDot(v, withLegend), 'svg');
}
