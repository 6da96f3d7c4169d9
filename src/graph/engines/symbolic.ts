import { Builder } from '../builder.js';
import type { Graph, Node } from '../graph.js';
import type { Attrs } from '../ops/define.js';
import { getOp } from '../ops/index.js';
import type { Shape } from '../tensor.js';
import type { Span } from '../../errors.js';

/**
 * A builder that adds nodes to a graph, so derivative rules produce derivative graphs.
 * With `fold`, ops whose inputs are all constants become constants.
 */
export class GraphBuilder extends Builder<Node> {
  constructor(
    readonly g: Graph,
    readonly fold = false,
  ) {
    super();
  }
  /** Source location given to the nodes created next (while lowering a call). */
  span?: Span;
  lift(v: number): Node {
    return this.g.nodes[this.g.constant(v)];
  }
  apply(op: string, xs: Node[], attrs?: Attrs): Node {
    if (this.fold && xs.every((x) => x.op === 'const')) {
      return this.g.nodes[this.g.constant(getOp(op).eval(xs.map((x) => x.value!), attrs))];
    }
    return this.g.nodes[this.g.add(op, xs.map((x) => x.id), attrs, this.span)];
  }
  shape(x: Node): Shape {
    return x.shape;
  }
}
