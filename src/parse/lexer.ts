import { CgError } from '../errors.js';

/**
 * A pull lexer over `src[pos, limit)` that follows mathjs's tokenizer (parse.js getToken):
 * same whitespace, comments, number forms, names and longest-match operators. It keeps the
 * current token in fields instead of allocating token objects, so a 10 MB program lexes
 * without garbage. Single-character tokens use their char code as kind.
 */

export const EOF: number = -1;
export const NEWLINE: number = 10;
export const NUMBER: number = 256;
export const NAME: number = 257;
export const DOT_STAR: number = 258;
export const DOT_SLASH: number = 259;
export const DOT_CARET: number = 260;
/** `0x1F`, `0b101`, `0o17`: mathjs literals cg rejects. */
export const RADIX: number = 261;
/** Other multi-character mathjs operators: == != <= >= << >> >>> ^| ?? ?. */
export const MULTI: number = 262;
/** A character mathjs has no token for. */
export const UNKNOWN: number = 263;

export const DQUOTE: number = 34; // "
export const PERCENT: number = 37; // %
export const AMP: number = 38; // &
export const QUOTE: number = 39; // '
export const LPAREN: number = 40; // (
export const RPAREN: number = 41; // )
export const STAR: number = 42; // *
export const PLUS: number = 43; // +
export const COMMA: number = 44; // ,
export const MINUS: number = 45; // -
export const DOT: number = 46; // .
export const SLASH: number = 47; // /
export const COLON: number = 58; // :
export const SEMI: number = 59; // ;
export const LT: number = 60; // <
export const EQ: number = 61; // =
export const GT: number = 62; // >
export const QUESTION: number = 63; // ?
export const LBRACK: number = 91; // [
export const RBRACK: number = 93; // ]
export const CARET: number = 94; // ^
export const LBRACE: number = 123; // {
export const PIPE: number = 124; // |
export const RBRACE: number = 125; // }
export const TILDE: number = 126; // ~
export const BANG: number = 33; // !

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Low surrogates after U+D835 that are unassigned in Mathematical Alphanumeric Symbols (mathjs excludes them). */
const RESERVED_MATH_LOW = new Set([
  0xdc55, 0xdc9d, 0xdca0, 0xdca1, 0xdca3, 0xdca4, 0xdca7, 0xdca8, 0xdcad, 0xdcba, 0xdcbc, 0xdcc4, 0xdd06,
  0xdd0b, 0xdd0c, 0xdd15, 0xdd1d, 0xdd3a, 0xdd3f, 0xdd45, 0xdd47, 0xdd48, 0xdd49, 0xdd51, 0xdea6, 0xdea7,
  0xdfcc, 0xdfcd,
]);

/** Code units a name character takes at `i` (0 if none): mathjs's parse.isAlpha. */
function alphaLength(src: string, i: number, limit: number): number {
  const c = src.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36) return 1; // a-z A-Z _ $
  if (c < 0xc0) return 0;
  if (c <= 0x2af || (c >= 0x370 && c <= 0x3ff) || (c >= 0x2100 && c <= 0x214f)) return 1;
  if (c === 0xd835 && i + 1 < limit) {
    const lo = src.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff && !RESERVED_MATH_LOW.has(lo)) return 2;
  }
  return 0;
}

/** End of the name starting at `i`, or `i` if there is none there. */
export function scanName(src: string, i: number, limit: number): number {
  let n = alphaLength(src, i, limit);
  if (n === 0) return i;
  i += n;
  while (i < limit) {
    const c = src.charCodeAt(i);
    if (isDigit(c)) i++;
    else if ((n = alphaLength(src, i, limit)) > 0) i += n;
    else break;
  }
  return i;
}

/** 10^k for k ≤ 15, each exact in a double. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** A `.` that is a decimal point: not the start of `.*`, `./`, `.^` (mathjs isDecimalMark). */
function isDecimalMark(src: string, i: number, limit: number): boolean {
  if (i >= limit || src.charCodeAt(i) !== DOT) return false;
  const n = i + 1 < limit ? src.charCodeAt(i + 1) : 0;
  return n !== STAR && n !== SLASH && n !== CARET;
}

export class Lexer {
  kind = EOF;
  start = 0;
  end = 0;
  /** Value of a NUMBER token. */
  value = 0;
  /** End of the token before the current one (where "unexpected end" points). */
  prevEnd = 0;
  private pos: number;

  constructor(
    readonly src: string,
    pos: number,
    readonly limit: number,
  ) {
    this.pos = pos;
    this.prevEnd = pos;
  }

  text(): string {
    return this.src.slice(this.start, this.end);
  }

