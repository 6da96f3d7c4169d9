import type { ChalkInstance } from 'chalk';
import { fmtErr, fmtNum, table } from '../../output.js';
import { byFile, plural, summaryLine } from '../report.js';
import type { CaseResult, Failure, Report, SweepJson } from '../result.js';

/** Above this many cases only the ones that did not pass are listed. */
const LIST_ALL = 200;
/** At most this many failures in the table; `--reporter json` has them all. */
const MAX_FAILURES = 50;

const num = (v: number | null) => (v === null ? '' : fmtNum(v));
const err = (v: number | null) => (v === null ? '' : fmtErr(v));

/** People's report: a table of cases, a table of failures with their numbers, notes, sweeps, a summary. */
export async function renderText(r: Report, c: ChalkInstance): Promise<string> {
  const out: string[] = [];
  const mark = (k: CaseResult) => (k.ok ? c.green('✓') : k.status === 'error' ? c.red('!') : c.red('✗'));
  const listAll = r.cases.length <= LIST_ALL;
  for (const [file, cases] of byFile(r.cases)) {
    const shown = listAll ? cases : cases.filter((k) => !k.ok);
    if (!shown.length) continue;
    const anyFailed = shown.some((k) => !k.ok);
    const rows = shown.map((k) => [
      mark(k),
      k.name,
      plural(k.checks, 'check') + (k.points ? `, ${plural(k.points, 'point')}` : '') + (k.inconclusive ? `, ${k.inconclusive} inconclusive` : ''),
      ...(anyFailed ? [k.ok ? '' : plural(k.failures.length, k.status === 'error' ? 'error' : 'failure')] : []),
      ...(file ? [`line ${k.line}`] : []),
    ]);
    if (file) out.push(c.bold(file));
    out.push(await table(['', 'case', 'checks', ...(anyFailed ? ['failed'] : []), ...(file ? ['where'] : [])], rows));
  }
  // A single expression from the command line: show what was computed, as cg grad would.
  for (const k of r.cases) {
    if (k.file !== null || k.value === null) continue;
    const grad = Object.entries(k.gradient ?? {}).map(([n, v]) => `${n} = ${shown(v)}`).join(', ');
    out.push(`value ${shown(k.value)}; gradient ${grad}`);
  }
  if (!listAll && r.summary.passed) out.push(c.dim(`(${r.summary.passed} passing cases not listed; --reporter json lists every case)`));

  const failures = r.cases.flatMap((k) => k.failures);
  if (failures.length) {
    out.push('', c.bold(c.red('failures')));
    let budget = MAX_FAILURES;
    for (const k of r.cases) {
      if (!k.failures.length || budget <= 0) continue;
      const fs = k.failures.slice(0, budget);
      budget -= fs.length;
      out.push(`${mark(k)} ${c.bold(k.name)}${k.file ? c.dim(`  ${k.file}:${k.line}`) : ''}`);
      if (k.status === 'error') {
        out.push(`  ${fs[0].message}`);
        continue;
      }
      const points = fs.some((f) => f.point !== null);
      const rows = fs.map((f) => [
        f.component,
        ...(points ? [f.point === null ? '' : `#${f.point} ${pointText(f.at)}`] : []),
        f.kind,
        num(f.analytic),
        num(f.numeric),
        num(f.expected),
        err(f.abs_err),
        err(f.rel_err),
        err(f.tol),
        f.decided_by ?? '',
        f.line === null ? '' : `line ${f.line}`,
      ]);
      const head = ['component', ...(points ? ['point'] : []), 'check', 'analytic', 'numeric', 'expected', 'abs err', 'rel err', 'tol', 'decided by', 'where'];
      const right = head.map((h) => ['analytic', 'numeric', 'expected', 'abs err', 'rel err', 'tol'].includes(h));
      out.push(indent(await table(head, rows, right)));
      if (k.failures.length > fs.length) out.push(c.dim(`  ... and ${k.failures.length - fs.length} more`));
    }
    if (failures.length > MAX_FAILURES) out.push(c.dim(`(${MAX_FAILURES} of ${failures.length} failures shown; --reporter json lists all)`));
    out.push(...explain(failures, c));
  }
  const notes = r.cases.flatMap((k) => k.notes.map((n) => ({ k, n })));
  if (notes.length) {
    out.push('');
    for (const { k, n } of notes) {
      const label = n.kind === 'unused' ? c.yellow('warning:') : c.yellow('note:');
      out.push(`${label} ${k.name}${k.file ? ` (${k.file}:${k.line})` : ''}: ${n.message}`);
    }
  }
  for (const k of r.cases) {
    if (k.sweep) out.push('', ...(await renderSweep(k, c)));
  }
  out.push('', r.ok ? c.green(summaryLine(r)) : c.red(summaryLine(r)));
  return `${out.join('\n')}\n`;
}

