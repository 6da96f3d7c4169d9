import { defineOp, elementwiseOp, type OpDef } from './define.js';
import { div, mul, neg, pow, sub } from './arith.js';

/*
 * mathjs's function names for cg's operators (issue 24): `multiply(a, b)` is `a * b`,
 * `dotPow(a, b)` is `a .^ b`, and so on. Each lowers to the operator's op when called, so
 * graphs, derivatives and printing only ever see the operator; the alias carries the
 * operator's rules (the op table's test runs them under this name too).
 */
function alias(name: string, target: OpDef, lower?: OpDef['call']): OpDef {
  return defineOp({
    ...target,
    name,
    infix: undefined,
    print: undefined,
    fusedVjp: undefined,
    // Never in a graph (the call lowers to the operator's op): nothing for engines to rely on.
    constantPartials: undefined,
    activation: undefined,
    callAs: undefined,
    call: lower ?? ((b, args) => b.apply(target.name, args)),
  });
}

export const subtract = alias('subtract', sub);
export const divide = alias('divide', div, (b, [p, q]) => {
  if (b.shape(q).length > 0) throw new Error('divide by a matrix is not supported (use dotDivide for elementwise division)');
  return b.apply('div', [p, q]);
});
export const dotDivide = alias('dotDivide', div);
export const dotMultiply = alias('dotMultiply', mul);
export const dotPow = alias('dotPow', pow);
/** multiply(a, b) is `a * b`: the matrix product between tensors, scaling otherwise. */
export const multiply = alias('multiply', mul, (b, [p, q]) => b.apply(b.shape(p).length && b.shape(q).length ? 'matmul' : 'mul', [p, q]));
export const unaryMinus = alias('unaryMinus', neg);
/** unaryPlus(x) is x itself. */
export const unaryPlus = elementwiseOp({ name: 'unaryPlus', arity: 1, scalar: (x) => x, partials: () => [1], complex: (z) => z, call: (_b, [x]) => x });
