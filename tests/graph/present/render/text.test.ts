import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../src/graph/engines/evaluate.js';
import { toDot } from '../../../../src/graph/present/render/dot.js';
import { toMermaid } from '../../../../src/graph/present/render/mermaid.js';
import { toText } from '../../../../src/graph/present/render/text.js';
import { graphView, type ViewOptions } from '../../../../src/graph/present/render/view.js';
import { narrateForward, narrateReverse, stepsText } from '../../../../src/graph/present/steps.js';
import { buildGraph, parseAt } from '../../../../src/parse/index.js';

/**
 * Golden files for the lecture's examples (fixtures/graph/). A change in the drawing shows
 * up as a diff there; CG_UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
 */
function golden(name: string, actual: string) {
  const file = new URL(`../../../../fixtures/graph/${name}`, import.meta.url);
  if (process.env.CG_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`no golden file fixtures/graph/${name}: run with CG_UPDATE_GOLDEN=1 and read it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function setup(expr: string, at: string) {
  const env = parseAt([at]);
  const { graph, outputName } = buildGraph(expr, env);
  return { graph, env, outputName };
}

function view(expr: string, at: string, opts: Partial<ViewOptions> = {}) {
  const { graph, env, outputName } = setup(expr, at);
  return graphView(graph, env, { outputName, expression: expr, ...opts });
}

const SIGMOID = ['1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3'] as const;

describe('text pictures of the lecture examples (golden)', () => {
  it('(x+y)*z', () => golden('xyz.txt', toText(view('(x+y)*z', 'x=-2,y=5,z=-4'))));
  it('the sigmoid neuron', () => golden('sigmoid-neuron.txt', toText(view(...SIGMOID))));
  it('the sigmoid neuron, constants hidden', () => golden('sigmoid-neuron-no-constants.txt', toText(view(...SIGMOID, { hideConstants: true }))));
  it('x / x^2 (a node with two outgoing edges)', () => golden('x-over-x2.txt', toText(view('x / x^2', 'x=2'))));
  it('x / x^2, forward mode', () => golden('x-over-x2-forward.txt', toText(view('x / x^2', 'x=2', { mode: 'forward', wrt: ['x'] }))));
  it('c = a+b; d = b+1; e = c*d', () => golden('e-cd.txt', toText(view('c = a+b; d = b+1; e = c*d', 'a=2,b=1'))));
  it('log(x) + sqrt(log(x))', () => golden('log-sqrt.txt', toText(view('log(x) + sqrt(log(x))', 'x=3'))));
  it('DOT of (x+y)*z', () => golden('xyz.dot', toDot(view('(x+y)*z', 'x=-2,y=5,z=-4'))));
  it('Mermaid of x / x^2', () => golden('x-over-x2.mmd', toMermaid(view('x / x^2', 'x=2'))));

  it('the tree marks a shared node the second time and gives each edge its share', () => {
    const lines = toText(view('x / x^2', 'x=2')).split('\n');
    expect(lines[1]).toMatch(/^\s+value\s+∂f\/∂·\s+this edge$/);
    expect(lines[3]).toMatch(/^├─ x\s+2\s+-0\.25\s+0\.25$/);
    expect(lines[5]).toMatch(/^ {3}├─ x ↑\s+2\s+-0\.25\s+-0\.5$/);
  });
});

describe('--steps narration (golden)', () => {
  for (const [name, expr, at] of [
    ['steps-xyz.txt', '(x+y)*z', 'x=-2,y=5,z=-4'],
    ['steps-sigmoid-neuron.txt', ...SIGMOID],
    ['steps-x-over-x2.txt', 'x / x^2', 'x=2'],
  ] as const) {
    it(expr, () => {
      const { graph, env, outputName } = setup(expr, at);
      const vals = evaluate(graph, env);
      const vars = [...graph.vars.keys()];
      const text = stepsText(narrateReverse(graph, vals, outputName, vars)) + stepsText(narrateForward(graph, vals, outputName, vars.slice(0, 1)));
      golden(name, text);
    });
  }
});
