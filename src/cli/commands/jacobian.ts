import { choice, defineCommand, flag, inputs, json, text, tolerances } from '../command.js';

export const jacobian = defineCommand({
  name: 'jacobian',
  args: [['[expr...]', 'vector or matrix expression, or a list [f1, f2, ...]']],
  description: 'the Jacobian of a tensor-valued expression, by forward or reverse mode',
  options: {
    ...inputs,
    wrt: text('--wrt <names>', 'columns for these variables only (a,b)'),
    mode: choice('--mode <mode>', 'forward (a sweep per input), reverse (a sweep per output), or auto: fewer sweeps', ['auto', 'forward', 'reverse'], 'auto'),
    check: flag('--no-check', 'skip the finite-difference check'),
    ...tolerances('of the check', '1e-8 (1e-11 for the complex step)', '1e-12'),
    scheme: choice('--scheme <scheme>', "the check's reference: auto (the complex step where every op on the path has a complex evaluation, Ridders elsewhere), complex, ridders, or one central or forward quotient", ['auto', 'complex', 'ridders', 'central', 'forward'], 'auto'),
    strict: flag('--strict', 'inconclusive entries fail the check too'),
    verbose: flag('--verbose', "the check's full rule: method, steps, tolerances"),
    ...json(),
  },
  examples: [
    'cg jacobian "[x*y, x+y]" --at x=1,y=2',
    'cg jacobian "tanh(W*x)" --at "W=[[1,2],[3,4]],x=[1,-1]" --wrt x',
  ],
});
