import { describe, expect, it } from 'vitest';
import { mermaidText, toMermaid } from '../../../../src/graph/present/render/mermaid.js';
import { brief } from '../../../../src/graph/present/render/numbers.js';
import { graphView, type ViewOptions } from '../../../../src/graph/present/render/view.js';
import { buildGraph, parseAt } from '../../../../src/parse/index.js';

function render(expr: string, at: string, opts: Partial<ViewOptions> = {}, collapse: string[] = []) {
  const env = parseAt([at]);
  const { graph, outputName } = buildGraph(expr, env);
  const groups = collapse.map((name) => ({ name, root: graph.names.get(name)! }));
  const v = graphView(graph, env, { outputName, expression: expr, groups, ...opts });
  return { v, text: toMermaid(v) };
}

// What each line of the flowchart may be; anything else fails.
const LABEL = '"(?:[^"<>]|<br/>)*"';
const RULES: [string, RegExp][] = [
  ['comment', /^ {2}%% [^\n]*$/],
  ['node', new RegExp(`^ {2}(n|g)\\d+(\\(${LABEL}\\)|\\(\\(${LABEL}\\)\\)|\\[${LABEL}\\]|\\[\\[${LABEL}\\]\\])$`)],
  ['sink', new RegExp(`^ {2}out\\(\\[${LABEL}\\]\\)$`)],
  ['edge', new RegExp(`^ {2}(n|g)\\d+ -->\\|${LABEL}\\| ((n|g)\\d+|out)$`)],
  ['classDef', /^ {2}classDef (var|const|op|group|out) [a-z-]+:[^\s,]+(,[a-z-]+:[^\s,]+)*$/],
  ['class', /^ {2}class [\w,]+ (var|const|op|group|out)$/],
];

function check(text: string) {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('flowchart LR');
  const kinds = lines.slice(1).map((line) => {
    const rule = RULES.find(([, re]) => re.test(line));
    expect(rule, `line not allowed: ${line}`).toBeDefined();
    return rule![0];
  });
  // Nodes before the edges that use them; every id an edge names is defined.
  const defined = new Set(lines.map((l) => /^ {2}(\w+)[([]/.exec(l)?.[1]).filter(Boolean));
  for (const l of lines) {
    const m = /^ {2}(\w+) -->\|.*\| (\w+)$/.exec(l);
    if (m) expect(defined.has(m[1]) && defined.has(m[2]), l).toBe(true);
  }
  return kinds;
}

describe('Mermaid flowchart', () => {
  it('(x+y)*z: strict line rules, one node per op and variable, labelled edges', () => {
    const { v, text } = render('(x+y)*z', 'x=-2,y=5,z=-4');
    const kinds = check(text);
    expect(kinds.filter((k) => k === 'node')).toHaveLength(v.nodes.length);
    expect(kinds.filter((k) => k === 'edge')).toHaveLength(v.edges.length + 1);
    expect(text).toContain('  n0 -->|"-2<br/>∂ -4"| n2');
    expect(text).toContain('  n4 -->|"-12<br/>∂ 1"| out');
    expect(text).toContain('  n2(("q: +"))');
  });

  for (const [expr, at, opts, collapse] of [
    ['1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', { hideConstants: true }, []],
    ['x / x^2', 'x=2', { mode: 'forward', wrt: ['x'] }, []],
    ['h = tanh(W*x + b); L = sum(h.^2)', 'W=[[1,2],[3,-4]],x=[1,-1],b=[0.1,0.2]', {}, ['h']],
    ['log(x) + sqrt(log(x))', 'x=3', {}, []],
  ] as [string, string, Partial<ViewOptions>, string[]][]) {
    it(`${expr} ${JSON.stringify(opts)} ${collapse}: follows the line rules`, () => {
      const { v, text } = render(expr, at, opts, collapse);
      check(text);
      for (const e of v.edges) expect(text).toContain(mermaidText(brief(e.value)));
    });
  }

  it('a node used twice shows its total; quotes and markup become entity codes', () => {
    const { text } = render('log(x) + sqrt(log(x))', 'x=3');
    expect(text).toMatch(/n1\(\("q: log<br\/>1\.099<br\/>∂ 1\.477"\)\)/);
    expect(mermaidText('a "b" <c> #1')).toBe('a #quot;b#quot; #lt;c#gt; #35;1');
  });
});
