import type { BinaryOp, Expr, Program, Statement } from './ast.js';
import { ALL, ARRAY, BINARY as BIN, BINARY_CODE, CALL, COND, END, FIRST_RELATIONAL, INDEX, NAME as NAME_NODE, PAREN, RANGE, TRANSPOSE, Tape, UNARY, toExpr } from './tape.js';
import { CgError, type Span } from '../errors.js';
import {
  CARET, COLON, COMMA, DOT_CARET, DOT_SLASH, DOT_STAR, EOF, EQ, GT, LBRACK, LPAREN, LT, MINUS, MULTI, NAME, NEWLINE,
  NUMBER, PLUS, QUESTION, QUOTE, RBRACK, RPAREN, SEMI, SLASH, STAR,
} from './lexer.js';
import { ParserState, type Bracket, type Pending } from './parser-state.js';

/*
 * An operator-precedence parser with explicit operand and operator stacks, so nesting depth
 * costs heap, not call stack. Precedence follows mathjs's recursive descent (parse.js):
 *   conditional ?: (right) < comparisons < add/sub < mul/div (left) < unary -,+ < pow ^ .^
 *   (right; its right operand may start with a unary, `2^-3`) < postfix ', index [..] < call.
 * `?` opens a bracket closed by its `:`; `[` after an operand opens an index, whose items
 * may be ranges `a:b`, `a:step:b`, a bare `:`, and use `end`.
 * A unary operator on the stack is popped by any binary operator except ^, which is why
 * `-x^2` is -(x^2) while `-x*y` is (-x)*y.
 */

const PREC_COND = 1;
const PREC_REL = 2;
const PREC_ADD = 3;
const PREC_MUL = 4;
const PREC_UNARY = 5;
const PREC_POW = 6;


/** One statement of a parsed program: its expression is the tape entries `from..root`. */
export interface TapeStatement {
  name?: string;
  nameSpan?: Span;
  from: number;
  root: number;
  span: Span;
}

/** A parsed program as a tape (what lowering reads). */
export interface TapeProgram {
  source: string;
  tape: Tape;
  statements: TapeStatement[];
}

/** Parse a cg program: statements separated by `;`, newlines or top-level `,`. */
export function parseProgramTape(source: string): TapeProgram {
  const p = new Parser(source, 0, source.length);
  const statements: TapeStatement[] = [];
  p.lex.next(true);
  for (;;) {
    const k = p.lex.kind;
    if (k === EOF) break;
    if (k === SEMI || k === NEWLINE || k === COMMA) p.lex.next(true); // empty statement
    else statements.push(p.statement(true));
  }
  if (statements.length === 0) throw new CgError('empty', 'empty expression', { source });
  return { source, tape: p.tape, statements };
}

/** The same program as object trees (ast.ts). */
export function parseProgram(source: string): Program {
  const { tape, statements } = parseProgramTape(source);
  return {
    source,
    statements: statements.map(({ name, nameSpan, from, root, span }): Statement => {
      const expr = toExpr(tape, from, root);
      return name === undefined ? { expr, span } : { name, nameSpan, expr, span };
    }),
  };
}

/** Parse one expression (a constant's value, an `--at` value). */
export function parseExpression(source: string): Expr {
  return parseExpressionIn(source, 0, source.length);
}

/** Parse the expression in `source[start, end)`; spans are offsets into the whole `source`. */
export function parseExpressionIn(source: string, start: number, end: number): Expr {
  const { tape, statement } = parseExpressionTape(source, start, end);
  return toExpr(tape, statement.from, statement.root);
}

/** parseExpressionIn, as a tape. */
export function parseExpressionTape(source: string, start = 0, end = source.length): { tape: Tape; statement: TapeStatement } {
  const p = new Parser(source, start, end);
  p.lex.next(true);
  if (p.lex.kind === EOF) throw new CgError('empty', 'empty expression', { source, span: { start, end } });
  return { tape: p.tape, statement: p.statement(false) };
}

/** Binary operators by token kind (an array: this lookup runs once per token). */
const BINARY: ({ op: BinaryOp; prec: number } | undefined)[] = [];
BINARY[PLUS] = { op: '+', prec: PREC_ADD };
BINARY[MINUS] = { op: '-', prec: PREC_ADD };
BINARY[STAR] = { op: '*', prec: PREC_MUL };
BINARY[SLASH] = { op: '/', prec: PREC_MUL };
BINARY[DOT_STAR] = { op: '.*', prec: PREC_MUL };
BINARY[DOT_SLASH] = { op: './', prec: PREC_MUL };
BINARY[CARET] = { op: '^', prec: PREC_POW };
BINARY[DOT_CARET] = { op: '.^', prec: PREC_POW };
BINARY[LT] = { op: '<', prec: PREC_REL };
BINARY[GT] = { op: '>', prec: PREC_REL };
/** The comparisons the lexer reads as two-character MULTI tokens. */
const RELATIONAL_MULTI: Record<string, { op: BinaryOp; prec: number }> = {
  '<=': { op: '<=', prec: PREC_REL },
  '>=': { op: '>=', prec: PREC_REL },
  '==': { op: '==', prec: PREC_REL },
  '!=': { op: '!=', prec: PREC_REL },
};

