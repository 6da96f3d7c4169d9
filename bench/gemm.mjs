// gemm throughput: the TypeScript kernel, the OpenBLAS addon (through cg's gemm seam,
// forced to blas) and a plain C program calling cblas_dgemm/cblas_sgemm on the same
// library with the same OPENBLAS_CORETYPE and thread settings cg would use.
//
// `npm run bench` runs it through bench/run.mjs; `node bench/gemm.mjs` prints it alone.
// Builds what it needs into .bench/ (gitignored): the TS kernels bundled by esbuild and the
// C program compiled with cc -lopenblas. The addon itself comes from `npm run build:native`.
//
// Timing: every figure is the best of several samples (each >= 20 ms of calls after a
// warm-up call), and the addon and C runs alternate over ROUNDS fresh processes, best
// round kept: the machines are shared, and with 2 OpenBLAS threads on 2 cores any other
// load slows a sample down, never up, so best-of is the stable statistic for the ratio.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileNative, root } from '../scripts/native/compile-ts.mjs';
import { findOpenBLAS } from '../scripts/native/blas-config.mjs';

const SIZES = [64, 256, 512, 1024];
const NAIVE_SIZES = [64, 256, 512];
const SAMPLES = 5;
const ROUNDS = 4;
const CORETYPE_ROUNDS = 2;
const worker = join(root, 'bench', 'gemm', 'worker.mjs');

function compileC() {
  const blas = findOpenBLAS();
  if (!blas.ok) return { ok: false, reason: blas.reason };
  const out = join(root, '.bench', 'cblas_bench');
  mkdirSync(join(root, '.bench'), { recursive: true });
  const cc = process.env.CC || 'cc';
  const args = ['-O2', '-std=c99', '-D_POSIX_C_SOURCE=199309L', ...blas.cflags, join(root, 'bench', 'gemm', 'cblas_bench.c'), '-o', out, ...blas.libs];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { ok: false, reason: `${cc} failed: ${(r.error?.message ?? r.stderr).trim().split('\n')[0]}` };
  return { ok: true, path: out };
}

/** Runs a child; returns its JSON lines keyed by `${dtype}:${n}`, or an error string. */
function runChild(cmd, args, env) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-1)[0] || `exit ${r.status}` };
  const rows = {};
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    rows[`${o.dtype}:${o.n}`] = o;
  }
  return { rows };
}

/** Keeps, per key, the result with the highest GFLOP/s. */
function bestOf(results) {
  const err = results.find((r) => r.error);
  if (err) return err;
  const rows = {};
  for (const r of results) for (const [key, o] of Object.entries(r.rows)) if (!rows[key] || o.gflops > rows[key].gflops) rows[key] = o;
  return { rows };
}

const fmt = (x) => (x === undefined ? '-' : x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2));

