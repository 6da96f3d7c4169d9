import { CgError } from '../../errors.js';
import type { Graph } from '../graph.js';
import { evaluateScalar, isScalarGraph } from './scalar.js';
import type { Value } from '../tensor.js';

/** Variable values by name. */
export type Env = ReadonlyMap<string, Value>;

/** Forward values of every node, in topological (id) order. */
export function evaluate(g: Graph, env: Env): Value[] {
  const nodes = g.nodes;
  const vals: Value[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const def = n.def;
    if (def) {
      const ins = n.inputs;
      const args = ins.length === 1 ? [vals[ins[0]]] : ins.length === 2 ? [vals[ins[0]], vals[ins[1]]] : ins.map((j) => vals[j]);
      vals[i] = def.eval(args, n.attrs);
    } else if (n.op === 'const') {
      vals[i] = n.value!;
    } else {
      const v = env.get(n.name!);
      if (v === undefined) throw new CgError('unbound', `no value for variable ${n.name}`);
      vals[i] = v;
    }
  }
  return vals;
}

/** The fastest forward evaluation the graph allows (Float64Array for all-scalar graphs). */
export function evaluateFast(g: Graph, env: Env): ArrayLike<Value> {
  return isScalarGraph(g) ? evaluateScalar(g, env) : evaluate(g, env);
}
