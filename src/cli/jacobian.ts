import { labels, jacobian, varShapes } from '../graph/derivatives.js';
import { evaluate } from '../graph/evaluate.js';
import { sizeOf, Tensor, type Value } from '../graph/tensor.js';
import { componentLabel, withComponent } from '../graph/check.js';
import { loadInputs, numberOption, pickWrt } from './inputs.js';
import { compare, nested, renderMatrix } from './matrix.js';
import { colorFor, fmtErr, fmtNum, fmtValue, printJson, toJson } from './output.js';
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
  check: { method: string; max_abs_err: number; rtol: number; atol: number; ok: boolean } | null;
  ok: boolean;
}

/** Central differences of the whole output, one input component at a time: the columns. */
function jacobianByDifferences(
  graph: Parameters<typeof evaluate>[0],
  values: Map<string, Value>,
  wrt: string[],
  rows: number,
  cols: number,
): Float64Array {
  const m = new Float64Array(rows * cols);
  let col = 0;
  const flat = (v: Value) => (typeof v === 'number' ? [v] : v.data);
  for (const name of wrt) {
    const v = values.get(name)!;
    const size = typeof v === 'number' ? 1 : v.size;
    for (let k = 0; k < size; k++, col++) {
      const x = typeof v === 'number' ? v : v.data[k];
      const at = (t: number) => flat(evaluate(graph, withComponent(values, name, k, x + t))[graph.output]);
      const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));
      const p = at(h);
      const q = at(-h);
      for (let r = 0; r < rows; r++) m[r * cols + col] = (p[r] - q[r]) / (2 * h);
    }
  }
  return m;
}

export function computeJacobian(expr: string, opts: JacobianOptions): JacobianResult {
  const rtol = numberOption(opts.rtol, '--rtol') ?? 1e-6;
  const atol = numberOption(opts.atol, '--atol') ?? 1e-8;
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const wrt = pickWrt(opts.wrt, variables);
  const J = jacobian(graph, values, wrt, opts.mode ?? 'auto');
  const outShape = graph.nodes[graph.output].shape;
  const outputs = Array.from({ length: sizeOf(outShape) }, (_, k) => componentLabel(outputName, outShape, k).label);
  let check: JacobianResult['check'] = null;
  if (opts.check !== false) {
    const fd = jacobianByDifferences(graph, values, wrt, J.rows, J.cols);
    const { maxAbsErr, ok } = compare(J.matrix, fd, rtol, atol);
    check = { method: 'central differences, one column per input', max_abs_err: maxAbsErr, rtol, atol, ok };
  }
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
    ok: check ? check.ok : true,
  };
}

export async function jacobianCommand(expr: string, opts: JacobianOptions): Promise<number> {
  const r = computeJacobian(expr, opts);
  if (opts.json) {
    printJson(r);
    return r.ok ? 0 : 1;
  }
  const c = colorFor(process.stdout);
  const lines = [`${c.bold(r.output)} = ${fmtValue(Tensor.from(r.value) as Value)}`];
  const why = opts.mode && opts.mode !== 'auto' ? 'as asked' : r.mode === 'forward' ? 'fewer inputs than outputs' : 'no more outputs than inputs';
  lines.push(c.dim(`Jacobian (${r.outputs.length}×${r.variables.length}) by ${r.mode} mode: ${r.sweeps} sweep${r.sweeps === 1 ? '' : 's'} (${why})`));
  lines.push(await renderMatrix(Float64Array.from(r.jacobian.flat()), r.outputs, r.variables));
  if (r.check) {
    const verdict = r.check.ok ? c.green('ok') : c.red('FAILED');
    lines.push(c.dim(`check: ${r.check.method}, max abs err ${fmtErr(r.check.max_abs_err)}, rtol ${fmtNum(r.check.rtol)}, atol ${fmtNum(r.check.atol)}: `) + verdict);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return r.ok ? 0 : 1;
}
