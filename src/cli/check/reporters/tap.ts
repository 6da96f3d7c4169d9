import { stringify } from 'yaml';
import { byFile, summaryLine } from '../report.js';
import type { CaseResult, Report } from '../result.js';

/**
 * TAP version 14: cases from a file are a subtest named after the file; every case is a
 * test point, with a YAML diagnostic block holding its failures (and notes).
 */

/** A description on one line with `#` and `\` escaped, as TAP 14 asks. */
const describe = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/#/g, '\\#');

function diagnostics(c: CaseResult): Record<string, unknown> | undefined {
  if (!c.failures.length && !c.notes.length) return undefined;
  const d: Record<string, unknown> = {};
  if (c.failures.length) {
    d.message = c.failures[0].message + (c.failures.length > 1 ? ` (and ${c.failures.length - 1} more)` : '');
    d.severity = c.status === 'error' ? 'error' : 'fail';
  }
  if (c.file) d.at = { file: c.file, line: c.line, column: c.column };
  d.expression = c.expression;
  if (c.failures.length) {
    d.failures = c.failures.map((f) => Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== null && k !== 'message')));
  }
  if (c.inconclusive) d.inconclusive = c.inconclusive;
  if (c.notes.length) d.notes = c.notes.map((n) => n.message);
  return d;
}

function points(cases: CaseResult[], indent: string): string[] {
  const out = [`${indent}1..${cases.length}`];
  cases.forEach((c, i) => {
    out.push(`${indent}${c.ok ? 'ok' : 'not ok'} ${i + 1} - ${describe(c.name)}`);
    const d = diagnostics(c);
    if (d) {
      const body = stringify(d, { lineWidth: 0 }).trimEnd().split('\n');
      out.push(`${indent}  ---`, ...body.map((l) => `${indent}  ${l}`), `${indent}  ...`);
    }
  });
  return out;
}

export function renderTap(r: Report): string {
  const out = ['TAP version 14'];
  const groups = byFile(r.cases);
  if (groups.size === 1 && groups.has(null)) out.push(...points(r.cases, ''));
  else {
    const files = [...groups];
    out.push(`1..${files.length}`);
    files.forEach(([file, cases], i) => {
      out.push(`# Subtest: ${describe(file ?? 'command line')}`);
      out.push(...points(cases, '    '));
      out.push(`${cases.every((c) => c.ok) ? 'ok' : 'not ok'} ${i + 1} - ${describe(file ?? 'command line')}`);
    });
  }
  out.push(`# ${summaryLine(r)}`);
  return `${out.join('\n')}\n`;
}
