// Which gemm library is fastest at the large MLP step's own eight shapes (issue 29): every
// candidate Debian carries (OpenBLAS, BLIS, oneDNN, libxsmm), float32 and float64, 1 and 2
// threads, against this CPU's measured FMA peak, all in one run.
//
// `npm run bench kernels` runs it through bench/run.mjs; `node bench/kernels.mjs` prints it alone.
// Each library is its own binary (bench/kernels/step_gemm.c; they export the same BLAS symbols),
// compiled into .bench/ with whatever of them is installed; a missing one is a note, not a failure.
// Rounds interleave the libraries (each round runs every library once, fresh processes), and
// the figure per shape is the median over rounds of each process's best sample: the machine is
// shared, and interleaving lets slow minutes fall on every library alike.
// OPENBLAS_CORETYPE is unset for every library (it only affects OpenBLAS; the comparison is of
// each library as it detects the CPU), and said so in the notes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findOpenBLAS } from '../scripts/native/blas-config.mjs';
import { root } from '../scripts/native/compile-ts.mjs';

const ROUNDS = Number(process.env.CG_BENCH_ROUNDS ?? 5);
const SAMPLES = 5;
const SHAPES = ['H1 = X·W1 (128×512, k 784)', 'H2 = H1·W2 (128×512, k 512)', 'Z = H2·W3 (128×10, k 512)', 'dW1 = Xᵀ·G1 (784×512, k 128)', 'dW2 = H1ᵀ·G2 (512×512, k 128)', 'dW3 = H2ᵀ·G3 (512×10, k 128)', 'dH2 = G3·W3ᵀ (128×512, k 10)', 'dH1 = G2·W2ᵀ (128×512, k 512)'];
const FLOPS = [[128, 512, 784], [128, 512, 512], [128, 10, 512], [784, 512, 128], [512, 512, 128], [512, 10, 128], [128, 512, 10], [128, 512, 512]].map(([m, n, k]) => 2 * m * n * k);
const dir = join(root, 'bench', 'kernels');
const out = join(root, '.bench');

function cc(args) {
  const r = spawnSync(process.env.CC || 'cc', args, { encoding: 'utf8' });
  return r.error || r.status !== 0 ? (r.error?.message ?? r.stderr).trim().split('\n')[0] : undefined;
}

/** The libraries found here, each compiled into its own binary; the others with why not. */
function compileLibraries() {
  mkdirSync(out, { recursive: true });
  const ob = findOpenBLAS();
  const src = join(dir, 'step_gemm.c');
  const triplet = '/usr/lib/x86_64-linux-gnu';
  const candidates = [
    { name: 'openblas', ok: ob.ok, why: ob.reason, args: ob.ok ? ['-DLIB_OPENBLAS', ...ob.cflags, src, ...ob.libs] : [] },
    { name: 'blis', ok: existsSync(`${triplet}/libblis.so`), why: 'libblis-dev not installed', args: ['-DLIB_BLIS', '-I/usr/include/x86_64-linux-gnu/blis-openmp', src, '-lblis', '-lm'] },
    { name: 'onednn', ok: existsSync('/usr/include/oneapi/dnnl/dnnl.h'), why: 'libdnnl-dev not installed', args: ['-DLIB_DNNL', src, '-ldnnl'] },
    // libxsmm JITs small products and hands large ones to the system BLAS (OpenBLAS here).
    { name: 'libxsmm', ok: existsSync('/usr/lib/libxsmm.a') && ob.ok, why: 'libxsmm-dev not installed', args: ['-DLIB_XSMM', src, '/usr/lib/libxsmm.a', ...(ob.ok ? ob.libs : []), '-lpthread', '-ldl', '-lm', '-lrt'] },
  ];
  return candidates.map((c) => {
    if (!c.ok) return { name: c.name, error: c.why };
    const bin = join(out, `step_gemm_${c.name}`);
    const err = cc(['-O2', '-std=gnu11', ...c.args, '-o', bin]);
    return err ? { name: c.name, error: err } : { name: c.name, bin };
  });
}

function runJsonLines(cmd, args, env) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-1)[0] || `exit ${r.status}` };
  return { rows: r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : undefined;
};

