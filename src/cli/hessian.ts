import { hessian, labels, varShapes } from '../graph/engines/derivatives.js';
import { checkHessian } from '../graph/check/matrix-check.js';
import { checkJson } from './grad-result.js';
import { checkNotes, checkSummary, failedEntries } from './grad-render.js';
import { CgError } from '../errors.js';
import { explain, nonfiniteJson, traceBackward, traceForward } from '../graph/check/nonfinite.js';
import { scalarOutput } from './scalar-output.js';
import { guardMatrixSize } from './size-guard.js';
import { loadInputs, numberOption, pickWrt } from './inputs.js';
import { nested, renderMatrix } from './matrix.js';
import { colorFor, fmtErr, fmtNum, mapToJson, printJson, toJson } from './output.js';
import type { OptionsOf } from './command.js';
import type { hessian as spec } from './commands/hessian.js';

/** The options as declared in commands/hessian.ts. */
export type HessianOptions = OptionsOf<typeof spec>;

/** What `cg hessian` found; `--json` prints exactly this. */
export interface HessianResult {
  expression: string;
  output: string;
  value: unknown;
  gradient: Record<string, unknown>;
  variables: string[];
  hessian: number[][];
  /** Largest |H - Hᵀ|: zero up to rounding for a correct Hessian. */
  asymmetry: number;
  /** The checker's verdicts (as `cg grad --json`), one component per Hessian entry checked, plus the largest error. */
  check: (ReturnType<typeof checkJson> & { max_abs_err: number }) | null;
  /** Where a NaN or infinity first appeared (value, gradient or Hessian); null when all are finite. */
  nonfinite: ReturnType<typeof nonfiniteJson> | null;
  notes: string[];
  ok: boolean;
}

export function computeHessian(expr: string, opts: HessianOptions): HessianResult {
  const rtol = numberOption(opts.rtol, '--rtol');
  const atol = numberOption(opts.atol, '--atol');
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const shapeNote = scalarOutput(graph, outputName, 'cg hessian');
  const wrt = pickWrt(opts.wrt, variables);
  const H = hessian(graph, values, wrt);
  const n = H.n;
  let asymmetry = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) asymmetry = Math.max(asymmetry, Math.abs(H.matrix[i * n + j] - H.matrix[j * n + i]));
  let check: HessianResult['check'] = null;
  if (opts.check !== false) {
    // The checker differentiates the gradient (its nodes built into the graph): the complex step where
    // the gradient's ops have complex evaluations, Ridders elsewhere, with estimates and three verdicts.
    const res = checkHessian(graph, values, H.matrix, wrt, outputName, { rtol, atol, scheme: opts.scheme, strict: opts.strict });
    const maxAbsErr = res.components.reduce((m, k) => Math.max(m, Number.isNaN(k.absErr) ? Infinity : k.absErr), 0);
    check = { ...checkJson(res, undefined), max_abs_err: maxAbsErr };
  }
  // A NaN or infinity anywhere fails the command, however well the differences agree.
  let nonfinite: HessianResult['nonfinite'] = null;
  const v = H.value as number;
  const gradBad = [...H.gradient.values()].some((g) => (typeof g === 'number' ? !Number.isFinite(g) : !g.data.every(Number.isFinite)));
  if (!Number.isFinite(v)) {
    const nf = traceForward(graph, values);
    if (nf) nonfinite = nonfiniteJson(nf, explain(nf, outputName, v));
  } else if (gradBad) {
    const nf = traceBackward(graph, values, wrt);
    if (nf) nonfinite = nonfiniteJson(nf, explain(nf, `the gradient of ${outputName}`, nf.value));
  }
  const finite = Number.isFinite(v) && !gradBad && H.matrix.every(Number.isFinite);
  if (check && !finite) check.ok = false;
  return {
    expression: expr,
    output: outputName,
    value: toJson(H.value),
    gradient: mapToJson(H.gradient),
    variables: labels(varShapes(graph, wrt)),
    hessian: nested(H.matrix, n, n),
    asymmetry,
    check,
    nonfinite,
    notes: shapeNote ? [shapeNote] : [],
    ok: finite && (check ? check.ok : true),
  };
}

export async function hessianCommand(expr: string, opts: HessianOptions): Promise<number> {
  guardMatrixSize('hessian', expr, opts);
  const r = computeHessian(expr, opts);
  if (opts.json) {
    printJson(r);
    return r.ok ? 0 : 1;
  }
  const c = colorFor(process.stdout);
  const lines = [`${c.bold(r.output)} = ${typeof r.value === 'number' ? fmtNum(r.value) : String(r.value)}`];
  lines.push(c.dim(`Hessian (${r.variables.length}×${r.variables.length}), forward mode over the reverse-mode gradient graph; max |H - Hᵀ| = ${fmtErr(r.asymmetry)}`));
  lines.push(await renderMatrix(Float64Array.from(r.hessian.flat()), r.variables, r.variables));
  if (r.check) {
    lines.push(...checkSummary(r.check, c, opts.verbose), ...failedEntries(r.check, c));
    for (const [n, labels] of checkNotes(r.check.components as Record<string, Record<string, unknown>>)) lines.push(`${c.yellow('note:')} ${labels.join(', ')}: ${n}`);
  }
  for (const n of r.notes) lines.push(`${c.yellow('note:')} ${n}`);
  if (r.nonfinite) lines.push(`${c.red('error:')} ${r.nonfinite.message}`);
  else if (!r.ok && !r.check) lines.push(`${c.red('error:')} the Hessian is not finite`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return r.ok ? 0 : 1;
}
