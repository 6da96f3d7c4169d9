// Tensor gradients against PyTorch: the in-process reverse gradient of the 300×300 quartic
// sum((A*B) .* (A*B)), warm, in cg (backend auto, i.e. the OpenBLAS addon when built, and the
// TypeScript kernels) and in PyTorch (float64) when python3 has torch. Each run is its own
// process; the three alternate over ROUNDS rounds and the median of the per-run medians is
// kept. Both sides single-threaded (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)): on a
// shared 2-core machine a second BLAS thread mostly waits. OPENBLAS_CORETYPE is unset for cg
// and PyTorch alike. `node bench/run.mjs tensor`.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './stats.mjs';

const ROUNDS = Number(process.env.CG_BENCH_ROUNDS ?? 5);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function env() {
  const e = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete e.OPENBLAS_CORETYPE;
  return e;
}

function runJson(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env(), timeout: 180_000 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? '').trim().split('\n').pop() };
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: 'no JSON' };
  }
}

function findTorch() {
  for (const py of [process.env.CG_BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)) {
    const r = spawnSync(py, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python: py, version: r.stdout.trim() };
  }
  return undefined;
}

export default async function tensor() {
  const torch = findTorch();
  const runs = { auto: [], ts: [], torch: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.auto.push(runJson(process.execPath, [here('./tensor/worker.mjs'), 'auto']));
    runs.ts.push(runJson(process.execPath, [here('./tensor/worker.mjs'), 'ts', '300', '15', '5']));
    if (torch) runs.torch.push(runJson(torch.python, [here('./tensor/torch_quartic.py'), '1']));
  }
  const med = (rs) => {
    const ok = rs.filter((r) => !r.error);
    return ok.length ? median(ok.map((r) => r.median_ms)) : NaN;
  };
  const best = (rs) => {
    const ok = rs.filter((r) => !r.error);
    return ok.length ? Math.min(...ok.map((r) => r.best_ms)) : NaN;
  };
  const peer = med(runs.torch);
  const row = (name, rs) => [name, fmt(med(rs)), fmt(best(rs)), Number.isFinite(peer) ? `${(med(rs) / peer).toFixed(2)}×` : '-'];
  // Fresh typed arrays per gradient, counted in a process of its own (alloc.mjs).
  const alloc = runJson(process.execPath, [here('./tensor/alloc.mjs')]);
  const mb = (b) => (b / 1e6).toFixed(2);
  const errors = Object.entries(runs).flatMap(([k, rs]) => rs.filter((r) => r.error).map((r) => `${k}: ${r.error}`));
  return [
    {
      title: `Tensor gradient: sum((A*B) .* (A*B)), A, B 300×300 float64, in-process reverse gradient, warm (median of ${ROUNDS} alternated processes' medians)`,
      head: ['engine', 'median ms', 'best ms', 'vs PyTorch'],
      rows: [row('cg (auto backend)', runs.auto), row('cg (CG_BACKEND=ts)', runs.ts), ...(torch ? [row(`PyTorch ${torch.version}`, runs.torch)] : [])],
      notes: [
        'goal: cg (auto) within 2× of PyTorch',
        ...(torch ? [] : ['PyTorch not found (python3 without torch): its row is left out']),
        'single-threaded on both sides (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)); OPENBLAS_CORETYPE unset for both',
        `load average at the end: ${loadavg()[0].toFixed(1)}`,
        ...errors,
      ],
    },
    {
      title: 'Tensor gradient: fresh typed arrays per gradient() of the same quartic, warm (Float64Array construction counted)',
      head: ['part', 'MB', 'arrays'],
      rows: alloc.error
        ? [['(not measured)', alloc.error, '-']]
        : [
            ['forward values', mb(alloc.forward_bytes), alloc.forward_arrays],
            ['reverse sweep', mb(alloc.sweep_bytes), alloc.sweep_arrays],
            ['gradient() in all', mb(alloc.gradient_bytes), alloc.gradient_arrays],
          ],
      notes: [
        'before buffer reuse (c944146): reverse sweep 5.76 MB in 8 arrays, gradient() 7.20 MB in 10',
        'the sweep\'s least is the two gradients it returns (A and B: 2 × 0.72 MB); adjoints of other nodes and rule temporaries come from a pool',
      ],
    },
  ];
}
