// Training throughput and memory: the three figures, with PyTorch side by side when
// it is installed (Debian's python3-torch; torch.set_num_threads(1), OPENBLAS_NUM_THREADS=2,
// OPENBLAS_CORETYPE from the CPU flags: its best settings on this 2-core machine).
//
// - large: 784-512-512-10 relu, softmax cross-entropy, SGD, batch 128, float32, random data:
//   samples/s with the OpenBLAS addon (auto) and with CG_BACKEND=ts; goal ≥ 0.8× PyTorch and
//   ≥ 800 samples/s without the addon.
// - small: 2-16-16-1 tanh, MSE, SGD, batch 32: steps/s; goal ≥ 2× PyTorch.
// - peak RSS of each run (VmHWM of the worker process; ru_maxrss for Python); goal: the large
//   run ≤ PyTorch's.
//
// Every run is its own process (bench/train/worker.mjs, bench/train/torch_mlp.py), whole
// epochs of the same loop (shuffle, gather, forward, backward, step); cg and PyTorch
// alternate over ROUNDS rounds and the best epoch rate of each is kept: the machine is
// shared, and other load only ever slows a run down. `node bench/run.mjs train`.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { coretypeForFlags, cpuFlags } from '../dist/lib.mjs';

const ROUNDS = Number(process.env.CG_BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.CG_BENCH_SECONDS ?? 3);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const coretype = coretypeForFlags(cpuFlags());
const blasEnv = { OPENBLAS_NUM_THREADS: '2', ...(coretype ? { OPENBLAS_CORETYPE: coretype } : {}) };

function runJson(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? '').trim().split('\n').pop() };
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: `no JSON from ${args.join(' ')}` };
  }
}

function findTorch() {
  for (const py of [process.env.CG_BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)) {
    const r = spawnSync(py, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python: py, version: r.stdout.trim() };
  }
  return undefined;
}

const cg = (which, env = {}, samples = 4096) => runJson(process.execPath, [here('./train/worker.mjs'), which, String(SECONDS), String(samples)], { ...blasEnv, ...env });
const torchRun = (py, which) => runJson(py, [here('./train/torch_mlp.py'), which, String(SECONDS)], blasEnv);

function best(runs, key) {
  const ok = runs.filter((r) => !r.error && Number.isFinite(r[key]));
  return ok.length ? Math.max(...ok.map((r) => r[key])) : NaN;
}
const peak = (runs) => {
  const ok = runs.filter((r) => !r.error && r.peak_rss_mib);
  return ok.length ? Math.max(...ok.map((r) => r.peak_rss_mib)) : NaN;
};
const errors = (runs) => runs.filter((r) => r.error).map((r) => r.error);
const n0 = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '-');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '-');

export default async function train() {
  const torch = findTorch();
  const runs = { large: [], ts: [], small: [], tLarge: [], tSmall: [] };
  const load = [loadavg()[0]];
  for (let round = 0; round < ROUNDS; round++) {
    if (torch) runs.tLarge.push(torchRun(torch.python, 'large'));
    runs.large.push(cg('large'));
    if (torch) runs.tSmall.push(torchRun(torch.python, 'small'));
    runs.small.push(cg('small'));
    // The TS kernels are slow: fewer rows per epoch, one run per round is plenty.
    runs.ts.push(cg('large', { CG_BACKEND: 'ts' }, 512));
    load.push(loadavg()[0]);
  }
  const large = best(runs.large, 'best_samples_per_s');
  const tLarge = best(runs.tLarge, 'best_samples_per_s');
  const ts = best(runs.ts, 'best_samples_per_s');
  const small = best(runs.small, 'best_steps_per_s');
  const tSmall = best(runs.tSmall, 'best_steps_per_s');
  const rss = peak(runs.large);
  const tRss = peak(runs.tLarge);
  const med = (rs, key) => {
    const v = rs.filter((r) => !r.error).map((r) => r[key]).sort((a, b) => a - b);
    return v.length ? v[v.length >> 1] : NaN;
  };
  const notes = [
    torch
      ? `PyTorch ${torch.version} (${torch.python}): torch.set_num_threads(1), OPENBLAS_NUM_THREADS=2, OPENBLAS_CORETYPE=${coretype ?? '(unset)'}`
      : 'PyTorch is not installed here (apt-get install python3-torch for the side-by-side figures): cg figures only',
    `best epoch of ${ROUNDS} alternating rounds, ${SECONDS} s each; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
    'peak RSS: VmHWM of the cg worker process; ru_maxrss of the Python process',
    `medians of the runs' median epochs: large ${n0(med(runs.large, 'samples_per_s'))} vs ${n0(med(runs.tLarge, 'samples_per_s'))} samples/s (${ratio(med(runs.large, 'samples_per_s'), med(runs.tLarge, 'samples_per_s'))}), small ${n0(med(runs.small, 'steps_per_s'))} vs ${n0(med(runs.tSmall, 'steps_per_s'))} steps/s (${ratio(med(runs.small, 'steps_per_s'), med(runs.tSmall, 'steps_per_s'))})`,
    ...[...errors(runs.large), ...errors(runs.ts), ...errors(runs.small), ...errors(runs.tLarge), ...errors(runs.tSmall)].map((e) => `error: ${e}`),
  ];
  return [
    {
      title: 'cg train: MLP training throughput (float32, SGD)',
      head: ['benchmark', 'cg', 'PyTorch', 'cg / PyTorch', 'goal'],
      rows: [
        ['large 784-512-512-10 relu, CE, batch 128: samples/s (addon)', n0(large), n0(tLarge), ratio(large, tLarge), '≥ 0.8×'],
        ['large, TypeScript kernels (CG_BACKEND=ts): samples/s', n0(ts), '-', '-', '≥ 800'],
        ['small 2-16-16-1 tanh, MSE, batch 32: steps/s', n0(small), n0(tSmall), ratio(small, tSmall), '≥ 2×'],
        ['large: peak RSS (MiB)', n0(rss), n0(tRss), ratio(rss, tRss), '≤ 1×'],
      ],
      notes,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { default: Table } = await import('cli-table3');
  for (const t of await train()) {
    const table = new Table({ head: t.head, style: { head: [], border: [] } });
    table.push(...t.rows.map((r) => r.map(String)));
    console.log(`\n${t.title}\n${table.toString()}`);
    for (const n of t.notes) console.log(`  ${n}`);
  }
}
