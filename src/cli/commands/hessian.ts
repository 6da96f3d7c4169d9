import { choice, defineCommand, flag, inputs, json, text, tolerances } from '../command.js';

export const hessian = defineCommand({
  name: 'hessian',
  args: [['[expr...]', 'scalar expression or program']],
  description: 'the Hessian of a scalar expression, forward over reverse, checked by the complex step or differences of the gradient (the same checker as cg grad)',
  options: {
    ...inputs,
    wrt: text('--wrt <names>', 'rows and columns for these variables only (a,b)'),
    check: flag('--no-check', 'skip the finite-difference check'),
    ...tolerances('of the check', '1e-8 (1e-11 for the complex step)', '1e-12'),
    scheme: choice('--scheme <scheme>', "the check's reference: auto (the complex step where every op on the path has a complex evaluation, Ridders elsewhere), complex, ridders, or one central or forward quotient", ['auto', 'complex', 'ridders', 'central', 'forward'], 'auto'),
    strict: flag('--strict', 'inconclusive entries fail the check too'),
    verbose: flag('--verbose', "the check's full rule: method, steps, tolerances"),
    ...json(),
  },
  examples: [
    'cg hessian "x^2*y + y^3" --at x=1,y=2',
    'cg hessian "log(x) + sqrt(log(x))" --at x=3 --json',
  ],
});
