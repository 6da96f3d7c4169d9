import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CgError } from '../../errors.js';
import { writeOutput } from '../../util/files.js';
import type { CaseResult } from './result.js';

/**
 * Problems found before anything ran (a bad case file, an unknown name) as case results of
 * status `error`, one per problem, at the file and line it names: so the JUnit file and the
 * GitHub annotations a CI step publishes show them, rather than nothing.
 */
export function problemCases(errors: readonly CgError[]): CaseResult[] {
  return errors.map((e, i) => {
    const m = /^(.+?):(\d+):(\d+): ([\s\S]*)$/.exec(e.message);
    const file = m ? m[1] : null;
    const line = m ? Number(m[2]) : null;
    const column = m ? Number(m[3]) : null;
    const what = (m ? m[4] : e.message) + (e.hint ? ` (${e.hint})` : '');
    return {
      name: `problem ${i + 1}: ${what.length > 100 ? `${what.slice(0, 99)}…` : what}`,
      file,
      line,
      column,
      expression: '',
      status: 'error',
      ok: false,
      checks: 0,
      inconclusive: 0,
      duration_ms: 0,
      rtol: 0,
      atol: 0,
      value: null,
      gradient: null,
      points: null,
      failures: [
        {
          kind: 'error', component: 'input', point: null, at: null, analytic: null, numeric: null, expected: null,
          abs_err: null, rel_err: null, tol: null, rule: null, decided_by: null, message: what, file, line, column,
        },
      ],
      notes: [],
      sweep: null,
    };
  });
}

/** A report file, its folder created first (`--reporter junit=reports/x.xml`); see writeOutput. */
export function writeReport(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch {
    // writeOutput says what went wrong.
  }
  writeOutput(path, text);
}
