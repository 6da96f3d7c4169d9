import { describe, expect, it } from 'vitest';
import { explorerPage } from '../../src/index.js';
import { computeDiff } from '../../src/parse/diff.js';
import { diffOf, explore, summary } from '../../src/web/engine.js';

/*
 * The page's calculator in Node: tensors, a tensor output, forward mode and the errors, each
 * against what the CLI's modules give or print (the browser suite compares the page itself).
 */

describe('the page\'s engine', () => {
  it('tensor values: the gradient shaped like each variable, checked per component', () => {
    const x = explore({ expr: 'h = tanh(W*x + b); L = sum(h.^2)', at: 'W=[[1,2],[3,-4]], x=[1,-1], b=[0.1,0.2]', mode: 'reverse', wrt: '' });
    if (!x.ok) throw new Error(x.text);
    expect(Object.keys(x.gradient)).toEqual(['W', 'x', 'b']);
    expect((x.gradient.W as number[][]).length).toBe(2);
    expect(x.check!.rows.map((r) => r.label)).toContain('W[1,0]');
    expect(x.check!.result.ok).toBe(true);
    // Forward mode agrees with reverse mode entry by entry.
    expect(x.forward).toEqual(x.gradient);
  });

  it('a tensor output: its forward pass only, and a note saying why', () => {
    const x = explore({ expr: 'W*x', at: 'W=[[1,2],[3,4]], x=[1,-1]', mode: 'reverse', wrt: '' });
    if (!x.ok) throw new Error(x.text);
    expect(x.value).toBe(null);
    expect(x.steps.lines).toEqual([]);
    expect(x.steps.forward.at(-1)!.value).toEqual([-1, -1]);
    expect(x.note).toMatch(/not a scalar/);
    // The step-through page takes it (the forward pass only; a drawn SVG stands in here).
    const page = explorerPage(x.graph, x.values, x.view, '<svg width="10pt" height="10pt"></svg>');
    expect(JSON.parse(/<script type="application\/json" id="cg-data">(.*?)<\/script>/.exec(page)![1]).forwardOnly).toBe(true);
    const d = diffOf(x);
    expect('field' in d && d.text).toMatch(/^error: cg diff needs a scalar output/);
  });

  it('forward mode narrates the tangents for the chosen variable', () => {
    const x = explore({ expr: '(x+y)*z', at: 'x=-2, y=5, z=-4', mode: 'forward', wrt: 'z' });
    if (!x.ok) throw new Error(x.text);
    expect(x.steps.mode).toBe('forward');
    expect(x.steps.wrt).toEqual(['z']);
    expect(x.stepsText).toMatch(/tangents d·\/dz/);
    expect(x.steps.gradient).toEqual({ z: 3 });
    const bad = explore({ expr: '(x+y)*z', at: 'x=-2, y=5, z=-4', mode: 'forward', wrt: 'w' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.text).toMatch(/--wrt w: not a variable/);
  });

  it('errors point into the box they come from, as the CLI draws them', () => {
    const e = explore({ expr: 'x +* y', at: 'x=1, y=2', mode: 'reverse', wrt: '' });
    expect(e).toMatchObject({ ok: false, field: 'expr' });
    expect(!e.ok && e.text.split('\n')).toEqual([expect.stringMatching(/^error: /), '  x +* y', '     ^']);
    const v = explore({ expr: 'x*y', at: 'x=1, y=[1,2', mode: 'reverse', wrt: '' });
    expect(v).toMatchObject({ ok: false, field: 'at' });
    const u = explore({ expr: 'x*y', at: 'x=1', mode: 'reverse', wrt: '' });
    expect(u.ok).toBe(false);
    expect(!u.ok && u.text).toMatch(/\by\b/);
  });

  it('summary: the diff is cg diff\'s own result for the same values', () => {
    const s = summary(explore({ expr: 'log(x) + sqrt(log(x))', at: 'x=3', mode: 'reverse', wrt: '' }));
    if (!s.ok) throw new Error(s.error);
    expect(s.diff).toEqual(computeDiff('log(x) + sqrt(log(x))', { values: new Map([['x', 3]]), steps: true }));
    expect(s.gradient.x).toBeCloseTo(0.492344097, 9);
  });
});
