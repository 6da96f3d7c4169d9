import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toSvg } from '../../src/graph/present/render/svg.js';
import { graphView } from '../../src/graph/present/render/view.js';
import { buildGraph, parseAt } from '../../src/parse/index.js';
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

  it('the built CLI draws what Graphviz draws in process (wasm read from dist/chunks/graphviz.wasm, baseline code only)', async () => {
    const chunks = fileURLToPath(new URL('../../dist/chunks/', import.meta.url));
    const viz = readdirSync(chunks).filter((f) => /^viz-.*\.mjs$/.test(f));
    expect(viz).toHaveLength(1);
    // The 1 MB wasm literal is out of the JavaScript (the build wrote it to graphviz.wasm).
    expect(statSync(join(chunks, viz[0])).size).toBeLessThan(300_000);
    expect(readFileSync(join(chunks, 'graphviz.wasm')).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    for (const [expr, , at] of [XYZ, SIGMOID]) {
      const env = parseAt([at]);
      const { graph, outputName } = buildGraph(expr, env);
      const inProcess = await toSvg(graphView(graph, env, { outputName, expression: expr }));
      const r = cg(['graph', expr, '--at', at, '--format', 'svg'], { CG_CACHE_DIR: 'off' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(inProcess);
    }
  });

  it('bad usage: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['graph', ...XYZ, '-o', '/tmp/g.png'], /error: cg graph writes svg, dot, mermaid, text, json, html, not png/],
      [['graph', ...XYZ, '-o', '/tmp/g.xyz'], /error: cannot tell the format from 'g\.xyz'/],
      [['graph', ...XYZ, '--format', 'pdf'], /error: option '--format <format>' argument 'pdf' is invalid/],
      [['graph', ...XYZ, '--collapse', 'q'], /error: --collapse q: not a name the program assigns/],
      [['graph', ...XYZ, '--mode', 'forward'], /error: --mode forward draws tangents for one variable: give --wrt x/],
      [['graph', ...XYZ, '--wrt', 'w'], /error: --wrt w: not a variable of the expression/],
      [['graph', ...XYZ, '-o', '/nonexistent-dir/g.svg'], /error: -o \/nonexistent-dir\/g\.svg: its folder \/nonexistent-dir does not exist/],
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

describe('cg graph of a model spec', () => {
  const XOR = 'fixtures/models/xor.yaml';
  type JNode = { id: string; kind: string; name: string; shape: number[]; value: any; gradient: any; members: number[]; formula: string };

  /** xor.yaml's model by hand: tanh hidden layer, one logit, bce on the logits (mean over rows). */
  function xorLoss(at: Record<string, any>): number {
    const { X, Y, W1, b1, W2, b2 } = at;
    let s = 0;
    for (let i = 0; i < X.length; i++) {
      let z = b2[0];
      for (let k = 0; k < b1.length; k++) z += Math.tanh(X[i][0] * W1[0][k] + X[i][1] * W1[1][k] + b1[k]) * W2[k][0];
      s += Math.log1p(Math.exp(z)) - Y[i][0] * z;
    }
    return s / X.length;
  }

  it('text: the layers as boxes with shapes, the loss at the top, where the numbers came from', () => {
    const r = cg(['graph', XOR, '--collapse', 'all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(new URL('../../fixtures/graph/xor-model.txt', import.meta.url), 'utf8'));
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('h1 = tanh(X*W1 + b1); logits = h1*W2 + b2; loss = bce_logits(logits, Y)');
    expect(lines[2]).toMatch(/^loss = bce_logits\(logits, Y\)\s+0\.746736\s+1$/);
    expect(lines[3]).toMatch(/^├─ logits = h1\*W2 \+ b2 \(layer 2\) \[4×1\] /);
    // logits is 4×1: drawn in full, one line per row, the tree's lines continuing beside them.
    expect(lines[4]).toMatch(/^│  │ +\[-0\.729675\] +\[ -0\.168683\]$/);
    expect(lines[7]).toMatch(/^│  ├─ h1 = tanh\(X\*W1 \+ b1\) \(layer 1\) \[4×8\] /);
    expect(r.stdout).toContain('note: X, Y: 4 of the 4 training rows of builtin:xor in xor.yaml (rows 0, 1, 2, 3, picked with seed 1), inputs normalised');
    // Expanded (the default), each layer is its matmul, bias add and activation.
    const full = cg(['graph', XOR]);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/^│  │  ├─ h1 = tanh\(r\) \[4×8\] /m);
    expect(full.stdout).toMatch(/^│  │  │     ├─ q = X\*W1 \[4×8\] /m);
    // One layer boxed, the other left open.
    const one = cg(['graph', XOR, '--collapse', 'h1']);
    expect(one.stdout).toMatch(/h1 = tanh\(X\*W1 \+ b1\) \(layer 1\) \[4×8\]/);
    expect(one.stdout).toMatch(/├─ s = h1\*W2 \[4×1\]/);
  });

  it('json: 12 nodes and 11 edges, values of the first step checked by hand and by differences', () => {
    const { code, json } = cgJson(['graph', XOR]);
    expect(code).toBe(0);
    expect(json.output).toBe('loss');
    expect(json.wrt).toEqual(['W1', 'b1', 'W2', 'b2']);
    const nodes = json.nodes as JNode[];
    expect(nodes).toHaveLength(12);
    expect(json.edges).toHaveLength(11);
    expect(nodes.map((n) => n.name)).toEqual(['X', 'Y', 'W1', 'b1', 'q', 'r', 'h1', 'W2', 'b2', 's', 'logits', 'loss']);
    const at = json.at;
    // xor's truth table, standardised (mean 0.5, std 0.5), and its labels.
    expect(at.X).toEqual([[-1, -1], [1, -1], [-1, 1], [1, 1]]);
    expect(at.Y).toEqual([[0], [1], [1], [0]]);
    // xavier: U(±√(6/(fan_in+fan_out))), biases zero; weights in float32 (the spec's dtype).
    for (const w of at.W1.flat()) expect(Math.abs(w)).toBeLessThanOrEqual(Math.sqrt(6 / 10));
    for (const w of at.W2.flat()) expect(Math.abs(w)).toBeLessThanOrEqual(Math.sqrt(6 / 9));
    expect(at.W1.flat().every((w: number) => Math.fround(w) === w)).toBe(true);
    expect(new Set(at.W1.flat()).size).toBe(16);
    expect(at.b1).toEqual(new Array(8).fill(0));
    const node = (name: string) => nodes.find((n) => n.name === name)!;
    expect(node('loss').value).toBeCloseTo(xorLoss(at), 12);
    expect(node('X').gradient).toBeNull();
    // Gradients against central differences of the hand-written loss.
    const h = 1e-6;
    const fd = (name: string, path: number[]) => {
      const bump = (d: number) => {
        const copy = structuredClone(at);
        let t = copy[name];
        for (const k of path.slice(0, -1)) t = t[k];
        t[path.at(-1)!] += d;
        return xorLoss(copy);
      };
      return (bump(h) - bump(-h)) / (2 * h);
    };
    const grad = (name: string, path: number[]) => path.reduce((t, k) => t[k], node(name).gradient);
    for (const [name, path] of [['W1', [0, 3]], ['W1', [1, 6]], ['b1', [2]], ['W2', [5, 0]], ['b2', [0]]] as const) {
      expect(grad(name, [...path]), `${name}${JSON.stringify(path)}`).toBeCloseTo(fd(name, [...path]), 8);
    }
    // --collapse all: a box per layer, the parameters and data outside it.
    const boxed = cgJson(['graph', XOR, '--collapse', 'all']).json;
    const groups = (boxed.nodes as JNode[]).filter((n) => n.kind === 'group');
    expect(groups.map((g) => [g.name, g.formula, g.shape, g.members])).toEqual([
      ['h1', 'h1 = tanh(X*W1 + b1) (layer 1)', [4, 8], [4, 5, 6]],
      ['logits', 'logits = h1*W2 + b2 (layer 2)', [4, 1], [9, 10]],
    ]);
    expect(boxed.nodes).toHaveLength(9);
    expect(boxed.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['n0>g0', 'n2>g0', 'n3>g0', 'g0>g1', 'n7>g1', 'n8>g1', 'g1>n11', 'n1>n11']);
    // The gradient into the box is what flowed into its members.
    expect(groups[1].gradient).toEqual(node('logits').gradient);
  });

  it('svg: valid XML with the layers and their shapes; -f takes a spec too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-graph-model-'));
    const file = join(dir, 'xor.svg');
    const r = cg(['graph', XOR, '--collapse', 'all', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${file} (svg, 9 nodes)\n`);
    const svg = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const text of ['h1', 'logits', 'bce_logits', '[4×8]', '[2×8]', '0.7467']) expect(svg).toContain(`>${text}<`);
    expect(cg(['graph', '-f', XOR, '--collapse', 'all']).stdout).toBe(cg(['graph', XOR, '--collapse', 'all']).stdout);
  });

  it('a bad spec or option: one line (and a caret under the field), exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-graph-model-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(XOR, 'utf8').replace('{units: 8, activation: tanh}', '{units: 8, activation: tanhh}'));
    const r = cg(['graph', bad]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('error: bad.yaml:6:30: model.layers[0].activation: unknown activation "tanhh" (did you mean tanh?)');
    expect(lines[1]).toBe('  6 |     - {units: 8, activation: tanhh}');
    expect(lines[2].indexOf('^^^^^')).toBe(lines[1].indexOf('tanhh'));
    expect(lines.slice(3)).toEqual(['']);
    expect(r.stdout).toBe('');
    const cases: [string[], string][] = [
      [['graph', 'mlp.yaml'], 'error: cannot read spec mlp.yaml: no such file or folder'],
      [['graph', XOR, '--at', 'X=1'], "error: --at sets an expression's variables; a model's come from its spec (the batch is rows of the spec's data, the weights its seeded initial ones)"],
      [['graph', XOR, '--collapse', 'h2'], 'error: --collapse h2: not a name the program assigns (its assigned names are h1, logits, loss)'],
    ];
    for (const [args, line] of cases) {
      const e = cg(args);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.stderr).toBe(`${line}\n`);
      expect(e.stdout).toBe('');
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
      '  ∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · z(-4) = -4   mul switches',
      '  ∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · q(3) = 3     mul switches',
      '  ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4      add distributes',
      '  ∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4      add distributes',
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
    expect(r.stdout).toContain('  df/dx = ∂f/∂x · dx/dx + ∂f/∂q · dq/dx = 1/q · 1 + (-x/q^2) · 4 = -0.25');
  });
});
