import { describe, expect, it } from 'vitest';
import { sampleIndices, svgPlot, textPlot, tickLabels, ticks } from '../../src/nn/plot.js';

describe('plots of long runs (issue 25, item 9)', () => {
  it('200,000 epochs: no spread into Math.min, an SVG of at most ~1,000 points per series', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => 1 / (i + 1) + (i === 123_456 ? 5 : 0));
    const svg = svgPlot([{ label: 'training loss', values }]);
    const points = /points="([^"]*)"/.exec(svg)![1].split(' ');
    expect(points.length).toBeLessThanOrEqual(1001);
    expect(points.length).toBeGreaterThan(400);
    // The spike survives the sampling: its bucket keeps its maximum.
    expect(sampleIndices(values)).toContain(123_456);
    expect(textPlot([{ label: 'training loss', values }]).length).toBeGreaterThan(5);
  });

  it('short series are drawn whole', () => {
    expect(sampleIndices([3, 2, 1])).toEqual([0, 1, 2]);
  });
});

describe('axes (issue 25, item 17): at least three ticks, one number format', () => {
  it.each([
    [0, 1],
    [0.5, 0.52],
    [0.001, 0.0035],
    [100, 1e6],
    [-3, 7],
  ])('ticks(%f, %f)', (lo, hi) => {
    const t = ticks(lo, hi);
    expect(t.length).toBeGreaterThanOrEqual(3);
    for (const v of t) {
      expect(v).toBeGreaterThanOrEqual(lo - 1e-12);
      expect(v).toBeLessThanOrEqual(hi + 1e-12);
    }
  });

  it('labels share one format', () => {
    expect(tickLabels([1e-4, 2e-3, 0.01])).toEqual(['1.0e-4', '2.0e-3', '1.0e-2']);
    expect(tickLabels([0.1, 0.2, 0.3])).toEqual(['0.1', '0.2', '0.3']);
  });

  it('a log axis within one decade still gets three or more ticks', () => {
    const svg = svgPlot([{ label: 'l', values: [0.9, 0.5, 0.3, 0.2, 0.04] }]);
    const labels = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    const exp = labels.map((l) => /e/.test(l));
    expect(new Set(exp).size).toBe(1);
  });
});
