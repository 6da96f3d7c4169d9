import { CgError, type Span } from '../errors.js';
import { getOp, type OpDef } from './ops/index.js';
import { elementwise, type Attrs } from './ops/define.js';
import { NodeKeys, NumberKeys } from './hashcons.js';
import { shapeOf, type Shape, type Value } from './tensor.js';
import { release } from '../util/buffers.js';

const SCALAR: Shape = Object.freeze([]);
/** The inputs of every variable and constant. */
const NO_INPUTS: readonly number[] = Object.freeze([]);

/** Op names as small integers (the graph's op column and the hash-consing keys); 1 is var, 2 const. */
const OP_CODES = new Map<string, number>();
const OP_NAMES: string[] = [''];
/** Each code's op definition (undefined for var and const), set as nodes are made. */
const DEFS: (OpDef | undefined)[] = [undefined];
/** The code of an op name (made on first use): what addAt() takes. */
export function opCode(op: string): number {
  let c = OP_CODES.get(op);
  if (c === undefined) {
    OP_CODES.set(op, (c = OP_NAMES.length));
    OP_NAMES.push(op);
    DEFS.push(undefined);
  }
  return c;
}
const VAR = opCode('var');
const CONST = opCode('const');

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
 * What a graph knows of its nodes, a column per field, one entry per node id. A million-node
 * program costs a few flat arrays here instead of a ten-field object and an inputs array
 * per node (about 160 bytes of heap each, which the collector traces and copies).
 */
export class Columns {
  /** Op code (OP_NAMES). */
  op = new Uint16Array(1024);
  /** The first and second input, -1 where there is none; -2 in both for more than two (the node's extra holds them). */
  in0 = new Int32Array(1024);
  in1 = new Int32Array(1024);
  /** Shape length (at most 255). */
  rank = new Uint8Array(1024);
  /** Where the node first appeared in the source; start -1: nowhere. */
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** A scalar constant's value, 0 for every other node: the scalar engine starts its evaluations from it. */
  num = new Float64Array(1024);

  /**
   * Twice the room. The old arrays are released (read as empty afterwards): whoever keeps
   * a column (a scalar plan) keeps it for a graph of the size it saw, and makes it again
   * when the graph has grown.
   */
  grow(): void {
    const c = this.op.length * 2;
    const op = new Uint16Array(c);
    op.set(this.op);
    const rank = new Uint8Array(c);
    rank.set(this.rank);
    const num = new Float64Array(c);
    num.set(this.num);
    const old = [this.op, this.rank, this.num, this.in0, this.in1, this.start, this.end];
    this.op = op;
    this.rank = rank;
    this.num = num;
    for (const f of ['in0', 'in1', 'start', 'end'] as const) {
      const x = new Int32Array(c);
      x.set(this[f]);
      this[f] = x;
    }
    release(...old);
  }
}

/** What a node has beyond the columns: only nodes that are not plain scalars with at most two inputs have one. */
class NodeExtra {
  constructor(
    readonly shape: Shape,
    readonly attrs: Attrs | undefined,
    readonly value: Value | undefined,
    readonly name: string | undefined,
    /** More than two inputs (else the columns hold them). */
    readonly inputs: readonly number[] | undefined,
  ) {}
}

/**
 * A node as a graph keeps it: its id and a view of the graph's columns (40 bytes of heap, 48
 * with an extra). Fields are read from the columns; `inputs` and `span` are fresh on each read.
 */
class GraphNode implements Node {
  constructor(
    private readonly c: Columns,
    readonly id: number,
    private readonly x: NodeExtra | undefined,
  ) {}

  get op(): string {
    return OP_NAMES[this.c.op[this.id]];
  }

  get def(): OpDef | undefined {
    return DEFS[this.c.op[this.id]];
  }

  get inputs(): readonly number[] {
    const x = this.x;
    if (x !== undefined && x.inputs !== undefined) return x.inputs;
    const a = this.c.in0[this.id];
    if (a < 0) return NO_INPUTS;
    const b = this.c.in1[this.id];
    return b < 0 ? [a] : [a, b];
  }

  get shape(): Shape {
    return this.x === undefined ? SCALAR : this.x.shape;
  }

  get attrs(): Attrs | undefined {
    return this.x === undefined ? undefined : this.x.attrs;
  }

  get value(): Value | undefined {
    if (this.x !== undefined) return this.x.value;
    return this.c.op[this.id] === CONST ? this.c.num[this.id] : undefined;
  }

  get name(): string | undefined {
    return this.x === undefined ? undefined : this.x.name;
  }

