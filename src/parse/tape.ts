import type { Span } from '../errors.js';
import type { BinaryOp, Expr } from './ast.js';
import { release } from '../util/buffers.js';

/**
 * The parser's output: the syntax tree in post order on typed arrays, one entry per node,
 * so a million-node program is a few flat arrays rather than millions of objects for the
 * collector to trace and promote. Lowering walks it with a stack of ids; `toExpr` rebuilds
 * the object tree (ast.ts) for callers that want one.
 */

export const NUM = 1;
export const NAME = 2;
export const CALL = 3;
export const BINARY = 4;
export const UNARY = 5;
export const TRANSPOSE = 6;
export const PAREN = 7;
export const ARRAY = 8;
/** `c ? a : b`: three children. */
export const COND = 9;
/** `A[i, j]`: the object then the items (b: how many children in all). */
export const INDEX = 10;
/** `a:b` / `a:step:b` in an index (b: 2 or 3 parts). */
export const RANGE = 11;
/** A bare `:` in an index. */
export const ALL = 12;
/** `end` in an index (a: which item, b: the tape entry of the indexed object). */
export const END = 13;

/** Binary operators by code (the `a` field of a BINARY entry). */
export const BINARY_OPS: readonly BinaryOp[] = ['+', '-', '*', '/', '^', '.*', './', '.^', '<', '>', '<=', '>=', '==', '!='];
export const BINARY_CODE: Readonly<Record<BinaryOp, number>> = {
  '+': 0, '-': 1, '*': 2, '/': 3, '^': 4, '.*': 5, './': 6, '.^': 7, '<': 8, '>': 9, '<=': 10, '>=': 11, '==': 12, '!=': 13,
};
/** Codes from here on are comparisons. */
export const FIRST_RELATIONAL = 8;

export class Tape {
  n = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** NUM: index into nums; NAME, CALL: index into names; BINARY: operator code; UNARY: 0 for -, 1 for +. */
  a: Int32Array;
  /** BINARY: where the operator starts; CALL, ARRAY: how many items. */
  b: Int32Array;
  nums: Float64Array;
  private nNums = 0;
  readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  constructor(capacity = 16) {
    const c = Math.max(16, capacity);
    this.kind = new Uint8Array(c);
    this.start = new Int32Array(c);
    this.end = new Int32Array(c);
    this.a = new Int32Array(c);
    this.b = new Int32Array(c);
    this.nums = new Float64Array(Math.max(16, c >> 2));
  }

  /** Append an entry; returns its index. */
  push(kind: number, start: number, end: number, a: number, b: number): number {
    const i = this.n;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.a[i] = a;
    this.b[i] = b;
    this.n = i + 1;
    return i;
  }

  num(value: number, start: number, end: number): number {
    if (this.nNums === this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      release(this.nums);
      this.nums = nums;
    }
    this.nums[this.nNums] = value;
    return this.push(NUM, start, end, this.nNums++, 0);
  }

  /** The index of a name in `names` (added on first use). */
  nameId(name: string): number {
    let k = this.nameIds.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, k);
    }
    return k;
  }

  span(i: number): Span {
    return { start: this.start[i], end: this.end[i] };
  }

  /** How many children entry i has (they are the subtrees right before it). */
  arity(i: number): number {
    switch (this.kind[i]) {
      case BINARY:
        return 2;
      case UNARY:
      case TRANSPOSE:
      case PAREN:
        return 1;
      case COND:
        return 3;
      case CALL:
      case ARRAY:
      case INDEX:
      case RANGE:
        return this.b[i];
      default:
        return 0;
    }
  }

  /** Give the arrays' memory back now (lowering is done with the tape); the tape reads as empty afterwards. */
  release(): void {
    release(this.kind, this.start, this.end, this.a, this.b, this.nums);
    this.n = 0;
  }

  private grow(): void {
    const c = Math.ceil(this.kind.length * 1.5);
    const kind = new Uint8Array(c);
    kind.set(this.kind);
    release(this.kind);
    this.kind = kind;
    for (const f of ['start', 'end', 'a', 'b'] as const) {
      const x = new Int32Array(c);
      x.set(this[f]);
      release(this[f]);
      this[f] = x;
    }
  }
}

/** The object tree of the entries `from..root` (one statement's expression). */
export function toExpr(t: Tape, from: number, root: number): Expr {
  const stack: Expr[] = [];
  for (let i = from; i <= root; i++) {
    const span = t.span(i);
    let e: Expr;
    switch (t.kind[i]) {
      case NUM:
        e = { kind: 'num', value: t.nums[t.a[i]], span };
        break;
      case NAME:
        e = { kind: 'name', name: t.names[t.a[i]], span };
        break;
      case CALL: {
        const fn = t.names[t.a[i]];
        const args = stack.splice(stack.length - t.b[i], t.b[i]);
        e = { kind: 'call', fn, fnSpan: { start: span.start, end: span.start + fn.length }, args, span };
        break;
      }
      case BINARY: {
        const op = BINARY_OPS[t.a[i]];
        const right = stack.pop()!;
        const left = stack.pop()!;
        e = { kind: 'binary', op, opSpan: { start: t.b[i], end: t.b[i] + op.length }, left, right, span };
        break;
      }
      case UNARY:
        e = { kind: 'unary', op: t.a[i] === 0 ? '-' : '+', opSpan: { start: span.start, end: span.start + 1 }, arg: stack.pop()!, span };
        break;
      case TRANSPOSE:
        e = { kind: 'transpose', opSpan: { start: span.end - 1, end: span.end }, arg: stack.pop()!, span };
        break;
      case PAREN:
        e = { kind: 'paren', inner: stack.pop()!, span };
        break;
      case COND: {
        const [test, then, otherwise] = stack.splice(stack.length - 3, 3);
        e = { kind: 'cond', test, then, else: otherwise, span };
        break;
      }
      case INDEX: {
        const [object, ...items] = stack.splice(stack.length - t.b[i], t.b[i]);
        e = { kind: 'index', object, items, span };
        break;
      }
      case RANGE:
        e = { kind: 'range', parts: stack.splice(stack.length - t.b[i], t.b[i]), span };
        break;
      case ALL:
        e = { kind: 'all', span };
        break;
      case END:
        e = { kind: 'end', span };
        break;
      default:
        e = { kind: 'array', items: stack.splice(stack.length - t.b[i], t.b[i]), span };
    }
    stack.push(e);
  }
  return stack[0];
}
