import { CgError, type Span } from '../errors.js';
import { Graph, opCode } from '../graph/graph.js';
import { OPS } from '../graph/ops/index.js';
import { GraphBuilder } from '../graph/engines/symbolic.js';
import type { Shape } from '../graph/tensor.js';
import type { TapeProgram, TapeStatement } from './parser.js';
import { suggest } from '../util/suggest.js';
import { ALL, BINARY, BINARY_OPS, CALL, COND, END, INDEX, NAME, NUM, PAREN, RANGE, TRANSPOSE, UNARY, type Tape } from './tape.js';
import { Tensor, type Value } from '../graph/tensor.js';
import { constantArg } from '../graph/ops/constant-arg.js';

/**
 * Limits that keep hostile input cheap. The parser runs in linear time and memory on any
 * input, but a program of millions of nodes or a literal of thousands of dimensions costs
 * seconds to minutes and gigabytes further on: refused early, with the limit named.
 */
export const MAX_SOURCE = 8_000_000;
export const MAX_RANK = 32;
/** Syntax nodes (names, numbers, operators, calls) a program may hold: about 2M graph nodes, ≤ 1 GB. */
export const MAX_TERMS = 4_000_000;

/** The size limit: MAX_SOURCE, or CG_MAX_INPUT (characters) for programs known to be large. */
function maxSource(): number {
  const v = Number(process.env.CG_MAX_INPUT);
  return Number.isInteger(v) && v > 0 ? v : MAX_SOURCE;
}

/** A program or value text over the limit: the error that says so. */
export function checkSourceSize(source: string): void {
  const max = maxSource();
  if (source.length <= max) return;
  throw new CgError('limit', `the input is ${source.length.toLocaleString('en')} characters; the limit is ${max.toLocaleString('en')}`, {
    hint: 'split the program, or raise the limit with CG_MAX_INPUT=N (characters)',
  });
}

/**
 * Names mathjs treats as constants, unless the program or `--at` binds them. No prototype:
 * `name in CONSTANTS` must not find `constructor` or `toString`, which are ordinary names.
 */
export const CONSTANTS: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  e: Math.E,
  E: Math.E,
  pi: Math.PI,
  PI: Math.PI,
  tau: 2 * Math.PI,
  phi: (1 + Math.sqrt(5)) / 2,
});

const OP_NAMES: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '.*': 'mul', './': 'div', '.^': 'pow',
  // Comparisons are mathjs's relational functions.
  '<': 'smaller', '>': 'larger', '<=': 'smallerEq', '>=': 'largerEq', '==': 'equal', '!=': 'unequal',
};
/** The graph's op codes: of each binary operator (by its tape code), and of the ops lowering makes itself. */
const BINARY_OP_CODES = BINARY_OPS.map((o) => opCode(OP_NAMES[o]));
const NEG = opCode('neg');
const TRANSPOSE_OP = opCode('transpose');
const MATMUL = opCode('matmul');
/** A bare `:` on the lowering stack (not a node). */
const ALL_MARK = -1;

/** Functions by how often expressions use them, most first: "did you mean" prefers these at equal distance. */
const COMMON_FUNCTIONS = ['exp', 'log', 'sin', 'cos', 'sqrt', 'tanh', 'sigmoid', 'relu', 'max', 'sum', 'abs', 'min', 'mean', 'tan', 'pow', 'norm', 'dot', 'softmax', 'sign'];

/** The name an unnamed output gets. */
export const DEFAULT_OUTPUT = 'f';

export interface LowerOptions {
  /** Variables given values from outside (`--at`), with their shapes. */
  bound: ReadonlyMap<string, Shape>;
}

export interface Lowered {
  graph: Graph;
  /** The output's name: the last statement's assigned name, or `f`. */
  outputName: string;
}

/**
 * Free names of the tape entries `from..to`, in text order, with the span of their first use.
 * `seen` (one entry per tape name) marks the names met, with `mark`: a new mark per call.
 */
function namesIn(t: Tape, from: number, to: number, out: Map<string, Span>, seen: Int32Array, mark: number): void {
  const { kind, a } = t;
  for (let i = from; i <= to; i++) {
    if (kind[i] !== NAME || seen[a[i]] === mark) continue;
    seen[a[i]] = mark;
    out.set(t.names[a[i]], t.span(i));
  }
}

