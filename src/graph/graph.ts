import { CgError, type Span } from '../errors.js';
import { getOp, type OpDef } from './ops/index.js';
import type { Attrs } from './ops/define.js';
import { shapeOf, type Shape, type Value } from './tensor.js';

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
  private readonly memo = new Map<string, number>();

  variable(name: string, shape: Shape = [], span?: Span): number {
    const known = this.vars.get(name);
    if (known !== undefined) return known;
    const id = this.push({ op: 'var', inputs: [], shape, name, span });
    this.vars.set(name, id);
    return id;
  }

  constant(value: Value, label?: string, span?: Span): number {
    // Numbers are keyed by value; tensors are not shared (rare, and hashing them costs).
    const key = typeof value === 'number' ? `#${label ?? ''}:${value}` : undefined;
    const known = key === undefined ? undefined : this.memo.get(key);
    if (known !== undefined) return known;
    const id = this.push({ op: 'const', inputs: [], shape: shapeOf(value), value, name: label, span });
    if (key) this.memo.set(key, id);
    return id;
  }

  /** Add `op(inputs)`, or return the identical node that exists. Throws CgError('shape'). */
  add(op: string, inputs: readonly number[], attrs?: Attrs, span?: Span): number {
    const key = attrs ? `${op}(${inputs.join(',')})${JSON.stringify(attrs)}` : `${op}(${inputs.join(',')})`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const def = getOp(op);
    let shape: Shape;
    try {
      shape = def.shape(
        inputs.map((i) => this.nodes[i].shape),
        attrs,
      );
    } catch (e) {
      throw new CgError('shape', `shape mismatch in ${op}: ${(e as Error).message}`, { span });
    }
    const id = this.push({ op, inputs, shape, attrs, def, span });
    this.memo.set(key, id);
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
    this.nodes.push({ id, ...n });
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
