import type { Colors } from '../legend.js';

/*
 * The explorer's styles. Without colour everything still reads: values and derivatives sit
 * in their own labelled columns (and above/below each other on the picture's edges), the
 * current step is marked by a thick dashed outline and a ▶, not by a hue.
 */
export function style(c: Colors): string {
  return `
:root { --value: ${c.value}; --deriv: ${c.derivative}; --name: ${c.name}; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 12px 20px 40px; color: #1f2328; background: #fff; }
/* A long program's title scrolls in three lines rather than push the picture off the screen. */
h1 { font-size: 1.25em; margin: 0.2em 0; font-family: ui-monospace, Menlo, Consolas, monospace; max-height: 4.5em; overflow: auto; overflow-wrap: anywhere; }
.at { color: var(--name); margin: 0 0 0.6em; font-family: ui-monospace, Menlo, Consolas, monospace; }
.controls { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
.controls button { font: inherit; padding: 4px 12px; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.controls button:disabled { opacity: 0.45; cursor: default; }
.controls .keys { color: var(--name); font-size: 0.9em; margin-left: 8px; }
#phase { font-weight: 600; }
#line { font: 1.15em/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f6f8fa; border-left: 4px solid #1f2328; padding: 8px 12px; margin: 6px 0; white-space: pre-wrap; }
#detail { margin: 4px 0 10px; }
.factor { display: flex; gap: 10px; align-items: baseline; margin: 3px 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
.factor .label { min-width: 9em; color: var(--name); font-family: system-ui, sans-serif; font-size: 0.92em; }
.factor.value .num, .factor.value .grid td { color: var(--value); }
.factor.deriv .num, .factor.deriv .grid td { color: var(--deriv); }
.gate { font-style: italic; margin: 6px 0; }
.note { color: var(--name); }
/* The explanation keeps one height, so the picture below it never moves between steps. */
section.explain { height: 15em; overflow: auto; }
.picture { margin: 8px 0; }
.zoom { display: flex; gap: 6px; align-items: center; margin-bottom: 4px; }
.zoom button { font: inherit; min-width: 2.4em; padding: 2px 8px; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.zoom .keys { color: var(--name); font-size: 0.9em; }
#graph { position: relative; overflow: hidden; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; cursor: grab; touch-action: none; }
#graph.dragging { cursor: grabbing; }
#graph:focus-visible { outline: 3px solid #0969da; outline-offset: 1px; }
#stage { position: absolute; left: 0; top: 0; will-change: transform; }
#stage svg { display: block; max-width: none; }
#graph g.node { cursor: pointer; }
/* Only a node's own outline and an edge's line and arrowhead are marked (never the cells of a grid of numbers). */
#graph g.node.current .cg-outline { stroke: #1f2328; stroke-width: 3px; stroke-dasharray: 5 3; }
#graph g.edge.current .cg-outline { stroke: #1f2328; stroke-width: 2.5px; stroke-dasharray: 6 3; }
#graph g.edge.current .cg-arrow { stroke: #1f2328; fill: #1f2328; }
/* Labels on a marked edge keep a white halo, so the dashed line never runs through their digits. */
#graph g.current text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 18px; }
.table-wrap { overflow-x: auto; }
@media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
table.nodes { border-collapse: collapse; width: 100%; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.93em; }
table.nodes th, table.nodes td { border-bottom: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
table.nodes thead th { font-family: system-ui, sans-serif; }
table.nodes td.value, table.nodes th.value { color: var(--value); }
table.nodes td.deriv, table.nodes th.deriv { color: var(--deriv); }
table.nodes tr.current { outline: 3px dashed #1f2328; outline-offset: -2px; }
table.nodes tr.current th::before { content: "▶ "; }
table.nodes tbody tr { cursor: pointer; }
table.grid { border-collapse: collapse; display: inline-table; }
table.grid td { border: 1px solid #d0d7de; padding: 0 5px; text-align: right; font-variant-numeric: tabular-nums; }
.summary details > summary { cursor: pointer; list-style: none; }
.summary details > summary::after { content: " (show all)"; font-size: 0.85em; color: var(--name); }
.summary details[open] > summary::after { content: " (hide)"; }
.summary pre { white-space: pre-wrap; max-width: 40em; }
ol#steps { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; padding-left: 2.6em; max-height: 28em; overflow: auto; }
ol#steps li { cursor: pointer; padding: 1px 4px; }
ol#steps li.current { outline: 2px dashed #1f2328; font-weight: 700; }
ol#steps li.current::before { content: "▶ "; }
.legend { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; font-size: 0.92em; }
.legend dt { font-weight: 600; }
.legend dd { margin: 0 0 4px 1em; }
.swatch-value { color: var(--value); font-weight: 700; }
.swatch-deriv { color: var(--deriv); font-weight: 700; }
`;
}
