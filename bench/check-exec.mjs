// Protocol overhead of `cg check --exec`: per evaluation, batched and unbatched, against the
// function's own time, at 10, 1,000 and 100,000 inputs (issue 23's figure). The server times
// itself (bench/check-exec/server.py): own = time inside value() and gradient(); session = from
// its first call to the end of stdin, so process start and imports are left out of both.
// Run after a build: node bench/check-exec.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = join(root, 'bench/check-exec/server.py');
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'cg-bench-exec-'));
const rows = [];
for (const kind of ['cheap', 'layer']) {
  for (const n of [10, 1000, 100000]) {
    for (const batched of [true, false]) {
      if (!batched && n === 100000 && quick) continue;
      const x = Array.from({ length: n }, (_, i) => Math.sin(0.37 * i) * 2);
      const point = join(dir, `p${n}.json`);
      writeFileSync(point, JSON.stringify({ x }));
      const out = join(dir, 'own.json');
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [join(root, 'bin/cg.js'), 'check', '--exec', `python3 ${server} ${kind}`, '--at-file', point, '--allow-exec', '--reporter', 'json'], {
        encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CG_BENCH_OUT: out, CG_EXEC_UNBATCHED: batched ? '' : '1' },
      });
      const wall = (performance.now() - t0) / 1000;
      const rep = JSON.parse(r.stdout);
      const c = rep.cases[0];
      const own = JSON.parse(readFileSync(out, 'utf8'));
      const evals = c.function.evaluations + 1;
      rows.push({
        function: kind, n, mode: batched ? 'batched' : 'unbatched', status: c.status,
        evaluations: evals, requests: c.function.requests,
        own_ms: own.own_s * 1e3, session_ms: own.session_s * 1e3, wall_s: wall,
        own_per_eval_us: (own.own_s / evals) * 1e6,
        overhead_per_eval_us: ((own.session_s - own.own_s) / evals) * 1e6,
        ratio: own.session_s / own.own_s,
      });
      const w = rows.at(-1);
      process.stderr.write(`${kind} n=${n} ${w.mode}: ${w.status}, ${evals} evals in ${w.requests} requests, own ${w.own_ms.toFixed(1)} ms, session ${w.session_ms.toFixed(1)} ms, ×${w.ratio.toFixed(2)}\n`);
    }
  }
}
console.log('| function | inputs | requests | evaluations | own time / eval | protocol + checker / eval | session ÷ own time |');
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const w of rows) {
  console.log(`| ${w.function === 'cheap' ? 'Σ x·sin x' : 'Σ tanh(Wx), W 32×n'} | ${w.n.toLocaleString('en')} | ${w.mode}: ${w.mode === 'batched' ? w.requests : w.evaluations} | ${w.evaluations} | ${w.own_per_eval_us.toFixed(1)} µs | ${w.overhead_per_eval_us.toFixed(1)} µs | ${w.ratio.toFixed(2)} |`);
}
