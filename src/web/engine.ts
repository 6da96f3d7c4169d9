import {
  CgError,
  buildGraph,
  checkGradient,
  computeDiff,
  evaluate,
  forwardGradient,
  formatError,
  gradient,
  graphView,
  jsonValue,
  kinkHits,
  narrateForward,
  narrateReverse,
  nodeText,
  parseAt,
  pickWrt,
  stepsText,
  variablesInOrder,
  type CheckResult,
  type DiffResult,
  type Graph,
  type GraphView,
  type Steps,
  type Value,
} from '../index.js';

/*
 * The page's calculator: what `cg grad --steps`, `cg diff --steps` and `cg graph` compute,
 * called through the library entry (the same modules the CLI runs, bundled once). Nothing
 * here computes a number of its own; it gathers the engines' results for the page to show.
 */

/** What the learner typed: the page's whole state (it lives in the URL's hash). */
export interface State {
  expr: string;
  /** As after `--at`: `x=-2, y=5, z=-4`. */
  at: string;
  mode: 'reverse' | 'forward';
  /** Forward mode's one variable; empty: the first. */
  wrt: string;
}

/** An error as the CLI prints it (`error: ...`, then the line and a caret under the span). */
export interface Failure {
  ok: false;
  /** Which box the caret points into. */
  field: 'expr' | 'at' | 'other';
  text: string;
  code: string;
}

export interface CheckRow {
  label: string;
  analytic: number;
  forward: number | null;
  numeric: number;
  estimate: number;
  absErr: number;
  relErr: number;
  verdict: string;
}

export interface Explored {
  ok: true;
  state: State;
  graph: Graph;
  values: Map<string, Value>;
  outputName: string;
  variables: string[];
  /** The output's value and the gradients (JSON values, as `--json` writes them). */
  value: unknown;
  gradient: Record<string, unknown>;
  forward: Record<string, unknown> | null;
  check: { result: CheckResult; rows: CheckRow[] } | null;
  kinks: string[];
  unused: string[];
  /** The narration of the chosen mode (`--steps --json`'s object) and as `cg grad --steps` prints it. */
  steps: Steps;
  stepsText: string;
  /** What the picture shows. */
  view: GraphView;
  /** Why there is no backward pass (a tensor output), if so. */
  note: string | null;
}

/** Above this many gradient components the page does not sweep forward mode per component (as cg grad). */
const MAX_FORWARD = 100;

const toJson = (m: ReadonlyMap<string, Value>) => Object.fromEntries([...m].map(([k, v]) => [k, jsonValue(v)]));

/** A thrown error as the page shows it; anything but a CgError is a bug, shown as such. */
export function failure(err: unknown, field: Failure['field']): Failure {
  if (err instanceof CgError) return { ok: false, field: err.source === undefined ? 'other' : field, text: formatError(err), code: err.code };
  return { ok: false, field: 'other', text: `internal error: ${(err as Error)?.message ?? String(err)}`, code: 'internal' };
}

function values(at: string): Map<string, Value> {
  return at.trim() ? parseAt([at]) : new Map();
}

/** Every result the page shows for one state, or the first error. */
export function explore(state: State): Explored | Failure {
  let at: Map<string, Value>;
  try {
    at = values(state.at);
  } catch (err) {
    return failure(err, 'at');
  }
  try {
    const { graph, outputName } = buildGraph(state.expr, at);
    const variables = variablesInOrder(graph);
    const scalar = graph.nodes[graph.output].shape.length === 0;
    const wrt = state.mode === 'forward' ? pickWrt(state.wrt || variables[0], variables).slice(0, 1) : variables;
    const rev = scalar ? gradient(graph, at, variables) : undefined;
    const vals = rev ? rev.values : undefined;
    let fwd: Map<string, Value> | null = null;
    let check: Explored['check'] = null;
    let steps: Steps;
    let note: string | null = null;
    if (rev && vals) {
      const total = variables.reduce((s, v) => s + sizeOf(graph.nodes[graph.vars.get(v)!].shape), 0);
      fwd = total <= MAX_FORWARD ? forwardGradient(graph, vals, variables) : null;
      const result = checkGradient(graph, at, rev.gradient);
      check = { result, rows: result.components.map((k) => ({
        label: k.label,
        analytic: k.analytic,
        forward: fwd && k.variable ? componentOf(fwd.get(k.variable)!, k.index) : null,
        numeric: k.numeric,
        estimate: k.estimate,
        absErr: k.absErr,
        relErr: k.relErr,
        verdict: k.verdict,
      })) };
      steps = state.mode === 'forward' ? narrateForward(graph, vals, outputName, wrt) : narrateReverse(graph, vals, outputName, wrt);
    } else {
      // A tensor output: its forward pass only, as `cg graph` draws it.
      // (No variable to flow to: reverse mode's seed is a number, which a tensor output's backward pass cannot take.)
      steps = narrateReverse(graph, evaluate(graph, at), outputName, []);
      note = `${outputName} is not a scalar: the page shows its forward pass; gradients need a scalar output (sum(...), say)`;
    }
    const view = graphView(graph, at, { outputName, expression: state.expr, mode: scalar ? state.mode : 'reverse', wrt: scalar ? wrt : [] });
    return {
      ok: true,
      state,
      graph,
      values: at,
      outputName,
      variables,
      value: rev ? jsonValue(rev.value) : null,
      gradient: rev ? toJson(rev.gradient) : {},
      forward: fwd ? toJson(fwd) : null,
      check,
      // As the CLI warns: values the program does not read.
      unused: [...at.keys()].filter((k) => !graph.vars.has(k)).map((k) => `${k} is given a value but the expression does not use it`),
      kinks: vals ? kinkHits(graph, vals).map((k) => `${nodeText(graph, k.node)} is at a non-differentiable point; used ${k.convention}`) : [],
      steps,
      stepsText: stepsText(steps),
      view,
      note,
    };
  } catch (err) {
    return failure(err, 'expr');
  }
}

/**
 * `cg diff --steps --at ...` for the same state, or its error (a tensor output, say). Apart
 * from explore(): symbolic derivatives of a large program take longer than the rest, so the
 * page draws the graph first and works this out after.
 */
export function diffOf(x: Explored): DiffResult | Failure {
  try {
    return computeDiff(x.state.expr, { values: x.values, steps: true });
  } catch (err) {
    return failure(err, 'expr');
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function componentOf(v: Value, index: number[]): number {
  if (typeof v === 'number') return v;
  let k = 0;
  for (let ax = 0; ax < index.length; ax++) k = k * v.shape[ax] + index[ax];
  return v.data[k];
}

/** One state's results as plain data (what `cg grad --steps --json` and `cg diff --steps --json` hold): window.cg.run's answer. */
export function summary(x: Explored | Failure) {
  if (!x.ok) return { ok: false as const, error: x.text };
  return {
    ok: true as const,
    output: x.outputName,
    value: x.value,
    gradient: x.gradient,
    forward: x.forward,
    check: x.check?.rows.map((r) => ({ label: r.label, analytic: r.analytic, numeric: r.numeric, verdict: r.verdict })) ?? null,
    steps: x.steps,
    stepsText: x.stepsText,
    diff: ((d) => ('field' in d ? { error: d.text } : d))(diffOf(x)),
  };
}
