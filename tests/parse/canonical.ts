import type { Expr, Program } from '../../src/parse/ast.js';

/**
 * One canonical prefix string per tree, so cg's AST and mathjs's node tree can be compared.
 * Both walks use an explicit stack: test trees can be 100,000 levels deep.
 */
type Item<N> = N | string;

function render<N>(roots: N[], expand: (node: N, out: Item<N>[]) => void): string {
  const parts: string[] = [];
  const stack: Item<N>[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const children: Item<N>[] = [];
    expand(item, children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts.join(' ');
}

function expandCg(e: Expr, out: Item<Expr>[]): void {
  switch (e.kind) {
    case 'num':
      out.push(`${e.value}`);
      return;
    case 'name':
      out.push(e.name);
      return;
    case 'call':
      out.push(`(call ${e.fn}`, ...e.args, ')');
      return;
    case 'binary':
      out.push(`(${e.op}`, e.left, e.right, ')');
      return;
    case 'unary':
      out.push(`(${e.op === '-' ? 'neg' : 'pos'}`, e.arg, ')');
      return;
    case 'transpose':
      out.push('(T', e.arg, ')');
      return;
    case 'paren':
      out.push('(paren', e.inner, ')');
      return;
    case 'array':
      out.push('(array', ...e.items, ')');
      return;
    case 'cond':
      out.push('(?', e.test, e.then, e.else, ')');
      return;
    case 'index':
      out.push('(index', e.object, ...e.items, ')');
      return;
    case 'range':
      // cg keeps a:step:b in source order; mathjs names start, end, step.
      out.push('(range', e.parts[0], e.parts[e.parts.length - 1], ...(e.parts.length === 3 ? [e.parts[1]] : []), ')');
      return;
    case 'all':
      out.push('(range 1 end )');
      return;
    case 'end':
      out.push('end');
      return;
  }
}

export function canonicalExpr(e: Expr): string {
  return render([e], expandCg);
}

export function canonicalProgram(p: Program): string {
  return p.statements.map((s) => (s.name === undefined ? canonicalExpr(s.expr) : `(= ${s.name} ${canonicalExpr(s.expr)})`)).join(' ; ');
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type MathNode = any;

const UNARY: Record<string, string> = { unaryMinus: 'neg', unaryPlus: 'pos', ctranspose: 'T' };

function expandMathjs(n: MathNode, out: Item<MathNode>[]): void {
  switch (n.type) {
    case 'ConstantNode':
      out.push(typeof n.value === 'number' ? `${n.value}` : `(const ${JSON.stringify(n.value)})`);
      return;
    case 'SymbolNode':
      out.push(n.name);
      return;
    case 'FunctionNode':
      out.push(n.fn.type === 'SymbolNode' ? `(call ${n.fn.name}` : '(call ?', ...n.args, ')');
      return;
    case 'OperatorNode':
      if (n.args.length === 1) out.push(`(${UNARY[n.fn] ?? n.fn}`, n.args[0], ')');
      else out.push(`(${n.implicit ? 'implicit' : n.op}`, ...n.args, ')');
      return;
    case 'ParenthesisNode':
      out.push('(paren', n.content, ')');
      return;
    case 'ArrayNode':
      out.push('(array', ...n.items, ')');
      return;
    case 'ConditionalNode':
      out.push('(?', n.condition, n.trueExpr, n.falseExpr, ')');
      return;
    case 'AccessorNode':
      out.push('(index', n.object, ...n.index.dimensions, ')');
      return;
    case 'RangeNode':
      out.push('(range', n.start, n.end, ...(n.step ? [n.step] : []), ')');
      return;
    default:
      out.push(`(${n.type})`);
  }
}

/** mathjs's tree for a whole program, in the same form as canonicalProgram. */
export function canonicalMathjs(root: MathNode): string {
  const nodes: MathNode[] = root.type === 'BlockNode' ? root.blocks.map((b: MathNode) => b.node) : [root];
  return nodes
    .map((n) => (n.type === 'AssignmentNode' && n.index === null ? `(= ${n.object.name} ${render([n.value], expandMathjs)})` : render([n], expandMathjs)))
    .join(' ; ');
}

/** Node count and depth of a tree, iteratively (two parallel stacks: no tuple per node). */
export function measure(e: Expr): { nodes: number; depth: number; operators: number } {
  let nodes = 0;
  let depth = 0;
  let operators = 0;
  const stack: Expr[] = [e];
  const depths: number[] = [1];
  while (stack.length) {
    const n = stack.pop()!;
    const d = depths.pop()!;
    nodes++;
    if (d > depth) depth = d;
    switch (n.kind) {
      case 'binary':
        operators++;
        stack.push(n.left, n.right);
        depths.push(d + 1, d + 1);
        break;
      case 'unary':
      case 'transpose':
        operators++;
        stack.push(n.arg);
        depths.push(d + 1);
        break;
      case 'call':
      case 'array':
        if (n.kind === 'call') operators++;
        for (const c of n.kind === 'call' ? n.args : n.items) {
          stack.push(c);
          depths.push(d + 1);
        }
        break;
      case 'paren':
        stack.push(n.inner);
        depths.push(d + 1);
        break;
    }
  }
  return { nodes, depth, operators };
}
