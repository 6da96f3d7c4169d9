// Issue 26's figure: wall time of a whole `cg graph` run drawing the sum-of-terms family
// (bench/graph-expr.mjs) as SVG and as the HTML page, with the picture cache off, by size.
// Usage: node bench/draw.mjs [--cli bin/cg.js] [--cap SECONDS] [--terms 10,50,...]
// Also part of `node bench/run.mjs draw`. One run per cell: a cell that passes the cap
// is reported as "> cap" (a drawing that never ends is the thing measured).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sumOfTerms } from './graph-expr.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
// 10, 50, 100, 200 and 386 terms are 55, 261, 520, 1,036 and 2,000 nodes.
const TERMS = arg('--terms', '10,50,100,200,386').split(',').map(Number);

export default async function draw() {
  const cli = resolve(arg('--cli', 'bin/cg.js'));
  const cap = Number(arg('--cap', '60'));
  const dir = mkdtempSync(join(tmpdir(), 'cg-draw-'));
  const rows = [];
  try {
    for (const terms of TERMS) {
      const expr = sumOfTerms(terms);
      const row = [];
      let nodes = '';
      for (const format of ['svg', 'html']) {
        const out = join(dir, `d.${format}`);
        const t0 = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [cli, 'graph', expr, '--at', 'x=0.5,y=0.7', '--format', format, '-o', out], {
          env: { ...process.env, CG_CACHE_DIR: 'off', NO_COLOR: '1' },
          encoding: 'utf8',
          timeout: cap * 1000,
        });
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        if (r.error?.code === 'ETIMEDOUT' || r.signal) row.push(`> ${cap}`);
        else if (r.status !== 0) row.push(`exit ${r.status}: ${(r.stderr || '').split('\n')[0]}`);
        else {
          row.push(s.toFixed(2));
          nodes = /(\d+) nodes/.exec(r.stdout)?.[1] ?? nodes;
        }
      }
      rows.push([String(terms), nodes, ...row]);
      console.error(`draw: ${terms} terms: ${row.join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'cg graph of a sum of terms (CG_CACHE_DIR=off), seconds per whole run',
      head: ['terms', 'nodes', 'svg (s)', 'html (s)'],
      rows,
      notes: ['one run per cell on a shared machine: expect ±30%', `cells over ${cap} s were stopped`],
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [t] = await draw();
  console.log(t.title);
  console.log(t.head.join('\t'));
  for (const r of t.rows) console.log(r.join('\t'));
  for (const n of t.notes) console.log(`  ${n}`);
}
