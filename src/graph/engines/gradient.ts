import { dependents, type Graph } from '../graph.js';
import { evaluate, type Env } from './evaluate.js';
import { forward } from './forward.js';
import { filled, num } from './numeric.js';
import { reverseNumeric } from './reverse.js';
import { evaluateScalarAt, forwardScalar, isScalarGraph, linearize, reverseScalar, variableValues } from './scalar.js';
import { sizeOf, Tensor, type Value } from '../tensor.js';

export interface Gradient {
  /** The output's value. */
  value: Value;
  /** Every node's value, by id. */
  values: ArrayLike<Value>;
  /** ∂output/∂variable, shaped like the variable. */
  gradient: Map<string, Value>;
}

function varId(g: Graph, name: string): number {
  const id = g.vars.get(name);
  if (id === undefined) throw new Error(`no variable ${name}`);
  return id;
}

/** Value and reverse-mode gradient of a scalar output: one forward and one backward sweep. */
export function gradient(g: Graph, env: Env, wrt: readonly string[], output = g.output): Gradient {
  const ids = wrt.map((name) => varId(g, name));
  if (isScalarGraph(g)) {
    // Values and partials in the plan's reused buffers, and the adjoints over the values
    // once the output's is read (one buffer fewer on a million-node graph); every node's value,
    // when asked for, is evaluated again into an array of its own (the same arithmetic, so the same numbers).
    const at = variableValues(g, env);
    const lin = linearize(g, env, undefined, true);
    const value = lin.vals[output];
    const adj = reverseScalar(g, lin, output, lin.vals);
    let values: Float64Array | undefined;
    return {
      value,
      get values() {
        return (values ??= evaluateScalarAt(g, at));
      },
      gradient: new Map(wrt.map((name, k) => [name, adj[ids[k]] ?? 0])),
    };
  }
  const values = evaluate(g, env);
  // Only the variables' adjoints are read: the others' buffers are reused within the sweep.
  const adj = reverseNumeric(g, (i) => values[i], output, 1, dependents(g, ids), ids);
  const grad = new Map<string, Value>();
  wrt.forEach((name, k) => {
    // An adjoint may arrive as a scalar that stands for a filled tensor.
    grad.set(name, filled(adj[ids[k]], g.nodes[ids[k]].shape));
  });
  return { value: values[output], values, gradient: grad };
}

/**
 * The same gradient by forward mode: one sweep per scalar input component, each seeded
 * with a unit tangent. Costs n sweeps for n inputs, which is the point of showing it.
 */
export function forwardGradient(g: Graph, values: ArrayLike<Value>, wrt: readonly string[], output = g.output): Map<string, Value> {
  const out = new Map<string, Value>();
  if (values instanceof Float64Array) {
    const lin = linearize(g, new Map(), values);
    for (const name of wrt) out.set(name, forwardScalar(g, lin, varId(g, name), output));
    return out;
  }
  const val = (i: number) => values[i];
  for (const name of wrt) {
    const id = varId(g, name);
    const shape = g.nodes[id].shape;
    const size = sizeOf(shape);
    const comps = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      let seed: Value = 1;
      if (shape.length > 0) {
        const t = Tensor.zeros(shape);
        t.data[k] = 1;
        seed = t;
      }
      const t = forward(g, num, val, new Map([[id, seed]]), output)[output];
      comps[k] = t === undefined ? 0 : (t as number);
    }
    out.set(name, shape.length === 0 ? comps[0] : new Tensor(shape, comps));
  }
  return out;
}