  /**
   * Advance to the next token. Newlines separate statements in mathjs only outside brackets
   * and where an operand is complete, so the parser says when they are plain whitespace.
   */
  next(skipNewlines: boolean): void {
    const src = this.src;
    const limit = this.limit;
    let pos = this.pos;
    this.prevEnd = this.end;
    let c = 0;
    for (; pos < limit; pos++) {
      c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 0xa0 || c === 13) continue; // '\r' too: files may have CRLF
      if (c === 10 && skipNewlines) continue;
      if (c === 35) {
        // '#' comment up to (not including) the newline
        while (pos + 1 < limit && src.charCodeAt(pos + 1) !== 10) pos++;
        continue;
      }
      break;
    }
    this.start = pos;
    if (pos >= limit) {
      this.kind = EOF;
      this.start = this.end = this.pos = limit;
      return;
    }
    const c1 = pos + 1 < limit ? src.charCodeAt(pos + 1) : 0;
    let kind: number = c;
    let len = 1;
    switch (c) {
      case DOT:
        if (c1 === STAR) (kind = DOT_STAR), (len = 2);
        else if (c1 === SLASH) (kind = DOT_SLASH), (len = 2);
        else if (c1 === CARET) (kind = DOT_CARET), (len = 2);
        else if (isDigit(c1)) return this.number(pos);
        break;
      case EQ:
      case BANG:
        if (c1 === EQ) (kind = MULTI), (len = 2);
        break;
      case LT:
        if (c1 === LT || c1 === EQ) (kind = MULTI), (len = 2);
        break;
      case GT:
        if (c1 === GT) {
          kind = MULTI;
          len = pos + 2 < limit && src.charCodeAt(pos + 2) === GT ? 3 : 2;
        } else if (c1 === EQ) (kind = MULTI), (len = 2);
        break;
      case CARET:
        if (c1 === PIPE) (kind = MULTI), (len = 2);
        break;
      case QUESTION: {
        // `?.3` is `? .3` (a conditional), as in mathjs
        const c2 = pos + 2 < limit ? src.charCodeAt(pos + 2) : 0;
        if (c1 === QUESTION || (c1 === DOT && !isDigit(c2))) (kind = MULTI), (len = 2);
        break;
      }
      case NEWLINE: case DQUOTE: case PERCENT: case AMP: case QUOTE: case LPAREN: case RPAREN: case STAR:
      case PLUS: case COMMA: case MINUS: case SLASH: case COLON: case SEMI: case LBRACK: case RBRACK:
      case LBRACE: case PIPE: case RBRACE: case TILDE:
        break;
      default:
        if (isDigit(c)) return this.number(pos);
        {
          const e = scanName(src, pos, limit);
          if (e > pos) {
            this.kind = NAME;
            this.end = this.pos = e;
            return;
          }
        }
        kind = UNKNOWN;
        len = c >= 0xd800 && c <= 0xdbff && pos + 1 < limit ? 2 : 1; // a whole code point
    }
    this.kind = kind;
    this.end = this.pos = pos + len;
  }

  /** A number at `pos` (a digit, or `.` then a digit), following mathjs's getToken exactly. */
  private number(pos: number): void {
    const src = this.src;
    const limit = this.limit;
    const start = pos;
    if (src.charCodeAt(pos) === 48 && pos + 1 < limit) {
      const r = src.charCodeAt(pos + 1);
      if (r === 98 || r === 111 || r === 120) return this.radix(pos); // 0b 0o 0x
    }
    let simple = true; // digits and at most a decimal point: value computed without slicing
    let v = 0;
    while (pos < limit) {
      const d = src.charCodeAt(pos) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      pos++;
    }
    let fraction = 0; // digits after the point
    if (isDecimalMark(src, pos, limit)) {
      pos++;
      while (pos < limit) {
        const d = src.charCodeAt(pos) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        fraction++;
        pos++;
      }
    }
    const e = pos < limit ? src.charCodeAt(pos) : 0;
    if (e === 101 || e === 69) {
      // e / E: an exponent only if a digit or sign follows; otherwise `2e` is 2 then the name e
      const n = pos + 1 < limit ? src.charCodeAt(pos + 1) : 0;
      if (isDigit(n) || n === PLUS || n === MINUS) {
        simple = false;
        pos += isDigit(n) ? 1 : 2;
        if (pos >= limit || !isDigit(src.charCodeAt(pos))) this.badExponent(start, pos);
        while (pos < limit && isDigit(src.charCodeAt(pos))) pos++;
        if (isDecimalMark(src, pos, limit)) this.badExponent(start, pos);
      } else if (isDecimalMark(src, pos + 1, limit)) {
        this.badExponent(start, pos + 1);
      }
    }
    this.kind = NUMBER;
    this.start = start;
    this.end = this.pos = pos;
    // At most 15 digits (point aside): v is exact (< 2^53) and so is 10^fraction, and one
    // division of exact values is correctly rounded, as Number() is (the fast path of strtod).
    // Longer digit strings go through Number() so rounding matches mathjs exactly.
    this.value = simple && pos - start - (fraction > 0 ? 1 : 0) < 16 ? (fraction > 0 ? v / POW10[fraction] : v) : Number(src.slice(start, pos));
  }

  private radix(pos: number): void {
    const start = pos;
    pos += 2;
    for (;;) {
      if (pos >= this.limit) break;
      const c = this.src.charCodeAt(pos);
      if (isDigit(c) || c === DOT) pos++;
      else {
        const n = alphaLength(this.src, pos, this.limit);
        if (n === 0) break;
        pos += n;
      }
    }
    this.kind = RADIX;
    this.start = start;
    this.end = this.pos = pos;
  }

  private badExponent(start: number, at: number): never {
    const end = Math.min(at + 1, this.limit);
    throw new CgError('syntax', `invalid number ${this.src.slice(start, end)}: digit expected in the exponent`, {
      span: { start, end },
      source: this.src,
    });
  }
}
