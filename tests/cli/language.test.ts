import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

/**
 * Issue 24's language through the CLI: a sample of the new ops through cg grad (--steps),
 * cg diff, cg hessian, cg graph and cg train, as the op table promises; bad indices exit 2
 * with a caret under the item.
 */
describe('new functions through every path', () => {
  it('cg grad: a conditional, an index, a determinant and special functions, checked', () => {
    const r = cgJson(['grad', 'x > 0 ? gelu(x) * det(A) : erf(x)', '--at', 'x=0.5,A=[[2,1],[1,3]]']);
    expect(r.code).toBe(0);
    expect(r.json.check.ok).toBe(true);
    const s = cgJson(['grad', 'sum(W[1, :] .^ 2) + lgamma(y) + log1p(y)', '--at', 'W=[[1,2],[3,4]],y=1.5']);
    expect(s.code).toBe(0);
    expect(s.json.gradient.W).toEqual([[2, 4], [0, 0]]);
  });

  it('cg grad --steps says which branch of a conditional was taken', () => {
    const r = cg(['grad', 'where(x, elu(x), x^2)', '--at', 'x=-0.5', '--steps']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the then-branch is taken');
    expect(r.stdout).toMatch(/then-branch is taken\) else 0\) = 1/);
  });

  it('cg diff prints derivatives of new ops that parse back and agree with reverse mode', () => {
    for (const expr of ['log1p(x) * atan2(x, y) + gamma(y)', 'x > 0 ? x^2 : sinh(x)', 'sum(cumsum(v) .^ 2) + sum(v[2:3])', 'det(A) + trace(inv(A))']) {
      const r = cg(['diff', expr, '--at', 'x=0.3,y=1.7,v=[1,2,3],A=[[2,1],[1,3]]']);
      expect(r.code, `${expr}: ${r.stderr}`).toBe(0);
      expect(r.stdout, expr).toMatch(/all agree/);
    }
  });

  it('cg hessian of x^0 at 0 and of 0^y is 0, not NaN', () => {
    const h = cgJson(['hessian', 'x^0', '--at', 'x=0']);
    expect(h.code).toBe(0);
    expect(h.json.hessian).toEqual([[0]]);
    const g = cgJson(['grad', '0^y', '--at', 'y=0.14']);
    expect(g.code).toBe(0);
    expect(g.json.gradient.y).toBe(0);
  });

  it('cg graph draws new ops by their labels', () => {
    const r = cg(['graph', 'x > 0 ? mish(x) : sum(v[1:2])', '--at', 'x=0.5,v=[1,2,3]', '--format', 'dot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mish');
    expect(r.stdout).toContain('[ ]');
  });

  it('cg train with a new activation (gelu), its gradient checked first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-i24-'));
    const spec = readFileSync('fixtures/models/xor.yaml', 'utf8').replace('activation: tanh', 'activation: gelu');
    writeFileSync(join(dir, 'xor.yaml'), spec);
    const r = cg(['train', join(dir, 'xor.yaml'), '--out', join(dir, 'run'), '--epochs', '20', '--check-grad']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('an index out of range: exit 2, one line and a caret under the item', () => {
    const r = cg(['grad', 'sum(W[1:3, 1])', '--at', 'W=[[1,2],[3,4]]']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('index 3 is out of range: dimension 1 has 2 entries');
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.includes('sum(W[1:3, 1])'));
    expect(lines[at + 1]).toBe(`${' '.repeat(lines[at].indexOf('1:3'))}^^^`);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('strings, objects and function definitions stay refused', () => {
    for (const expr of ["norm(W, 'fro')", '{a: 1}', 'f(x) = x^2']) {
      const r = cg(['grad', expr, '--at', 'W=[[1,2],[3,4]],x=1']);
      expect(r.code, expr).toBe(2);
    }
  });
});