  get span(): Span | undefined {
    const start = this.c.start[this.id];
    return start < 0 ? undefined : { start, end: this.c.end[this.id] };
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
  /** The nodes' fields by column (the scalar engine reads them without touching node objects). */
  readonly columns = new Columns();
  // Hash-consing. Nodes of at most two inputs and no attributes (nearly all) are keyed by
  // (op code, input, input); plain numbers by value; the rest (attributes, labelled or -0
  // constants) by a string.
  private readonly memo = new Map<string, number>();
  private readonly small = new NodeKeys();
  private readonly numbers = new NumberKeys();

  variable(name: string, shape: Shape = [], span?: Span): number {
    const known = this.vars.get(name);
    if (known !== undefined) return known;
    const id = this.push(VAR, -1, -1, undefined, shape, undefined, undefined, name, span ? span.start : -1, span ? span.end : -1);
    this.vars.set(name, id);
    return id;
  }

  constant(value: Value, label?: string, span?: Span): number {
    // Numbers are keyed by value; tensors are not shared (rare, and hashing them costs).
    if (typeof value === 'number' && label === undefined && !Object.is(value, -0)) return this.number(value, span ? span.start : -1, span ? span.end : -1);
    const key = typeof value === 'number' ? `#${label ?? ''}:${Object.is(value, -0) ? '-0' : value}` : undefined;
    const known = key === undefined ? undefined : this.memo.get(key);
    if (known !== undefined) return known;
    const id = this.push(CONST, -1, -1, undefined, shapeOf(value), undefined, value, label, span ? span.start : -1, span ? span.end : -1);
    if (key) this.memo.set(key, id);
    return id;
  }

  /** A plain number constant (not -0), shared by value (NaN matches NaN); first seen at start..end (start -1: nowhere). */
  number(v: number, start = -1, end = -1): number {
    if (Object.is(v, -0)) return this.constant(v, undefined, start < 0 ? undefined : { start, end });
    const slot = this.numbers.find(v);
    const known = this.numbers.idAt(slot);
    if (known >= 0) return known;
    const id = this.push(CONST, -1, -1, undefined, SCALAR, undefined, v, undefined, start, end);
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
    return this.columns.rank[id];
  }

  /** Add `op(inputs)`, or return the identical node that exists. Throws CgError('shape'). */
  add(op: string, inputs: readonly number[], attrs?: Attrs, span?: Span): number {
    const n = inputs.length;
    return this.make(opCode(op), n > 0 ? inputs[0] : -1, n > 1 ? inputs[1] : -1, n > 2 ? inputs : undefined, attrs, span ? span.start : -1, span ? span.end : -1);
  }

  /**
   * add(op, [a]) or add(op, [a, b]) (b = -1 for one input), first seen at start..end, for
   * the op of code opCode(op): no name lookup, inputs array or span object to make.
   */
  addAt(code: number, a: number, b: number, start: number, end: number): number {
    return this.make(code, a, b, undefined, undefined, start, end);
  }

  /** The node op(a, b) or op(wide), made if new. */
  private make(code: number, a: number, b: number, wide: readonly number[] | undefined, attrs: Attrs | undefined, start: number, end: number): number {
    const keyed = !attrs && wide === undefined;
    const op = OP_NAMES[code];
    let slot = -1;
    let key = '';
    if (keyed) {
      slot = this.small.find(code, a, b);
      const known = this.small.idAt(slot);
      if (known >= 0) return known;
    } else {
      key = `${op}(${(wide ?? (a < 0 ? [] : b < 0 ? [a] : [a, b])).join(',')})${attrs ? JSON.stringify(attrs) : ''}`;
      const known = this.memo.get(key);
      if (known !== undefined) return known;
    }
    // An op's definition is resolved once per process (tests change a definition's rules in place, never the table).
    const def = DEFS[code] ?? getOp(op);
    const { nodes, columns } = this;
    let shape: Shape;
    try {
      // Scalars in, scalar out, for every elementwise op: skip the general shape rule.
      shape =
        def.shape === elementwise && keyed && (a < 0 || columns.rank[a] === 0) && (b < 0 || columns.rank[b] === 0)
          ? SCALAR
          : def.shape(
              (wide ?? (a < 0 ? [] : b < 0 ? [a] : [a, b])).map((i) => nodes[i].shape),
              attrs,
            );
    } catch (e) {
      throw new CgError('shape', `shape mismatch in ${op}: ${(e as Error).message}`, { span: start < 0 ? undefined : { start, end } });
    }
    DEFS[code] = def;
    const id = wide === undefined ? this.push(code, a, b, undefined, shape, attrs, undefined, undefined, start, end) : this.push(code, -2, -2, wide, shape, attrs, undefined, undefined, start, end);
    if (keyed) this.small.insert(slot, code, a, b, id);
    else this.memo.set(key, id);
    return id;
  }

  /** The names an assignment gave node `id`, joined for display. */
  nameOf(id: number): string | undefined {
    let found: string | undefined;
    for (const [name, nid] of this.names) if (nid === id) found = found ? `${found}, ${name}` : name;
    return found;
  }

  private push(code: number, a: number, b: number, wide: readonly number[] | undefined, shape: Shape, attrs: Attrs | undefined, value: Value | undefined, name: string | undefined, start: number, end: number): number {
    const c = this.columns;
    const id = this.nodes.length;
    if (id === c.op.length) c.grow();
    c.op[id] = code;
    c.in0[id] = a;
    c.in1[id] = b;
    c.rank[id] = Math.min(shape.length, 255);
    c.start[id] = start;
    c.end[id] = start < 0 ? -1 : end;
    if (typeof value === 'number') c.num[id] = value;
    // Plain scalars (nearly every node of a big program) need nothing beyond the columns.
    const plain = shape.length === 0 && attrs === undefined && name === undefined && wide === undefined && (value === undefined || typeof value === 'number');
    // Every node of one class, fields in one order: one hidden class, so the engines' loops
    // over nodes stay monomorphic.
    this.nodes.push(new GraphNode(c, id, plain ? undefined : new NodeExtra(shape, attrs, value, name, wide)));
    return id;
  }
}

/** Nodes that depend on any of `from` (the ones that carry a derivative). */
export function dependents(g: Graph, from: Iterable<number>): Uint8Array {
  const n = g.nodes.length;
  const { in0, in1 } = g.columns;
  const on = new Uint8Array(n);
  for (const id of from) on[id] = 1;
  for (let id = 0; id < n; id++) {
    if (on[id]) continue;
    const a = in0[id];
    if (a === -2) {
      for (const i of g.nodes[id].inputs) if (on[i]) {
        on[id] = 1;
        break;
      }
    } else if ((a >= 0 && on[a]) || (in1[id] >= 0 && on[in1[id]])) on[id] = 1;
  }
  return on;
}
