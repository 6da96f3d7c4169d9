import { byFile } from '../report.js';
import type { CaseResult, Report } from '../result.js';

/**
 * JUnit XML as Jenkins, GitLab and the GitHub test-report actions read it: one <testsuite>
 * per case file, one <testcase> per case, one <failure> per failed case (the first failure
 * as its message, all of them in its body), notes in <system-out>.
 */

// Characters XML 1.0 cannot hold at all, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string | number): string {
  return xmlText(String(s)).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(6);

function attrs(a: Record<string, string | number | null>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => ` ${k}="${xmlAttr(v!)}"`)
    .join('');
}

function failureBody(c: CaseResult): string {
  return c.failures
    .map((f) => {
      const lines = [`${f.kind}: ${f.message}`];
      if (f.rule) lines.push(`  rule: ${f.rule}`);
      if (f.file) lines.push(`  at ${f.file}:${f.line}`);
      return lines.join('\n');
    })
    .join('\n');
}

function testcase(c: CaseResult, classname: string): string {
  const head = `    <testcase${attrs({ name: c.name, classname, file: c.file, line: c.line, assertions: c.checks, time: seconds(c.duration_ms) })}`;
  const inner: string[] = [];
  // JUnit has no third verdict: inconclusive comparisons are a property, and notes in system-out.
  if (c.inconclusive) inner.push(`      <properties><property name="inconclusive" value="${c.inconclusive}"/></properties>`);
  if (c.failures.length) {
    const first = c.failures[0];
    const more = c.failures.length > 1 ? ` (and ${c.failures.length - 1} more)` : '';
    const tag = c.status === 'error' ? 'error' : 'failure';
    const types = [...new Set(c.failures.map((f) => f.kind))].join(',');
    inner.push(`      <${tag}${attrs({ message: `${first.message}${more}`, type: types })}>${xmlText(failureBody(c))}</${tag}>`);
  }
  if (c.notes.length) inner.push(`      <system-out>${xmlText(c.notes.map((n) => `note: ${n.message}`).join('\n'))}</system-out>`);
  return inner.length ? `${head}>\n${inner.join('\n')}\n    </testcase>` : `${head}/>`;
}

export function renderJunit(r: Report, now = new Date()): string {
  const timestamp = now.toISOString().replace(/\.\d+Z$/, '');
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = r.summary;
  out.push(`<testsuites${attrs({ name: `${r.shard ? `cg check (shard ${r.shard.index}/${r.shard.total})` : 'cg check'}${r.incomplete ? ` (incomplete: stopped by ${r.incomplete.signal} after ${r.incomplete.ran} of ${r.incomplete.of} cases)` : ''}`, tests: s.cases, failures: s.failed, errors: s.errors, skipped: 0, assertions: s.checks, time: seconds(s.duration_ms), timestamp })}>`);
  if (s.inconclusive) out.push(`  <properties><property name="inconclusive" value="${s.inconclusive}"/></properties>`);
  for (const [file, cases] of byFile(r.cases)) {
    const name = file ?? 'command line';
    const failed = cases.filter((c) => c.status === 'failed').length;
    const errors = cases.filter((c) => c.status === 'error').length;
    const time = cases.reduce((t, c) => t + c.duration_ms, 0);
    const checks = cases.reduce((t, c) => t + c.checks, 0);
    out.push(`  <testsuite${attrs({ name, tests: cases.length, failures: failed, errors, skipped: 0, assertions: checks, time: seconds(time), timestamp, file })}>`);
    const classname = (file ?? 'cg check').replace(/\.(ya?ml|json)$/i, '').replace(/\//g, '.');
    for (const c of cases) out.push(testcase(c, classname));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
