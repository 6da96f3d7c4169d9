import { CgError, type Span } from '../errors.js';
import { getOp, type OpDef } from './ops/index.js';
import { elementwise, type Attrs } from './ops/define.js';
import { shapeOf, type Shape, type Value } from './tensor.js';

const SCALAR: Shape = Object.freeze([]);

export interface Node {
  readonly id: number;
  /** 'var', 'const', or the name of an op in the table. */
  readonly op: string;
  readonly inputs: readonly number[];
  readonly shape: Shape;
  readonly attrs?: Attrs;
  /** The op's definition (undefined for var and const), resolved once. */
  readonly def?: OpDef;
  /** A constant's value. */
  readonly value?: Value;
  /** A variable's name, or a constant's label (`pi`). */
  readonly name?: string;
  /** Where in the source the node first appeared. */
  readonly span?: Span;
}

/**
 * The computation DAG. Nodes are appended after their inputs, so ids are a topological
 * order. Identical nodes (same op, inputs and attributes) are created once.
 */
export class Graph {
  readonly nodes: Node[] = [];
  /** Variable name → node id. */
  readonly vars = new Map<string, number>();
  /** Name given by an assignment → node id. */
  readonly names = new Map<string, number>();
  output = -1;
  /** The text the graph was parsed from; node spans point into it. */
  source?: string;
  // Hash-consing tables. Nodes of one or two inputs and no attributes (nearly all) are keyed
  // by number per op, which is far cheaper than building a string key per node.
  private readonly memo = new Map<string, number>();
  private readonly memoByOp = new Map<string, Map<number, number>>();
  private readonly numbers = new Map<number, number>();

  variable(name: string, shape: Shape = [], span?: Span): number {
    const known = this.vars.get(name);
    if (known !== undefined) return known;
    const id = this.push({ op: 'var', inputs: [], shape, name, span });
    this.vars.set(name, id);
    return id;
  }

  constant(value: Value, label?: string, span?: Span): number {
    // Numbers are keyed by value; tensors are not shared (rare, and hashing them costs).
    const plain = typeof value === 'number' && label === undefined && !Object.is(value, -0);
    const key = typeof value === 'number' && !plain ? `#${label ?? ''}:${Object.is(value, -0) ? '-0' : value}` : undefined;
    const known = plain ? this.numbers.get(value as number) : key === undefined ? undefined : this.memo.get(key);
    if (known !== undefined) return known;
    const id = this.push({ op: 'const', inputs: [], shape: shapeOf(value), value, name: label, span });
    if (plain) this.numbers.set(value as number, id);
    else if (key) this.memo.set(key, id);
    return id;
  }

  /** Add `op(inputs)`, or return the identical node that exists. Throws CgError('shape'). */
  add(op: string, inputs: readonly number[], attrs?: Attrs, span?: Span): number {
    let table: Map<number, number> | undefined;
    let num = -1;
    let key = '';
    if (!attrs && inputs.length <= 2) {
      table = this.memoByOp.get(op);
      if (!table) this.memoByOp.set(op, (table = new Map()));
      // Two ids below 2^26 packed into one exact double.
      num = inputs.length === 1 ? inputs[0] : inputs.length === 2 ? inputs[0] * 67108864 + inputs[1] : -2;
    } else key = `${op}(${inputs.join(',')})${attrs ? JSON.stringify(attrs) : ''}`;
    const known = table ? table.get(num) : this.memo.get(key);
    if (known !== undefined) return known;
    const def = getOp(op);
    let shape: Shape;
    try {
      // Scalars in, scalar out, for every elementwise op: skip the general shape rule.
      shape =
        def.shape === elementwise && inputs.every((i) => this.nodes[i].shape.length === 0)
          ? SCALAR
          : def.shape(
              inputs.map((i) => this.nodes[i].shape),
              attrs,
            );
    } catch (e) {
      throw new CgError('shape', `shape mismatch in ${op}: ${(e as Error).message}`, { span });
    }
    const id = this.push({ op, inputs, shape, attrs, def, span });
    if (table) table.set(num, id);
    else this.memo.set(key, id);
    return id;
  }

  /** The names an assignment gave node `id`, joined for display. */
  nameOf(id: number): string | undefined {
    let found: string | undefined;
    for (const [name, nid] of this.names) if (nid === id) found = found ? `${found}, ${name}` : name;
    return found;
  }

  private push(n: Omit<Node, 'id'>): number {
    const id = this.nodes.length;
    // Every node built with the same fields in the same order: one hidden class, so the
    // engines' loops over nodes stay monomorphic.
    this.nodes.push({
      id,
      op: n.op,
      inputs: n.inputs,
      shape: n.shape,
      attrs: n.attrs,
      def: n.def,
      value: n.value,
      name: n.name,
      span: n.span,
    });
    return id;
  }
}

/** Nodes that depend on any of `from` (the ones that carry a derivative). */
export function dependents(g: Graph, from: Iterable<number>): Uint8Array {
  const on = new Uint8Array(g.nodes.length);
  for (const id of from) on[id] = 1;
  for (const n of g.nodes) {
    if (on[n.id]) continue;
    for (const i of n.inputs) if (on[i]) {
      on[n.id] = 1;
      break;
    }
  }
  return on;
}
