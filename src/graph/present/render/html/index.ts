import { evaluate, type Env } from '../../../engines/evaluate.js';
import type { Graph } from '../../../graph.js';
import { gateMeaning, narrateForward, narrateReverse, type Steps } from '../../steps.js';
import { html } from '../dot.js';
import { colorsFor, legend } from '../legend.js';
import { jsonValue } from '../numbers.js';
import type { GraphView } from '../view.js';
import { CLIENT } from './client.js';
import { framesOf } from './frames.js';
import { PAN_ZOOM } from './pan-zoom.js';
import { style } from './style.js';

/*
 * `cg graph --format html`: the learner's explorer. One self-contained file (scripts,
 * styles and the SVG inline, a Content-Security-Policy that forbids any request) that
 * walks the graph step by step: the forward pass node by node, then the narration of
 * `cg grad --steps` line by line. The narration is embedded as `--steps --json` gives it;
 * the page only shows it.
 */

export interface ExplorerOptions {
  /** Tensors up to full×full are shown as grids of numbers (default 6). */
  full?: number;
  /** Significant digits of the numbers shown (default 6, as the narration). */
  digits?: number;
  /** Milliseconds between steps when playing. */
  interval?: number;
}

/** The narration the page walks through: reverse (any output, seeded with ones) or forward mode. */
export function explorerSteps(g: Graph, env: Env, v: GraphView): { steps: Steps; forwardOnly: boolean } {
  const vals = evaluate(g, env);
  if (v.mode === 'forward') return { steps: narrateForward(g, vals, v.outputName, v.wrt), forwardOnly: false };
  // As the picture: no gradients of a tensor output, only its forward pass (narrated with no
  // variable to flow to: the backward sweep's seed is a number, which a tensor output cannot take).
  if (g.nodes[g.output].shape.length > 0) return { steps: narrateReverse(g, vals, v.outputName, []), forwardOnly: true };
  return { steps: narrateReverse(g, vals, v.outputName, v.wrt), forwardOnly: false };
}

/** JSON inside a <script> element: `<` escaped so no `</script>` or comment can end it early. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The SVG without its XML prolog and comments, to sit inline in HTML. */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<svg /, '<svg role="img" aria-labelledby="graph-title" ')
    .trim();
}

/** The picture's natural height in CSS px (Graphviz writes pt, the layered layout px). */
export function svgHeightPx(svg: string): number {
  const m = /<svg[^>]*\sheight="([\d.]+)(pt|px)?"/.exec(svg);
  if (!m) return 400;
  return Number(m[1]) * (m[2] === 'pt' ? 4 / 3 : 1);
}

/**
 * The picture's viewport: a fixed height (so the page below never moves), as tall as the
 * picture drawn at up to twice its size, at most most of the window.
 */
export function pictureViewport(svg: string): string {
  const h = Math.round(Math.max(220, Math.min(svgHeightPx(svg) * 2 + 16, 2000)));
  return `<div class="picture">
<div class="zoom" role="toolbar" aria-label="zoom the picture">
<button id="zoom-in" type="button" title="zoom in (+ or the wheel)">+</button>
<button id="zoom-out" type="button" title="zoom out (−)">−</button>
<button id="fit" type="button" title="fit the picture (0)">Fit</button>
<span class="keys">wheel or + − zoom, drag or shift+arrows pan, 0 fits</span>
</div>
<div id="graph" tabindex="0" style="height: min(72vh, ${h}px)" aria-label="the graph; wheel or + and − zoom, drag or shift and arrows pan, 0 fits"><div id="stage">${inlineSvg(svg)}</div></div>
</div>`;
}

export function explorerPage(g: Graph, env: Env, v: GraphView, svg: string, opts: ExplorerOptions = {}): string {
  const { steps, forwardOnly } = explorerSteps(g, env, v);
  const c = colorsFor(v);
  const key = legend(v);
  // The gates the narration names, with what each does to a gradient (from the op table).
  const gates: Record<string, string> = {};
  for (const l of steps.lines) if (l.gate) gates[l.gate] = gateMeaning(l.gate) ?? '';
  const at: Record<string, unknown> = {};
  for (const [k, x] of v.at) at[k] = jsonValue(x);
  const data = {
    frames: framesOf(v, steps),
    nodes: v.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, formula: n.formula, shape: n.shape })),
    at,
    mode: v.mode,
    forwardOnly,
    gates,
    colors: { value: c.value, derivative: c.derivative },
    full: opts.full ?? 6,
    digits: opts.digits ?? 6,
    interval: opts.interval ?? 1200,
  };
  const dname = v.mode === 'reverse' ? `∂${v.outputName}/∂·` : `d·/d${v.wrt[0]}`;
  const title = key.lines[0];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="cg graph --format html">
<title>cg: ${html(title)}</title>
<style>${style(c)}</style>
</head>
<body>
<header>
<h1 id="graph-title">${html(title)}</h1>
<p class="at">${v.mode === 'reverse' ? 'reverse mode: the forward pass, then gradients flowing back (upstream × local)' : `forward mode: the forward pass, then tangents d·/d${html(v.wrt[0])} flowing forward`}</p>
</header>
<nav class="controls" aria-label="step through the graph">
<button id="first" type="button" title="first step (Home)">« First</button>
<button id="prev" type="button" title="previous step (←)">◀ Previous</button>
<button id="play" type="button" aria-pressed="false" title="play or pause (space)">▶ Play</button>
<button id="next" type="button" title="next step (→)">Next ▶</button>
<button id="last" type="button" title="last step (End)">Last »</button>
<span class="keys">keys: ← → step, space play/pause; click a node to jump to it</span>
</nav>
<section class="explain" aria-live="polite">
<div id="phase"></div>
<div id="line"></div>
<div id="detail"></div>
</section>
${pictureViewport(svg)}
<section class="table-wrap">
<h2>Nodes</h2>
<table class="nodes" id="nodes">
<thead><tr><th>node</th><th>computes</th><th class="value">value (forward pass)</th><th class="deriv">${html(dname)} (${v.mode === 'reverse' ? 'gradient' : 'tangent'})</th></tr></thead>
<tbody></tbody>
</table>
</section>
<div class="columns">
<section>
<h2>Legend</h2>
<dl class="legend">
<dt><span class="swatch-value">■</span> value</dt><dd>${html(key.value)}: the left number column in the table; on an edge of the picture, the upper number</dd>
<dt><span class="swatch-deriv">■</span> ${html(dname)}</dt><dd>${html(key.derivative)}: the right number column; on an edge, the lower number</dd>
<dt>▶ and a dashed outline</dt><dd>the node or edge of the current step</dd>
${key.lines
  .slice(1)
  .map((l) => `<dd>${html(l)}</dd>`)
  .join('\n')}
${Object.keys(gates).length ? '<dt>gates</dt>' : ''}${Object.entries(gates)
  .map(([gate, meaning]) => `<dd><b>${html(gate)}</b>: ${html(meaning)}</dd>`)
  .join('')}
<dd>numbers: ${data.digits} significant digits; tensors up to ${data.full}×${data.full} in full, larger ones summarised (click for every value)</dd>
</dl>
</section>
<section>
<h2>All steps</h2>
<ol id="steps" start="0"></ol>
</section>
</div>
<script type="application/json" id="cg-steps">${scriptJson(steps)}</script>
<script type="application/json" id="cg-data">${scriptJson(data)}</script>
<script>${PAN_ZOOM}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
