// Startup: a whole `cg grad` process against `node -e 0`, interleaved so drift hits both.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './stats.mjs';

const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 30);

function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export default async function startup() {
  const cases = {
    'node -e 0': ['-e', '0'],
    'cg grad "(x+y)*z" --at x=-2,y=5,z=-4': [bin, 'grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4'],
    'cg grad ... --json': [bin, 'grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--json'],
    'cg --version': [bin, '--version'],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const args of Object.values(cases)) wall(args);
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(wall(args));
  const base = median(times['node -e 0']);
  const rows = Object.entries(times).map(([k, ts]) => [k, fmt(median(ts)), `${(median(ts) / base).toFixed(2)}×`]);
  return [
    {
      title: `Startup: whole process, median of ${runs} interleaved runs`,
      head: ['command', 'median ms', 'vs node -e 0'],
      rows,
      notes: ['goal: cg grad ≤ 2.5× node -e 0'],
    },
  ];
}
