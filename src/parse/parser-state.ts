import type { BinaryOp } from './ast.js';
import { CALL, NAME as NAME_NODE, Tape } from './tape.js';
import { CgError, type Span } from '../errors.js';
import {
  AMP, BANG, COLON, DOT, DQUOTE, EOF, GT, LBRACE, LBRACK, LPAREN, LT, Lexer, MULTI, NAME, NEWLINE, NUMBER, PERCENT, PIPE, QUESTION, QUOTE, RADIX, RBRACE, RPAREN, STAR, TILDE, UNKNOWN, scanName,
} from './lexer.js';

/** Pending operators and open brackets. Brackets have prec -1 so reductions stop at them. */
export type Pending =
  | { t: 'bin'; prec: number; op: BinaryOp; opStart: number; opEnd: number }
  | { t: 'unary'; prec: number; op: '-' | '+'; opStart: number }
  | { t: 'paren'; prec: -1; open: number }
  | { t: 'call'; prec: -1; open: number; fn: string; fnStart: number; base: number }
  | { t: 'array'; prec: -1; open: number; base: number; rowBase: number; rows: boolean; afterComma: boolean }
  /** `?` waiting for its `:`. */
  | { t: 'ques'; prec: -1; open: number }
  /** A conditional whose `:` was read: reduces test, then and else into one entry. */
  | { t: 'cond'; prec: number; opStart: number }
  /** An open index `A[`: items from itemBase; `colons` in the current item; `obj` the indexed entry; `dim` the item's position. */
  | { t: 'index'; prec: -1; open: number; base: number; itemBase: number; colons: number; obj: number; dim: number };

export type Bracket = Extract<Pending, { prec: -1 }>;

/**
 * The parser's state and its error messages: what went wrong and where, worded for people
 * (parser.ts holds the parsing itself). A base class, so the messages read the same stacks.
 */
export abstract class ParserState {
  readonly lex: Lexer;
  readonly tape: Tape;
  protected readonly src: string;
  /** Operands so far: their tape entries. */
  protected readonly vals: number[] = [];
  protected readonly ops: Pending[] = [];
  /** Open brackets; newlines are whitespace inside them (as in mathjs). */
  protected depth = 0;

  constructor(src: string, start: number, end: number) {
    this.src = src;
    this.lex = new Lexer(src, start, end);
    // About one entry per three characters of a typical program; the tape grows if not.
    this.tape = new Tape(Math.ceil((end - start) / 3) + 16);
  }

  protected badTarget(lhs: number): CgError {
    const eq = this.lex.end;
    const t = this.tape;
    // A call's arguments are the subtrees right before it: all names when the entries are.
    let allNames = t.kind[lhs] === CALL;
    for (let k = 1; allNames && k <= t.b[lhs]; k++) allNames = t.kind[lhs - k] === NAME_NODE;
    if (allNames) {
      return this.error('unsupported', 'function definitions are not supported', { start: t.start[lhs], end: eq });
    }
    return this.error('unsupported', 'can only assign to a name', t.span(lhs), 'write name = expression');
  }

  /** A token that cannot start an operand. */
  protected badOperand(): CgError {
    const lex = this.lex;
    const span = this.tokenSpan();
    const top = this.ops[this.ops.length - 1];
    switch (lex.kind) {
      case EOF:
        return this.error('syntax', 'unexpected end of expression', { start: lex.prevEnd, end: lex.prevEnd });
      case DQUOTE:
      case QUOTE:
        return this.error('unsupported', 'strings are not supported', this.stringSpan());
      case LBRACE:
        return this.error('unsupported', 'objects are not supported', span);
      case COLON:
        return this.error('unsupported', 'ranges (a:b) are not supported', span);
      case TILDE:
        return this.error('unsupported', 'bitwise operators (~) are not supported', span);
      case RADIX:
        return this.radixError();
      case UNKNOWN:
        return this.unknownChar();
      case STAR:
        if (top?.t === 'bin' && top.op === '*' && top.opEnd === lex.start) {
          return this.error('syntax', 'unexpected operator **', { start: top.opStart, end: lex.end }, 'use ^ for powers');
        }
        break;
      case RPAREN:
        if (top?.t === 'paren') return this.error('syntax', 'empty parentheses', { start: top.open, end: lex.end });
        if (top?.t === 'call') return this.error('syntax', 'missing argument after ,', span);
        break;
    }
    return this.error('syntax', `unexpected ${lex.kind === NEWLINE ? 'newline' : lex.text()}`, span);
  }

