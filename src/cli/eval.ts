import { evaluate } from '../graph/engines/evaluate.js';
import { nodeText } from '../graph/format.js';
import { explain, nonfiniteJson, traceForward } from '../graph/check/nonfinite.js';
import { displayNames } from '../graph/present/render/names.js';
import { loadInputs } from './inputs.js';
import { colorFor, fmtValue, printJson, table, toJson } from './output.js';
import type { OptionsOf } from './command.js';
import type { evalCmd as spec } from './commands/eval.js';

/** The options as declared in commands/eval.ts. */
export type EvalOptions = OptionsOf<typeof spec>;

export interface EvalNode {
  id: number;
  op: string;
  /** A variable's name, or the name an assignment gave the node. */
  name: string | null;
  inputs: number[];
  text: string;
  value: unknown;
  /** The name `--steps` and `cg graph` use: `name`, or q, r, … for an unnamed intermediate; null where the output does not depend on the node, or for constants. */
  step_name: string | null;
}

/** What `cg eval` found; `--json` prints exactly this. */
export interface EvalResult {
  expression: string;
  output: string;
  value: unknown;
  nodes: EvalNode[];
  /** Where a NaN or infinity in the value first appeared; null when the value is finite. */
  nonfinite: ReturnType<typeof nonfiniteJson> | null;
}

export function computeEval(expr: string, opts: EvalOptions): EvalResult {
  const { graph, values, outputName } = loadInputs(expr, opts);
  const vals = evaluate(graph, values);
  const steps = displayNames(graph, outputName);
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    op: n.op,
    name: n.op === 'var' ? n.name! : (graph.nameOf(n.id) ?? (n.id === graph.output ? outputName : null)),
    inputs: [...n.inputs],
    text: nodeText(graph, n.id),
    value: toJson(vals[n.id]),
    step_name: n.op === 'const' || steps[n.id] === '' ? null : steps[n.id],
  }));
  const out = vals[graph.output];
  const bad = typeof out === 'number' ? (Number.isFinite(out) ? undefined : out) : out.data.find((x) => !Number.isFinite(x));
  const nf = bad === undefined ? undefined : traceForward(graph, values);
  const nonfinite = nf ? nonfiniteJson(nf, explain(nf, outputName, bad!)) : null;
  return { expression: expr, output: outputName, value: toJson(out), nodes, nonfinite };
}

export async function evalCommand(expr: string, opts: EvalOptions): Promise<number> {
  const r = computeEval(expr, opts);
  if (opts.json) {
    printJson(r);
    return r.nonfinite ? 1 : 0;
  }
  const c = colorFor(process.stdout);
  // Unnamed intermediates by the names --steps gives them, in parentheses.
  const auto = r.nodes.some((n) => n.name === null && n.step_name !== null);
  const rows = r.nodes.map((n) => [
    String(n.id),
    n.op,
    n.name ?? (n.step_name === null ? '' : `(${n.step_name})`),
    n.text,
    typeof n.value === 'number' || typeof n.value === 'string' ? String(typeof n.value === 'number' ? fmtValue(n.value) : n.value) : JSON.stringify(n.value),
  ]);
  const out = [`${c.bold(r.output)} = ${typeof r.value === 'number' ? fmtValue(r.value) : typeof r.value === 'string' ? r.value : JSON.stringify(r.value)}`];
  out.push(await table(['#', 'op', 'name', 'node', 'value'], rows, [true, false, false, false, true]));
  if (r.nonfinite) out.push(`${c.red('error:')} ${r.nonfinite.message}`);
  if (auto) out.push(c.dim('(q): the name cg grad --steps and cg graph give an unnamed intermediate'));
  process.stdout.write(`${out.join('\n')}\n`);
  return r.nonfinite ? 1 : 0;
}
