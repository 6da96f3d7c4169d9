// `cg check` exists so CI can assert many gradients in one process: 1,000 scalar cases
// in one `cg check cases.yaml` against the same 1,000 checks as separate `cg grad --json`
// processes, measured side by side in one run.
// BENCH_CHECK_PROCS: how many of the separate processes to time (default 100, scaled to 1,000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, gradient, mulberry32 } from '../dist/lib.mjs';
import { fmt, median } from './stats.mjs';

const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
const CASES = 1000;
const PROCS = Math.min(CASES, Number(process.env.BENCH_CHECK_PROCS ?? 100));
const ROUNDS = 3;

/** 1,000 small scalar cases like `0.3*sin(a*b)*exp(0.1*c) + ...`, each with values and its expected value and gradient. */
export function makeCases() {
  const rand = mulberry32(7);
  const names = ['a', 'b', 'c', 'd'];
  const fns = ['sin', 'cos', 'tanh', 'exp', 'sigmoid'];
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  return Array.from({ length: CASES }, (_, i) => {
    const terms = Array.from({ length: 3 }, () => `${(rand() * 2 - 1).toFixed(4)}*${pick(fns)}(${pick(names)}*${pick(names)})*exp(0.1*${pick(names)})`);
    const expr = terms.join(' + ');
    const at = new Map(names.map((n) => [n, Number((rand() * 2 - 1).toFixed(4))]));
    const { graph } = buildGraph(expr, at);
    for (const n of names) if (!graph.vars.has(n)) at.delete(n);
    const g = gradient(graph, at, [...at.keys()]);
    return { name: `case ${i + 1}`, expr, at: Object.fromEntries(at), value: g.value, gradient: Object.fromEntries(g.gradient) };
  });
}

export function toYaml(cases) {
  const out = ['cases:'];
  for (const c of cases) {
    out.push(`  - name: "${c.name}"`, `    expr: "${c.expr}"`, `    at: ${JSON.stringify(c.at)}`);
    out.push(`    expect: { value: ${c.value}, gradient: ${JSON.stringify(c.gradient)}, rtol: 1e-9 }`);
  }
  return `${out.join('\n')}\n`;
}

function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`cg ${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export default async function check() {
  const cases = makeCases();
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-check-'));
  try {
    const file = join(dir, 'cases.yaml');
    const report = join(dir, 'report.json');
    writeFileSync(file, toYaml(cases));
    const atText = (at) => Object.entries(at).map(([k, v]) => `${k}=${v}`).join(',');
    const gradArgs = (c) => ['grad', c.expr, '--at', atText(c.at), '--json'];
    // Warm the file cache and the JIT's code cache for both.
    wall(['check', file, '--reporter', `json=${report}`]);
    wall(gradArgs(cases[0]));
    const one = [];
    const inProcess = [];
    const separate = [];
    // Interleaved rounds so drift on a shared machine hits both alike.
    for (let r = 0; r < ROUNDS; r++) {
      one.push(wall(['check', file, '--reporter', `json=${report}`]));
      inProcess.push(JSON.parse(readFileSync(report, 'utf8')).summary.duration_ms);
      for (let i = r; i < PROCS; i += ROUNDS) separate.push(wall(gradArgs(cases[i])));
    }
    const summary = JSON.parse(readFileSync(report, 'utf8')).summary;
    if (summary.passed !== CASES) throw new Error(`cg check: ${summary.failed} of ${CASES} cases failed`);
    const tOne = median(one);
    const perProc = separate.reduce((s, t) => s + t, 0) / separate.length;
    const tMany = perProc * CASES;
    const ratio = tOne / tMany;
    return [
      {
        title: `cg check: ${CASES.toLocaleString('en')} scalar cases in one process vs ${CASES.toLocaleString('en')} cg grad --json processes`,
        head: ['run', 'ms', 'per case ms', 'vs separate processes'],
        rows: [
          [`cg check cases.yaml (${CASES} cases, ${summary.checks} checks; median of ${ROUNDS})`, fmt(tOne), fmt(tOne / CASES, 3), `${(ratio * 100).toFixed(2)}% (1/${(1 / ratio).toFixed(0)})`],
          ['  of which inside the command (load YAML, validate, run, report)', fmt(median(inProcess)), fmt(median(inProcess) / CASES, 3), ''],
          [`${CASES} × cg grad EXPR --at ... --json (${separate.length} timed, mean × ${CASES})`, fmt(tMany), fmt(perProc), '100%'],
        ],
        notes: [
          `goal: one cg check process ≤ 1/20 of the separate processes; measured 1/${(1 / ratio).toFixed(0)}: ${ratio <= 1 / 20 ? 'met' : 'NOT met'}`,
          `the separate processes: ${separate.length} of the ${CASES} timed (BENCH_CHECK_PROCS=${CASES} times all), their mean scaled to ${CASES}`,
          'each case: value and reverse-mode gradient, finite-difference check of every component, expected value and gradient compared',
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