  /** A token that cannot follow a complete operand. */
  protected badOperator(): CgError {
    const lex = this.lex;
    const span = this.tokenSpan();
    const text = lex.text();
    switch (lex.kind) {
      case NAME:
        switch (text) {
          case 'mod':
            return this.error('unsupported', 'the mod operator is not supported', span);
          case 'to':
          case 'in':
            return this.error('unsupported', `unit conversion (${text}) is not supported`, span);
          case 'and':
          case 'or':
          case 'xor':
          case 'not':
            return this.error('unsupported', `logical operators (${text}) are not supported`, span);
        }
        return this.implicitMultiplication();
      case NUMBER:
      case LPAREN:
        return this.implicitMultiplication();
      case DOT: {
        const end = scanName(this.src, lex.end, this.lex.limit);
        if (end > lex.end) return this.error('unsupported', 'property access (a.b) is not supported', { start: lex.start, end });
        break;
      }
      case COLON:
        return this.error('unsupported', 'ranges (a:b) are not supported', span);
      case BANG:
        return this.error('unsupported', 'factorial (!) is not supported', span);
      case PERCENT:
        return this.error('unsupported', 'the % operator (modulus, percentage) is not supported', span);
      case AMP:
      case PIPE:
      case TILDE:
        return this.error('unsupported', `bitwise operators (${text}) are not supported`, span);
      case MULTI:
        if (text === '??') return this.error('unsupported', 'the ?? operator is not supported', span);
        if (text === '?.') return this.error('unsupported', 'property access (?.) is not supported', span);
        if (text === '<<' || text === '>>' || text === '>>>' || text === '^|') {
          return this.error('unsupported', `bitwise operators (${text}) are not supported`, span);
        }
        return this.error('syntax', `unexpected ${text}`, span);
      case DQUOTE:
        return this.error('unsupported', 'strings are not supported', this.stringSpan());
      case LBRACE:
        return this.error('unsupported', 'objects are not supported', span);
      case RBRACE:
        break;
      case RADIX:
        return this.radixError();
      case UNKNOWN:
        return this.unknownChar();
    }
    return this.error('syntax', `unexpected ${text}`, span);
  }

  /** An operand directly followed by another (`2x`, `2 pi`, `(a)(b)`): mathjs multiplies, cg refuses. */
  protected implicitMultiplication(): CgError {
    const lex = this.lex;
    const left = this.tape.span(this.vals[this.vals.length - 1]!);
    const l = this.src.slice(left.start, left.end);
    let r: string | undefined = lex.text();
    // echo a following call or parenthesis whole: `write 2*(x)`, `write sin(x)*cos(x)`
    let open = lex.end;
    while (open < lex.limit && this.src.charCodeAt(open) === 32) open++;
    if (lex.kind === LPAREN || (lex.kind === NAME && this.src.charCodeAt(open) === LPAREN)) {
      const from = lex.kind === LPAREN ? lex.start : open;
      const close = this.matchingParen(from);
      r = close < 0 ? undefined : this.src.slice(lex.start, close + 1);
    }
    const short = (s: string | undefined) => s !== undefined && s.length <= 24 && !s.includes('\n');
    let hint = short(l) && short(r) ? `write ${l}*${r}` : 'write * between the factors';
    if (this.innermostBracket()?.t === 'array' && short(l) && short(r)) hint += `, or ${l}, ${r} for two elements`;
    return this.error('syntax', 'implicit multiplication is not supported', { start: left.start, end: lex.end }, hint);
  }

  /** Index of the `)` matching the `(` at `open`, looking a short way ahead only (for hints). */
  protected matchingParen(open: number): number {
    let depth = 0;
    const stop = Math.min(this.lex.limit, open + 25);
    for (let i = open; i < stop; i++) {
      const c = this.src.charCodeAt(i);
      if (c === LPAREN) depth++;
      else if (c === RPAREN && --depth === 0) return i;
    }
    return -1;
  }

  protected innermostBracket(): Bracket | undefined {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const op = this.ops[i]!;
      if (op.prec === -1) return op as Bracket;
    }
    return undefined;
  }

  /** A closer or `;` that does not match the innermost open bracket. */
  protected mismatched(top: Pending | undefined): CgError {
    const text = this.lex.text();
    if (top === undefined) return this.error('syntax', `unmatched ${text}`, this.tokenSpan());
    if (top.t === 'ques') return this.error('syntax', 'a conditional needs its : (write c ? a : b)', { start: top.open, end: top.open + 1 });
    const expected = top.t === 'array' || top.t === 'index' ? ']' : ')';
    return this.error('syntax', `unexpected ${text}, expected ${expected}`, this.tokenSpan());
  }

  /** End of input inside brackets: point at the innermost unclosed one. */
  protected unclosed(): CgError {
    const b = this.innermostBracket()!;
    if (b.t === 'ques') return this.error('syntax', 'a conditional needs its : (write c ? a : b)', { start: b.open, end: b.open + 1 });
    const ch = b.t === 'array' || b.t === 'index' ? '[' : '(';
    return this.error('syntax', `unclosed ${ch}`, { start: b.open, end: b.open + 1 });
  }

  protected radixError(): CgError {
    const kind = { b: 'binary', o: 'octal', x: 'hexadecimal' }[this.src[this.lex.start + 1] as 'b' | 'o' | 'x'];
    return this.error('unsupported', `${kind} literals are not supported`, this.tokenSpan());
  }

  protected unknownChar(): CgError {
    return this.error('syntax', `unexpected character ${this.lex.text()}`, this.tokenSpan());
  }

  /** The span of a string literal starting at the current quote (to its closing quote if any). */
  protected stringSpan(): Span {
    const { src, lex } = this;
    const quote = src.charCodeAt(lex.start);
    for (let i = lex.start + 1; i < lex.limit; i++) {
      const c = src.charCodeAt(i);
      if (c === 92) i++; // backslash escape
      else if (c === quote) return { start: lex.start, end: i + 1 };
    }
    return this.tokenSpan();
  }

  protected tokenSpan(): Span {
    return { start: this.lex.start, end: this.lex.end };
  }

  protected error(code: 'syntax' | 'unsupported' | 'shape' | 'limit', message: string, span: Span, hint?: string): CgError {
    return new CgError(code, message, { span, source: this.src, hint });
  }
}
