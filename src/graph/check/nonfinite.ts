import { num } from '../engines/numeric.js';
import { evaluate, type Env } from '../engines/evaluate.js';
import { nodeText } from '../format.js';
import { dependents, type Graph } from '../graph.js';
import { reverse } from '../engines/reverse.js';
import { shapeOf, sizeOf, type Value } from '../tensor.js';

/**
 * Where a NaN or an infinity came from: the first node (in the forward sweep, or in the
 * backward one) whose own inputs were finite but whose value, or local derivative, was not.
 */
export interface NonFinite {
  node: number;
  /** The node as written (`log(x)`). */
  text: string;
  op: string;
  /** The op's input values at the first offending entry, named by their text. */
  inputs: { text: string; value: number }[];
  pass: 'forward' | 'backward';
  /** The first offending number: NaN, Infinity or -Infinity. */
  value: number;
  /** Where the op (forward) or its derivative (backward) is finite, when that is known. */
  domain: string | null;
}


const flat = (v: Value): ArrayLike<number> => (typeof v === 'number' ? [v] : v.data);
const firstBad = (v: Value | undefined) => (v === undefined ? -1 : Array.prototype.findIndex.call(flat(v), (x: number) => !Number.isFinite(x)));

/** An input's entry matching entry k of the node (scalars and same-shaped inputs; else its first entry). */
function entryOf(input: Value, node: Value, k: number): number {
  const f = flat(input);
  return f.length === sizeOf(shapeOf(node)) ? f[k] : f[0];
}

function inputsAt(g: Graph, id: number, vals: ArrayLike<Value>, k: number): NonFinite['inputs'] {
  return g.nodes[id].inputs.map((j) => ({ text: nodeText(g, j, 40), value: entryOf(vals[j], vals[id], k) }));
}

/** The first node (in topological order, among those the output depends on) that made a non-finite value from finite inputs. */
export function traceForward(g: Graph, env: Env, output = g.output): NonFinite | undefined {
  const vals = evaluate(g, env);
  const needed = ancestors(g, output);
  for (let i = 0; i <= output; i++) {
    const n = g.nodes[i];
    if (!n.def || !needed[i]) continue;
    const k = firstBad(vals[i]);
    if (k < 0 || n.inputs.some((j) => firstBad(vals[j]) >= 0)) continue;
    return { node: i, text: nodeText(g, i, 60), op: n.op, inputs: inputsAt(g, i, vals, k), pass: 'forward', value: flat(vals[i])[k], domain: n.def?.domainNote?.value ?? null };
  }
  return undefined;
}

/**
 * The first node of the backward sweep whose adjoint was finite but whose contribution to
 * an input was not: its local derivative is infinite or undefined there (sqrt' at 0).
 */
export function traceBackward(g: Graph, env: Env, wrt: readonly string[], output = g.output): NonFinite | undefined {
  const vals = evaluate(g, env);
  const ids = wrt.map((w) => g.vars.get(w)!);
  const active = dependents(g, ids);
  const adj = reverse(g, num, (i) => vals[i] as never, output, 1 as never, active) as (Value | undefined)[];
  for (let j = output; j >= 0; j--) {
    if (firstBad(adj[j]) < 0) continue;
    // j's adjoint is the first non-finite one: every consumer's adjoint is finite, so one of
    // their local rules made it.
    for (let i = j + 1; i <= output; i++) {
      const n = g.nodes[i];
      if (!n.def?.vjp || adj[i] === undefined || !n.inputs.includes(j)) continue;
      const needs = n.inputs.map((x) => active[x] === 1);
      const parts = n.def.vjp(num, { x: n.inputs.map((x) => vals[x] as never), y: vals[i] as never, g: adj[i] as never, attrs: n.attrs, needs }) as (Value | undefined)[];
      const at = n.inputs.indexOf(j);
      const k = firstBad(parts[at]);
      if (k < 0) continue;
      const kk = Math.min(k, sizeOf(shapeOf(vals[i])) - 1);
      return { node: i, text: nodeText(g, i, 60), op: n.op, inputs: inputsAt(g, i, vals, kk), pass: 'backward', value: flat(parts[at]!)[k], domain: n.def?.domainNote?.derivative ?? null };
    }
  }
  return undefined;
}

function ancestors(g: Graph, output: number): Uint8Array {
  const seen = new Uint8Array(g.nodes.length);
  seen[output] = 1;
  for (let i = output; i >= 0; i--) if (seen[i]) for (const j of g.nodes[i].inputs) seen[j] = 1;
  return seen;
}

const word = (v: number) => (Number.isNaN(v) ? 'NaN' : 'infinite');
const show = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v));

/**
 * One line: `f is NaN: log(x) at x = -1 (log needs x > 0)`, or for the backward sweep
 * `∂f/∂x is infinite: sqrt'(x) at x = 0 (sqrt' needs x > 0)`.
 */
export function explain(nf: NonFinite, what: string, whatValue: number): string {
  const args = nf.inputs.filter((a) => !/^-?[\d.]+(e[-+]?\d+)?$/.test(a.text)).map((a) => `${a.text} = ${show(a.value)}`);
  const where = nf.pass === 'forward' ? nf.text : `${nf.op}'(${nf.inputs.map((a) => a.text).join(', ')})`;
  const at = args.length ? ` at ${args.join(', ')}` : nf.pass === 'backward' ? ` at ${nf.inputs.map((a) => show(a.value)).join(', ')}` : '';
  return `${what} is ${word(whatValue)}: ${where}${at}${nf.domain ? ` (${nf.domain})` : ''}`;
}

/** The JSON form: `nonfinite: {node, op, inputs, pass}` (README, JSON output). */
export function nonfiniteJson(nf: NonFinite, message: string) {
  return {
    node: nf.text,
    id: nf.node,
    op: nf.op,
    inputs: nf.inputs.map((a) => ({ text: a.text, value: Number.isFinite(a.value) ? a.value : String(a.value) })),
    pass: nf.pass,
    value: String(nf.value),
    domain: nf.domain,
    message,
  };
}
