#!/usr/bin/env node
// Which loops of src/native/elementwise.h the compiler vectorises: compiles elementwise.cc
// with the addon's flags and -fopt-info-vec-all (GCC), and prints each `for` loop of the
// header with the widest vector used, or why not. `node scripts/native/vec-report.mjs`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const napi = createRequire(join(root, 'package.json'))('node-addon-api').include_dir;
const cxx = process.env.CXX || 'g++';
const args = ['-std=c++17', '-O3', '-fno-math-errno', '-fopt-info-vec-all', `-I${napi}`, '-I/usr/include/node', `-I${join(process.execPath, '..', '..', 'include', 'node')}`,
  '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-c', join(root, 'src/native/elementwise.cc'), '-o', '/dev/null'];
const r = spawnSync(cxx, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) {
  console.error(`${cxx} failed: ${r.stderr.split('\n').find((l) => /error/.test(l)) ?? r.stderr.slice(0, 300)}`);
  process.exit(1);
}
const src = readFileSync(join(root, 'src/native/elementwise.h'), 'utf8').split('\n');
const best = new Map();
const why = new Map();
for (const line of r.stderr.split('\n')) {
  const m = /elementwise\.h:(\d+):\d+: (?:optimized|missed|note): (.*)/.exec(line);
  if (!m) continue;
  const ln = Number(m[1]);
  const v = /loop vectorized using (\d+) byte vectors/.exec(m[2]);
  if (v) best.set(ln, Math.max(best.get(ln) ?? 0, Number(v[1])));
  else if (/not vectorized: /.test(m[2]) && !why.has(ln)) why.set(ln, m[2].replace(/.*not vectorized: /, ''));
}
let fn = '';
src.forEach((text, i) => {
  const f = /^(?:CG_CLONES )?\S.*?\b(\w+)\(/.exec(text);
  if (f) fn = f[1];
  if (!/\bfor \(size_t [ij] /.test(text)) return;
  const ln = i + 1;
  const b = best.get(ln);
  console.log(`${String(ln).padStart(4)}  ${fn.padEnd(22)} ${b ? `vectorised, up to ${b}-byte vectors` : `scalar: ${why.get(ln) ?? 'no report'}`}`);
});
