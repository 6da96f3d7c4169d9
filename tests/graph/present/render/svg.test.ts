import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { html, toDot } from '../../../../src/graph/present/render/dot.js';
import { FULL, gridRows, inline } from '../../../../src/graph/present/render/grid.js';
import type { Value } from '../../../../src/graph/tensor.js';
import { renderDot, toSvg } from '../../../../src/graph/present/render/svg.js';
import { graphView, type GraphView, type ViewOptions } from '../../../../src/graph/present/render/view.js';
import { buildGraph, parseAt } from '../../../../src/parse/index.js';

function view(expr: string, at: string, opts: Partial<ViewOptions> = {}): GraphView {
  const env = parseAt([at]);
  const { graph, outputName } = buildGraph(expr, env);
  return graphView(graph, env, { outputName, expression: expr, ...opts });
}

/** Every piece of text in a parsed SVG, in document order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' || typeof node === 'number') out.push(String(node));
  else if (Array.isArray(node)) for (const x of node) texts(x, out);
  else if (node && typeof node === 'object') for (const [k, x] of Object.entries(node)) if (!k.startsWith('@_')) texts(x, out);
  return out;
}

const CASES: [string, string, Partial<ViewOptions>][] = [
  ['(x+y)*z', 'x=-2,y=5,z=-4', {}],
  ['1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', {}],
  ['1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', { hideConstants: true }],
  ['x / x^2', 'x=2', { mode: 'forward', wrt: ['x'] }],
  ['h = tanh(W*x + b); L = sum(h.^2)', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]', {}],
];

describe('SVG by the wasm Graphviz', () => {
  for (const [expr, at, opts] of CASES) {
    it(`${expr} ${JSON.stringify(opts)}: valid XML with every label and number`, async () => {
      const v = view(expr, at, opts);
      const svg = await toSvg(v);
      expect(XMLValidator.validate(svg)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, htmlEntities: true }).parse(svg);
      expect(doc.svg).toBeDefined();
      const all = texts(doc.svg).map((t) => t.trim());
      const has = (s: string) => all.includes(s) || all.some((t) => t.includes(s));
      for (const n of v.nodes) {
        expect(has(n.label), `label ${n.label}`).toBe(true);
        if (n.kind === 'op') expect(has(n.name), `name ${n.name}`).toBe(true);
      }
      // A small matrix is drawn in full, one text per entry; other values as one text.
      const drawn = (x: Value) => gridRows(x, FULL)?.flat() ?? [inline(x, FULL)];
      for (const e of v.edges) {
        for (const s of drawn(e.value)) expect(all, `value on ${e.from}->${e.to}`).toContain(s);
        const d = e.gradient ?? e.tangent;
        if (d !== null) for (const s of drawn(d)) expect(all, `derivative on ${e.from}->${e.to}`).toContain(s);
      }
      expect(all).toContain(v.outputName);
      expect(has('value (forward pass)')).toBe(true);
    });
  }

  it('draws values in green and gradients in red', async () => {
    const svg = await toSvg(view('(x+y)*z', 'x=-2,y=5,z=-4'));
    // Graphviz writes '-' as &#45;.
    expect(svg).toMatch(/fill="#1a7f37"[^>]*>(-|&#45;)12</);
    expect(svg).toMatch(/fill="#cf222e"[^>]*>3</);
  });
});

describe('DOT', () => {
  it('parses through Graphviz itself, with one edge per use of a shared node', async () => {
    const v = view('x / x^2', 'x=2');
    const dot = toDot(v);
    const canon = await renderDot(dot, 'canon');
    const x = v.nodes.find((n) => n.name === 'x')!.id;
    expect(canon.match(new RegExp(`\\b${x} -> `, 'g'))).toHaveLength(2);
    expect(canon).toMatch(/-> out/);
  });

  it('every case renders without Graphviz errors', async () => {
    const { instance } = await import('@viz-js/viz');
    const viz = await instance();
    for (const [expr, at, opts] of CASES) {
      const r = viz.render(toDot(view(expr, at, opts)), { format: 'canon' });
      expect(r.status, expr).toBe('success');
      // The only warnings: Graphviz has no width table for non-ASCII (∂, ×, ÷).
      for (const e of r.errors) expect(e.message, expr).toMatch(/non-ASCII character/);
    }
  });

  it('escapes what HTML labels cannot hold', () => {
    expect(html('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
});
