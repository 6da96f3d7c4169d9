import { checkGradient, componentLabel, type CheckComponent, type CheckOptions, type CheckResult } from './check.js';
import { gradientNodes, varShapes } from '../engines/derivatives.js';
import type { Env } from '../engines/evaluate.js';
import type { Graph } from '../graph.js';
import { sizeOf, Tensor, type Shape, type Value } from '../tensor.js';
import { mulberry32 } from '../../util/random.js';

/**
 * Jacobians and Hessians through the one checker: each row is the gradient of one scalar
 * (an output entry; for a Hessian, an entry of the gradient, whose nodes the reverse sweep
 * builds into the graph, so the check differentiates the gradient), checked by
 * checkGradient with its references, estimates, verdicts and evidence. Components are
 * labelled `row/column` (`f[0]/x`, `∂f/∂x/y`).
 */

/** Above this many rows, a seeded sample of rows is checked (and the method says so). */
export const MAX_ROWS = 32;

interface Row {
  label: string;
  output: number;
  entry: number;
  /** The row of the matrix, one value per variable in its shape. */
  analytic: Map<string, Value>;
}

/** Row r of a row-major rows×cols matrix over the flattened variables, as a value per variable. */
function rowOf(matrix: ArrayLike<number>, r: number, cols: number, shapes: ReadonlyMap<string, Shape>): Map<string, Value> {
  const out = new Map<string, Value>();
  let c = 0;
  for (const [name, shape] of shapes) {
    const n = sizeOf(shape);
    const data = Float64Array.from({ length: n }, (_, k) => matrix[r * cols + c + k]);
    out.set(name, shape.length === 0 ? data[0] : new Tensor(shape, data));
    c += n;
  }
  return out;
}

function checkRows(g: Graph, env: Env, rows: Row[], what: string, opts: CheckOptions): CheckResult {
  let picked = rows;
  if (rows.length > MAX_ROWS) {
    const rand = mulberry32(opts.seed ?? 1);
    const idx = new Set<number>();
    while (idx.size < MAX_ROWS) idx.add(Math.floor(rand() * rows.length));
    picked = [...idx].sort((a, b) => a - b).map((i) => rows[i]);
  }
  const results = picked.map((row) => ({ row, r: checkGradient(g, env, row.analytic, { ...opts, outputIndex: row.entry }, row.output) }));
  const components: CheckComponent[] = results.flatMap(({ row, r }) => r.components.map((c) => ({ ...c, label: `${row.label}/${c.label}` })));
  const counts = { passed: 0, failed: 0, inconclusive: 0 };
  let evals = 0;
  for (const { r } of results) {
    counts.passed += r.counts.passed;
    counts.failed += r.counts.failed;
    counts.inconclusive += r.counts.inconclusive;
    evals += r.evalsPerComponent * r.components.length;
  }
  const first = results[0]?.r;
  const sample = picked.length < rows.length ? ` (a seeded sample of ${picked.length} of its ${rows.length} rows)` : '';
  return {
    ...(first ?? checkGradient(g, env, new Map(), opts)),
    method: `${what}${sample}: ${first?.method ?? 'nothing to check'}`,
    ok: results.every(({ r }) => r.ok),
    counts,
    components,
    kinks: first?.kinks ?? [],
    evalsPerComponent: components.length ? evals / components.length : 0,
    directions: [],
  };
}

/** Check a Jacobian (rows: output entries, columns: the flattened `wrt`) of g's output. */
export function checkJacobian(g: Graph, env: Env, matrix: ArrayLike<number>, wrt: readonly string[], outputName: string, opts: CheckOptions = {}): CheckResult {
  const shapes = varShapes(g, wrt);
  const cols = [...shapes.values()].reduce((s, sh) => s + sizeOf(sh), 0);
  const outShape = g.nodes[g.output].shape;
  const rows: Row[] = Array.from({ length: sizeOf(outShape) }, (_, r) => ({
    label: componentLabel(outputName, outShape, r).label, output: g.output, entry: r, analytic: rowOf(matrix, r, cols, shapes),
  }));
  return checkRows(g, env, rows, 'each row of the Jacobian', opts);
}

/**
 * Check a Hessian (n×n over the flattened `wrt`) of g's scalar output: row i against the
 * gradient of the i-th gradient entry, built as nodes in g. A gradient entry with no node
 * (f does not depend on that variable) has a zero row by construction: its row must be zero.
 */
export function checkHessian(g: Graph, env: Env, matrix: ArrayLike<number>, wrt: readonly string[], outputName: string, opts: CheckOptions = {}): CheckResult {
  const shapes = varShapes(g, wrt);
  const n = [...shapes.values()].reduce((s, sh) => s + sizeOf(sh), 0);
  const grads = gradientNodes(g, wrt);
  const rows: Row[] = [];
  let r = 0;
  const zeroRows: string[] = [];
  [...shapes].forEach(([name, shape], k) => {
    for (let i = 0; i < sizeOf(shape); i++, r++) {
      const label = `∂${outputName}/∂${componentLabel(name, shape, i).label}`;
      const node = grads[k];
      if (node) rows.push({ label, output: node.id, entry: i, analytic: rowOf(matrix, r, n, shapes) });
      else for (let c = 0; c < n; c++) if (matrix[r * n + c] !== 0) zeroRows.push(label);
    }
  });
  const result = checkRows(g, env, rows, 'each row of the Hessian (the gradient differentiated)', opts);
  if (zeroRows.length) {
    // f does not depend on these variables, so their gradient entries are constant 0: a nonzero row is wrong.
    result.ok = false;
    result.counts.failed += zeroRows.length;
    for (const label of new Set(zeroRows)) {
      result.components.push({
        label, variable: '', index: [], analytic: NaN, numeric: 0, estimate: 0, absErr: NaN, relErr: NaN, tol: 0, verdict: 'fail', ok: false,
        method: 'ridders', rtol: result.rtol, reference: 'differences', step: 0, evals: 0,
        note: 'f does not depend on this variable, so this row of the Hessian must be 0, and it is not',
      });
    }
  }
  return result;
}
