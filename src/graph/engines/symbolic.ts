import { Builder } from '../builder.js';
import type { Graph, Node } from '../graph.js';
import type { Attrs } from '../ops/define.js';
import { getOp } from '../ops/index.js';
import type { Shape } from '../tensor.js';
import type { Span } from '../../errors.js';

const ARITH = new Set(['add', 'sub', 'mul', 'div', 'neg', 'pow', 'square']);

/**
 * Whether a call of one scalar constant stays a call rather than its value: log(2) stays
 * log(2), as a person writes it, where the value prints longer (0.6931471805599453).
 * Arithmetic always folds (1/3 is 0.3333333333333333 as before).
 */
export function keptCall(op: string, xs: readonly Node[], v: unknown): boolean {
  return !ARITH.has(op) && xs.length === 1 && typeof v === 'number' && typeof xs[0].value === 'number' && String(v).length > op.length + 2 + String(xs[0].value).length;
}

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
      const v = getOp(op).eval(xs.map((x) => x.value!), attrs);
      if (!keptCall(op, xs, v)) return this.g.nodes[this.g.constant(v)];
    }
    return this.g.nodes[this.g.add(op, xs.map((x) => x.id), attrs, this.span)];
  }
  shape(x: Node): Shape {
    return x.shape;
  }
}
