import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cg, cgJson } from '../../../../cli/run.js';

/*
 * The explorer page without a browser: self-contained (nothing it could fetch), and the
 * narration it embeds is exactly what `cg grad --steps --json` gives.
 */

const dir = mkdtempSync(join(tmpdir(), 'cg-page-'));

function page(name: string, args: string[]): string {
  const file = join(dir, name);
  const r = cg(['graph', ...args, '-o', file]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^wrote .*\.html \(html, \d+ nodes\)\n$/);
  return readFileSync(file, 'utf8');
}

const embedded = (html: string, id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]);

describe('cg graph --format html', () => {
  it('one file with no way to reach the network: no URLs to fetch, a CSP that forbids it', () => {
    const html = page('xyz.html', ['(x+y)*z', '--at', 'x=-2,y=5,z=-4']);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/);
    // The SVG's namespace URIs are names, not requests; no other address appears.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  });

  it('embeds the narration exactly as cg grad --steps --json gives it (reverse and forward mode)', () => {
    const html = page('neuron.html', ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']);
    const grad = cgJson(['grad', '1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', '--steps', '--mode', 'reverse']);
    expect(embedded(html, 'cg-steps')).toEqual(grad.json.steps);
    const fwd = page('fwd.html', ['x/x^2', '--at', 'x=2', '--mode', 'forward']);
    const gf = cgJson(['grad', 'x/x^2', '--at', 'x=2', '--steps', '--mode', 'forward']);
    expect(embedded(fwd, 'cg-steps')).toEqual(gf.json.steps);
    // One frame per step: the start, the forward pass, every line of the narration.
    const data = embedded(html, 'cg-data');
    expect(data.frames).toHaveLength(1 + grad.json.steps.forward.length + grad.json.steps.lines.length);
  });

  it("the 2-layer net W2*max(0, W1*x): W1's value and gradient entry by entry in the page's SVG and in the SVG picture", () => {
    const args = ['W2*max(0, W1*x)', '--at', 'W1=[[1,-2],[3,1],[-1,2]],x=[1,2],W2=[1,1,-1]'];
    const svg = cg(['graph', ...args, '--format', 'svg']).stdout;
    const html = page('net.html', args);
    for (const pic of [svg, html]) {
      // The edge W1 -> q carries both grids: W1 = [[1,-2],[3,1],[-1,2]], ∂f/∂W1 = [[0,0],[1,2],[-1,-2]].
      const edge = /<g id="edge\d+" class="edge">\s*<title>n\d+&#45;&gt;n\d+<\/title>([\s\S]*?)<\/g>/g;
      const texts = [...pic.matchAll(edge)].map((m) => [...m[1].matchAll(/<text[^>]*fill="(#[0-9a-f]+)"[^>]*>([^<]*)</g)].map((t) => [t[1], t[2].replace(/&#45;/g, '-')]));
      const w1 = texts.find((t) => t.length === 12)!;
      expect(w1.filter(([c]) => c === '#1a7f37').map(([, x]) => x)).toEqual(['1', '-2', '3', '1', '-1', '2']);
      expect(w1.filter(([c]) => c === '#cf222e').map(([, x]) => x)).toEqual(['0', '0', '1', '2', '-1', '-2']);
    }
    // And in the terminal, one line per row.
    const text = cg(['graph', ...args]).stdout;
    expect(text).toContain('├─ W1 [3×2]       [ 1, -2]    [ 0,  0]\n      │                 [ 3,  1]    [ 1,  2]\n      │                 [-1,  2]    [-1, -2]\n');
    // --full 2 summarises it again.
    expect(cg(['graph', ...args, '--full', '2']).stdout).toContain('3×2 in [-2, 3]');
  });

  it('bad --full or --digits: one line, exit 2', () => {
    const r = cg(['graph', 'x^2', '--at', 'x=1', '--format', 'html', '--full', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --full 0: give a whole number from 1 to 100\n');
  });
});
