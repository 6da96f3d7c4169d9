import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

const XYZ = ['(x+y)*z', '--at', 'x=-2,y=5,z=-4'];
const SIGMOID = ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3'];

describe('cg graph', () => {
  it('draws the graph in the terminal by default', () => {
    const r = cg(['graph', ...XYZ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(new URL('../../fixtures/graph/xyz.txt', import.meta.url), 'utf8'));
  });

  it('--format json: nodes and edges with values and gradients', () => {
    const r = cg(['graph', ...SIGMOID, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe('f');
    expect(j.mode).toBe('reverse');
    expect(j.nodes.find((n: { name: string }) => n.name === 'x1').gradient).toBeCloseTo(-0.589835799724, 12);
    expect(j.edges).toHaveLength(14);
    expect(cgJson(['graph', ...SIGMOID]).json).toEqual(j);
  });

  it('-o writes the file atomically, the format from its extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-graph-'));
    for (const [file, test] of [
      ['g.svg', (s: string) => expect(XMLValidator.validate(s)).toBe(true)],
      ['g.dot', (s: string) => expect(s).toMatch(/^digraph cg \{/)],
      ['g.mmd', (s: string) => expect(s).toMatch(/^flowchart LR\n/)],
      ['g.txt', (s: string) => expect(s).toMatch(/^f = \(x\+y\)\*z/)],
    ] as const) {
      const r = cg(['graph', ...XYZ, '-o', join(dir, file)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^wrote .*${file.replace('.', '\\.')} \\(\\w+, 5 nodes\\)\n$`));
      test(readFileSync(join(dir, file), 'utf8'));
    }
    // An existing file is replaced whole, and no temp file is left behind.
    writeFileSync(join(dir, 'old.svg'), 'old');
    expect(cg(['graph', ...XYZ, '-o', join(dir, 'old.svg')]).code).toBe(0);
    expect(readFileSync(join(dir, 'old.svg'), 'utf8')).toMatch(/<svg/);
    expect(readdirSync(dir).sort()).toEqual(['g.dot', 'g.mmd', 'g.svg', 'g.txt', 'old.svg']);
  });

  it('--format svg to stdout; --hide-constants, --collapse, --mode forward', () => {
    const svg = cg(['graph', ...SIGMOID, '--format', 'svg', '--hide-constants']);
    expect(svg.code).toBe(0);
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
    expect(svg.stdout).toContain('+1');
    const box = cg(['graph', 'h = tanh(W*x + b); L = sum(h.^2)', '--at', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]', '--collapse', 'h']);
    expect(box.stdout).toMatch(/├─ h = tanh\(W\*x \+ b\) \[2\]/);
    expect(box.stdout).not.toMatch(/matmul|W\*x\s+\[/);
    const fwd = cg(['graph', 'x / x^2', '--at', 'x=2', '--mode', 'forward']);
    expect(fwd.stdout).toMatch(/value\s+d·\/dx/);
    expect(fwd.stdout).toMatch(/^f = x\/q\s+0\.5\s+-0\.25$/m);
  });

  it('bad usage: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['graph', ...XYZ, '-o', '/tmp/g.png'], /error: cg graph writes svg, dot, mermaid, text, json, not png/],
      [['graph', ...XYZ, '-o', '/tmp/g.xyz'], /error: cannot tell the format from 'g\.xyz'/],
      [['graph', ...XYZ, '--format', 'pdf'], /error: option '--format <format>' argument 'pdf' is invalid/],
      [['graph', ...XYZ, '--collapse', 'q'], /error: --collapse q: not a name the program assigns/],
      [['graph', ...XYZ, '--mode', 'forward'], /error: --mode forward draws tangents for one variable: give --wrt x/],
      [['graph', ...XYZ, '--wrt', 'w'], /error: --wrt w: not a variable of the expression/],
      [['graph', ...XYZ, '-o', '/nonexistent-dir/g.svg'], /error: cannot write \/nonexistent-dir\/g\.svg: ENOENT/],
      [['graph', 'mlp.yaml'], /error: cg graph of a model spec comes with cg train/],
    ];
    for (const [args, message] of cases) {
      const r = cg(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});

describe('cg grad --steps', () => {
  it('narrates the backward pass under the table', () => {
    const r = cg(['grad', ...XYZ, '--steps']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('backward pass, nodes in reverse topological order (gradient out = upstream × local):');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 6).map((l) => l.trimEnd())).toEqual([
      '  ∂f/∂f = 1',
      '  ∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · z = -4    mul switches',
      '  ∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · q = 3     mul switches',
      '  ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4   add distributes',
      '  ∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4   add distributes',
    ]);
    expect(r.stdout).toContain('  q = x + y = 3');
  });

  it('--json carries the steps; their gradient is the reported one', () => {
    const { code, json } = cgJson(['grad', ...SIGMOID, '--steps']);
    expect(code).toBe(0);
    expect(json.steps.mode).toBe('reverse');
    expect(json.steps.gradient).toEqual(json.gradient);
    const line = json.steps.lines.find((l: { target: string }) => l.target === 'w0');
    expect(line).toMatchObject({ kind: 'edge', gate: 'mul switches', upstream: { name: '∂f/∂q' }, local: { name: '∂q/∂w0', text: 'x0', value: -1 } });
    expect(Object.keys(line)).toEqual(['kind', 'target', 'via', 'upstream', 'local', 'rule', 'paths', 'terms', 'gate', 'value', 'text']);
    // Without --steps the key is there, null, like every part that did not run.
    expect(cgJson(['grad', ...SIGMOID]).json.steps).toBeNull();
  });

  it('--mode forward --wrt x narrates the forward sweep', () => {
    const r = cg(['grad', 'x / x^2', '--at', 'x=2', '--steps', '--mode', 'forward', '--wrt', 'x']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('forward-mode sweep, tangents d·/dx in topological order');
    expect(r.stdout).toContain('  df/dx = ∂f/∂x · dx/dx + ∂f/∂q · dq/dx = 1/q · 1 + -(f/q) · 4 = -0.25');
  });
});
