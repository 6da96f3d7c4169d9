import type { Graph } from '../../graph.js';
import type { Attrs } from '../../ops/define.js';
import { getOp } from '../../ops/index.js';
import { callTerm, PREC, type Term } from '../../ops/printing.js';
import { brief, fmtNumber } from './numbers.js';

export type { Term };
export { PREC };

/** A constant as a term; negative numbers bind loosely so they get parentheses as operands. */
export function constTerm(text: string): Term {
  return { text, prec: text.startsWith('-') ? PREC.add : PREC.atom };
}

/**
 * How op `op` applied to `xs` reads, in mathjs syntax (`q*z`, `x^2`, `-t`, `exp(u)`): the
 * op's own `print.term`, else a call. One form for the forward listing, node labels and
 * the derivative texts of `--steps`.
 */
export function formatOp(op: string, xs: readonly Term[], attrs?: Attrs): Term {
  const def = getOp(op);
  return def.print?.term?.(xs, attrs) ?? callTerm(def.callAs ?? def.name, xs);
}

/** The nodes the output depends on (itself included). Iterative: no depth limit. */
export function ancestors(g: Graph, output = g.output): Uint8Array {
  const on = new Uint8Array(g.nodes.length);
  on[output] = 1;
  for (let i = output; i >= 0; i--) if (on[i]) for (const j of g.nodes[i].inputs) on[j] = 1;
  return on;
}

// Letters for unnamed intermediates, cs231n's q first; e, i, j, l, o and w are left out
// (Euler's number, indices, look-alikes, and w next to weights w0, w1).
const POOL = ['q', 'r', 's', 't', 'u', 'v', 'p', 'm', 'n', 'k', 'h', 'g', 'a', 'b', 'c', 'd', 'z', 'y'];

/** A letter a program's own names are built on: `u` of `u1`, `u_2`, `uu`? (a letter then digits or `_`). */
function stems(names: Iterable<string>): Set<string> {
  const s = new Set<string>();
  for (const name of names) {
    const m = /^([A-Za-z])(?:\d+|_\w*)$/.exec(name);
    if (m) s.add(m[1]);
  }
  return s;
}

/**
 * A name for every node the output depends on: variables and assigned names as written,
 * the output by its name, constants by their text, and the rest q, r, s, ... in
 * topological order. Never one the program uses, nor one that looks like one of its
 * families (no `u` beside `u1` and `u2`: `∂f/∂u` next to `∂f/∂u1` misleads); past the
 * letters, numbered names on a letter the program does not use (t1, t2, ...).
 */
export function displayNames(g: Graph, outputName: string, output = g.output): string[] {
  const used = new Set<string>([outputName, 'e', 'E', 'pi', 'PI', 'tau', 'phi']);
  for (const name of g.vars.keys()) used.add(name);
  for (const name of g.names.keys()) used.add(name);
  const taken = stems(used);
  const clear = (letter: string) => !used.has(letter) && !taken.has(letter);
  const pool = POOL.filter(clear);
  // The numbered names' letter: one with no name of the program on it at all.
  const prefix = ['t', 's', 'r', 'q', 'p', 'm', 'n', 'k'].find((l) => clear(l) && ![...used].some((u) => u.startsWith(l))) ?? 'tmp';
  const assigned = new Map<number, string>();
  for (const [name, id] of g.names) if (!assigned.has(id)) assigned.set(id, name);
  const live = ancestors(g, output);
  const names: string[] = new Array(g.nodes.length).fill('');
  let next = 0;
  let counter = 0;
  const fresh = () => {
    for (;;) {
      const name = next < pool.length ? pool[next++] : `${prefix}${++counter}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  for (const n of g.nodes) {
    if (!live[n.id]) continue;
    if (n.op === 'var') names[n.id] = n.name!;
    else if (n.op === 'const') names[n.id] = n.name ?? (typeof n.value === 'number' ? fmtNumber(n.value, 6) : brief(n.value!, 4));
    else if (n.id === output) names[n.id] = outputName;
    else names[n.id] = assigned.get(n.id) ?? fresh();
  }
  return names;
}

/** Node `id` as a term in formulas: its name (a constant's text binds by its sign). */
export function termOf(g: Graph, names: readonly string[], id: number): Term {
  return g.nodes[id].op === 'const' ? constTerm(names[id]) : { text: names[id], prec: PREC.atom };
}

/** What node `id` computes, in terms of its inputs' names: `q + z`, `exp(u)`. */
export function formula(g: Graph, names: readonly string[], id: number): string {
  const n = g.nodes[id];
  if (!n.def) return names[id];
  return formatOp(n.op, n.inputs.map((j) => termOf(g, names, j)), n.attrs).text;
}
