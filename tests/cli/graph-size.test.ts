import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

/*
 * cg graph at any size (issue 26): large pictures through the layered layout in seconds
 * with a one-line note, and the bare graph without --at.
 */

const dir = mkdtempSync(join(tmpdir(), 'cg-graph-size-'));

/** bench/draw.mjs's family: a sum of terms, each with its own constant. */
function sumOfTerms(terms: number): string {
  const shapes = [(k: string) => `sin(${k}*x*y)`, (k: string) => `cos(x+${k}*y^2)`, (k: string) => `exp(-${k}*x*y)`, (k: string) => `log(1+${k}*x^2)`, (k: string) => `tanh(${k}*x-y)`, (k: string) => `sqrt(1+${k}*y^2)`];
  return Array.from({ length: terms }, (_, i) => shapes[i % 6](((i + 1) / 10).toFixed(1))).join(' + ');
}

describe('cg graph of a large graph', () => {
  it('1,036 nodes draw as SVG by the layered layout, with a one-line note; every node and edge is there', () => {
    const file = join(dir, 'big.svg');
    const r = cg(['graph', sumOfTerms(200), '--at', 'x=0.5,y=0.7', '-o', file], { CG_CACHE_DIR: 'off' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${file} (svg, 1036 nodes)\n`);
    const notes = r.stderr.trim().split('\n');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^note: 1036 nodes: laid out by cg's layered layout .*--collapse NAME.*--format dot\|text/);
    const svg = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('data-layout="layered"');
    expect(svg.match(/<g id="node\d+" class="node">/g)!.length).toBe(1036 + 1);
    // The output's value and gradient on its last edge, as the lecture's pictures end.
    const json = cgJson(['graph', sumOfTerms(200), '--at', 'x=0.5,y=0.7', '--json']).json as { edges: unknown[] };
    expect(svg.match(/<g id="edge\d+" class="edge">/g)!.length).toBe(json.edges.length + 1);
  });

  it('a small graph keeps Graphviz and says nothing', () => {
    const r = cg(['graph', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--format', 'svg']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('data-layout="layered"');
  });
});

describe('cg graph without --at: the bare graph, as the slides draw it first', () => {
  it('text: the tree and a note, no numbers', () => {
    const r = cg(['graph', '(x+y)*z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(['f = (x+y)*z', 'f = q*z', '├─ q = x + y', '│  ├─ x', '│  └─ y', '└─ z', 'note: the graph alone: give values with --at x=... for the forward and backward pass', ''].join('\n'));
  });

  it('svg and dot: the nodes and edges without labels; json: null values', () => {
    const dot = cg(['graph', '(x+y)*z', '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/n0 -> n2;/);
    expect(dot.stdout).not.toMatch(/-> \w+ \[label/);
    const svg = cg(['graph', '(x+y)*z', '--format', 'svg']);
    expect(svg.code).toBe(0);
    expect(svg.stdout).not.toMatch(/fill="#1a7f37"|fill="#cf222e"/);
    const json = cgJson(['graph', '(x+y)*z', '--json']).json as { at: object; nodes: { value: unknown; gradient: unknown }[] };
    expect(json.at).toEqual({});
    expect(json.nodes.every((n) => n.value === null && n.gradient === null)).toBe(true);
  });

  it('the step-through page still needs values', () => {
    const r = cg(['graph', '(x+y)*z', '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: names without a value: x, y, z/);
  });
});
