import { choice, defineCommand, inputs, text } from '../command.js';

export const explore = defineCommand({
  name: 'explore',
  args: [['[expr...]', 'the expression or program the page starts with (default: the lecture\'s first worked example)']],
  description: 'write the playground: one self-contained HTML page that runs cg as you type (graph, gradients, check, narration, cg diff) and a practice mode',
  options: {
    ...inputs,
    output: text('-o, --output <file>', 'write the page to this file (atomically); without it, to stdout when that is not a terminal'),
    mode: choice('--mode <mode>', 'start in reverse mode or forward mode', ['reverse', 'forward'], 'reverse'),
    wrt: text('--wrt <name>', 'forward mode: the variable the tangents are taken for'),
  },
  examples: [
    'cg explore -o explore.html',
    'cg explore "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3 -o neuron.html',
  ],
});
