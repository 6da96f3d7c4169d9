// `cg check` at 1,000 / 10,000 / 50,000 cases: peak resident memory, per case, and time, for a
// full run and for `--list` (issue 25, item 10: the goal is ≤ 10 KB a case and 50,000 cases in
// ≤ 10 s). The cases are small scalar ones with expected values; each size runs once (the
// figures are big and slow enough for one run to say it), in its own process.
// BENCH_CHECK_SIZES: the sizes, comma-separated (default 1000,10000,50000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.mjs';

const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
const peak = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url));
const SIZES = (process.env.BENCH_CHECK_SIZES ?? '1000,10000,50000').split(',').map(Number);

function caseFile(n) {
  const out = ['cases:'];
  for (let i = 0; i < n; i++) {
    const k = (i % 5) + 2;
    const x = ((i % 7) + 1) / 10;
    // d/dx (x^k + sin(x)*y) = k x^(k-1) + cos(x) y; y = 0.5.
    out.push(`  - name: "c${i}"`, `    expr: "x^${k} + sin(x)*y"`, `    at: {x: ${x}, y: 0.5}`);
    out.push(`    expect: {gradient: {x: ${k * x ** (k - 1) + Math.cos(x) * 0.5}, y: ${Math.sin(x)}}}`);
  }
  return `${out.join('\n')}\n`;
}

function measure(args) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-peak-'));
  const file = join(dir, 'peak.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', peak, bin, ...args], { env: { ...process.env, CG_BENCH_PEAK_FILE: file, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = (performance.now() - t0) / 1000;
  const p = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { code: r.status, s, ...p, tail: r.stdout.trim().split('\n').pop() };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-check-mem-'));
  const base = measure(['check', '--schema']);
  const rows = [];
  for (const n of SIZES) {
    const path = join(dir, `cases-${n}.yaml`);
    writeFileSync(path, caseFile(n));
    for (const [what, args] of [['run', ['check', path, '--reporter', 'json=/dev/null', '--reporter', 'text']], ['--list', ['check', path, '--list']]]) {
      const m = measure(args);
      const perCase = ((m.rss_mib - base.rss_mib) * 1024) / n;
      rows.push([n.toLocaleString('en'), what, m.code, fmt(m.s, 3), fmt(m.cpu_ms / 1000, 3), fmt(m.rss_mib, 1), fmt(perCase, 1)]);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      title: 'cg check: memory and time by number of cases',
      head: ['cases', 'what', 'exit', 'wall s', 'cpu s', 'peak RSS MiB', 'KiB per case (over an idle cg)'],
      rows,
      notes: [`an idle cg (check --schema): ${fmt(base.rss_mib, 1)} MiB`, 'goal (issue 25, item 10): ≤ 10 KB per case, 50,000 cases in ≤ 10 s', 'shared machine: wall times are noisy; cpu s is the work'],
    },
  ];
}
