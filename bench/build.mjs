// Text → graph (lex, parse, lower, hash-cons) per node from 10^4 to 10^6 nodes, in process;
// and a whole `cg grad -f` of the 806k-node program (reverse, no check) against `node -e 0`,
// interleaved, with its peak RSS. The program is bench/program.mjs's (as bench/grad.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../dist/lib.mjs';
import { program, values } from './program.mjs';
import { fmt, median } from './stats.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 5);

function inProcess() {
  const env = values();
  const rows = [];
  const perNode = [];
  for (const terms of [1700, 17000, 170000]) {
    const src = program(terms);
    const reps = terms > 100000 ? 7 : terms > 10000 ? 15 : 41;
    let n = 0;
    for (let i = 0; i < Math.min(reps, 5); i++) n = buildGraph(src, env).graph.nodes.length;
    const ts = [];
    for (let i = 0; i < reps; i++) {
      const t0 = process.hrtime.bigint();
      buildGraph(src, env);
      ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const ms = median(ts);
    perNode.push((ms * 1e3) / n);
    rows.push([n.toLocaleString('en'), `${(src.length / 1e6).toFixed(2)} MB`, fmt(ms), ((ms * 1e3) / n).toFixed(2)]);
  }
  return { rows, perNode };
}

function wholeProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-build-'));
  try {
    const prog = join(dir, 'prog.txt');
    const at = join(dir, 'at.json');
    writeFileSync(prog, program(170000));
    writeFileSync(at, JSON.stringify(Object.fromEntries(values())));
    const peakFile = join(dir, 'peak');
    const run = (args) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', CG_BENCH_PEAK_FILE: peakFile } });
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const cg = ['--require', here('./peak-rss.cjs'), here('../bin/cg.js'), 'grad', '-f', prog, '--at-file', at, '--mode', 'reverse', '--no-check'];
    const t = { node: [], cg: [], rss: [], cpu: [] };
    for (let i = 0; i < RUNS; i++) {
      t.node.push(run(['-e', '0']));
      t.cg.push(run(cg));
      const { rss_mib: rss, cpu_ms: cpu } = JSON.parse(readFileSync(peakFile, 'utf8'));
      t.rss.push(rss);
      t.cpu.push(cpu);
    }
    const nodes = buildGraph(readFileSync(prog, 'utf8'), values()).graph.nodes.length;
    return { t, nodes, bytes: readFileSync(prog).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function build() {
  const { rows, perNode } = inProcess();
  const { t, nodes, bytes } = wholeProcess();
  const cgMs = median(t.cg);
  return [
    {
      title: 'Text → graph (lex, parse, lower, hash-cons), in process, median of repeated runs',
      head: ['nodes', 'source', 'median ms', 'µs/node'],
      rows,
      notes: [`goal: ≤ 1.5 µs/node at every size; here the worst is ${Math.max(...perNode).toFixed(2)}`],
    },
    {
      title: `Whole process: cg grad -f (${nodes.toLocaleString('en')} nodes, ${(bytes / 1e6).toFixed(1)} MB) --mode reverse --no-check, median of ${RUNS} interleaved runs`,
      head: ['command', 'median ms', 'vs node -e 0', 'CPU ms (user+sys)', 'peak RSS MiB (median, max)'],
      rows: [
        ['node -e 0', fmt(median(t.node)), '1.00×', '-', '-'],
        ['cg grad -f prog.txt', fmt(cgMs), `${(cgMs / median(t.node)).toFixed(1)}×`, fmt(median(t.cpu)), `${median(t.rss).toFixed(0)}, ${Math.max(...t.rss).toFixed(0)}`],
      ],
      notes: [
        'goal: ≤ 2500 ms wall; peak RSS ≤ 300 MiB (VmHWM of the cg process)',
        `CPU time includes V8's collector and compiler threads; load average at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
      ],
    },
  ];
}
