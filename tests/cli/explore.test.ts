import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cg } from './run.js';

/*
 * `cg explore` at the command line: the page it writes (the browser side is
 * tests/web/explore-browser.test.ts), and its errors, which are every command's.
 */

const dir = mkdtempSync(join(tmpdir(), 'cg-explore-cli-'));

/** The starting state a written page holds, or null without one. */
function initialOf(html: string): unknown {
  const m = /<script type="application\/json" id="cg-initial">([^<]*)<\/script>/.exec(html);
  return m ? JSON.parse(m[1]) : null;
}

describe('cg explore', () => {
  it('writes one self-contained page with the state it was given; no request can leave it', () => {
    const file = join(dir, 'neuron.html');
    const r = cg(['explore', '1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*neuron\.html \(\d+ KB; open it in a browser\)\n$/);
    const html = readFileSync(file, 'utf8');
    expect(initialOf(html)).toEqual({ expr: '1/(1+exp(-(w0*x0+w1*x1+w2)))', at: 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', mode: 'reverse', wrt: '' });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    // No address to fetch from anywhere in the page: scripts and Graphviz are inline.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[a-z0-9.-]+\/[^\s"']*\.(js|wasm|css)/i);
    expect(html.length).toBeLessThan(1.5 * 1024 * 1024);
    // Two script elements end: the state's JSON and the page's script, whose own texts of
    // `</script` (the step-through page's template is inside) are escaped.
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.trimEnd().endsWith('</script>\n</body>\n</html>')).toBe(true);
  });

  it('without an expression the page starts at the first worked example; piped, it goes to stdout', () => {
    const r = cg(['explore']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(initialOf(r.stdout)).toBe(null);
  });

  it('--mode forward --wrt and --at-file reach the page', () => {
    const at = join(dir, 'at.json');
    writeFileSync(at, '{"u1": 1, "u2": -1}');
    const r = cg(['explore', 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', '--at-file', at, '--mode', 'forward', '--wrt', 'u2']);
    expect(r.code, r.stderr).toBe(0);
    expect(initialOf(r.stdout)).toEqual({ expr: 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', at: 'u1=1, u2=-1', mode: 'forward', wrt: 'u2' });
  });

  it('a bad expression or value fails as every command does: one line, a caret, exit 2, no page', () => {
    const file = join(dir, 'bad.html');
    const r = cg(['explore', '(x+y)*', '--at', 'x=1,y=2', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unexpected end of expression\n  (x+y)*\n        ^\n');
    expect(() => readFileSync(file)).toThrow();
    const v = cg(['explore', 'x*y', '--at', 'x=1,y=', '-o', file]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/\^/);
    const w = cg(['explore', 'x*y', '--at', 'x=1,y=2', '--wrt', 'z', '-o', file]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--wrt z: not a variable/);
    const u = cg(['explore', '--at', 'x=1', '-o', file]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--at without an expression/);
  });
});
