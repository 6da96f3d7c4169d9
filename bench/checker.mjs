// The gradient checker (issues 11 and 22): how often it cries wolf, how often it stays silent,
// what it catches and what it costs, on random expressions as users write them (unsqueezed,
// depth up to 7: tests/graph/expressions.ts wildExpr), narrow and wide points apart: the old
// single central difference, PyTorch gradcheck's rule (emulated), the checker before issue 22
// (BENCH_CHECKER_BASE: a source tree of that commit, optional), Ridders, the complex step and
// the default; then two timings.
// BENCH_CHECKER_N: random expressions (default 20,000: half at points in [-2, 2], half at
// magnitudes 10^U(-2, 1.5)).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { derivative } from 'mathjs';
import { fmt, median, timeIt } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/cg.js');
const N = Number(process.env.BENCH_CHECKER_N ?? 20_000);
const DELTAS = [1e-5, 1e-7, 1e-10];
const EPS = Number.EPSILON;

/** The test suite's random-expression generator and cg's engines, bundled from source for this run. */
async function load(dir, from = root, name = 'checker-bundle.mjs', wild = true) {
  const out = join(dir, name);
  await build({
    stdin: {
      contents: `
        export { ${wild ? 'wildExpr, ' : ''}anyExpr, VARS } from './tests/graph/expressions.ts';
        export { checkGradient, judge, DEFAULT_RTOL, DEFAULT_ATOL, ${wild ? 'COMPLEX_RTOL, ' : ''}withComponent } from './src/graph/check/check.ts';
        export { gradient, forwardGradient } from './src/graph/engines/gradient.ts';
        export { evaluateScalar } from './src/graph/engines/scalar.ts';
        export { OPS } from './src/graph/ops/index.ts';
        export { buildGraph } from './src/parse/index.ts';
        export { mulberry32 } from './src/util/random.ts';
        export { default as fc } from 'fast-check';`,
      resolveDir: from,
      loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, external: ['mathjs', 'yaml', 'zod'], logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}

/** The old rule: one central difference at cbrt(eps)·max(1,|x|), tol atol 1e-8 + rtol 1e-6·scale + 4·eps·|f|/h. */
function oldRule(f, x) {
  const h = Math.cbrt(EPS) * Math.max(1, Math.abs(x));
  const p = f(x + h);
  const m = f(x - h);
  const numeric = (p - m) / (2 * h);
  const rounding = (4 * EPS * Math.max(Math.abs(p), Math.abs(m))) / h;
  return { numeric, verdict: (a) => (Math.abs(a - numeric) <= 1e-8 + 1e-6 * Math.max(Math.abs(a), Math.abs(numeric)) + rounding ? 'pass' : 'fail'), evals: 2 };
}

/** PyTorch gradcheck: central difference at eps 1e-6 (absolute), allclose(analytic, numeric, rtol 1e-3, atol 1e-5). */
function torchRule(f, x) {
  const e = 1e-6;
  const numeric = (f(x + e) - f(x - e)) / (2 * e);
  return { numeric, verdict: (a) => (Math.abs(a - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric) ? 'pass' : 'fail'), evals: 2 };
}

function tally() {
  return { comps: 0, fails: 0, inconclusive: 0, evals: 0, caught: DELTAS.map(() => 0), judged: DELTAS.map(() => 0) };
}

/** One point set: every rule on the same expressions and points. */
async function rates(lib, base, points, seed, label) {
  const { wildExpr, VARS, checkGradient, judge, gradient, forwardGradient, evaluateScalar, buildGraph, fc, withComponent } = lib;
  const agree = (a, b) => Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b));
  const names = ['old', 'torch', 'base', 'ridders', 'complex', 'default'];
  const t = Object.fromEntries(names.map((n) => [n, tally()]));
  let used = 0;
  let skipped = 0;
  const n = N / 2;
  const exprs = fc.sample(fc.oneof(wildExpr(3), wildExpr(5), wildExpr(7)).filter((s) => /\b[xyz]\b/.test(s) && s.length < 4000), { numRuns: n, seed });
  const pts = fc.sample(points(fc, VARS), { numRuns: n, seed: seed + 1 });
  const count = (x, c, atol) => {
    x.comps++;
    if (c.verdict === 'fail') x.fails++;
    if (c.verdict === 'inconclusive') {
      x.inconclusive++;
      return;
    }
    DELTAS.forEach((d, k) => {
      // Scaling a zero, or an error below cg's atol, is no error to catch.
      if (c.analytic === 0 || Math.abs(c.analytic) * d <= atol) return;
      const j = judge(c.analytic * (1 + d), c.numeric, c.estimate, c.rtol ?? lib.DEFAULT_RTOL, atol, c.method !== 'one-sided');
      if (j.verdict === 'inconclusive') return;
      x.judged[k]++;
      if (j.verdict === 'fail') x.caught[k]++;
    });
  };
  for (let i = 0; i < exprs.length; i++) {
    const env = new Map(Object.entries(pts[i]));
    const { graph } = buildGraph(exprs[i], env);
    const wrt = [...graph.vars.keys()];
    const rev = gradient(graph, env, wrt);
    if (!Number.isFinite(rev.value)) { skipped++; continue; }
    const fwd = forwardGradient(graph, rev.values, wrt);
    let mj;
    try {
      mj = new Map(wrt.map((v) => [v, derivative(exprs[i], v, { simplify: false }).evaluate({ ...pts[i] })]));
    } catch { mj = undefined; }
    if (!wrt.every((v) => Number.isFinite(rev.gradient.get(v)) && agree(rev.gradient.get(v), fwd.get(v)) && (!mj || agree(rev.gradient.get(v), mj.get(v))))) { skipped++; continue; }
    used++;
    const runs = { ridders: { scheme: 'ridders' }, complex: { scheme: 'complex' }, default: {} };
    for (const [name, opts] of Object.entries(runs)) {
      const check = checkGradient(graph, env, rev.gradient, opts);
      for (const c of check.components) {
        // The complex step's row counts only the components it could take (the rest are Ridders').
        if (name === 'complex' && c.reference !== 'complex step') continue;
        t[name].evals += c.evals + (check.evalsPerComponent * check.components.length - check.components.reduce((s, k) => s + k.evals, 0)) / check.components.length;
        count(t[name], c, check.atol);
      }
    }
    if (base) {
      const b = base.buildGraph(exprs[i], env).graph;
      const check = base.checkGradient(b, env, rev.gradient);
      for (const c of check.components) {
        t.base.evals += check.evalsPerComponent;
        count(t.base, { ...c, rtol: check.rtol }, check.atol);
      }
    }
    for (const c of checkGradient(graph, env, rev.gradient, { scheme: 'central' }).components) {
      const a = c.analytic;
      const f = (x) => evaluateScalar(graph, withComponent(env, c.variable, 0, x))[graph.output];
      const x = env.get(c.variable);
      for (const [name, r] of Object.entries({ old: oldRule(f, x), torch: torchRule(f, x) })) {
        t[name].comps++;
        t[name].evals += r.evals;
        if (r.verdict(a) === 'fail') t[name].fails++;
        DELTAS.forEach((d, k) => {
          if (a === 0 || Math.abs(a) * d <= lib.DEFAULT_ATOL) return;
          t[name].judged[k]++;
          if (r.verdict(a * (1 + d)) === 'fail') t[name].caught[k]++;
        });
      }
    }
  }
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(2)}%` : '-');
  const row = (label, x) => [label, `${x.comps}`, `${x.fails} (${pct(x.fails, x.comps)})`, ['old', 'torch'].includes(label.split(':')[0]) ? 'n/a' : `${x.inconclusive} (${pct(x.inconclusive, x.comps)})`, ...DELTAS.map((_, k) => pct(x.caught[k], x.judged[k])), fmt(x.evals / x.comps, 1)];
  const rows = [
    row('old: one central difference, h = cbrt(eps)·max(1,|x|), rtol 1e-6, atol 1e-8', t.old),
    row('torch: PyTorch gradcheck (emulated), eps 1e-6, atol 1e-5, rtol 1e-3', t.torch),
  ];
  if (base) rows.push(row('before issue 22: Ridders + estimate, one tableau decides', t.base));
  rows.push(
    row(`Ridders now (--scheme ridders): a ✗ confirmed at a second scale, rtol ${lib.DEFAULT_RTOL}`, t.ridders),
    row(`complex step (--scheme complex; its components only), rtol ${lib.COMPLEX_RTOL}`, t.complex),
    row('default: the complex step where the path is analytic, Ridders elsewhere', t.default),
  );
  return {
    title: `checker, ${label}: ${used.toLocaleString('en')} random expressions on which reverse, forward and mathjs agree to 1e-10`,
    head: ['rule', 'components', 'false alarms', 'inconclusive', 'catch δ=1e-5', 'catch δ=1e-7', 'catch δ=1e-10', 'evals/component'],
    rows,
    notes: [
      `${n.toLocaleString('en')} drawn (seed ${seed}); ${skipped} left out (value not finite, or the three derivatives disagree)`,
      'catch rate: one component scaled by 1 + δ, among components the rule decides (cg: not inconclusive), nonzero, with δ·|a| above 1e-12',
      `goals: 0 false alarms; ≤ 1% inconclusive; ≥ 99% at 1e-10 by the complex step, ≥ 90% at 1e-7 elsewhere — default: ${t.default.fails === 0 ? '0 false alarms' : `${t.default.fails} FALSE ALARMS`}, ${pct(t.default.inconclusive, t.default.comps)} inconclusive; complex step ${pct(t.complex.caught[2], t.complex.judged[2])} at 1e-10; Ridders ${pct(t.ridders.caught[1], t.ridders.judged[1])} at 1e-7`,
      'evals/component include the noise measurement (shared by a check\'s components); a complex evaluation counts as one',
    ],
  };
}

const narrow = (fc, VARS) => fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -2, max: 2, noNaN: true })])));
const wide = (fc, VARS) => fc.record(Object.fromEntries(VARS.map((v) => [v, fc.tuple(fc.double({ min: -2, max: 1.5, noNaN: true }), fc.boolean()).map(([e, s]) => (s ? -1 : 1) * 10 ** e)])));

function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`cg ${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function quartic(dir) {
  let s = 12345;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const M = () => Array.from({ length: 300 }, () => Array.from({ length: 300 }, r));
  const file = join(dir, 'ab.json');
  writeFileSync(file, JSON.stringify({ A: M(), B: M() }));
  const args = ['grad', 'sum((A*B) .* (A*B))', '--at-file', file, '--wrt', 'A'];
  wall(args);
  const both = [];
  const rev = [];
  for (let k = 0; k < 3; k++) {
    both.push(wall(args));
    rev.push(wall([...args, '--mode', 'reverse']));
  }
  const [b, v] = [median(both), median(rev)];
  return {
    title: 'cg grad "sum((A*B) .* (A*B))" --at-file ab.json --wrt A, A and B 300×300 U(-1,1), check included',
    head: ['options', 'ms (median of 3, interleaved)', 'vs --mode reverse'],
    rows: [['default (--mode both: forward mode along the check\'s 16 directions)', fmt(b), `${(b / v).toFixed(2)}×`], ['--mode reverse', fmt(v), '1.00×']],
    notes: [`goals: default under 3 s (${b < 3000 ? 'met' : 'NOT met'}); --mode both within 1.5× of --mode reverse (${b / v <= 1.5 ? 'met' : 'NOT met'})`],
  };
}

/** A scalar expression over 100 variables of about 10,000 ops: the checker's cost per component against one evaluation. */
function wideExpression(lib) {
  const { buildGraph, gradient, checkGradient, evaluateScalar } = lib;
  const pick = lib.mulberry32(3);
  const v = (i) => `v${i}`;
  const terms = [];
  const fns = ['sin', 'cos', 'tanh', 'exp', 'sigmoid'];
  while (terms.length < 1900) {
    const a = v(Math.floor(pick() * 100));
    const b = v(Math.floor(pick() * 100));
    terms.push(`${(pick() - 0.5).toFixed(3)}*${fns[Math.floor(pick() * fns.length)]}(${a}*${b} - ${(pick() - 0.5).toFixed(3)})`);
  }
  const env = new Map(Array.from({ length: 100 }, (_, i) => [v(i), pick() * 2 - 1]));
  const { graph } = buildGraph(terms.join(' + '), env);
  const ops = graph.nodes.filter((n) => n.def).length;
  const g = gradient(graph, env, [...env.keys()]).gradient;
  // Interleaved rounds, medians: the machine is shared.
  let check;
  const evals = [];
  const checks = [];
  for (let r = 0; r < 5; r++) {
    evals.push(timeIt(() => evaluateScalar(graph, env), 50, 5));
    checks.push(timeIt(() => (check = checkGradient(graph, env, g)), 1, r === 0 ? 2 : 0));
  }
  const tEval = median(evals);
  const tCheck = median(checks);
  const per = tCheck / check.components.length;
  return {
    title: `the checker on a 100-variable scalar expression of ${ops.toLocaleString('en')} ops`,
    head: ['', 'ms', 'evaluations'],
    rows: [
      ['one evaluation (scalar fast path)', fmt(tEval, 3), '1'],
      [`check, per component (${check.components.length} components; ${check.counts.passed} passed)`, fmt(per, 3), fmt(check.evalsPerComponent, 1)],
    ],
    notes: [`goal: ≤ 20× one evaluation per component; measured ${(per / tEval).toFixed(1)}× (${per / tEval <= 20 ? 'met' : 'NOT met'})`],
  };
}

export default async function checker() {
  const dir = mkdtempSync(join(root, 'bench', '.checker-'));
  try {
    const lib = await load(dir);
    const base = process.env.BENCH_CHECKER_BASE ? await load(dir, process.env.BENCH_CHECKER_BASE, 'base-bundle.mjs', false) : undefined;
    // The timing first, before the rates leave a large heap behind for the collector.
    const w = wideExpression(lib);
    const r1 = await rates(lib, base, narrow, 21, 'points in [-2, 2]');
    const r2 = await rates(lib, base, wide, 22, 'points of magnitude 10^U(-2, 1.5)');
    return [r1, r2, w, quartic(dir)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
