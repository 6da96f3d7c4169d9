import { CgError } from '../../errors.js';
import type { Attrs, Builder } from '../builder.js';
import { Tensor, type Value } from '../tensor.js';

/**
 * A constant argument's value (a shape, a dimension, a norm's p), read where a call is
 * lowered (OpDef.call): a number or tensor from a numeric builder, or a graph node under
 * which everything is constant (`[3, 2]`, `-1`), evaluated. Not a family file: no ops here.
 */
export function constantArg<T>(b: Builder<T>, x: T, what: string): Value {
  if (typeof x === 'number') return x;
  if (x instanceof Tensor) return x;
  // A graph node: evaluate it if everything under it is constant.
  const node = x as unknown as { id: number };
  const g = (b as unknown as { g?: { nodes: { op: string; value?: Value; def?: { eval: (v: Value[], a: Attrs) => Value }; inputs: readonly number[]; attrs?: Attrs }[] } }).g;
  if (g === undefined || typeof node.id !== 'number') throw new CgError('value', `${what} must be a constant`);
  const memo = new Map<number, Value>();
  const walk = (id: number): Value => {
    const n = g.nodes[id];
    if (memo.has(id)) return memo.get(id)!;
    let v: Value;
    if (n.op === 'const') v = n.value!;
    else if (n.op === 'var' || !n.def) throw new CgError('value', `${what} must be a constant (it depends on a variable)`);
    else v = n.def.eval(n.inputs.map(walk), n.attrs);
    memo.set(id, v);
    return v;
  };
  return walk(node.id);
}

