import { summaryLine } from '../report.js';
import type { Report } from '../result.js';

/**
 * GitHub Actions workflow commands, one per line: an `::error` at the file and line of
 * every failed expectation or case, `::warning`/`::notice` for unused values and kinks,
 * and a closing `::notice` with the summary. Escaping as in @actions/core.
 */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | null>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${prop(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${data(message)}`;
}

export function renderGithub(r: Report): string {
  const lines: string[] = [];
  for (const c of r.cases) {
    for (const f of c.failures) {
      const title = `cg check: ${c.name} (${f.kind})`;
      const body = [f.message, f.rule && `rule: ${f.rule}`, `case: ${c.name}${c.file ? ` (${c.file}:${c.line})` : ''}`].filter(Boolean).join('\n');
      lines.push(command('error', { file: f.file, line: f.line, col: f.column, title }, body));
    }
    for (const n of c.notes) {
      const kind = n.kind === 'unused' || n.kind === 'inconclusive' ? 'warning' : 'notice';
      lines.push(command(kind, { file: c.file, line: c.line, col: c.column, title: `cg check: ${c.name} (${n.kind})` }, n.message));
    }
  }
  lines.push(command('notice', { title: 'cg check' }, summaryLine(r)));
  return `${lines.join('\n')}\n`;
}
