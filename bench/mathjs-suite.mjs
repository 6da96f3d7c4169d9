// cg diff against mathjs on mathjs's own derivative unit tests (fixtures/diff/mathjs-suite.json):
// characters of cg's printed derivative against mathjs's derivative, raw and simplified, both
// printed by cg's printer (mathjs's text parsed into a cg graph: the same printing rules), and
// the values compared at random points. Shared by the benchmark (bench/diff.mjs, with dist/)
// and the test (tests/parse/diff-mathjs-suite.test.ts, with src/).
import { readFileSync } from 'node:fs';

export const suite = JSON.parse(readFileSync(new URL('../fixtures/diff/mathjs-suite.json', import.meta.url), 'utf8'));

/**
 * mathjs's result printed by cg: `df_dx = ...` as cg prints the graph of mathjs's text. Where
 * mathjs's text uses a function cg lacks (sec, for tan), its own text without spaces.
 */
function printedLength(lib, text, name, names) {
  try {
    const { graph } = lib.buildGraph(text, new Map(names.map((n) => [n, 1])));
    return { chars: lib.printProgram(graph, [{ name, id: graph.output }], { reserved: ['pi', 'e'] }).program.length, by: 'cg' };
  } catch {
    return { chars: `${name} = ${text.replace(/\s+/g, '')}`.length, by: 'text' };
  }
}

/** Random points in every function's domain here (asin(2x) needs |x| < 1/2). */
function points(lib, n) {
  const r = lib.mulberry32(14);
  return Array.from({ length: n }, () => ({ x: 0.1 + 0.35 * r(), y: 0.5 + 1.5 * r(), z: 0.5 + 1.5 * r() }));
}

/** One row per expression: characters (cg, mathjs raw, mathjs simplified) and whether the values agree. */
export function measureSuite(lib, math, { samples = 5 } = {}) {
  const pts = points(lib, samples);
  return suite.expressions.map(({ expr, wrt }) => {
    const r = lib.computeDiff(expr, { wrt });
    const name = `df_d${wrt}`;
    const names = ['x', 'y', 'z'].filter((v) => new RegExp(`\\b${v}\\b`).test(expr));
    const raw = math.derivative(expr, wrt, { simplify: false });
    const simp = math.derivative(expr, wrt);
    const rawLen = printedLength(lib, raw.toString({ implicit: 'show' }), name, names);
    const simpLen = printedLength(lib, simp.toString({ implicit: 'show' }), name, names);
    const f = simp.compile();
    let worst = 0;
    let agree = true;
    for (const p of pts) {
      const values = new Map(names.map((v) => [v, p[v]]));
      const { graph } = lib.buildGraph(r.program, values);
      const got = lib.evaluate(graph, values)[graph.names.get(name)];
      const want = f.evaluate({ ...p });
      const same = got === want || (Number.isNaN(got) && Number.isNaN(want));
      const err = same ? 0 : Math.abs(got - want);
      worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
      if (!same && !(err <= 1e-12 + 1e-9 * Math.max(Math.abs(got), Math.abs(want)))) agree = false;
    }
    return { expr, cg: r.size.characters, program: r.program, mathjsRaw: rawLen.chars, mathjs: simpLen.chars, mathjsText: simp.toString(), printedBy: simpLen.by, agree, worst };
  });
}

/** Totals and the worst ratio cg / mathjs simplified. */
export function summarize(rows) {
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const worst = rows.reduce((w, r) => (r.cg / r.mathjs > w.cg / w.mathjs ? r : w), rows[0]);
  return {
    expressions: rows.length,
    cg: sum('cg'),
    mathjsRaw: sum('mathjsRaw'),
    mathjs: sum('mathjs'),
    longer: rows.filter((r) => r.cg > r.mathjs).length,
    disagree: rows.filter((r) => !r.agree).length,
    worst: { expr: worst.expr, ratio: worst.cg / worst.mathjs },
  };
}
