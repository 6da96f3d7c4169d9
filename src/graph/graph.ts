import { CgError, type Span } from '../errors.js';
import { getOp, type OpDef } from './ops/index.js';
import { elementwise, type Attrs } from './ops/define.js';
import { NodeKeys, NumberKeys } from './hashcons.js';
import { shapeOf, type Shape, type Value } from './tensor.js';

const SCALAR: Shape = Object.freeze([]);
/** The inputs of every variable and constant. */
const NO_INPUTS: readonly number[] = Object.freeze([]);

/** Op names as small integers, for the hash-consing keys. */
const OP_CODES = new Map<string, number>();
function opCode(op: string): number {
  let c = OP_CODES.get(op);
  if (c === undefined) OP_CODES.set(op, (c = OP_CODES.size + 1));
  return c;
}

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

/** Where each node first appeared, by id (-1: nowhere): two ints a node, not a span object. */
class Spans {
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);

  set(id: number, span: Span | undefined): void {
    if (id >= this.start.length) {
      const start = new Int32Array(this.start.length * 2);
      const end = new Int32Array(this.start.length * 2);
      start.set(this.start);
      end.set(this.end);
      this.start = start;
      this.end = end;
    }
    this.start[id] = span ? span.start : -1;
    this.end[id] = span ? span.end : -1;
  }

  at(id: number): Span | undefined {
    const start = this.start[id];
    return start < 0 ? undefined : { start, end: this.end[id] };
  }
}

/** A node as a graph keeps it; its span is read from the graph's table when asked for. */
class GraphNode implements Node {
  constructor(
    readonly id: number,
    readonly op: string,
    readonly inputs: readonly number[],
    readonly shape: Shape,
    readonly attrs: Attrs,
    readonly def: OpDef | undefined,
    readonly value: Value | undefined,
    readonly name: string | undefined,
    private readonly spans: Spans,
  ) {}

  get span(): Span | undefined {
    return this.spans.at(this.id);
  }
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
  // Hash-consing. Nodes of at most two inputs and no attributes (nearly all) are keyed by
  // (op code, input, input); plain numbers by value; the rest (attributes, labelled or -0
  // constants) by a string.
  private readonly memo = new Map<string, number>();
  private readonly small = new NodeKeys();
  private readonly numbers = new NumberKeys();
  private readonly spans = new Spans();
  /** Per node: its rank (shape length), read where lowering picks `*`'s meaning. */
  private ranks = new Uint8Array(1024);

  variable(name: string, shape: Shape = [], span?: Span): number {
    const known = this.vars.get(name);
    if (known !== undefined) return known;
    const id = this.push({ op: 'var', inputs: NO_INPUTS, shape, name, span });
    this.vars.set(name, id);
    return id;
  }

  constant(value: Value, label?: string, span?: Span): number {
    // Numbers are keyed by value; tensors are not shared (rare, and hashing them costs).
    if (typeof value === 'number' && label === undefined && !Object.is(value, -0)) return this.number(value, span);
    const key = typeof value === 'number' ? `#${label ?? ''}:${Object.is(value, -0) ? '-0' : value}` : undefined;
    const known = key === undefined ? undefined : this.memo.get(key);
    if (known !== undefined) return known;
    const id = this.push({ op: 'const', inputs: NO_INPUTS, shape: shapeOf(value), value, name: label, span });
    if (key) this.memo.set(key, id);
    return id;
  }

  /** A plain number constant (not -0), shared by value; NaN matches NaN. */
  private number(v: number, span?: Span): number {
    const slot = this.numbers.find(v);
    const known = this.numbers.idAt(slot);
    if (known >= 0) return known;
    const id = this.push({ op: 'const', inputs: NO_INPUTS, shape: SCALAR, value: v, name: undefined, span });
    this.numbers.insert(slot, v, id);
    return id;
  }

  /**
   * The node `op(a)` or `op(a, b)` (b = -1 for one input; no attributes) if the graph has
   * it already, else -1. Lets a caller skip making the inputs array and span a new node keeps.
   */
  existing(op: string, a: number, b: number): number {
    return this.small.idAt(this.small.find(opCode(op), a, b));
  }

  /** The plain number constant `v`, if the graph has it, else -1. */
  existingNumber(v: number): number {
    if (Object.is(v, -0)) return -1;
    return this.numbers.idAt(this.numbers.find(v));
  }

  /** The rank of node id's shape. */
  rank(id: number): number {
    return this.ranks[id];
  }

  /** Add `op(inputs)`, or return the identical node that exists. Throws CgError('shape'). */
  add(op: string, inputs: readonly number[], attrs?: Attrs, span?: Span): number {
    const keyed = !attrs && inputs.length <= 2;
    let code = 0;
    let a = -1;
    let b = -1;
    let slot = -1;
    let key = '';
    if (keyed) {
      code = opCode(op);
      if (inputs.length > 0) a = inputs[0];
      if (inputs.length > 1) b = inputs[1];
      slot = this.small.find(code, a, b);
      const known = this.small.idAt(slot);
      if (known >= 0) return known;
    } else {
      key = `${op}(${inputs.join(',')})${attrs ? JSON.stringify(attrs) : ''}`;
      const known = this.memo.get(key);
      if (known !== undefined) return known;
    }
    const def = getOp(op);
    const nodes = this.nodes;
    let shape: Shape;
    try {
      // Scalars in, scalar out, for every elementwise op: skip the general shape rule.
      shape =
        def.shape === elementwise && keyed && (a < 0 || this.ranks[a] === 0) && (b < 0 || this.ranks[b] === 0)
          ? SCALAR
          : def.shape(
              inputs.map((i) => nodes[i].shape),
              attrs,
            );
    } catch (e) {
      throw new CgError('shape', `shape mismatch in ${op}: ${(e as Error).message}`, { span });
    }
    const id = this.push({ op, inputs, shape, attrs, def, span });
    if (!keyed) {
      this.memo.set(key, id);
      return id;
    }
    this.small.insert(slot, code, a, b, id);
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
    if (id === this.ranks.length) {
      const ranks = new Uint8Array(id * 2);
      ranks.set(this.ranks);
      this.ranks = ranks;
    }
    this.ranks[id] = Math.min(n.shape.length, 255);
    this.spans.set(id, n.span);
    // Every node of one class, fields in one order: one hidden class, so the engines' loops
    // over nodes stay monomorphic.
    this.nodes.push(new GraphNode(id, n.op, n.inputs, n.shape, n.attrs, n.def, n.value, n.name, this.spans));
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
