import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGradient } from '../src/graph/check/check.js';
import { evaluate } from '../src/graph/engines/evaluate.js';
import { gradient } from '../src/graph/engines/gradient.js';
import { elementwiseOp } from '../src/graph/ops/define.js';
import { registerOp } from '../src/graph/ops/index.js';
import { PREC, ref } from '../src/graph/ops/printing.js';
import { cmul } from '../src/util/complex.js';
import { printLatex } from '../src/graph/present/print.js';
import { toText } from '../src/graph/present/render/text.js';
import { graphView } from '../src/graph/present/render/view.js';
import { narrateForward, narrateReverse, stepsText } from '../src/graph/present/steps.js';
import type { Value } from '../src/graph/tensor.js';
import { defineCommand, flag, inputs, json, text, toCommand, type OptionsOf } from '../src/cli/command.js';
import { computeDiff } from '../src/parse/diff.js';
import { buildGraph } from '../src/parse/index.js';

/*
 * CONTRIBUTING.md's worked examples, kept true: the blocks between the `contributing:`
 * markers below are quoted there verbatim, and here they run. The op goes through the
 * parser, both engines, the checker, `cg diff` (text and LaTeX), `--steps` and `cg graph`.
 */

// contributing: op
const cubed = elementwiseOp({
  name: 'cubed',
  arity: 1,
  activation: true,
  scalar: (x) => x * x * x,
  // ∂y/∂x = 3x², written against the builder b: numbers for the engines, nodes for cg diff.
  partials: (b, [x]) => [b.mul(3, b.square(x))],
  // The function on complex numbers (src/util/complex.ts), written from the function, never
  // from partials: the checker's complex-step reference Im f(x + ih)/h. Analytic ops give it;
  // non-analytic ones (abs, max, relu) give a `kink` instead, and are checked by differences.
  complex: (z) => cmul(z, cmul(z, z)),
  // Printed forms: cg syntax keeps the call `cubed(x)` (it parses back); LaTeX writes x^{3},
  // pictures label the node ^3. Everything not given here has a default.
  print: {
    latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), '^{3}'] }),
    label: '^3',
  },
  domain: [-2, 2],
});
// contributing: end

// contributing: command
const hello = defineCommand({
  name: 'hello',
  args: [['[expr...]', 'expression or program']],
  description: 'the value of an expression, greeted',
  options: {
    ...inputs,
    shout: flag('--shout', 'in capitals'),
    greeting: text('--greeting <word>', 'what to say first (default hello)'),
    ...json(),
  },
});
// contributing: end

const doc = readFileSync(new URL('../CONTRIBUTING.md', import.meta.url), 'utf8');
const self = readFileSync(new URL(import.meta.url), 'utf8');
const block = (name: string) => self.slice(self.indexOf(`// contributing: ${name}\n`) + `// contributing: ${name}\n`.length, self.indexOf('// contributing: end', self.indexOf(`// contributing: ${name}\n`)));

describe('CONTRIBUTING.md: adding an op', () => {
  let remove: () => void;
  beforeAll(() => {
    remove = registerOp(cubed);
  });
  afterAll(() => remove());

  it('the block in the guide is the one tested here', () => {
    expect(doc).toContain(block('op').replace('const cubed', 'export const cubed'));
  });

  const env = new Map<string, Value>([['x', 1.5], ['y', 2]]);

  it('grad: reverse and forward mode, and the checker agrees', () => {
    const { graph } = buildGraph('cubed(x)*y', env);
    const g = gradient(graph, env, ['x', 'y']).gradient;
    expect(g.get('x')).toBe(3 * 1.5 * 1.5 * 2);
    expect(g.get('y')).toBe(1.5 ** 3);
    const check = checkGradient(graph, env, g);
    expect(check.ok).toBe(true);
    // Its complex evaluation makes it the complex step's: the reference for both components.
    expect(check.components.map((c) => c.reference)).toEqual(['complex step', 'complex step']);
    expect(narrateForward(graph, evaluate(graph, env), 'f', ['x']).gradient).toEqual({ x: 13.5 });
  });

  it('diff: the derivative printed in cg syntax parses back, and LaTeX uses the op form', () => {
    const d = computeDiff('cubed(x)*y', { values: env });
    expect(d.derivatives).toEqual({ df_dx: '3*x^2*y', df_dy: 'cubed(x)' });
    expect(d.ok).toBe(true);
    const { graph } = buildGraph('cubed(x) + 1', env);
    expect(printLatex(graph, [{ name: 'f', id: graph.output }])).toContain('x^{3} + 1');
  });

  it('steps: the local derivative is the rule written out', () => {
    const { graph, outputName } = buildGraph('cubed(x)*y', env);
    const s = narrateReverse(graph, evaluate(graph, env), outputName, ['x']);
    const line = s.lines.find((l) => l.kind === 'edge' && l.target === 'x')!;
    expect(line.local).toEqual({ name: '∂q/∂x', text: '3*x^2', value: 6.75 });
    expect(stepsText(s)).toContain('∂f/∂x = ∂f/∂q · ∂q/∂x = 2 · 3*x^2 = 13.5');
  });

  it('graph: the node is labelled by the op and carries its gradient', () => {
    const { graph, outputName } = buildGraph('cubed(x)*y', env);
    const v = graphView(graph, env, { outputName, expression: 'cubed(x)*y' });
    const node = v.nodes.find((n) => n.op === 'cubed')!;
    expect(node.label).toBe('^3');
    expect(node.formula).toBe('q = cubed(x)');
    expect(node.gradient).toBe(2);
    expect(toText(v)).toContain('q = cubed(x)');
  });
});

describe('CONTRIBUTING.md: adding a command', () => {
  it('the declaration in the guide is the one tested here', () => {
    expect(doc).toContain(block('command').replace('const hello', 'export const hello'));
  });

  it('its options arrive typed, as declared', async () => {
    let got: OptionsOf<typeof hello> | undefined;
    let words: unknown;
    const cmd = toCommand(hello, async (opts, parts) => {
      got = opts;
      words = parts;
      return 0;
    });
    await cmd.parseAsync(['x+1', '--at', 'x=2', '--shout', '--greeting', 'hi'], { from: 'user' });
    expect(words).toEqual(['x+1']);
    expect(got).toEqual({ at: ['x=2'], shout: true, greeting: 'hi' });
    expect(cmd.helpInformation()).toContain('--greeting <word>  what to say first (default hello)');
  });
});
