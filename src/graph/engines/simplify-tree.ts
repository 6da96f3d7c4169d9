import { CgError } from '../../errors.js';
import { Graph } from '../graph.js';
import { getOp } from '../ops/index.js';
import { PREC, type FormContext } from '../ops/printing.js';

/*
 * Derivatives as trees, the way they are written on paper: shared sub-expressions written
 * out. `cg diff --steps` rewrites them rule by rule, and simplify-forms.ts looks for the
 * shortest way to write one; both print them with the ops' own printed forms.
 */

export type Tree =
  | { kind: 'var'; name: string }
  | { kind: 'const'; value: number }
  | { kind: 'op'; op: string; args: Tree[] }
  | { kind: 'd'; arg: Tree };

export const num = (value: number): Tree => ({ kind: 'const', value });
export const op = (name: string, ...args: Tree[]): Tree => ({ kind: 'op', op: name, args });

/** The tree of node `id` (shared sub-expressions written out: on paper they are). */
export function treeOf(g: Graph, id: number, leaves?: ReadonlyMap<number, string>): Tree {
  const n = g.nodes[id];
  const leaf = leaves?.get(id);
  if (leaf !== undefined) return { kind: 'var', name: leaf };
  if (n.op === 'var') return { kind: 'var', name: n.name! };
  if (n.op === 'const') {
    if (typeof n.value !== 'number') throw new CgError('unsupported', '--steps works on scalar expressions (a tensor constant is in this one)');
    return num(n.value);
  }
  return op(n.op, ...n.inputs.map((j) => treeOf(g, j, leaves)));
}

/** How many nodes treeOf(g, id, leaves) would have, counted up to `cap` (shared parts count each time, without writing them out). */
export function treeSizeOf(g: Graph, id: number, cap: number, leaves?: ReadonlyMap<number, string>): number {
  const memo = new Map<number, number>();
  const size = (i: number): number => {
    let s = memo.get(i);
    if (s !== undefined) return s;
    s = 1;
    if (!leaves?.has(i)) for (const j of g.nodes[i].inputs) s = Math.min(cap + 1, s + size(j));
    memo.set(i, s);
    return s;
  };
  return size(id);
}

/** A tree into a graph (to simplify it with the simplifier `cg diff` uses). */
export function toGraph(t: Tree, g: Graph, bound?: ReadonlyMap<string, number>): number {
  if (t.kind === 'var') return bound?.get(t.name) ?? g.vars.get(t.name) ?? g.variable(t.name, []);
  if (t.kind === 'const') return g.constant(t.value);
  if (t.kind === 'd') throw new Error('a pending derivative cannot be simplified');
  return g.add(t.op, t.args.map((a) => toGraph(a, g, bound)));
}

/** A tree printed inline with the ops' own forms (cg syntax or LaTeX); d/dv[...] for pending derivatives. */
export function print(t: Tree, style: 'text' | 'latex', v: string): string {
  return printed(t, style, v).text;
}

function printed(t: Tree, style: 'text' | 'latex', v: string): { text: string; prec: number } {
  const tex = style === 'latex';
  if (t.kind === 'var') return { text: t.name, prec: PREC.atom };
  if (t.kind === 'const') return { text: String(t.value), prec: t.value < 0 || Object.is(t.value, -0) ? PREC.unary : PREC.atom };
  if (t.kind === 'd') {
    const inner = printed(t.arg, style, v).text;
    return { text: tex ? `\\frac{d}{d${v}}\\left[${inner}\\right]` : `d/d${v}[${inner}]`, prec: PREC.atom };
  }
  const kids = t.args.map((a) => printed(a, style, v));
  const def = getOp(t.op);
  const custom = tex ? def.print?.latex : def.print?.text;
  if (typeof custom === 'function') {
    const c: FormContext = {
      arity: kids.length,
      rank: () => 0,
      precOf: (k) => kids[k].prec,
      minusOf: (k) => kids[k].text.startsWith('-'),
      rowItems: () => undefined,
    };
    const f = custom(c);
    const open = tex ? '\\left(' : '(';
    const close = tex ? '\\right)' : ')';
    // A sign right after an operator is bracketed: a*(-b), never a*-b.
    const text = f.pieces
      .map((p, i) => {
        if (typeof p === 'string') return p;
        const before = f.pieces[i - 1];
        const bare = kids[p.k].prec >= p.need && !(kids[p.k].text.startsWith('-') && typeof before === 'string' && /[*/^+-]\s*$/.test(before));
        return bare ? kids[p.k].text : `${open}${kids[p.k].text}${close}`;
      })
      .join('');
    return { text, prec: f.prec };
  }
  const name = def.callAs ?? def.name;
  const head = tex ? (typeof custom === 'string' ? custom : `\\operatorname{${name.replace(/_/g, '\\_')}}`) : name;
  const args = kids.map((k) => k.text).join(', ');
  return { text: tex ? `${head}\\left(${args}\\right)` : `${head}(${args})`, prec: PREC.atom };
}
