import { CgError } from '../../errors.js';
import { labels, varShapes } from '../../graph/engines/derivatives.js';
import { scalarOutput } from '../scalar-output.js';
import type { Graph } from '../../graph/graph.js';
import { fmtShape, sameShape, shapeOf, sizeOf, Tensor, type Shape } from '../../graph/tensor.js';
import { buildGraph } from '../../parse/index.js';
import { suggest } from '../../util/suggest.js';
import type { CheckCase, Where } from './spec.js';
import { errorAt, whereText } from './where.js';

/** A case whose graph is built and whose inputs are known to fit it. */
export interface Prepared {
  c: CheckCase;
  graph: Graph;
  outputName: string;
  /** The variables differentiated and checked, in order. */
  wrt: string[];
  /** Does `at` bind every variable (so the value, expectations and the check at `at` can run)? */
  complete: boolean;
  /** Shapes of the variables drawn at random points. */
  shapes: Map<string, Shape>;
  /** Names given a value in `at` that the expression does not use. */
  unused: string[];
  /** Set when a one-element output ([1], [1,1]) is taken as its one number. */
  shapeNote: string | null;
}

/** An error about case `c` at `where` (or, from the command line, as it is). */
export function caseError(c: CheckCase, where: Where | undefined, code: CgError['code'], message: string, hint?: string, width?: number): CgError {
  if (!c.where) return new CgError(code, message, { hint });
  return errorAt(where ?? c.where, code, `case "${c.name}": ${message}`, { hint, width });
}

const didYouMean = (name: string, among: string[]) => {
  const guess = suggest(name, among);
  return guess ? `did you mean ${guess}?` : `the variables are ${among.join(', ') || 'none'}`;
};

/** Build the graph and check that bindings, expectations and ranges fit it; throws a positioned CgError. */
export function prepare(c: CheckCase): Prepared {
  const values = new Map(c.at);
  const shapes = new Map<string, Shape>();
  for (const [name, r] of c.points?.ranges ?? []) {
    const given = c.at.get(name);
    const shape = r.shape ?? (given === undefined ? [] : shapeOf(given));
    if (given !== undefined && !sameShape(shapeOf(given), shape)) {
      throw caseError(c, r.where, 'shape', `the range of ${name} has shape ${fmtShape(shape)} but at gives it shape ${fmtShape(shapeOf(given))}`);
    }
    shapes.set(name, shape);
    if (given === undefined) values.set(name, shape.length ? Tensor.zeros(shape) : 0);
  }
  let built;
  try {
    built = buildGraph(c.source, values);
  } catch (e) {
    if (!(e instanceof CgError) || !c.where) throw e;
    const mapped = e.span && c.sourceOffset ? c.sourceOffset(e.span.start) : undefined;
    // The parser speaks of --at; in a file, values come from at: or points:.
    const hint = e.code === 'unbound' ? 'give it a value in at: or a range under points:' : e.hint;
    if (mapped) throw errorAt(mapped, e.code, `case "${c.name}": ${e.message}`, { hint, width: e.span!.end - e.span!.start });
    // Not mappable into the file: the caret goes under the expression itself.
    const at = c.sourceWhere ?? c.where;
    throw new CgError(e.code, `${whereText(at)}: case "${c.name}": ${e.message}`, { hint, span: e.span, source: e.source ?? c.source });
  }
  const { graph, outputName } = built;
  const outShape = graph.nodes[graph.output].shape;
  if (outShape.length && sizeOf(outShape) !== 1) {
    throw caseError(c, c.sourceWhere, 'shape', `cg check needs a scalar output; ${outputName} has shape ${fmtShape(outShape)}`);
  }
  const shapeNote = scalarOutput(graph, outputName, 'cg check');
  const variables = [...graph.vars.entries()]
    .sort(([, a], [, b]) => (graph.nodes[a].span?.start ?? 0) - (graph.nodes[b].span?.start ?? 0))
    .map(([name]) => name);
  for (const name of c.wrt ?? []) {
    if (!graph.vars.has(name)) throw caseError(c, c.where, 'usage', `wrt ${name}: not a variable of the expression`, didYouMean(name, variables));
  }
  const wrt = c.wrt ?? variables;
  const missing = variables.filter((v) => !c.at.has(v));
  const complete = missing.length === 0;
  for (const [name, r] of c.points?.ranges ?? []) {
    if (!graph.vars.has(name)) throw caseError(c, r.where, 'usage', `points: ${name} is not a variable of the expression`, didYouMean(name, variables), name.length);
  }
  const e = c.expect;
  if (e && !complete) {
    throw caseError(c, c.where, 'unbound', `expect needs a value in at for every variable; missing: ${missing.join(', ')}`);
  }
  if (e?.value !== undefined && typeof e.value !== 'number') {
    throw caseError(c, e.where.value, 'shape', `the expected value has shape ${fmtShape(shapeOf(e.value))}; ${outputName} is a scalar`);
  }
  for (const [name, v] of e?.gradient ?? []) {
    const where = e!.where.gradient.get(name);
    if (!graph.vars.has(name)) throw caseError(c, where, 'usage', `expect.gradient: ${name} is not a variable of the expression`, didYouMean(name, variables), name.length);
    if (!wrt.includes(name)) throw caseError(c, where, 'usage', `expect.gradient: ${name} is not among wrt (${wrt.join(', ')})`, undefined, name.length);
    const want = graph.nodes[graph.vars.get(name)!].shape;
    if (!sameShape(shapeOf(v), want)) {
      throw caseError(c, where, 'shape', `the expected gradient of ${name} has shape ${fmtShape(shapeOf(v))}; ${name} has shape ${fmtShape(want)}`, undefined, name.length);
    }
  }
  if (e?.hessian) {
    const n = wrt.reduce((s, name) => s + sizeOf(graph.nodes[graph.vars.get(name)!].shape), 0);
    if (e.hessian.length !== n || e.hessian.some((row) => row.length !== n)) {
      throw caseError(c, e.where.hessian, 'shape', `expect.hessian must be ${n}×${n} (rows and columns: ${labels(varShapes(graph, wrt)).join(', ')})`);
    }
  }
  if (!complete && !c.points) {
    throw caseError(c, c.where, 'unbound', `no value for ${missing.join(', ')}`, 'give it in at, or a range under points:');
  }
  if (!c.finiteDifferences && !e && !c.points) throw caseError(c, c.where, 'usage', 'nothing to check: check is false and there is no expect or points');
  const unused = [...c.at.keys()].filter((k) => !graph.vars.has(k));
  return { c, graph, outputName, wrt, complete, shapes, unused, shapeNote };
}
