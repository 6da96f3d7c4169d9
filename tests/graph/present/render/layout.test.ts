import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutEdge, type LayoutNode } from '../../../../src/graph/present/render/layout.js';

/*
 * The layered layout on random DAGs that all reach one output: every edge points right,
 * no two boxes overlap, no label covers a box or another label, and everything lies inside
 * the picture.
 */

const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  Math.abs(a.x - b.x) * 2 < a.w + b.w - 1e-6 && Math.abs(a.y - b.y) * 2 < a.h + b.h - 1e-6;

/** A random DAG: node i > 0 feeds one to three later nodes; the last is the output. */
const dag = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 10, max: 90 }), fc.integer({ min: 10, max: 50 })), { minLength: n, maxLength: n }),
    fc.array(fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 3 }), { minLength: n, maxLength: n }),
  ),
);

describe('layeredLayout', () => {
  it('edges point right; boxes and labels never overlap; all inside', () => {
    fc.assert(
      fc.property(dag, ([n, sizes, picks]) => {
        const nodes: LayoutNode[] = sizes.map(([w, h], i) => ({ id: `n${i}`, width: w, height: h }));
        const edges: LayoutEdge[] = [];
        for (let i = 0; i < n - 1; i++) {
          const targets = new Set(picks[i].map((p) => i + 1 + Math.floor(p * (n - 1 - i))));
          for (const t of targets) edges.push({ from: `n${i}`, to: `n${t}`, labelWidth: 30, labelHeight: 24 });
        }
        const lay = layeredLayout(nodes, edges, `n${n - 1}`);
        const boxes = [...lay.nodes.values()].map((p) => ({ x: p.x, y: p.y, w: p.width, h: p.height }));
        const labels = lay.edges.map((e) => ({ x: e.label[0], y: e.label[1], w: e.labelWidth, h: e.labelHeight }));
        for (const e of lay.edges) {
          expect(e.start[0]).toBeLessThan(e.end[0]);
          expect(e.labelStart[0]).toBeGreaterThanOrEqual(e.start[0] - 1e-6);
          expect(e.labelEnd[0]).toBeLessThanOrEqual(e.end[0] + 1e-6);
        }
        for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) expect(overlap(boxes[a], boxes[b])).toBe(false);
        for (const l of labels) for (const b of boxes) expect(overlap(l, b)).toBe(false);
        for (let a = 0; a < labels.length; a++) for (let b = a + 1; b < labels.length; b++) expect(overlap(labels[a], labels[b])).toBe(false);
        for (const b of [...boxes, ...labels]) {
          expect(b.x - b.w / 2).toBeGreaterThanOrEqual(-1e-6);
          expect(b.y - b.h / 2).toBeGreaterThanOrEqual(-1e-6);
          expect(b.x + b.w / 2).toBeLessThanOrEqual(lay.width + 1e-6);
          expect(b.y + b.h / 2).toBeLessThanOrEqual(lay.height + 1e-6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a cycle or an unknown node is an error', () => {
    const nodes = [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }];
    expect(() => layeredLayout(nodes, [{ from: 'a', to: 'b', labelWidth: 0, labelHeight: 0 }, { from: 'b', to: 'a', labelWidth: 0, labelHeight: 0 }], 'b')).toThrow(/cycle/);
    expect(() => layeredLayout(nodes, [{ from: 'a', to: 'c', labelWidth: 0, labelHeight: 0 }], 'b')).toThrow(/unknown/);
  });
});
