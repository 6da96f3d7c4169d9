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
    ...tolerances('of the check', '1e-6', '1e-8'),
    ...json(),
  },
  examples: [
    'cg jacobian "[x*y, x+y]" --at x=1,y=2',
    'cg jacobian "tanh(W*x)" --at "W=[[1,2],[3,4]],x=[1,-1]" --wrt x',
  ],
});