/** Statements in dependency order (assignments may be written in any order); cycles are errors. */
function order(program: TapeProgram, assigned: ReadonlyMap<string, TapeStatement>, deps: ReadonlyMap<TapeStatement, Map<string, Span>>): TapeStatement[] {
  const state = new Map<TapeStatement, 'open' | 'done'>();
  const out: TapeStatement[] = [];
  for (const root of program.statements) {
    if (state.has(root)) continue;
    // Iterative depth-first search; the path is kept to name a cycle.
    const path: { s: TapeStatement; next: Iterator<[string, Span]> }[] = [{ s: root, next: deps.get(root)!.entries() }];
    state.set(root, 'open');
    while (path.length) {
      const top = path[path.length - 1];
      const step = top.next.next();
      if (step.done) {
        state.set(top.s, 'done');
        out.push(top.s);
        path.pop();
        continue;
      }
      const [name, span] = step.value;
      const dep = assigned.get(name);
      if (!dep) continue;
      if (state.get(dep) === 'open') {
        const from = path.findIndex((p) => p.s === dep);
        const chain = [...path.slice(from).map((p) => p.s.name!), name].join(' → ');
        throw new CgError('cycle', `cycle in definitions: ${chain}`, { span, source: program.source });
      }
      if (!state.has(dep)) {
        state.set(dep, 'open');
        path.push({ s: dep, next: deps.get(dep)!.entries() });
      }
    }
  }
  return out;
}

/**
 * Turn a parsed program into a graph: bind names, allow-list functions through the op
 * table, pick `*`'s meaning by shape, and share identical sub-expressions.
 */
export function lower(program: TapeProgram, opts: LowerOptions): Lowered {
  const { source, statements, tape } = program;
  if (statements.length === 0) throw new CgError('empty', 'empty expression', { source, span: { start: 0, end: Math.max(1, source.length) } });
  const terms = statements[statements.length - 1].root + 1;
  if (terms > MAX_TERMS) {
    throw new CgError('limit', `the program has ${terms.toLocaleString('en')} terms; the limit is ${MAX_TERMS.toLocaleString('en')}`, {
      hint: 'split the program into smaller ones',
    });
  }
  const assigned = new Map<string, TapeStatement>();
  for (const s of statements) {
    if (s.name === undefined) continue;
    if (assigned.has(s.name)) throw new CgError('reassign', `${s.name} is assigned twice`, { span: s.nameSpan, source, hint: 'each name is defined once' });
    if (opts.bound.has(s.name)) throw new CgError('reassign', `${s.name} is assigned here and also given a value with --at`, { span: s.nameSpan, source });
    assigned.set(s.name, s);
  }
  const unbound = new Map<string, Span>();
  // Each statement's free names (with their first spans), for the check here and the order below.
  const deps = new Map<TapeStatement, Map<string, Span>>();
  const seen = new Int32Array(tape.names.length);
  for (const [k, s] of statements.entries()) {
    const names = new Map<string, Span>();
    namesIn(tape, s.from, s.root, names, seen, k + 1);
    deps.set(s, names);
    for (const [n, span] of names) if (!assigned.has(n) && !opts.bound.has(n) && !(n in CONSTANTS) && !unbound.has(n)) unbound.set(n, span);
  }
  if (unbound.size) {
    const sorted = [...unbound].sort(([, a], [, b]) => a.start - b.start);
    const list = sorted.map(([n]) => n);
    const first = sorted[0][1];
    // One line however many: the first few by name, then a count.
    const shown = list.slice(0, 8);
    const more = list.length > shown.length ? ` and ${(list.length - shown.length).toLocaleString('en')} more` : '';
    // A value given under a near name (`--at x=1,yy=2` for x*y): name it, and suggest it.
    const used = new Set<string>();
    for (const names of deps.values()) for (const n of names.keys()) used.add(n);
    const unused = [...opts.bound.keys()].filter((n) => !used.has(n));
    const typo = shown.map((n) => [n, suggest(n, unused)] as const).find(([, g]) => g !== undefined);
    const hint = typo
      ? `${typo[1]} was given a value but is not used: did you mean ${typo[0]}=...?`
      : `give ${list.length === 1 ? 'it a value' : 'them values'} with --at ${shown.map((n) => `${n}=...`).join(',')}${more ? ',...' : ''}`;
    throw new CgError('unbound', `${list.length === 1 ? 'name' : 'names'} without a value: ${shown.join(', ')}${more}`, { span: first, source, hint });
  }

  const g = new Graph();
  const b = new GraphBuilder(g);
  const ids = new Map<string, number>();
  const lowerer = new Lowerer(tape, g, b, ids, opts.bound, source);
  for (const s of order(program, assigned, deps)) {
    const id = lowerer.run(s.from, s.root);
    if (s.name !== undefined) {
      ids.set(s.name, id);
      g.names.set(s.name, id);
    }
  }
  const last = statements[statements.length - 1];
  g.output = last.name !== undefined ? ids.get(last.name)! : lowerer.run(last.from, last.root);
  return { graph: g, outputName: last.name ?? DEFAULT_OUTPUT };
}

