import { defineCommand, flag, inputs, json, text, tolerances } from '../command.js';

export const diff = defineCommand({
  name: 'diff',
  args: [['[expr...]', 'scalar expression or program']],
  description: 'symbolic derivatives as cg expressions, shared sub-expressions named; --at checks them against reverse mode',
  options: {
    ...inputs,
    shape: text('--shape <shapes>', 'declare shapes without values (W=3x2,x=2,s=scalar): the matrix formula, checked at a random point'),
    wrt: text('--wrt <names>', 'differentiate with respect to these variables (a,b); x,x for the second derivative'),
    order: text('--order <n>', '1 (default) to 6: all derivatives of that order of the --wrt variables (scalars)'),
    steps: flag('--steps', 'work each derivative out rule by rule (sum, product, quotient, chain, power), then simplify; with --latex an align* block'),
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
