/** A source range, as UTF-16 offsets into the text the error is about. */
export interface Span {
  start: number;
  end: number;
}

export type ErrorCode =
  | 'syntax'
  | 'unsupported'
  | 'unknown-function'
  | 'arity'
  | 'unbound'
  | 'cycle'
  | 'reassign'
  | 'empty'
  | 'shape'
  | 'value'
  | 'usage'
  | 'io'
  | 'backend'
  | 'limit';

/**
 * The one error type users see. `source` is the text `span` points into (an expression,
 * an `--at` value, a file) so the handler can draw a caret under it.
 */
export class CgError extends Error {
  readonly code: ErrorCode;
  readonly span?: Span;
  readonly source?: string;
  readonly hint?: string;
  /** Exit status: 2 for bad input (the default), 1 for a failed check. */
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { span?: Span; source?: string; hint?: string; exitCode?: number } = {},
  ) {
    super(message);
    this.name = 'CgError';
    this.code = code;
    this.span = opts.span;
    this.source = opts.source;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 2;
  }

  /** The same error pointing into a different source (e.g. after re-parsing a sub-string). */
  withSource(source: string, offset = 0): CgError {
    const span = this.span && { start: this.span.start + offset, end: this.span.end + offset };
    return new CgError(this.code, this.message, { span, source, hint: this.hint, exitCode: this.exitCode });
  }
}

/**
 * The one-line message plus, when there is a span, the offending source line and a caret
 * line under the span. Multi-line sources show only the line the span starts on.
 */
export function formatError(err: CgError): string {
  let out = `error: ${err.message}`;
  if (err.hint) out += ` (${err.hint})`;
  if (err.span && err.source !== undefined) {
    const { line, col, lineNo, multiLine } = clip(locate(err.source, err.span.start));
    const width = Math.max(1, Math.min(err.span.end, err.span.start + line.length - col) - err.span.start);
    const prefix = multiLine ? `  ${lineNo} | ` : '  ';
    out += `\n${prefix}${line}\n${' '.repeat(prefix.length + col)}${'^'.repeat(width)}`;
  }
  return out;
}

function locate(source: string, offset: number) {
  const before = source.lastIndexOf('\n', offset - 1) + 1;
  let after = source.indexOf('\n', offset);
  if (after < 0) after = source.length;
  const lineNo = source.slice(0, before).split('\n').length;
  const raw = source.slice(before, after);
  // Tabs would misalign the caret; draw them as single spaces.
  return { line: raw.replace(/\t/g, ' '), col: offset - before, lineNo, multiLine: source.includes('\n') };
}

/** A long line (a 40 KB --at, a minified program) shown as a window around the caret. */
function clip(at: ReturnType<typeof locate>): ReturnType<typeof locate> {
  const WIDTH = 100;
  if (at.line.length <= WIDTH) return at;
  const from = Math.max(0, Math.min(at.col - WIDTH / 2, at.line.length - WIDTH));
  const head = from > 0 ? '…' : '';
  const tail = from + WIDTH < at.line.length ? '…' : '';
  return { ...at, line: `${head}${at.line.slice(from, from + WIDTH)}${tail}`, col: at.col - from + head.length };
}