/** `stack[from, from + n)` as an array of exactly that length (a node keeps it as its inputs). */
function idsAt(stack: Int32Array, from: number, n: number): number[] {
  if (n === 1) return [stack[from]];
  if (n === 2) return [stack[from], stack[from + 1]];
  const ins = new Array<number>(n);
  for (let k = 0; k < n; k++) ins[k] = stack[from + k];
  return ins;
}

/** Lowers tape ranges into one graph: a walk in post order with a stack of node ids. */
class Lowerer {
  private stack = new Int32Array(256);
  /** Per name on the tape: its node, once resolved (-1 before). Assigned names resolve when their statement is done. */
  private resolved: Int32Array;
  /** Per name on the tape: the op code of a plain one-argument function by that name, 0 for other names (-1: not looked up yet). */
  private plain: Int32Array;

  constructor(
    private readonly t: Tape,
    private readonly g: Graph,
    private readonly b: GraphBuilder,
    private readonly ids: ReadonlyMap<string, number>,
    private readonly bound: ReadonlyMap<string, Shape>,
    private readonly source: string,
  ) {
    this.resolved = new Int32Array(t.names.length).fill(-1);
    this.plain = new Int32Array(t.names.length).fill(-1);
  }

  private add(op: string, inputs: number[], i: number): number {
    try {
      return this.g.add(op, inputs, undefined, this.t.span(i));
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(this.source);
      throw err;
    }
  }

  /** add() of op(a) or op(a, b) (b = -1 for one input), without an inputs array or span object. */
  private addAt(code: number, a: number, b: number, i: number): number {
    try {
      return this.g.addAt(code, a, b, this.t.start[i], this.t.end[i]);
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(this.source);
      throw err;
    }
  }

  private name(i: number): number {
    const k = this.t.a[i];
    const known = this.resolved[k];
    if (known >= 0) return known;
    const name = this.t.names[k];
    const assigned = this.ids.get(name);
    if (assigned !== undefined) return (this.resolved[k] = assigned);
    // Variables and constants keep the span of their first use: resolve them once.
    if (this.bound.has(name)) return (this.resolved[k] = this.g.variable(name, this.bound.get(name), this.t.span(i)));
    return (this.resolved[k] = this.g.constant(CONSTANTS[name], name, this.t.span(i)));
  }

  run(from: number, root: number): number {
    const { t, g } = this;
    const { kind, a } = t;
    if (this.stack.length < root - from + 1) {
      this.stack = new Int32Array(root - from + 1);
      this.entries = new Int32Array(root - from + 1);
    }
    const stack = this.stack;
    // The tape entry each stacked value came from (spans for index errors; `end`'s object).
    const entries = this.entries;
    let top = 0;
    for (let i = from; i <= root; i++) {
      let id: number;
      switch (kind[i]) {
        case COND: {
          id = this.add('where', [stack[top - 3], stack[top - 2], stack[top - 1]], i);
          top -= 3;
          break;
        }
        case ALL:
          id = ALL_MARK;
          break;
        case END:
          id = this.end(i, stack, entries, top);
          break;
        case RANGE: {
          const n = t.b[i];
          id = this.range(i, stack, entries, top - n, n);
          top -= n;
          break;
        }
        case INDEX: {
          const n = t.b[i];
          id = this.index(i, stack, entries, top - n, n);
          top -= n;
          break;
        }
        case NUM: {
          id = g.number(t.nums[a[i]], t.start[i], t.end[i]);
          break;
        }
        case NAME:
          id = this.name(i);
          break;
        case PAREN:
          continue;
        case UNARY:
          if (a[i] === 1) continue; // unary +
          id = this.addAt(NEG, stack[top - 1], -1, i);
          top--;
          break;
        case BINARY:
          id = this.binary(i, stack[top - 2], stack[top - 1]);
          top -= 2;
          break;
        case TRANSPOSE: {
          const x = stack[top - 1];
          top--;
          id = g.rank(x) === 0 ? x : this.addAt(TRANSPOSE_OP, x, -1, i);
          break;
        }
        case CALL: {
          const n = t.b[i];
          id = this.call(i, stack, top - n, n);
          top -= n;
          break;
        }
        default: {
          const n = t.b[i];
          const ins = idsAt(stack, top - n, n);
          top -= n;
          if (n && g.rank(ins[0]) >= MAX_RANK) {
            throw new CgError('limit', `arrays nested more than ${MAX_RANK} deep (a tensor has at most ${MAX_RANK} dimensions)`, { span: t.span(i), source: this.source });
          }
          try {
            id = this.add('stack', ins, i);
          } catch (err) {
            // The op's own words ("array rows differ in shape: ..."), without the op's name.
            if (!(err instanceof CgError) || err.code !== 'shape') throw err;
            throw new CgError('shape', err.message.replace(/^shape mismatch in stack: /, ''), { span: t.span(i), source: this.source });
          }
        }
      }
      entries[top] = i;
      stack[top++] = id;
    }
    return stack[0];
  }

