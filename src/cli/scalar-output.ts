import { CgError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { fmtShape, sizeOf } from '../graph/tensor.js';

/**
 * A scalar output for grad, check and hessian. A one-element tensor ([1], [1,1]: the
 * lecture's W2·relu(W1·x) with a 1×3 W2) counts as its one number: the graph gains a
 * `sum` of it, and the note says so. Anything larger is a shape error.
 */
export function scalarOutput(graph: Graph, outputName: string, command: string): string | null {
  const shape = graph.nodes[graph.output].shape;
  if (shape.length === 0) return null;
  if (sizeOf(shape) !== 1) {
    throw new CgError('shape', `${command} needs a scalar output; ${outputName} has shape ${fmtShape(shape)}`, {
      hint: 'use cg jacobian for vector or matrix outputs',
    });
  }
  graph.output = graph.add('sum', [graph.output]);
  return `${outputName} has shape ${fmtShape(shape)}: its one element is treated as a scalar`;
}