/** A JSON value for people: numbers as cg prints them, lists nested. */
const shown = (v: unknown): string => (Array.isArray(v) ? `[${v.map(shown).join(', ')}]` : typeof v === 'number' ? fmtNum(v) : String(v));

const indent = (t: string) => t.split('\n').map((l) => `  ${l}`).join('\n');

const pointText = (at: Record<string, unknown> | null) =>
  Object.entries(at ?? {}).map(([k, v]) => `${k}=${typeof v === 'number' ? fmtNum(v, 6) : JSON.stringify(v)}`).join(', ');

/** Under the tables: the rules the failures broke, once each. */
function explain(fs: Failure[], c: ChalkInstance): string[] {
  const out: string[] = [];
  const rules = new Set<string>();
  for (const f of fs) if (f.rule) rules.add(f.rule.split(': ')[0]);
  for (const rule of rules) out.push(c.dim(`rule: ${rule}`));
  const decided = new Set(fs.map((f) => f.decided_by));
  if (decided.has('atol')) out.push(c.dim('decided by atol: the numbers are near zero, so the absolute tolerance bounds the error'));
  if (decided.has('estimate')) out.push(c.dim("decided by the estimate: the bound is 4× the quotient's own error estimate (truncation + measured rounding)"));
  if (fs.some((f) => f.kind === 'finite-difference')) out.push(c.dim('hint: --sweep shows the finite-difference error against the step size'));
  return out;
}

/** The error against the step: a bar per decade whose length is log10 of the error, so the V shows. */
async function renderSweep(k: CaseResult, c: ChalkInstance): Promise<string[]> {
  const out = [c.bold(`sweep: ${k.name}`) + c.dim(' (central differences; h = 10^-k·max(1,|x|))')];
  for (const s of k.sweep!) {
    out.push(`${s.component} = ${fmtNum(s.x)}: analytic ${fmtNum(s.analytic)}`);
    out.push(await table(['h', 'finite diff', 'abs err', ''], sweepRows(s), [true, true, true, false]));
    const ck = s.check;
    out.push(c.dim(`cg's check (${ck.method} from h ${fmtErr(ck.step)}): ± ${fmtErr(ck.error_estimate)}, abs err ${fmtErr(ck.abs_err)}, tol ${fmtErr(ck.tol)}, ${ck.verdict}; smallest central error ${fmtErr(s.best.abs_err)} at h ${fmtErr(s.best.h)}`));
  }
  return out;
}

const WIDTH = 40;

function sweepRows(s: SweepJson): string[][] {
  const logs = s.steps.map((r) => (r.abs_err > 0 && Number.isFinite(r.abs_err) ? Math.log10(r.abs_err) : undefined));
  const known = logs.filter((x): x is number => x !== undefined);
  // The smallest error gets a short bar, the largest a full one.
  const lo = known.length ? Math.min(...known) - 0.5 : 0;
  const hi = known.length ? Math.max(lo + 1, Math.max(...known)) : 1;
  return s.steps.map((r, i) => {
    const l = logs[i];
    const bar = l === undefined ? '' : '█'.repeat(Math.max(1, Math.round(((l - lo) / (hi - lo)) * WIDTH)));
    const mark = r.h === s.best.h ? ' ◀ smallest' : '';
    return [fmtErr(r.h), fmtNum(r.numeric), fmtErr(r.abs_err), bar + mark];
  });
}