  private entries = new Int32Array(256);

  private fail(code: 'index' | 'value', message: string, entry: number, hint?: string): CgError {
    return new CgError(code === 'index' ? 'shape' : 'value', message, { span: this.t.span(entry), source: this.source, hint });
  }

  /** `end`: the length of the dimension its item indexes, as a number. */
  private end(i: number, stack: Int32Array, entries: Int32Array, top: number): number {
    const obj = this.t.b[i];
    // The indexed object is the deepest stacked value that came from entry `obj`.
    let k = top - 1;
    while (k >= 0 && entries[k] !== obj) k--;
    if (k < 0) throw this.fail('value', 'end is only meaningful inside an index', i);
    const shape = this.g.nodes[stack[k]].shape;
    const dim = this.t.a[i];
    if (dim >= shape.length) throw this.fail('index', `index ${dim + 1} of a ${shape.length === 0 ? 'scalar' : `${shape.length}-dimensional value`}`, i);
    return this.g.number(shape[dim], this.t.start[i], this.t.end[i]);
  }

  /** A constant item's value, or a clear error naming it. */
  private constant(id: number, entry: number, what: string): Value {
    try {
      return constantArg(this.b, this.g.nodes[id], what);
    } catch (err) {
      if (err instanceof CgError) throw this.fail('value', err.message, entry, 'indices are numbers (or ranges, `:`, `end`); they cannot depend on a variable');
      throw err;
    }
  }

