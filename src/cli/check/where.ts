import { CgError, type ErrorCode } from '../../errors.js';
import type { Where } from './spec.js';

/** `file:line:col`, as compilers and editors print it. */
export const whereText = (w: Where) => `${w.file}:${w.line}:${w.column}`;

/**
 * A CgError that points into a case file: the message starts with `file:line:col` and,
 * when the line's text is known, the caret sits under the offending text in that line.
 */
export function errorAt(
  where: Where | undefined,
  code: ErrorCode,
  message: string,
  opts: { hint?: string; width?: number } = {},
): CgError {
  if (!where) return new CgError(code, message, { hint: opts.hint });
  const start = where.column - 1;
  return new CgError(code, `${whereText(where)}: ${message}`, {
    hint: opts.hint,
    source: where.text,
    span: where.text === undefined ? undefined : { start, end: start + Math.max(1, opts.width ?? where.width ?? 1) },
  });
}
