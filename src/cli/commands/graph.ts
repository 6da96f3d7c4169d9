import { choice, defineCommand, flag, inputs, json, text } from '../command.js';

export const graph = defineCommand({
  name: 'graph',
  args: [['[expr...]', 'expression or program']],
  description: 'draw the computation graph of an expression or a model spec (YAML) with forward values and gradients (svg, dot, mermaid, text, json), or an interactive page that steps through it (html)',
  options: {
    ...inputs,
    format: choice('--format <format>', 'output format (default: from -o, else text)', ['svg', 'dot', 'mermaid', 'text', 'json', 'html']),
    output: text('-o, --output <file>', 'write to this file (atomically); .svg .dot .gv .mmd .txt .json .html choose the format'),
    mode: choice('--mode <mode>', 'annotate reverse-mode gradients or forward-mode tangents', ['reverse', 'forward'], 'reverse'),
    wrt: text('--wrt <names>', 'reverse: gradients flow to these variables only (a,b); forward: the one variable (x)'),
    hideConstants: flag('--hide-constants', 'leave out constants; their values appear in the op labels (+1, ^2)'),
    collapse: text('--collapse <names>', 'draw these assigned names as one box each (h,y), or all'),
    full: text('--full <n>', 'draw tensors up to n×n in full, as grids of numbers (default 6); larger ones summarised'),
    ...json('same as --format json'),
  },
  examples: [
    'cg graph "(x+y)*z" --at x=-2,y=5,z=-4',
    'cg graph "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3 -o neuron.html',
    'cg graph fixtures/models/iris.yaml --collapse all -o iris.svg',
  ],
});
