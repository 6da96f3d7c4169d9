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

/**
 * Each size in fresh processes (bench/build-worker.mjs: warmed on a small program, then one
 * build), alternating sizes over RUNS rounds: a command builds one graph per process, and
 * repeated builds in one process would mostly measure the collection of the ones before.
 */
function fresh() {
  const sizes = [1700, 17000, 170000];
  const got = new Map(sizes.map((t) => [t, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const terms of sizes) {
      const r = spawnSync(process.execPath, [here('./build-worker.mjs'), String(terms)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`build-worker ${terms} failed: ${r.stderr}`);
      got.get(terms).push(JSON.parse(r.stdout));
    }
  }
  const perNode = [];
  const rows = sizes.map((terms) => {
    const rs = got.get(terms);
    const n = rs[0].nodes;
    const ms = median(rs.map((r) => r.ms));
    const cpu = median(rs.map((r) => r.cpu_ms));
    perNode.push((ms * 1e3) / n);
    return [n.toLocaleString('en'), `${(rs[0].bytes / 1e6).toFixed(2)} MB`, fmt(ms), ((ms * 1e3) / n).toFixed(2), fmt(cpu), ((cpu * 1e3) / n).toFixed(2)];
  });
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
  const { rows, perNode } = fresh();
  const { t, nodes, bytes } = wholeProcess();
  const cgMs = median(t.cg);
  return [
    {
      title: `Text → graph (lex, parse, lower, hash-cons), one build per fresh process after a warm-up, median of ${RUNS}`,
      head: ['nodes', 'source', 'median ms', 'µs/node', 'CPU ms', 'CPU µs/node'],
      rows,
      notes: [
        `goal: ≤ 1.5 µs/node (wall) at every size; here the worst is ${Math.max(...perNode).toFixed(2)}`,
        'CPU time: all the process\'s threads (V8\'s collector helpers too) while it built; wall time grows with other load, CPU time much less',
      ],
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
