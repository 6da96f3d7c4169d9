import { labels, jacobian, varShapes } from '../graph/engines/derivatives.js';
import { evaluate } from '../graph/engines/evaluate.js';
import { sizeOf, Tensor, type Value } from '../graph/tensor.js';
import { componentLabel } from '../graph/check/check.js';
import { checkJacobian } from '../graph/check/matrix-check.js';
import { checkJson } from './grad-result.js';
import { checkNotes, checkSummary, failedEntries } from './grad-render.js';
import { loadInputs, numberOption, pickWrt } from './inputs.js';
import { guardMatrixSize } from './size-guard.js';
import { nested, renderMatrix } from './matrix.js';
import { colorFor, fmtErr, fmtNum, fmtValue, fromJson, printJson, toJson } from './output.js';
import { explain, nonfiniteJson, traceForward } from '../graph/check/nonfinite.js';

/** Progress of the work in sweeps (a column of differences counts as one). */
export type Progress = (done: number, total: number) => void;
import type { OptionsOf } from './command.js';
import type { jacobian as spec } from './commands/jacobian.js';

/** The options as declared in commands/jacobian.ts. */
export type JacobianOptions = OptionsOf<typeof spec>;

/** What `cg jacobian` found; `--json` prints exactly this. */
export interface JacobianResult {
  expression: string;
  output: string;
  value: unknown;
  /** Column labels: the flattened inputs (`x`, `W[0,1]`). */
  variables: string[];
  /** Row labels: the flattened outputs. */
  outputs: string[];
  mode: 'forward' | 'reverse';
  sweeps: number;
  jacobian: number[][];
  /** The checker's verdicts (as `cg grad --json`), one component per Jacobian entry checked, plus the largest error. */
  check: (ReturnType<typeof checkJson> & { max_abs_err: number }) | null;
  /** Where a NaN or infinity in the value first appeared; null when the value is finite. */
  nonfinite: ReturnType<typeof nonfiniteJson> | null;
  ok: boolean;
}

export function computeJacobian(expr: string, opts: JacobianOptions, progress?: Progress): JacobianResult {
  const rtol = numberOption(opts.rtol, '--rtol');
  const atol = numberOption(opts.atol, '--atol');
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const wrt = pickWrt(opts.wrt, variables);
  // The sweeps, then (with the check) one column of differences per input: one bar for both.
  let cols = 0;
  for (const w of wrt) cols += sizeOf(graph.nodes[graph.vars.get(w)!].shape);
  const fdCols = opts.check === false ? 0 : cols;
  let sweepsTotal = 0;
  const J = jacobian(graph, values, wrt, opts.mode ?? 'auto', progress && ((done, total) => progress(done, (sweepsTotal = total) + fdCols)));
  const outShape = graph.nodes[graph.output].shape;
  const outputs = Array.from({ length: sizeOf(outShape) }, (_, k) => componentLabel(outputName, outShape, k).label);
  let check: JacobianResult['check'] = null;
  if (opts.check !== false) {
    // Each row (an output entry) through the one checker: the complex step or Ridders, estimates, three verdicts.
    const res = checkJacobian(graph, values, J.matrix, wrt, outputName, { rtol, atol, scheme: opts.scheme, strict: opts.strict });
    progress?.(sweepsTotal + fdCols, sweepsTotal + fdCols);
    const maxAbsErr = res.components.reduce((m, k) => Math.max(m, Number.isNaN(k.absErr) ? Infinity : k.absErr), 0);
    check = { ...checkJson(res, undefined), max_abs_err: maxAbsErr };
  }
  const out = J.value;
  const bad = typeof out === 'number' ? (Number.isFinite(out) ? undefined : out) : out.data.find((x) => !Number.isFinite(x));
  const nf = bad === undefined ? undefined : traceForward(graph, values);
  const finite = bad === undefined && J.matrix.every(Number.isFinite);
  if (check && !finite) check.ok = false;
  return {
    expression: expr,
    output: outputName,
    value: toJson(J.value),
    variables: labels(varShapes(graph, wrt)),
    outputs,
    mode: J.mode,
    sweeps: J.sweeps,
    jacobian: nested(J.matrix, J.rows, J.cols),
    check,
    nonfinite: nf ? nonfiniteJson(nf, explain(nf, outputName, bad!)) : null,
    ok: finite && (check ? check.ok : true),
  };
}

export async function jacobianCommand(expr: string, opts: JacobianOptions): Promise<number> {
  guardMatrixSize('jacobian', expr, opts);
  const bar = await progressBar();
  let r: JacobianResult;
  try {
    r = computeJacobian(expr, opts, bar?.update);
  } finally {
    bar?.stop();
  }
  if (opts.json) {
    printJson(r);
    return r.ok ? 0 : 1;
  }
  const c = colorFor(process.stdout);
  const lines = [`${c.bold(r.output)} = ${fmtValue(Tensor.from(fromJson(r.value)) as Value)}`];
  const why = opts.mode && opts.mode !== 'auto' ? 'as asked' : r.mode === 'forward' ? 'fewer inputs than outputs' : 'no more outputs than inputs';
  lines.push(c.dim(`Jacobian (${r.outputs.length}×${r.variables.length}) by ${r.mode} mode: ${r.sweeps} sweep${r.sweeps === 1 ? '' : 's'} (${why})`));
  lines.push(await renderMatrix(Float64Array.from(r.jacobian.flat()), r.outputs, r.variables));
  if (r.check) {
    lines.push(...checkSummary(r.check, c, opts.verbose), ...failedEntries(r.check, c));
    for (const [n, labels] of checkNotes(r.check.components as Record<string, Record<string, unknown>>)) lines.push(`${c.yellow('note:')} ${labels.join(', ')}: ${n}`);
  }
  if (r.nonfinite) lines.push(`${c.red('error:')} ${r.nonfinite.message}`);
  else if (!r.ok && !r.check) lines.push(`${c.red('error:')} the Jacobian is not finite`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return r.ok ? 0 : 1;
}

/**
 * A bar on stderr, on a terminal only, once the work is seen to need more than a second:
 * the first sweeps are timed and the bar appears when the projected total passes 1 s.
 */
async function progressBar(): Promise<{ update: Progress; stop: () => void } | undefined> {
  if (!process.stderr.isTTY) return undefined;
  const { default: cli } = await import('cli-progress');
  const t0 = performance.now();
  let bar: InstanceType<typeof cli.SingleBar> | undefined;
  return {
    update(done, total) {
      if (!bar) {
        if ((performance.now() - t0) * (total / done) < 1000) return;
        bar = new cli.SingleBar({ format: 'jacobian {bar} {value}/{total} sweeps | ETA {eta_formatted}', barsize: 24, hideCursor: true, clearOnComplete: true, stream: process.stderr }, cli.Presets.shades_classic);
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
