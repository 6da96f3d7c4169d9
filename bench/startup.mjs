// Startup: a whole `cg grad` process against `node -e 0`, interleaved so drift hits both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './stats.mjs';

const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 30);

// Graphviz drawings come from a cache after the first (src/graph/present/render/cache.ts): one run
// with a cache of its own, and one with the cache off (every run starts the wasm Graphviz).
const cacheDir = mkdtempSync(join(tmpdir(), 'cg-bench-cache-'));
const svg = ['graph', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--format', 'svg'];

function wall(args) {
  const t0 = process.hrtime.bigint();
  const cache = args.includes('svg') ? (args.at(-1) === 'off' ? 'off' : cacheDir) : undefined;
  const argv = args.at(-1) === 'off' ? args.slice(0, -1) : args;
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...(cache ? { CG_CACHE_DIR: cache } : {}) } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export default async function startup() {
  const cases = {
    'node -e 0': ['-e', '0'],
    'cg grad "(x+y)*z" --at x=-2,y=5,z=-4': [bin, 'grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4'],
    'cg grad ... --json': [bin, 'grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--json'],
    'cg --version': [bin, '--version'],
    'cg graph ... --format svg (drawn before: cache)': [bin, ...svg],
    'cg graph ... --format svg (CG_CACHE_DIR=off)': [bin, ...svg, 'off'],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) wall(args);
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(wall(args));
  rmSync(cacheDir, { recursive: true, force: true });
  const base = median(times['node -e 0']);
  const rows = Object.entries(times).map(([k, ts]) => [k, fmt(median(ts)), `${(median(ts) / base).toFixed(2)}×`]);
  return [
    {
      title: `Startup: whole process, median of ${runs} interleaved runs`,
      head: ['command', 'median ms', 'vs node -e 0'],
      rows,
      notes: ['goal: cg grad ≤ 2× node -e 0; cg graph --format svg ≤ 2.5×'],
    },
  ];
}
