import { CgError, type Span } from '../errors.js';
import { Graph } from '../graph/graph.js';
import { OPS } from '../graph/ops/index.js';
import { GraphBuilder } from '../graph/symbolic.js';
import type { Shape } from '../graph/tensor.js';
import { children, type Expr, type Program, type Statement } from './ast.js';
import { suggest } from '../util/suggest.js';

/** Names mathjs treats as constants, unless the program or `--at` binds them. */
export const CONSTANTS: Readonly<Record<string, number>> = {
  e: Math.E,
  E: Math.E,
  pi: Math.PI,
  PI: Math.PI,
  tau: 2 * Math.PI,
  phi: (1 + Math.sqrt(5)) / 2,
};

const BINARY_OPS: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '.*': 'mul', './': 'div', '.^': 'pow' };

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

/** Free names of an expression, with the span of their first use. Iterative: no depth limit. */
function namesIn(e: Expr, out: Map<string, Span>): void {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'name') {
      if (!out.has(x.name)) out.set(x.name, x.span);
    } else for (const c of children(x)) stack.push(c);
  }
}

/** Statements in dependency order (assignments may be written in any order); cycles are errors. */
function order(program: Program, assigned: ReadonlyMap<string, Statement>): Statement[] {
  const deps = new Map<Statement, Map<string, Span>>();
  for (const s of program.statements) {
    const names = new Map<string, Span>();
    namesIn(s.expr, names);
    deps.set(s, names);
  }
  const state = new Map<Statement, 'open' | 'done'>();
  const out: Statement[] = [];
  for (const root of program.statements) {
    if (state.has(root)) continue;
    // Iterative depth-first search; the path is kept to name a cycle.
    const path: { s: Statement; next: Iterator<[string, Span]> }[] = [{ s: root, next: deps.get(root)!.entries() }];
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
export function lower(program: Program, opts: LowerOptions): Lowered {
  const { source, statements } = program;
  if (statements.length === 0) throw new CgError('empty', 'empty expression', { source, span: { start: 0, end: Math.max(1, source.length) } });
  const assigned = new Map<string, Statement>();
  for (const s of statements) {
    if (s.name === undefined) continue;
    if (assigned.has(s.name)) throw new CgError('reassign', `${s.name} is assigned twice`, { span: s.nameSpan, source, hint: 'each name is defined once' });
    if (opts.bound.has(s.name)) throw new CgError('reassign', `${s.name} is assigned here and also given a value with --at`, { span: s.nameSpan, source });
    assigned.set(s.name, s);
  }
  const unbound = new Map<string, Span>();
  for (const s of statements) {
    const names = new Map<string, Span>();
    namesIn(s.expr, names);
    for (const [n, span] of names) if (!assigned.has(n) && !opts.bound.has(n) && !(n in CONSTANTS) && !unbound.has(n)) unbound.set(n, span);
  }
  if (unbound.size) {
    const sorted = [...unbound].sort(([, a], [, b]) => a.start - b.start);
    const list = sorted.map(([n]) => n);
    const first = sorted[0][1];
    throw new CgError('unbound', `${list.length === 1 ? 'name' : 'names'} without a value: ${list.join(', ')}`, {
      span: first,
      source,
      hint: `give ${list.length === 1 ? 'it a value' : 'them values'} with --at ${list.map((n) => `${n}=...`).join(',')}`,
    });
  }

  const g = new Graph();
  const b = new GraphBuilder(g);
  const ids = new Map<string, number>();
  for (const s of order(program, assigned)) {
    const id = lowerExpr(s.expr, g, b, ids, opts.bound, source);
    if (s.name !== undefined) {
      ids.set(s.name, id);
      g.names.set(s.name, id);
    }
  }
  const last = statements[statements.length - 1];
  g.output = last.name !== undefined ? ids.get(last.name)! : lowerExpr(last.expr, g, b, ids, opts.bound, source);
  return { graph: g, outputName: last.name ?? DEFAULT_OUTPUT };
}

function lowerExpr(
  root: Expr,
  g: Graph,
  b: GraphBuilder,
  ids: ReadonlyMap<string, number>,
  bound: ReadonlyMap<string, Shape>,
  source: string,
): number {
  // Post-order with two stacks: expressions still to visit (a visit's second time builds
  // the node), and the ids built so far; a node's inputs are the top ids when it is built.
  const todo: Expr[] = [root];
  const expanded: boolean[] = [false];
  const built: number[] = [];
  const add = (op: string, inputs: number[], span: Span) => {
    try {
      return g.add(op, inputs, undefined, span);
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(source);
      throw err;
    }
  };
  while (todo.length) {
    const last = todo.length - 1;
    const e = todo[last];
    const cs = children(e);
    if (!expanded[last]) {
      expanded[last] = true;
      // Pushed right to left so the left operand is built first: node ids follow the text.
      for (let k = cs.length - 1; k >= 0; k--) {
        todo.push(cs[k]);
        expanded.push(false);
      }
      continue;
    }
    todo.pop();
    expanded.pop();
    const ins = cs.length ? built.splice(built.length - cs.length, cs.length) : [];
    let id: number;
    switch (e.kind) {
      case 'num':
        id = g.constant(e.value, undefined, e.span);
        break;
      case 'name': {
        const known = ids.get(e.name);
        if (known !== undefined) id = known;
        else if (bound.has(e.name)) id = g.variable(e.name, bound.get(e.name), e.span);
        else id = g.constant(CONSTANTS[e.name], e.name, e.span);
        break;
      }
      case 'paren':
        id = ins[0];
        break;
      case 'unary':
        id = e.op === '-' ? add('neg', ins, e.span) : ins[0];
        break;
      case 'binary':
        try {
          id = lowerBinary(e, ins, g, add, source);
        } catch (err) {
          // Name the sub-expression and point at its operator.
          if (!(err instanceof CgError) || err.code !== 'shape') throw err;
          const detail = err.message.replace(/^shape mismatch in \w+: /, '');
          const text = source.slice(e.span.start, e.span.end);
          throw new CgError('shape', `shape mismatch in ${text.length > 40 ? e.op : text}: ${detail}`, { span: e.opSpan, source });
        }
        break;
      case 'call':
        id = lowerCall(e, ins, g, b, source);
        break;
      case 'transpose':
        id = g.nodes[ins[0]].shape.length === 0 ? ins[0] : add('transpose', ins, e.span);
        break;
      case 'array':
        try {
          id = add('stack', ins, e.span);
        } catch (err) {
          // The op's own words ("array rows differ in shape: ..."), without the op's name.
          if (!(err instanceof CgError) || err.code !== 'shape') throw err;
          throw new CgError('shape', err.message.replace(/^shape mismatch in stack: /, ''), { span: e.span, source });
        }
        break;
    }
    built.push(id);
  }
  return built[0];
}

function lowerBinary(
  e: Extract<Expr, { kind: 'binary' }>,
  ins: number[],
  g: Graph,
  add: (op: string, inputs: number[], span: Span) => number,
  source: string,
): number {
  const [sa, sb] = ins.map((i) => g.nodes[i].shape);
  const tensors = sa.length > 0 && sb.length > 0;
  if (e.op === '*' && tensors) return add('matmul', ins, e.span);
  if (e.op === '/' && sb.length > 0) {
    throw new CgError('unsupported', 'division by a matrix is not supported', { span: e.opSpan, source, hint: 'use ./ for elementwise division' });
  }
  if (e.op === '^' && sa.length > 0) {
    throw new CgError('unsupported', 'matrix power is not supported', { span: e.opSpan, source, hint: 'use .^ for elementwise powers' });
  }
  return add(BINARY_OPS[e.op], ins, e.span);
}

/** Functions by how often expressions use them, most first: "did you mean" prefers these at equal distance. */
const COMMON_FUNCTIONS = ['exp', 'log', 'sin', 'cos', 'sqrt', 'tanh', 'sigmoid', 'relu', 'max', 'sum', 'abs', 'min', 'mean', 'tan', 'pow', 'norm', 'dot', 'softmax', 'sign'];

function lowerCall(e: Extract<Expr, { kind: 'call' }>, ins: number[], g: Graph, b: GraphBuilder, source: string): number {
  const def = OPS.get(e.fn);
  if (!def || def.internal) {
    const names = [...OPS.values()].filter((d) => !d.internal).map((d) => d.name);
    const close = suggest(e.fn, names, COMMON_FUNCTIONS);
    throw new CgError('unknown-function', `unknown function ${e.fn}`, {
      span: e.fnSpan,
      source,
      hint: close ? `did you mean ${close}?` : `known functions: ${names.sort().join(', ')}`,
    });
  }
  const [lo, hi] = typeof def.arity === 'number' ? [def.arity, def.arity] : def.arity;
  if (ins.length < lo || ins.length > hi) {
    const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} or ${hi}`;
    throw new CgError('arity', `${e.fn} takes ${want} argument${want === '1' ? '' : 's'}, got ${ins.length}`, { span: e.span, source });
  }
  try {
    const args = ins.map((i) => g.nodes[i]);
    b.span = e.span;
    return def.call ? def.call(b, args).id : b.apply(e.fn, args).id;
  } catch (err) {
    if (err instanceof CgError) throw new CgError(err.code, err.message, { span: e.span, source, hint: err.hint });
    throw err;
  } finally {
    b.span = undefined;
  }
}