  /** `a:b` or `a:step:b` (mathjs's order), inclusive: a constant vector of the positions. */
  private range(i: number, stack: Int32Array, entries: Int32Array, from: number, n: number): number {
    const parts = Array.from({ length: n }, (_, k) => {
      if (stack[from + k] === ALL_MARK) throw this.fail('value', 'a range needs numbers', entries[from + k]);
      const v = this.constant(stack[from + k], entries[from + k], 'a range bound');
      if (typeof v !== 'number' || !Number.isInteger(v)) throw this.fail('index', 'a range bound must be a whole number', entries[from + k]);
      return v;
    });
    const [start, step, stop] = n === 2 ? [parts[0], 1, parts[1]] : parts;
    if (step === 0) throw this.fail('index', 'a range step cannot be 0', i);
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= stop : v >= stop; v += step) out.push(v);
    if (out.length === 0) throw this.fail('index', `the range ${start}:${stop} is empty`, i);
    return this.g.constant(Tensor.from(out) as Tensor, undefined, this.t.span(i));
  }

  /** `A[i, j, ...]`: 1-based; a scalar drops its dimension; out of range is an error under the item. */
  private index(i: number, stack: Int32Array, entries: Int32Array, from: number, n: number): number {
    const obj = stack[from];
    const shape = this.g.nodes[obj].shape;
    const items = n - 1;
    if (shape.length === 0) throw this.fail('index', 'cannot index a scalar', i);
    if (items !== shape.length) {
      throw this.fail('index', `${this.source.slice(this.t.start[entries[from]], this.t.end[entries[from]])} has ${shape.length} dimension${shape.length === 1 ? '' : 's'} (${shape.join('×')}); the index gives ${items}`, i);
    }
    const sel: number[][] = [];
    const drop: boolean[] = [];
    for (let d = 0; d < items; d++) {
      const id = stack[from + 1 + d];
      const entry = entries[from + 1 + d];
      if (id === ALL_MARK) {
        sel.push(Array.from({ length: shape[d] }, (_, k) => k));
        drop.push(false);
        continue;
      }
      const v = this.constant(id, entry, 'an index');
      const list = typeof v === 'number' ? [v] : Array.from(v.data);
      if (typeof v !== 'number' && v.shape.length !== 1) throw this.fail('index', 'an index is a number, a range or a vector of numbers', entry);
      for (const x of list) {
        if (!Number.isInteger(x)) throw this.fail('index', `index ${x} is not a whole number`, entry, 'indices start at 1');
        if (x < 1 || x > shape[d]) {
          throw this.fail('index', `index ${x} is out of range: dimension ${d + 1} has ${shape[d]} entr${shape[d] === 1 ? 'y' : 'ies'} (1..${shape[d]})`, entry, 'indices start at 1, as in mathjs');
        }
      }
      sel.push(list.map((x) => x - 1));
      drop.push(typeof v === 'number');
    }
    try {
      return this.g.add('index', [obj], { sel, drop }, this.t.span(i));
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(this.source);
      throw err;
    }
  }

  private binary(i: number, x: number, y: number): number {
    const { t, g, source } = this;
    const op = BINARY_OPS[t.a[i]];
    const ra = g.rank(x);
    const rb = g.rank(y);
    // Scalars: every operator is elementwise, and no shape can mismatch.
    if (ra === 0 && rb === 0) return this.addAt(BINARY_OP_CODES[t.a[i]], x, y, i);
    const opSpan = { start: t.b[i], end: t.b[i] + op.length };
    try {
      if (op === '*' && ra > 0 && rb > 0) return this.addAt(MATMUL, x, y, i);
      if (op === '/' && rb > 0) {
        throw new CgError('unsupported', 'division by a matrix is not supported', { span: opSpan, source, hint: 'use ./ for elementwise division' });
      }
      if (op === '^' && ra > 0) {
        throw new CgError('unsupported', 'matrix power is not supported', { span: opSpan, source, hint: 'use .^ for elementwise powers' });
      }
      return this.addAt(BINARY_OP_CODES[t.a[i]], x, y, i);
    } catch (err) {
      // Name the sub-expression and point at its operator.
      if (!(err instanceof CgError) || err.code !== 'shape') throw err;
      const detail = err.message.replace(/^shape mismatch in \w+: /, '');
      const text = source.slice(t.start[i], t.end[i]);
      throw new CgError('shape', `shape mismatch in ${text.length > 40 ? op : text}: ${detail}${op === '*' && ra > 0 && rb > 0 ? `: ${innerDims(g.nodes[x].shape, g.nodes[y].shape)}` : ''}`, { span: opSpan, source });
    }
  }

  /** The call at entry i, on the `n` ids at `stack[from..]`. */
  private call(i: number, stack: Int32Array, from: number, n: number): number {
    const { t, g, b, source } = this;
    const k = t.a[i];
    const fn = t.names[k];
    // A plain one-argument call (sin(x)): straight to the graph, no arrays or span objects.
    let code = this.plain[k];
    if (code < 0) {
      const d = OPS.get(fn);
      code = this.plain[k] = d && !d.internal && !d.call && d.arity === 1 ? opCode(fn) : 0;
    }
    if (n === 1 && code > 0) return this.addAt(code, stack[from], -1, i);
    const def = OPS.get(fn);
    const ins = idsAt(stack, from, n);
    const span = t.span(i);
    if (!def || def.internal) {
      const names = [...OPS.values()].filter((d) => !d.internal).map((d) => d.name);
      const close = suggest(fn, names, COMMON_FUNCTIONS);
      throw new CgError('unknown-function', `unknown function ${fn}`, {
        span: { start: span.start, end: span.start + fn.length },
        source,
        hint: close ? `did you mean ${close}?` : `known functions: ${names.sort().join(', ')}`,
      });
    }
    const [lo, hi] = typeof def.arity === 'number' ? [def.arity, def.arity] : def.arity;
    if (ins.length < lo || ins.length > hi) {
      const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} or ${hi}`;
      throw new CgError('arity', `${fn} takes ${want} argument${want === '1' ? '' : 's'}, got ${ins.length}`, { span, source });
    }
    try {
      // Plain calls go straight to the graph (what b.apply does, without node arrays).
      if (!def.call) return g.add(fn, ins, undefined, span);
      b.span = span;
      return def.call(b, ins.map((k) => g.nodes[k])).id;
    } catch (err) {
      if (err instanceof CgError) throw new CgError(err.code, err.message, { span, source, hint: err.hint });
      throw err;
    } finally {
      b.span = undefined;
    }
  }
}

/** The dimensions a matrix product needs equal, in words: `the left side has 2 columns, the right side 3 rows`. */
function innerDims(a: Shape, b: Shape): string {
  const cols = a[a.length - 1];
  const rows = b.length === 1 ? b[0] : b[b.length - 2];
  const left = a.length === 1 ? `${cols} entries` : `${cols} column${cols === 1 ? '' : 's'}`;
  const right = b.length === 1 ? `${rows} entries` : `${rows} row${rows === 1 ? '' : 's'}`;
  return `the left side has ${left}, the right side ${right}`;
}
