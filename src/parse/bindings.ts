import type { Binding } from './ast.js';
import { CgError, type Span } from '../errors.js';
import { scanName } from './lexer.js';
import { parseExpressionIn } from './parser.js';

const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const EQ = 61;
const LBRACK = 91;
const RBRACK = 93;

/** Words that are values or operators in mathjs, so never a bindable name. */
const RESERVED = new Set(['NaN', 'Infinity', 'true', 'false', 'null', 'undefined', 'not']);

/**
 * An `--at` argument: `x=-2,y=5`, `a=pi/4`, `W=[[1,2],[3,4]],x=[1,-1]`. Commas inside
 * brackets belong to the value. Every span (names, values, errors) is an offset into `text`.
 */
export function parseBindings(text: string): Binding[] {
  const out: Binding[] = [];
  let start = 0;
  for (;;) {
    const end = itemEnd(text, start);
    out.push(parseItem(text, start, end));
    if (end >= text.length) return out;
    start = end + 1;
  }
}

/** The top-level comma ending the item that starts at `i` (or the end of text). */
function itemEnd(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LPAREN || c === LBRACK) depth++;
    else if ((c === RPAREN || c === RBRACK) && depth > 0) depth--;
    else if (c === COMMA && depth === 0) break;
  }
  return i;
}

function parseItem(text: string, start: number, end: number): Binding {
  const item = trim(text, start, end);
  const usage = (message: string, span: Span, hint = 'write NAME=VALUE, e.g. x=1,y=2') =>
    new CgError('usage', message, { span, source: text, hint });
  if (item.start === item.end) {
    // point at the stray comma, or at the (blank) text
    const at = end < text.length ? { start: end, end: end + 1 } : start > 0 ? { start: start - 1, end: start } : item;
    throw usage('empty binding in --at', at);
  }
  const eq = text.indexOf('=', item.start);
  if (eq < 0 || eq >= item.end) throw usage('expected NAME=VALUE in --at', item);
  const nameSpan = trim(text, item.start, eq);
  if (nameSpan.start === nameSpan.end) throw usage('missing name before =', { start: eq, end: eq + 1 });
  const name = text.slice(nameSpan.start, nameSpan.end);
  if (scanName(text, nameSpan.start, nameSpan.end) !== nameSpan.end || RESERVED.has(name)) {
    throw usage(`invalid name ${name.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1))}`, nameSpan, 'a name is a letter or _ followed by letters, digits, _');
  }
  const valueSpan = trim(text, eq + 1, item.end);
  if (valueSpan.start === valueSpan.end) {
    throw usage(`missing value for ${name}`, { start: eq, end: eq + 1 }, `write ${name}=VALUE`);
  }
  // `x=1 y=2`: a second binding after a space, not a product the parser would complain of.
  const next = /\s+[A-Za-z_]\w*\s*=/.exec(text.slice(valueSpan.start, valueSpan.end));
  if (next) {
    const at = valueSpan.start + next.index;
    throw usage(`bindings in --at need commas between them`, { start: at, end: at + next[0].length }, 'separate values with commas: x=1,y=2');
  }
  // `x=1;y=2`: a separator other than a comma, outside brackets.
  const semi = /[;]\s*[A-Za-z_]\w*\s*=/.exec(text.slice(valueSpan.start, valueSpan.end));
  if (semi) {
    const at = valueSpan.start + semi.index;
    throw usage(`bindings in --at are separated by commas, not '${semi[0][0]}'`, { start: at, end: at + 1 }, 'separate values with commas: x=1,y=2');
  }
  const value = parseExpressionIn(text, valueSpan.start, valueSpan.end);
  return { name, nameSpan, value, span: item };
}

function trim(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
