import { performance } from 'node:perf_hooks';
import { version } from '../../util/version.js';
import { RULES, type CaseResult, type Report } from './result.js';

/** The results of a run, summed up: the object `--reporter json` prints. */
export function makeReport(cases: CaseResult[], startedAt: number, shard: Report['shard'] = null): Report {
  const failed = cases.filter((c) => c.status === 'failed').length;
  const errors = cases.filter((c) => c.status === 'error').length;
  return {
    tool: 'cg check',
    version,
    ok: failed + errors === 0,
    summary: {
      cases: cases.length,
      passed: cases.length - failed - errors,
      failed,
      errors,
      checks: cases.reduce((s, c) => s + c.checks, 0),
      inconclusive: cases.reduce((s, c) => s + c.inconclusive, 0),
      duration_ms: performance.now() - startedAt,
    },
    rules: RULES,
    cases,
    shard,
  };
}

/** Cases grouped by file, in order of first appearance (command-line cases under null). */
export function byFile(cases: CaseResult[]): Map<string | null, CaseResult[]> {
  const out = new Map<string | null, CaseResult[]>();
  for (const c of cases) {
    const list = out.get(c.file) ?? [];
    list.push(c);
    out.set(c.file, list);
  }
  return out;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(r: Report): string {
  const s = r.summary;
  const parts = [`${s.passed} passed`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.errors) parts.push(`${plural(s.errors, 'error')}`);
  const shard = r.shard ? ` (shard ${r.shard.index}/${r.shard.total}; ${r.shard.of} in all)` : '';
  const undecided = s.inconclusive ? ` (${s.inconclusive} inconclusive)` : '';
  const cut = r.incomplete ? `; INCOMPLETE: stopped by ${r.incomplete.signal} after ${r.incomplete.ran} of ${r.incomplete.of} cases` : '';
  return `${plural(s.cases, 'case')}${shard}: ${parts.join(', ')}; ${plural(s.checks, 'check')}${undecided} in ${s.duration_ms.toFixed(0)} ms${cut}`;
}