export default async function gemmBench() {
  const load0 = loadavg()[0];
  const nativePath = await compileNative();
  const lib = await import(pathToFileURL(nativePath).href);
  // The environment cg gives libopenblas (user settings kept, coretype from cpuinfo, threads).
  const env = { ...process.env };
  const cfg = lib.prepareOpenBlasEnv(env);
  const addonBuilt = existsSync(join(root, 'build', 'Release', 'cg_native.node'));
  const c = compileC();

  const node = (kind, dt, e, sizes, samples = SAMPLES) => runChild(process.execPath, [worker, nativePath, kind, dt, String(samples), ...sizes.map(String)], e);
  const addon = (dt, e, sizes, kind = 'blas') => (addonBuilt ? node(kind, dt, e, sizes) : { error: 'addon not built' });
  const cprog = (dt, e, sizes) => (c.ok ? runChild(c.path, [dt === 'float64' ? 'd' : 's', String(SAMPLES), ...sizes.map(String)], e) : { error: c.reason });
  /** addon and C alternating over ROUNDS processes each, best kept. */
  const sideBySide = (dt, e, sizes, kind, rounds = ROUNDS) => {
    const a = [], b = [];
    for (let r = 0; r < rounds; r++) {
      a.push(addon(dt, e, sizes, kind));
      b.push(cprog(dt, e, sizes));
    }
    return [bestOf(a), bestOf(b)];
  };

  const res = { ts: {}, wasm: {}, addon: {}, c: {} };
  for (const dt of ['float64', 'float32']) {
    res.ts[dt] = node('ts', dt, env, SIZES);
    res.wasm[dt] = node('wasm', dt, env, SIZES);
    [res.addon[dt], res.c[dt]] = sideBySide(dt, env, SIZES, 'blas');
  }
  const naive = node('naive', 'float64', env, NAIVE_SIZES, 3);
  const get = (r, dt, n) => r.rows?.[`${dt}:${n}`]?.gflops;

  const rows = [];
  for (const dt of ['float64', 'float32']) {
    for (const n of SIZES) {
      const a = get(res.addon[dt], dt, n), cc = get(res.c[dt], dt, n);
      rows.push([dt, n, fmt(dt === 'float64' ? get(naive, dt, n) : undefined), fmt(get(res.ts[dt], dt, n)), fmt(get(res.wasm[dt], dt, n)), fmt(a), fmt(cc), a && cc ? (a / cc).toFixed(2) : '-']);
    }
  }
  const corename = res.addon.float64.rows?.['float64:1024']?.corename ?? res.c.float64.rows?.['float64:1024']?.corename ?? '?';
  const notes = [
    `n x n row-major, C = A*B, GFLOP/s = 2n^3/t; best of ${SAMPLES} samples (each >= 20 ms of calls, after a warm-up call); addon and C alternate over ${ROUNDS} processes each, best kept; naive: i-j-p triple loop, best of 3.`,
    `OpenBLAS core ${corename}: OPENBLAS_CORETYPE=${cfg.coretype ?? '(unset)'} (${cfg.coretypeSource === 'user' ? 'set by the user, kept' : cfg.coretypeSource === 'cpuinfo' ? 'cg rule from /proc/cpuinfo' : 'not set, OpenBLAS detects'}), ${cfg.threads} threads (${cfg.threadsSource}).`,
    'addon: cg gemm forced to blas (setBackend), incl. its JS argument handling; C: bench/gemm/cblas_bench.c, same library and environment.',
    `1-min load average ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} after this table, on ${cpus().length} cores: OpenBLAS uses every core, so other load slows the rows it overlaps (rerun if addon/C is far from 1).`,
  ];
  for (const [name, r] of [['TS f64', res.ts.float64], ['TS f32', res.ts.float32], ['wasm f64', res.wasm.float64], ['wasm f32', res.wasm.float32], ['naive', naive], ['addon', res.addon.float64], ['C', res.c.float64]]) {
    if (r.error) notes.push(`${name}: ${r.error}`);
  }
  if (!addonBuilt) notes.push('addon not built: apt-get install libopenblas-dev && npm run build:native');
  const ts512 = get(res.ts.float64, 'float64', 512);
  const a1024 = get(res.addon.float64, 'float64', 1024), c1024 = get(res.c.float64, 'float64', 1024);
  notes.push(
    `goals: TS f64 n=512 >= 2 GFLOP/s: ${ts512 === undefined ? '?' : ts512 >= 2 ? 'met' : 'MISSED'} (${fmt(ts512)}); ` +
      `addon >= 0.9x C at n=1024 (f64): ${a1024 && c1024 ? `${a1024 / c1024 >= 0.9 ? 'met' : 'MISSED'} (${(a1024 / c1024).toFixed(2)}x)` : '?'}`,
  );
  const w512 = get(res.wasm.float32, 'float32', 512), t512 = get(res.ts.float32, 'float32', 512);
  notes.push(`goal: wasm f32 n=512 >= 4x the TS kernel: ${w512 && t512 ? `${w512 / t512 >= 4 ? 'met' : 'MISSED'} (${(w512 / t512).toFixed(1)}x)` : '?'} (wasm: src/native/wasm/kernels.wasm, SIMD128, one thread, operands copied in and out per call)`);
  const tables = [{ title: 'gemm GFLOP/s', head: ['dtype', 'n', 'naive JS', 'TS kernel', 'wasm', 'addon', 'C cblas', 'addon/C'], rows, notes }];

  // Core type: OpenBLAS on its own vs cg's rule vs the user's setting vs generic kernels.
  if (addonBuilt || c.ok) {
    const flags = lib.cpuFlags();
    const rule = lib.coretypeForFlags(flags);
    const configs = [[undefined, 'unset: OpenBLAS detects']];
    if (rule) configs.push([rule, 'cg rule (cpuinfo)']);
    if (process.env.OPENBLAS_CORETYPE && process.env.OPENBLAS_CORETYPE !== rule) configs.push([process.env.OPENBLAS_CORETYPE, 'set by the user']);
    if (/\bavx2\b/.test(flags) && !configs.some(([v]) => v === 'Haswell')) configs.push(['Haswell', 'AVX2 kernels']);
    if (/\b(sse3|pni)\b/.test(flags)) configs.push(['Prescott', 'generic SSE3 fallback']);
    const ctRows = [];
    for (const [value, label] of configs) {
      const e = { ...env, OPENBLAS_NUM_THREADS: String(cfg.threads) };
      if (value === undefined) delete e.OPENBLAS_CORETYPE;
      else e.OPENBLAS_CORETYPE = value;
      const row = [value ?? '(unset)', value === cfg.coretype ? `${label} <- cg uses` : label];
      let core = '?';
      for (const dt of ['float64', 'float32']) {
        const [a, cc] = sideBySide(dt, e, [1024], 'raw', CORETYPE_ROUNDS);
        core = a.rows?.[`${dt}:1024`]?.corename ?? cc.rows?.[`${dt}:1024`]?.corename ?? core;
        row.push(fmt(get(a, dt, 1024)), fmt(get(cc, dt, 1024)));
      }
      row.splice(2, 0, core);
      ctRows.push(row);
    }
    tables.push({
      title: 'OpenBLAS core type, n = 1024, GFLOP/s',
      head: ['OPENBLAS_CORETYPE', 'what', 'core', 'addon f64', 'C f64', 'addon f32', 'C f32'],
      rows: ctRows,
      notes: [
        `same thread count (${cfg.threads}) for all rows; each row is fresh processes because libopenblas reads the variable when it is loaded; best of ${CORETYPE_ROUNDS} alternating rounds.`,
        'addon here: cg_native.node required directly (cg would fill in OPENBLAS_CORETYPE), so "(unset)" is OpenBLAS on its own.',
      ],
    });
  }
  return tables;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const t of await gemmBench()) {
    console.log(`\n${t.title}`);
    const all = [t.head, ...t.rows.map((r) => r.map(String))];
    const w = t.head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
    for (const r of all) console.log('  ' + r.map((v, i) => v.padStart(w[i])).join('  '));
    for (const note of t.notes) console.log(`  * ${note}`);
  }
}
