import { choice, defineCommand, flag, inputs, json, list, text, tolerances } from '../command.js';

export const grad = defineCommand({
  name: 'grad',
  args: [['[expr...]', 'expression or program (q = x + y; f = q * z)']],
  description: 'value and gradient of a scalar expression, checked by forward mode and finite differences',
  options: {
    ...inputs,
    wrt: text('--wrt <names>', 'differentiate with respect to these variables only (a,b)'),
    mode: choice('--mode <mode>', 'which AD modes to run', ['reverse', 'forward', 'both'], 'both'),
    check: flag('--no-check', 'skip the finite-difference check'),
    ...tolerances('of the check', '1e-8', '1e-12'),
    scheme: choice('--scheme <scheme>', "the check's reference: auto (the complex step where every op on the path has a complex evaluation, Ridders elsewhere), complex, ridders, or one central or forward quotient", ['auto', 'complex', 'ridders', 'central', 'forward'], 'auto'),
    step: text('--step <h>', 'the (first) step of the differences, relative to max(1,|x|)'),
    strict: flag('--strict', 'inconclusive components fail the check too'),
    verbose: flag('--verbose', "the check's full rule: method, steps, tolerances"),
    hvp: list('--hvp <direction>', 'also a Hessian-vector product H·v, v given like --at: x=1,y=0 (may repeat)'),
    steps: flag('--steps', 'narrate the chain rule: the backward pass edge by edge (with --mode forward, the forward sweep)'),
    ...json(),
  },
  examples: [
    'cg grad "(x+y)*z" --at x=-2,y=5,z=-4',
    'cg grad "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3 --steps',
    'cg grad "sum(tanh(W*x))" --at "W=[[1,2],[3,4]],x=[1,-1]" --json',
  ],
});