export default async function kernelsBench() {
  const load0 = loadavg()[0];
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  const threadEnv = (t) => ({ ...env, OPENBLAS_NUM_THREADS: String(t), BLIS_NUM_THREADS: String(t), OMP_NUM_THREADS: String(t) });

  const peakBin = join(out, 'fma_peak');
  mkdirSync(out, { recursive: true });
  const peakErr = cc(['-O2', '-march=native', join(dir, 'fma_peak.c'), '-o', peakBin, '-lpthread']);
  const libs = compileLibraries();
  const ready = libs.filter((l) => l.bin);

  // times[lib][dtype][threads][shape] = GFLOP/s per round
  const runs = {};
  const checks = {};
  const peaks = {};
  for (let r = 0; r < ROUNDS; r++) {
    if (!peakErr) {
      const p = runJsonLines(peakBin, ['1', '2'], env);
      for (const o of p.rows ?? []) (peaks[`${o.dtype}:${o.threads}`] ??= []).push(o.gflops);
    }
    for (const t of [1, 2]) {
      for (const dt of ['s', 'd']) {
        for (const l of ready) {
          const res = runJsonLines(l.bin, [dt, String(SAMPLES)], threadEnv(t));
          if (res.error) {
            l.error = res.error;
            continue;
          }
          for (const o of res.rows) {
            if (o.unsupported) continue;
            ((((runs[l.name] ??= {})[o.dtype] ??= {})[t] ??= {})[o.shape] ??= []).push(o.gflops);
            (checks[`${o.dtype}:${o.shape}`] ??= {})[l.name] = o.checksum;
          }
        }
      }
    }
  }
  // The peak is a ceiling: the best round is the measurement, slower ones are other load.
  const peak = (dtype, t) => (peaks[`${dtype}:${t}`] ? Math.max(...peaks[`${dtype}:${t}`]) : undefined);
  const names = libs.map((l) => l.name);
  const tables = [];
  const winners = [];
  for (const dtype of ['float32', 'float64']) {
    for (const t of [1, 2]) {
      const pk = peak(dtype, t);
      const rows = SHAPES.map((label, s) => {
        const vals = names.map((n) => median(runs[n]?.[dtype]?.[t]?.[s] ?? []));
        const ob = vals[0];
        let best = 0;
        vals.forEach((v, i) => {
          if (v !== undefined && (vals[best] === undefined || v > vals[best])) best = i;
        });
        if (ob !== undefined && vals[best] !== undefined && best !== 0) winners.push({ dtype, t, shape: label, lib: names[best], ratio: vals[best] / ob });
        return [label, ...vals.map((v) => (v === undefined ? '-' : `${v.toFixed(1)}${pk ? ` (${((100 * v) / pk).toFixed(0)}%)` : ''}`)), vals[best] === undefined ? '-' : names[best]];
      });
      // The whole step: the eight products' time summed, as GFLOP/s and share of peak.
      const step = names.map((n) => {
        const per = SHAPES.map((_, s) => median(runs[n]?.[dtype]?.[t]?.[s] ?? []));
        if (per.some((v) => v === undefined)) return '-';
        const us = per.reduce((a, g, s) => a + FLOPS[s] / g / 1e3, 0);
        const g = FLOPS.reduce((a, b) => a + b, 0) / us / 1e3;
        return `${g.toFixed(1)}${pk ? ` (${((100 * g) / pk).toFixed(0)}%)` : ''}`;
      });
      rows.push(['the eight together', ...step, '']);
      tables.push({
        title: `gemm at the large step's shapes, ${dtype}, ${t} thread${t > 1 ? 's' : ''}: GFLOP/s (share of FMA peak ${pk ? pk.toFixed(0) : '?'} GFLOP/s)`,
        head: ['product (row-major)', ...names, 'fastest'],
        rows,
      });
    }
  }
  // Parity: every library's product of the same inputs agrees (checksums of C).
  let worst = 0;
  for (const byLib of Object.values(checks)) {
    const vals = Object.values(byLib);
    const ref = byLib.openblas ?? vals[0];
    for (const v of vals) worst = Math.max(worst, Math.abs(v - ref) / Math.max(1, Math.abs(ref)));
  }
  const notes = [
    `median over ${ROUNDS} interleaved rounds of each process's best of ${SAMPLES} samples (each >= 10 ms of calls after a warm-up call); fresh processes per library, dtype and thread count.`,
    peakErr ? `FMA peak not measured: ${peakErr}` : `FMA peak: bench/kernels/fma_peak.c (independent vector FMA chains, ${Object.entries(peaks).map(([k, v]) => `${k.replace(':', ' ')}t ${Math.max(...v).toFixed(0)}`).join(', ')} GFLOP/s), compiled -march=native; best round.`,
    'OPENBLAS_CORETYPE unset for every library in this table; threads set by OPENBLAS_NUM_THREADS, BLIS_NUM_THREADS and OMP_NUM_THREADS together. oneDNN has no float64 gemm; libxsmm hands products it does not JIT to OpenBLAS.',
    `results agree across libraries: the largest relative difference of C's checksum is ${worst.toExponential(1)}.`,
    `1-min load average ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${cpus().length} cores.`,
    ...libs.filter((l) => l.error).map((l) => `${l.name}: ${l.error}`),
    winners.length
      ? `shapes where another library beat OpenBLAS (median): ${winners.map((w) => `${w.dtype} ${w.t}t ${w.shape.split(' (')[0]}: ${w.lib} ${w.ratio.toFixed(2)}×`).join('; ')}`
      : 'OpenBLAS was fastest at every shape.',
  ];
  tables[tables.length - 1].notes = notes;
  return tables;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const t of await kernelsBench()) {
    console.log(`\n${t.title}`);
    const all = [t.head, ...t.rows.map((r) => r.map(String))];
    const w = t.head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
    for (const r of all) console.log('  ' + r.map((v, i) => v.padStart(w[i])).join('  '));
    for (const note of t.notes ?? []) console.log(`  * ${note}`);
  }
}
