import { CgError } from '../errors.js';
import { sizeOf } from '../graph/tensor.js';
import { loadInputs, pickWrt, type InputOptions } from './inputs.js';

/**
 * The largest Hessian or Jacobian cg computes: 4,000,000 entries (32 MB of float64, about
 * 80 MB as JSON, a few seconds of sweeps for a small graph). A 20,000-variable Hessian (400
 * million entries, 3.2 GB, 20,000 sweeps of the graph) is refused in a line before any work.
 */
export const MAX_MATRIX_ENTRIES = 4_000_000;

const bytes = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(0)} MB` : `${Math.ceil(n / 1e3)} KB`);
const big = (n: number) => n.toLocaleString('en');

/**
 * Up front, before `cg hessian` or `cg jacobian` does any work: the matrix's size from the
 * shapes alone (rows × columns, and the sweeps that fill it); what cannot fit is refused with
 * its size and what to use instead.
 */
export function guardMatrixSize(kind: 'hessian' | 'jacobian', expr: string, opts: InputOptions & { wrt?: string; mode?: string }): void {
  const { graph, variables, outputName } = loadInputs(expr, { ...opts, quiet: true });
  const wrt = pickWrt(opts.wrt, variables);
  let inputs = 0;
  for (const w of wrt) inputs += sizeOf(graph.nodes[graph.vars.get(w)!].shape);
  const outputs = kind === 'hessian' ? inputs : sizeOf(graph.nodes[graph.output].shape);
  const entries = outputs * inputs;
  if (entries <= MAX_MATRIX_ENTRIES) return;
  const sweeps = kind === 'hessian' ? inputs : Math.min(inputs, outputs);
  const what = kind === 'hessian' ? `a ${big(inputs)}×${big(inputs)} Hessian` : `a ${big(outputs)}×${big(inputs)} Jacobian of ${outputName}`;
  const instead =
    kind === 'hessian'
      ? 'fewer variables with --wrt (a block of the Hessian), or cg grad for the gradient with its finite-difference check'
      : 'fewer columns with --wrt, or cg grad for the gradient of one output (an element, or a weighted sum: a vector-Jacobian product)';
  throw new CgError('limit', `${what} would hold ${big(entries)} entries (${bytes(entries * 8)} as float64, ${big(sweeps)} sweeps of the graph); the limit is ${big(MAX_MATRIX_ENTRIES)}`, {
    hint: `use ${instead}`,
  });
}
