import { defineCommand, flag, inputs, json, text, tolerances } from '../command.js';

export const diff = defineCommand({
  name: 'diff',
  args: [['[expr...]', 'scalar expression or program']],
  description: 'symbolic derivatives as cg expressions, shared sub-expressions named; --at checks them against reverse mode',
  options: {
    ...inputs,
    wrt: text('--wrt <names>', 'differentiate with respect to these variables (a,b); x,x for the second derivative'),
    order: text('--order <n>', '1 (default) or 2: all second derivatives of the --wrt variables'),
    latex: flag('--latex', 'print LaTeX (an aligned block) instead of cg syntax'),
    ...tolerances('of the --at check', '1e-9', '1e-12'),
    ...json(),
  },
  examples: [
    'cg diff "log(x) + sqrt(log(x))"',
    'cg diff "x^2*y" --wrt x,y --latex',
    'cg diff "sum(tanh(W*x))" --at "W=[[1,2],[3,4]],x=[1,-1]"',
  ],
});
