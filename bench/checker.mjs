// The gradient checker (issue 11): how often it cries wolf, how often it stays silent, what
// it catches and what it costs, for the old single central difference, PyTorch gradcheck's
// rule (emulated) and Ridders' extrapolation as cg runs it now; then two timings.
// BENCH_CHECKER_N: random expressions (default 10,000: half at points in (-2, 2), half at
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
const N = Number(process.env.BENCH_CHECKER_N ?? 10_000);
const DELTAS = [1e-5, 1e-6, 1e-7];
const EPS = Number.EPSILON;

/** The test suite's random-expression generator and cg's engines, bundled from source for this run. */
async function load(dir) {
  const out = join(dir, 'checker-bundle.mjs');
  await build({
    stdin: {
      contents: `
        export { anyExpr, VARS } from './tests/graph/expressions.ts';
        export { checkGradient, judge, DEFAULT_RTOL, DEFAULT_ATOL, withComponent } from './src/graph/check/check.ts';
        export { gradient, forwardGradient } from './src/graph/engines/gradient.ts';
        export { evaluateScalar } from './src/graph/engines/scalar.ts';
        export { OPS } from './src/graph/ops/index.ts';
        export { buildGraph } from './src/parse/index.ts';
        export { mulberry32 } from './src/util/random.ts';
        export { default as fc } from 'fast-check';`,
      resolveDir: root,
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

async function rates(lib) {
  const { anyExpr, VARS, checkGradient, judge, gradient, forwardGradient, evaluateScalar, OPS, buildGraph, fc, withComponent } = lib;
  const kinked = [...OPS.values()].filter((op) => op.kink).map((op) => op.name);
  const smooth = (t) => !kinked.some((n) => new RegExp(`\\b${n}\\b`).test(t)) && /\b[xyz]\b/.test(t);
  const agree = (a, b) => Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b));
  const uniform = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -2, max: 2, noNaN: true })])));
  const magnitude = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.tuple(fc.double({ min: -2, max: 1.5, noNaN: true }), fc.boolean()).map(([e, s]) => (s ? -1 : 1) * 10 ** e)])));
  const t = { old: tally(), torch: tally(), ridders: tally() };
  let used = 0;
  let skipped = 0;
  for (const [points, seed] of [[uniform, 11], [magnitude, 12]]) {
    const exprs = fc.sample(fc.oneof(anyExpr(3), anyExpr(4), anyExpr(5)).filter(smooth), { numRuns: N / 2, seed });
    const pts = fc.sample(points, { numRuns: N / 2, seed: seed + 1 });
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
      const check = checkGradient(graph, env, rev.gradient);
      t.ridders.evals += check.evalsPerComponent * check.components.length;
      for (const c of check.components) {
        const a = c.analytic;
        const f = (x) => evaluateScalar(graph, withComponent(env, c.variable, 0, x))[graph.output];
        const x = env.get(c.variable);
        const rules = { old: oldRule(f, x), torch: torchRule(f, x) };
        for (const [name, r] of Object.entries(rules)) {
          t[name].comps++;
          t[name].evals += r.evals;
          if (r.verdict(a) === 'fail') t[name].fails++;
        }
        t.ridders.comps++;
        if (c.verdict === 'fail') t.ridders.fails++;
        if (c.verdict === 'inconclusive') t.ridders.inconclusive++;
        DELTAS.forEach((d, k) => {
          // Scaling a zero, or an error below cg's atol, is no error to catch.
          if (a === 0 || Math.abs(a) * d <= check.atol) return;
          const wrong = a * (1 + d);
          for (const [name, r] of Object.entries(rules)) {
            t[name].judged[k]++;
            if (r.verdict(wrong) === 'fail') t[name].caught[k]++;
          }
          if (c.verdict === 'inconclusive') return;
          const j = judge(wrong, c.numeric, c.estimate, check.rtol, check.atol, c.method !== 'one-sided');
          if (j.verdict === 'inconclusive') return;
          t.ridders.judged[k]++;
          if (j.verdict === 'fail') t.ridders.caught[k]++;
        });
      }
    }
  }
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(2)}%` : '-');
  const row = (label, x) => [label, `${x.fails} (${pct(x.fails, x.comps)})`, x === t.ridders ? `${x.inconclusive} (${pct(x.inconclusive, x.comps)})` : 'n/a', ...DELTAS.map((_, k) => pct(x.caught[k], x.judged[k])), fmt(x.evals / x.comps, 1)];
  return {
    title: `checker: ${used.toLocaleString('en')} random smooth expressions on which reverse, forward and mathjs agree to 1e-10 (${t.ridders.comps.toLocaleString('en')} components)`,
    head: ['rule', 'false alarms', 'inconclusive', 'catch δ=1e-5', 'catch δ=1e-6', 'catch δ=1e-7', 'evals/component'],
    rows: [
      row('old: one central difference, h = cbrt(eps)·max(1,|x|), rtol 1e-6, atol 1e-8', t.old),
      row('PyTorch gradcheck (emulated): eps 1e-6, atol 1e-5, rtol 1e-3', t.torch),
      row(`cg now: Ridders + error estimate, rtol ${lib.DEFAULT_RTOL}, atol ${lib.DEFAULT_ATOL}, k = 4`, t.ridders),
    ],
    notes: [
      `${N.toLocaleString('en')} drawn: half at points U(-2, 2), half at magnitudes 10^U(-2, 1.5); ${skipped} left out (value not finite, or the three derivatives disagree)`,
      'catch rate: one component scaled by 1 + δ, among components the rule decides (cg: not inconclusive), nonzero, with δ·|a| above 1e-12',
      `goals: 0 false alarms; ≤ 1% inconclusive; ≥ 99% at 1e-6 and ≥ 90% at 1e-7 — cg: ${t.ridders.fails === 0 ? '0 false alarms' : `${t.ridders.fails} FALSE ALARMS`}, ${pct(t.ridders.inconclusive, t.ridders.comps)} inconclusive, ${pct(t.ridders.caught[1], t.ridders.judged[1])} / ${pct(t.ridders.caught[2], t.ridders.judged[2])}`,
      'evals/component for cg include the noise measurement (6 evaluations per check, shared by its components)',
    ],
  };
}

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
function wide(lib) {
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
    // The timing first, before the rates leave a large heap behind for the collector.
    const w = wide(lib);
    return [await rates(lib), w, quartic(dir)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