class Parser extends ParserState {
  /**
   * Parse from the current token to the end of a statement, leaving the separator current.
   * In expression mode (`program` false) there must be nothing after the expression.
   */
  statement(program: boolean): TapeStatement {
    const lex = this.lex;
    const vals = this.vals;
    const ops = this.ops;
    const tape = this.tape;
    const from = tape.n;
    let name: string | undefined;
    let nameSpan: Span | undefined;

    operand: for (;;) {
      // Operand position: lex holds the first token of an operand; newlines were skipped.
      switch (lex.kind) {
        case NUMBER:
          vals.push(tape.num(lex.value, lex.start, lex.end));
          lex.next(this.depth > 0);
          break;
        case NAME: {
          const start = lex.start;
          const end = lex.end;
          const id = lex.text();
          const index = id === 'end' ? this.openIndex() : undefined;
          if (index !== undefined) {
            vals.push(tape.push(END, start, end, index.dim, index.obj));
            lex.next(this.depth > 0);
            break;
          }
          const constant = this.keywordOperand(id, start, end);
          lex.next(this.depth > 0);
          if (constant !== undefined) {
            vals.push(tape.num(constant, start, end));
          } else if (lex.kind === LPAREN) {
            ops.push({ t: 'call', prec: -1, open: lex.start, fn: id, fnStart: start, base: vals.length });
            this.depth++;
            lex.next(true);
            continue operand;
          } else {
            vals.push(tape.push(NAME_NODE, start, end, tape.nameId(id), 0));
          }
          break;
        }
        case MINUS:
        case PLUS:
          ops.push({
            t: 'unary',
            prec: PREC_UNARY,
            op: lex.kind === MINUS ? '-' : '+',
            opStart: lex.start,
          });
          lex.next(true);
          continue operand;
        case LPAREN:
          ops.push({ t: 'paren', prec: -1, open: lex.start });
          this.depth++;
          lex.next(true);
          continue operand;
        case LBRACK:
          ops.push({ t: 'array', prec: -1, open: lex.start, base: vals.length, rowBase: vals.length, rows: false, afterComma: false });
          this.depth++;
          lex.next(true);
          continue operand;
        default: {
          // Closers and `;` are fine right after `[`, `f(`, or an array's `,`: `[]`, `f()`, `[1,]`, `[1,;2]`.
          const top = ops[ops.length - 1];
          if (lex.kind === RPAREN && top?.t === 'call' && vals.length === top.base) {
            this.closeCall(top);
            break;
          }
          if (lex.kind === RBRACK && top?.t === 'array') {
            this.closeArray(top);
            break;
          }
          if (lex.kind === SEMI && top?.t === 'array' && top.afterComma) {
            this.endRow(top);
            continue operand;
          }
          if (lex.kind === COLON && top?.t === 'index' && vals.length === top.itemBase && top.colons === 0) {
            // A bare `:`: the whole dimension.
            vals.push(tape.push(ALL, lex.start, lex.end, 0, 0));
            lex.next(true);
            break;
          }
          if (lex.kind === RBRACK && top?.t === 'index' && top.colons > 0) {
            throw this.error('syntax', 'a range needs a start and an end (a:b)', this.tokenSpan());
          }
          if (lex.kind === RBRACK && top?.t === 'index') {
            throw this.error('syntax', 'empty index', { start: top.open, end: lex.end }, 'write v[1] for the first entry (indices start at 1)');
          }
          throw this.badOperand();
        }
      }

      // Operator position: an operand is complete.
      for (;;) {
        const k = lex.kind;
        const bin = k >= 0 ? (k === MULTI ? RELATIONAL_MULTI[lex.text()] : BINARY[k]) : undefined;
        if (bin !== undefined) {
          // ^ is right-associative, so it pops nothing (nothing binds tighter on the stack)
          this.reduce(bin.prec === PREC_POW ? PREC_POW + 1 : bin.prec);
          ops.push({ t: 'bin', prec: bin.prec, op: bin.op, opStart: lex.start, opEnd: lex.end });
          lex.next(true);
          continue operand;
        }
        switch (k) {
          case QUESTION: {
            // `c ? a : b`: the condition is everything tighter than the conditional.
            this.reduce(PREC_COND + 1);
            ops.push({ t: 'ques', prec: -1, open: lex.start });
            lex.next(true);
            continue operand;
          }
          case COLON: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top?.t === 'ques') {
              ops.pop();
              ops.push({ t: 'cond', prec: PREC_COND, opStart: top.open });
              lex.next(true);
              continue operand;
            }
            if (top?.t === 'index') {
              if (top.colons === 2) throw this.error('syntax', 'a range has at most three parts (start:step:end)', this.tokenSpan());
              top.colons++;
              lex.next(true);
              continue operand;
            }
            throw this.badOperator();
          }
          case LBRACK: {
            // An index right after an operand: `v[2]`, `W[1:2, :]`.
            const obj = vals[vals.length - 1];
            ops.push({ t: 'index', prec: -1, open: lex.start, base: vals.length - 1, itemBase: vals.length, colons: 0, obj, dim: 0 });
            this.depth++;
            lex.next(true);
            continue operand;
          }
          case QUOTE: {
            const arg = vals.pop()!;
            vals.push(tape.push(TRANSPOSE, tape.start[arg], lex.end, 0, 0));
            lex.next(this.depth > 0);
            continue;
          }
          case RPAREN: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top?.t === 'paren') {
              ops.pop();
              vals.pop();
              vals.push(tape.push(PAREN, top.open, lex.end, 0, 0));
              this.depth--;
              lex.next(this.depth > 0);
            } else if (top?.t === 'call') {
              this.closeCall(top);
            } else {
              throw this.mismatched(top);
            }
            continue;
          }
          case RBRACK: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top?.t === 'index') {
              this.closeIndex(top);
              continue;
            }
            if (top?.t !== 'array') throw this.mismatched(top);
            this.closeArray(top);
            continue;
          }
          case COMMA: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top === undefined) break; // top-level: end of statement
            if (top.t === 'paren') {
              throw this.error('syntax', 'unexpected , inside parentheses', this.tokenSpan(), 'write [a, b] for a vector');
            }
            if (top.t === 'ques') throw this.mismatched(top);
            if (top.t === 'array') top.afterComma = true;
            if (top.t === 'index') {
              this.endItem(top);
              top.dim++;
              top.itemBase = vals.length;
            }
            lex.next(true);
            continue operand;
          }
          case SEMI: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top === undefined) break;
            if (top.t !== 'array') throw this.mismatched(top);
            this.endRow(top);
            continue operand;
          }
          case NEWLINE: // only produced outside brackets
            break;
          case EOF:
            if (this.depth > 0) throw this.unclosed();
            break;
          case EQ: {
            if (this.depth > 0 || !program) {
              const msg = this.depth > 0 ? 'assignment inside an expression is not supported' : 'assignment is not allowed here';
              throw this.error('unsupported', msg, this.tokenSpan());
            }
            if (name !== undefined) throw this.error('unsupported', 'chained assignment is not supported', this.tokenSpan());
            this.reduce(0);
            const lhs = vals.pop()!;
            if (tape.kind[lhs] !== NAME_NODE) throw this.badTarget(lhs);
            name = tape.names[tape.a[lhs]];
            nameSpan = tape.span(lhs);
            // The target is no part of the expression: it is the last entry; drop it.
            tape.n = lhs;
            lex.next(true);
            continue operand;
          }
          default:
            throw this.badOperator();
        }
        // End of statement (depth 0): `;`, `,`, newline or end of input.
        this.reduce(0);
        if (ops.length) throw this.mismatched(ops[ops.length - 1]);
        const root = vals.pop()!;
        if (!program && k !== EOF) this.expectEnd();
        const span = tape.span(root);
        if (name === undefined) return { from, root, span };
        return { name, nameSpan, from, root, span: { start: nameSpan!.start, end: span.end } };
      }
    }
  }

  /** Pop operators binding at least as tightly as `minPrec` into nodes. */
  private reduce(minPrec: number): void {
    const ops = this.ops;
    const vals = this.vals;
    const tape = this.tape;
    for (;;) {
      const top = ops[ops.length - 1];
      if (top === undefined || top.prec < minPrec) return;
      ops.pop();
      if (top.t === 'bin') {
        const right = vals.pop()!;
        const left = vals.pop()!;
        const code = BINARY_CODE[top.op];
        if (code >= FIRST_RELATIONAL && tape.kind[left] === BIN && tape.a[left] >= FIRST_RELATIONAL) {
          throw this.error('unsupported', 'chained comparisons (a < b < c) are not supported', { start: tape.start[left], end: tape.end[right] }, 'write (a < b) .* (b < c)');
        }
        vals.push(tape.push(BIN, tape.start[left], tape.end[right], code, top.opStart));
      } else if (top.t === 'cond') {
        const otherwise = vals.pop()!;
        vals.pop(); // the then-branch: the entries between test and else
        const test = vals.pop()!;
        vals.push(tape.push(COND, tape.start[test], tape.end[otherwise], 0, 0));
      } else if (top.t === 'unary') {
        const arg = vals.pop()!;
        vals.push(tape.push(UNARY, top.opStart, tape.end[arg], top.op === '-' ? 0 : 1, 0));
      }
    }
  }

  /** The innermost open index (for `end`), looking through parentheses and calls inside it. */
  private openIndex(): Extract<Pending, { t: 'index' }> | undefined {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const op = this.ops[i];
      if (op.t === 'index') return op;
      if (op.t === 'array') return undefined;
    }
    return undefined;
  }

  /** A `,` or `]` in an index: the item since the last one becomes a range if it had colons. */
  private endItem(top: Extract<Pending, { t: 'index' }>): void {
    const { vals, tape } = this;
    const parts = vals.length - top.itemBase;
    if (parts === 0) throw this.error('syntax', 'empty index item', this.tokenSpan());
    if (top.colons > 0) {
      if (parts !== top.colons + 1) throw this.error('syntax', 'a range needs a start and an end (a:b)', this.tokenSpan());
      const span = { start: tape.start[vals[top.itemBase]], end: tape.end[vals[vals.length - 1]] };
      vals.length = top.itemBase;
      vals.push(tape.push(RANGE, span.start, span.end, 0, parts));
    } else if (parts !== 1) {
      throw this.error('syntax', 'unexpected item in an index', this.tokenSpan());
    }
    top.colons = 0;
  }

  private closeIndex(top: Extract<Pending, { t: 'index' }>): void {
    this.endItem(top);
    const { vals, tape } = this;
    this.ops.pop();
    const count = vals.length - top.base;
    const start = tape.start[vals[top.base]];
    vals.length = top.base;
    vals.push(tape.push(INDEX, start, this.lex.end, 0, count));
    this.depth--;
    this.lex.next(this.depth > 0);
  }

  /** At the `)` of a call whose arguments are all reduced. */
  private closeCall(top: Extract<Pending, { t: 'call' }>): void {
    this.ops.pop();
    const count = this.vals.length - top.base;
    this.vals.length = top.base;
    this.vals.push(this.tape.push(CALL, top.fnStart, this.lex.end, this.tape.nameId(top.fn), count));
    this.depth--;
    this.lex.next(this.depth > 0);
  }

  /** `;` inside brackets: the items since the last row become a row (mathjs's `[1,2;3,4]`). */
  private endRow(top: Extract<Pending, { t: 'array' }>): void {
    this.row(top.rowBase);
    top.rows = true;
    top.afterComma = false;
    top.rowBase = this.vals.length;
    this.lex.next(true);
  }

  /** The operands from `base` on become one array entry (a row), spanning its items. */
  private row(base: number): void {
    const { vals, tape } = this;
    const count = vals.length - base;
    const span = { start: tape.start[vals[base]], end: tape.end[vals[vals.length - 1]] };
    vals.length = base;
    vals.push(tape.push(ARRAY, span.start, span.end, 0, count));
  }

  private closeArray(top: Extract<Pending, { t: 'array' }>): void {
    const tape = this.tape;
    if (top.rows) {
      if (this.vals.length > top.rowBase) this.row(top.rowBase);
      // mathjs rejects ragged `;` rows at parse time (nested [[..],[..]] it leaves to evaluation)
      const rows = this.vals.slice(top.base);
      const cols = tape.b[rows[0]];
      for (const row of rows) {
        if (tape.b[row] !== cols) {
          throw this.error('shape', `matrix rows have different lengths (${tape.b[row]} and ${cols})`, tape.span(row));
        }
      }
    }
    this.ops.pop();
    const count = this.vals.length - top.base;
    this.vals.length = top.base;
    this.vals.push(tape.push(ARRAY, top.open, this.lex.end, 0, count));
    this.depth--;
    this.lex.next(this.depth > 0);
  }

  /** Expression mode: after the expression only blank lines and comments may follow. */
  private expectEnd(): void {
    const lex = this.lex;
    if (lex.kind === NEWLINE) lex.next(true);
    if (lex.kind !== EOF) throw this.error('syntax', 'expected a single expression', this.tokenSpan());
  }

  /** Names mathjs treats specially at operand position; returns a value for NaN / Infinity. */
  private keywordOperand(id: string, start: number, end: number): number | undefined {
    switch (id) {
      case 'NaN':
        return NaN;
      case 'Infinity':
        return Infinity;
      case 'not':
        throw this.error('unsupported', 'logical operators (not) are not supported', { start, end });
      case 'true':
      case 'false':
        throw this.error('unsupported', `boolean values are not supported (${id})`, { start, end });
      case 'null':
      case 'undefined':
        throw this.error('unsupported', `${id} is not supported`, { start, end });
    }
    return undefined;
  }

}
