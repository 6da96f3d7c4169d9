// cg check against torch.autograd.gradcheck (float64, default tolerances) on the same PyTorch
// autograd.Functions with hand-written backwards (fixtures/checks/exec/torch_functions.py):
// which bugs each catches, which correct functions each passes, and time. cg's time is the
// case's duration less the program's start (importing torch) and exit, which gradcheck does not
// pay in its own timing either. Run after a build: node bench/check-vs-gradcheck.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'fixtures/checks/exec/torch_functions.py');
const py = process.env.CG_PYTHON ?? '/usr/bin/python3';
const list = JSON.parse(spawnSync(py, [script, '--list'], { encoding: 'utf8' }).stdout);
const file = join(mkdtempSync(join(tmpdir(), 'cg-vs-gc-')), 'torch.json');
writeFileSync(file, JSON.stringify({ cases: Object.entries(list).map(([name, f]) => ({ name, exec: [py, script, name], at: f.at })) }));
const r = spawnSync(process.execPath, [join(root, 'bin/cg.js'), 'check', file, '--allow-exec', '--reporter', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const cg = Object.fromEntries(JSON.parse(r.stdout).cases.map((c) => [c.name, c]));
const gc = JSON.parse(spawnSync(py, [script, '--gradcheck'], { encoding: 'utf8' }).stdout);
const right = (bug, passed) => (bug ? (passed ? 'missed ✗' : 'caught ✓') : passed ? 'passed ✓' : 'rejected ✗');
console.log('| function | seeded bug | cg check | time | gradcheck | time |');
console.log('|---|---|---|---:|---|---:|');
const score = { cg: 0, gc: 0, n: 0 };
for (const [name, f] of Object.entries(list)) {
  const c = cg[name];
  const cgPassed = c.status === 'passed';
  const ms = c.duration_ms - (c.function?.startup_ms ?? 0) - (c.function?.shutdown_ms ?? 0);
  score.n++;
  if (cgPassed === !f.bug) score.cg++;
  if (gc[name].passed === !f.bug) score.gc++;
  console.log(`| ${name}${f.dtype === 'float32' ? ' (float32)' : ''} | ${f.bug ?? '—'} | ${right(f.bug, cgPassed)} | ${ms.toFixed(0)} ms | ${right(f.bug, gc[name].passed)} | ${(gc[name].seconds * 1e3).toFixed(0)} ms |`);
}
console.log(`\nright verdicts: cg ${score.cg}/${score.n}, gradcheck ${score.gc}/${score.n}`);
