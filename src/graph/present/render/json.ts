import { jsonValue } from './numbers.js';
import type { GraphView } from './view.js';

/**
 * `cg graph --format json`: nodes and edges with values and derivatives. Keys are stable;
 * `gradient` is null in forward mode and for nodes no variable reaches, `tangent` null in
 * reverse mode. Tensors are nested arrays, NaN and ±Infinity strings.
 */
export function toJsonGraph(v: GraphView) {
  // A bare graph (no values given) has no numbers: values and derivatives are null.
  const d = (x: GraphView['nodes'][number]['gradient']) => (x === null || v.bare ? null : jsonValue(x));
  const val = (x: GraphView['nodes'][number]['value']) => (v.bare ? null : jsonValue(x));
  return {
    expression: v.expression,
    output: v.outputName,
    at: v.bare ? {} : Object.fromEntries([...v.at].map(([k, x]) => [k, jsonValue(x)])),
    mode: v.mode,
    wrt: v.wrt,
    nodes: v.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      op: n.op,
      name: n.name,
      label: n.label,
      formula: n.formula,
      shape: n.shape,
      value: val(n.value),
      gradient: d(n.rawGradient ?? n.gradient),
      tangent: d(n.tangent),
      members: n.members,
      output: n.output,
    })),
    edges: v.edges.map((e) => ({ from: e.from, to: e.to, value: val(e.value), gradient: d(e.rawGradient ?? e.gradient), tangent: d(e.tangent) })),
    notes: v.notes,
  };
}
