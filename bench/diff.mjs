// cg diff against mathjs's `derivative`: output length and time for a product of sines and
// for alternately nested exp/sin, n = 2..64. mathjs runs in a child process with a 10 s limit,
// so a derivative that does not finish cannot stall the benchmark.
// As a child: node bench/diff.mjs --mathjs raw|simplify EXPR  → {"length": ..., "ms": ...}
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, timeIt } from './stats.mjs';

const SIZES = [2, 4, 8, 16, 32, 64];
const LIMIT_MS = 10_000;
const self = fileURLToPath(import.meta.url);

const families = [
  { title: 'sin(x*1)*sin(x*2)*...*sin(x*n)', expr: (n) => Array.from({ length: n }, (_, i) => `sin(x*${i + 1})`).join('*') },
  {
    title: 'exp(sin(exp(sin(...x))))',
    expr: (n) => {
      let s = 'x';
      for (let i = 0; i < n; i++) s = `${i % 2 ? 'sin' : 'exp'}(${s})`;
      return s;
    },
  },
];

async function child(mode, expr) {
  const { derivative } = await import('mathjs');
  const run = () => derivative(expr, 'x', { simplify: mode === 'simplify' }).toString();
  let text;
  let ms;
  if (mode === 'raw') {
    text = run();
    ms = timeIt(run, 3, 1);
  } else {
    const t0 = performance.now();
    text = run();
    ms = performance.now() - t0;
  }
  process.stdout.write(JSON.stringify({ length: text.length, ms }));
}

/** mathjs's derivative in a child process; undefined when it ran past the limit. */
function mathjs(mode, expr) {
  const r = spawnSync(process.execPath, [self, '--mathjs', mode, expr], { encoding: 'utf8', timeout: LIMIT_MS + 2000 });
  if (r.status !== 0 || !r.stdout) return undefined;
  const out = JSON.parse(r.stdout);
  return out.ms > LIMIT_MS ? undefined : out;
}

/** One `cg diff` as a process (Node startup included), in ms. */
function cliTime(expr) {
  const bin = fileURLToPath(new URL('../bin/cg.js', import.meta.url));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'diff', expr, '--wrt', 'x'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - t0;
}

export default async function diff() {
  const { computeDiff } = await import('../dist/lib.mjs');
  const tables = [];
  for (const fam of families) {
    const rows = [];
    const cgLen = {};
    const rawLen = {};
    let simplifyGaveUp = false;
    let cg64 = NaN;
    for (const n of SIZES) {
      const expr = fam.expr(n);
      const r = computeDiff(expr, { wrt: 'x' });
      const ms = timeIt(() => computeDiff(expr, { wrt: 'x' }), 7, 2);
      if (n === 64) cg64 = ms;
      const raw = mathjs('raw', expr);
      const simp = simplifyGaveUp ? undefined : mathjs('simplify', expr);
      const simpText = simp ? `${simp.length} / ${fmt(simp.ms, 1)} ms` : simplifyGaveUp ? 'skipped' : `> ${LIMIT_MS / 1000} s`;
      if (!simp) simplifyGaveUp = true;
      cgLen[n] = r.size.characters;
      rawLen[n] = raw?.length;
      rows.push([
        n,
        r.size.characters,
        `${r.size.bindings} (${r.mode})`,
        fmt(ms),
        raw ? raw.length : '-',
        raw ? fmt(raw.ms) : '-',
        simpText,
        raw ? `${(raw.length / r.size.characters).toFixed(1)}×` : '-',
      ]);
    }
    const growth = SIZES.slice(1).map((n) => (cgLen[n] / cgLen[n / 2]).toFixed(2)).join(', ');
    const rawGrowth = SIZES.slice(1).map((n) => (rawLen[n] / rawLen[n / 2]).toFixed(2)).join(', ');
    tables.push({
      title: `cg diff vs mathjs derivative: ${fam.title} (characters; median ms in process)`,
      head: ['n', 'cg chars', 'cg bindings (sweep)', 'cg ms', 'mathjs raw chars', 'mathjs raw ms', 'mathjs simplify: chars / time', 'raw / cg'],
      rows,
      notes: [
        `goals: cg chars linear in n; at n=32 mathjs raw ≥ 5× cg (here ${(rawLen[32] / cgLen[32]).toFixed(2)}×); cg at n=64 < 100 ms (here ${fmt(cg64)} ms)`,
        `growth per doubling: cg ${growth}; mathjs raw ${rawGrowth}`,
        `cg diff as a process at n=64, Node startup included: ${fmt(cliTime(fam.expr(64)), 0)} ms`,
      ],
    });
  }
  tables.push(await suiteTable());
  return tables;
}

/** mathjs's own derivative tests (fixtures/diff/mathjs-suite.json): characters, both printed by cg's printer. */
async function suiteTable() {
  const lib = await import('../dist/lib.mjs');
  const math = await import('mathjs');
  const { measureSuite, summarize } = await import('./mathjs-suite.mjs');
  const rows = measureSuite(lib, math);
  const s = summarize(rows);
  const longer = rows.filter((r) => r.cg > r.mathjs);
  const byRatio = [...rows].sort((a, b) => b.cg / b.mathjs - a.cg / a.mathjs).slice(0, 6);
  return {
    title: `cg diff vs mathjs on mathjs's derivative unit tests (${s.expressions} expressions cg's language covers; characters as cg prints both)`,
    head: ['expression', 'cg chars', 'mathjs raw chars', 'mathjs simplified chars', 'cg / simplified', 'values agree'],
    rows: [
      ['total', s.cg, s.mathjsRaw, s.mathjs, `${(s.cg / s.mathjs).toFixed(2)}×`, `${s.expressions - s.disagree} of ${s.expressions}`],
      ...byRatio.map((r) => [r.expr, r.cg, r.mathjsRaw, r.mathjs, `${(r.cg / r.mathjs).toFixed(2)}×`, r.agree ? 'yes' : 'no']),
    ],
    notes: [
      `rows after the total: the worst ratios; cg longer than mathjs simplified on ${longer.length}: ${longer.map((r) => r.expr).join('; ')} (reasons in the fixture)`,
      `worst ratio ${s.worst.ratio.toFixed(2)}× (${s.worst.expr}); values compared at 5 random points, rtol 1e-9`,
    ],
  };
}

if (process.argv[1] === self && process.argv[2] === '--mathjs') await child(process.argv[3], process.argv[4]);
