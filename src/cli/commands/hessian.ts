import { defineCommand, flag, inputs, json, text, tolerances } from '../command.js';

export const hessian = defineCommand({
  name: 'hessian',
  args: [['[expr...]', 'scalar expression or program']],
  description: 'the Hessian of a scalar expression, forward over reverse, checked by differences of the gradient',
  options: {
    ...inputs,
    wrt: text('--wrt <names>', 'rows and columns for these variables only (a,b)'),
    check: flag('--no-check', 'skip the finite-difference check'),
    ...tolerances('of the check', '1e-5', '1e-7'),
    ...json(),
  },
  examples: [
    'cg hessian "x^2*y + y^3" --at x=1,y=2',
    'cg hessian "log(x) + sqrt(log(x))" --at x=3 --json',
  ],
});
