import type { Span } from '../errors.js';

/**
 * The syntax tree of a cg program. It mirrors the subset of mathjs's node types cg accepts
 * (ConstantNode, SymbolNode, FunctionNode, OperatorNode, ParenthesisNode, ArrayNode,
 * AssignmentNode); anything else is rejected by the parser with a CgError and a span.
 * Every node carries the span of the source text it came from.
 */
export type Expr =
  | { kind: 'num'; value: number; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'call'; fn: string; fnSpan: Span; args: Expr[]; span: Span }
  | { kind: 'binary'; op: BinaryOp; opSpan: Span; left: Expr; right: Expr; span: Span }
  | { kind: 'unary'; op: '-' | '+'; opSpan: Span; arg: Expr; span: Span }
  | { kind: 'transpose'; opSpan: Span; arg: Expr; span: Span }
  | { kind: 'paren'; inner: Expr; span: Span }
  /** `[a, b]` is a vector; `[[1,2],[3,4]]` and `[1,2;3,4]` are arrays of row arrays. */
  | { kind: 'array'; items: Expr[]; span: Span }
  /** `c ? a : b` (mathjs's ConditionalNode). */
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr; span: Span }
  /** `A[i, j]` (mathjs's AccessorNode with an IndexNode): 1-based, ranges inclusive. */
  | { kind: 'index'; object: Expr; items: Expr[]; span: Span }
  /** `a:b` or `a:step:b` inside an index. */
  | { kind: 'range'; parts: Expr[]; span: Span }
  /** A bare `:` inside an index: the whole dimension. */
  | { kind: 'all'; span: Span }
  /** `end` inside an index: the size of the dimension it indexes. */
  | { kind: 'end'; span: Span };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '.*' | './' | '.^' | '<' | '>' | '<=' | '>=' | '==' | '!=';

export interface Statement {
  /** Set for `name = expr`. */
  name?: string;
  nameSpan?: Span;
  expr: Expr;
  span: Span;
}

export interface Program {
  source: string;
  statements: Statement[];
}

/** One `NAME=VALUE` of an `--at` argument; `value` is an expression (a number, `pi/4`, `[1,2]`). */
export interface Binding {
  name: string;
  nameSpan: Span;
  value: Expr;
  span: Span;
}

/** An expression's direct sub-expressions, left to right. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
    case 'transpose':
      return [e.arg];
    case 'paren':
      return [e.inner];
    case 'call':
      return e.args;
    case 'array':
      return e.items;
    case 'cond':
      return [e.test, e.then, e.else];
    case 'index':
      return [e.object, ...e.items];
    case 'range':
      return e.parts;
    default:
      return [];
  }
}
