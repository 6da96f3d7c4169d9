import { CgError } from '../../errors.js';
import type { Graph, Node } from '../graph.js';
import { OPS } from '../ops/index.js';
import { PREC, type FormContext } from '../ops/printing.js';
import type { Value } from '../tensor.js';

/*
 * Graph → text, in cg's own syntax (so it parses back to the same values) or in LaTeX.
 * Shared sub-expressions become named intermediates where naming shrinks the text; the
 * rest is written inline with the fewest parentheses the precedence allows. Every walk
 * uses explicit stacks: deep graphs print without overflowing the call stack.
 */

// Precedence, as cg's parser (and mathjs) reads it (ops/printing.ts).
const { unary: UNARY, atom: ATOM } = PREC;

/** A piece of a printed form: literal text, or a reference to a node printed at precedence ≥ need. */
type Piece = string | { id: number; need: number };

interface Form {
  prec: number;
  pieces: Piece[];
}

export type Style = 'text' | 'latex';

export interface PrintOutput {
  /** Identifier the value is bound to in the program (`df_dx`). */
  name: string;
  id: number;
  /** The left-hand side in LaTeX (`\frac{\partial f}{\partial x}`); the name by default. */
  latex?: string;
}

export interface Printed {
  /** Named intermediates, in dependency order. */
  bindings: { name: string; text: string }[];
  /** Each output's expression (in terms of the bindings), in the order asked for. */
  outputs: { name: string; text: string }[];
  /** Bindings and outputs as one program, one `name = expr` per line. */
  program: string;
}

export interface PrintOptions {
  /** Names the printer must not give intermediates (constants, names used elsewhere). */
  reserved?: Iterable<string>;
}

/** Literal text of a number that parses back to the same double. */
function numberText(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

/**
 * What is named and how long each inline form is. Decided bottom-up in id order: a shared
 * node is named when writing it at every use (parentheses included) would take more text
 * than one binding `tN = ...` and a name per use. Nodes an assignment named keep their name.
 */
class Layout {
  readonly reach: Uint8Array;
  readonly uses: Int32Array;
  readonly prec: Uint8Array;
  readonly minus: Uint8Array;
  readonly len: Float64Array;
  readonly named: Uint8Array;

  constructor(
    readonly g: Graph,
    roots: readonly number[],
  ) {
    const n = g.nodes.length;
    this.reach = new Uint8Array(n);
    this.uses = new Int32Array(n);
    this.prec = new Uint8Array(n);
    this.minus = new Uint8Array(n);
    this.len = new Float64Array(n);
    this.named = new Uint8Array(n);
    for (const r of roots) {
      this.reach[r] = 1;
      this.uses[r]++;
    }
    for (let i = n - 1; i >= 0; i--) {
      if (!this.reach[i]) continue;
      for (const j of g.nodes[i].inputs) {
        this.reach[j] = 1;
        this.uses[j]++;
      }
    }
    const assigned = new Set(g.names.values());
    // Parents of each node (an entry per input slot), to count the parentheses inlining costs.
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (this.reach[i]) for (const j of g.nodes[i].inputs) start[j + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const parent = new Int32Array(start[n]);
    const slot = new Int32Array(start[n]);
    for (let i = 0; i < n; i++) {
      if (!this.reach[i]) continue;
      g.nodes[i].inputs.forEach((j, k) => {
        parent[fill[j]] = i;
        slot[fill[j]++] = k;
      });
    }
    for (let i = 0; i < n; i++) {
      if (!this.reach[i]) continue;
      const node = g.nodes[i];
      const f = form(g, node, this, 'text');
      this.prec[i] = f.prec;
      let len = 0;
      for (const p of f.pieces) len += typeof p === 'string' ? p.length : this.refLen(p);
      this.len[i] = len;
      const first = f.pieces[0];
      this.minus[i] = typeof first === 'string' ? +first.startsWith('-') : +(this.refParen(first) ? false : this.refMinus(first));
      if (node.op === 'var' || (node.op === 'const' && typeof node.value === 'number')) continue;
      const u = this.uses[i];
      if (node.def && assigned.has(i)) this.named[i] = 1;
      else if (u > 1) {
        let parens = 0;
        for (let e = start[i]; e < start[i + 1]; e++) if (this.prec[i] < this.needOf(parent[e], slot[e])) parens++;
        // Inline: every use writes the text (and maybe parentheses); named: `tN = text` once, `tN` per use.
        if (u * len + 2 * parens > len + 7 + 3 * u) this.named[i] = 1;
      }
    }
  }

  /** The precedence the parent asks of its input `k` (with that input written inline). */
  private needOf(parent: number, k: number): number {
    let seen = 0;
    for (const p of form(this.g, this.g.nodes[parent], this, 'text').pieces) if (typeof p !== 'string' && seen++ === k) return p.need;
    return 0;
  }

  private refParen(p: { id: number; need: number }): boolean {
    return !this.named[p.id] && this.prec[p.id] < p.need;
  }

  private refMinus(p: { id: number; need: number }): boolean {
    return !this.named[p.id] && this.minus[p.id] === 1;
  }

  private refLen(p: { id: number; need: number }): number {
    if (this.named[p.id]) return 3;
    return this.len[p.id] + (this.prec[p.id] < p.need ? 2 : 0);
  }

  /** Precedence and leading minus of a reference, as its parent sees it. */
  precOf(id: number): number {
    return this.named[id] ? ATOM : this.prec[id];
  }

  minusOf(id: number): boolean {
    return !this.named[id] && this.minus[id] === 1;
  }
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta',
  'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/** A name in LaTeX: `x`, `x_{1}`, `\alpha`, `W_{h}`, `\mathrm{loss}`. */
export function latexName(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (m) return `${latexName(m[1])}_{${m[2]}}`;
  if (GREEK.has(name)) return `\\${name}`;
  if (name === 'PI') return '\\pi';
  if (name.length === 1) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function latexNumber(v: number): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const s = numberText(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\cdot 10^{${m[2].replace('+', '')}}` : s;
}

function constText(g: Graph, n: Node, style: Style): string {
  if (n.name !== undefined && !g.vars.has(n.name)) return style === 'latex' ? latexName(n.name) : n.name;
  const v = n.value as Value;
  const num = style === 'latex' ? latexNumber : numberText;
  if (typeof v === 'number') return num(v);
  // Nested rows, iteratively: the innermost axis is written out, outer axes bracket it.
  const { shape, data } = v;
  const inner = shape[shape.length - 1] ?? 1;
  const rows: string[] = [];
  for (let k = 0; k < data.length; k += inner) {
    const items: string[] = [];
    for (let j = 0; j < inner; j++) items.push(num(data[k + j]));
    rows.push(style === 'latex' ? items.join(' & ') : `[${items.join(', ')}]`);
  }
  if (style === 'latex') {
    const body = shape.length === 1 ? Array.from(data, num).join(' \\\\ ') : rows.join(' \\\\ ');
    return `\\begin{bmatrix}${body}\\end{bmatrix}`;
  }
  let level = rows;
  for (let ax = shape.length - 2; ax >= 0; ax--) {
    const next: string[] = [];
    for (let k = 0; k < level.length; k += shape[ax]) next.push(`[${level.slice(k, k + shape[ax]).join(', ')}]`);
    level = next;
  }
  return level[0] ?? '[]';
}

/** What an op's printed form may ask about node `n`'s inputs, as this layout writes them. */
function contextOf(g: Graph, n: Node, L: Layout): FormContext {
  const at = (k: number) => g.nodes[n.inputs[k]];
  return {
    arity: n.inputs.length,
    attrs: n.attrs,
    shapeOf: (k) => at(k).shape,
    rank: (k) => at(k).shape.length,
    precOf: (k) => L.precOf(n.inputs[k]),
    minusOf: (k) => L.minusOf(n.inputs[k]),
    rowItems: (k) => {
      const item = at(k);
      return item.op === 'stack' && !L.named[n.inputs[k]] && item.shape.length === 1 ? item.inputs.length : undefined;
    },
  };
}

/** How node `n` prints: its precedence and its pieces (children as references), from its op's definition. */
function form(g: Graph, n: Node, L: Layout, style: Style): Form {
  if (n.op === 'var') return { prec: ATOM, pieces: [style === 'latex' ? latexName(n.name!) : n.name!] };
  if (n.op === 'const') {
    const text = constText(g, n, style);
    return { prec: text.startsWith('-') ? UNARY : ATOM, pieces: [text] };
  }
  const tex = style === 'latex';
  const def = n.def!;
  const custom = tex ? def.print?.latex : def.print?.text;
  if (typeof custom === 'function') {
    const f = custom(contextOf(g, n, L));
    const pieces = f.pieces.map((p): Piece => (typeof p === 'string' ? p : { id: p.item === undefined ? n.inputs[p.k] : g.nodes[n.inputs[p.k]].inputs[p.item], need: p.need }));
    return { prec: f.prec, pieces };
  }
  if (def.internal && !def.callAs) {
    throw new CgError('unsupported', `cannot write ${n.op} in cg's syntax yet (an internal op with no callable spelling)`);
  }
  const name = def.callAs ?? def.name;
  const head = tex ? (typeof custom === 'string' ? custom : `\\operatorname{${name.replace(/_/g, '\\_')}}`) : name;
  const pieces: Piece[] = [head, tex ? '\\left(' : '('];
  n.inputs.forEach((id, k) => {
    if (k) pieces.push(', ');
    pieces.push({ id, need: 0 });
  });
  pieces.push(tex ? '\\right)' : ')');
  return { prec: ATOM, pieces };
}

/** Node `root` written out, named nodes (other than itself) by name. Iterative. */
function write(g: Graph, root: number, L: Layout, names: readonly (string | undefined)[], style: Style): string {
  const out: string[] = [];
  const open = style === 'latex' ? '\\left(' : '(';
  const close = style === 'latex' ? '\\right)' : ')';
  const stack: Piece[] = [{ id: root, need: 0 }];
  let top = true;
  while (stack.length) {
    const p = stack.pop()!;
    if (typeof p === 'string') {
      out.push(p);
      continue;
    }
    const name = names[p.id];
    if (name !== undefined && !top) {
      out.push(name);
      continue;
    }
    top = false;
    const f = form(g, g.nodes[p.id], L, style);
    const paren = f.prec < p.need;
    if (paren) stack.push(close);
    for (let k = f.pieces.length - 1; k >= 0; k--) stack.push(f.pieces[k]);
    if (paren) stack.push(open);
  }
  return out.join('');
}

/** A fresh name from `base1`, `base2`, ... avoiding `taken`. */
function fresher(base: string, taken: Set<string>): () => string {
  let k = 0;
  return () => {
    let name: string;
    do name = `${base}${++k}`;
    while (taken.has(name));
    taken.add(name);
    return name;
  };
}

function layoutAndNames(g: Graph, outputs: readonly PrintOutput[], opts: PrintOptions) {
  const L = new Layout(
    g,
    outputs.map((o) => o.id),
  );
  const taken = new Set<string>([...(opts.reserved ?? []), ...g.vars.keys(), ...g.names.keys(), ...OPS.keys(), ...outputs.map((o) => o.name)]);
  taken.add('NaN').add('Infinity');
  const next = fresher('t', taken);
  const byId = new Map<number, string>();
  for (const [name, id] of g.names) if (!byId.has(id)) byId.set(id, name);
  const names: (string | undefined)[] = new Array(g.nodes.length);
  const order: number[] = [];
  for (let i = 0; i < g.nodes.length; i++) {
    if (!L.named[i]) continue;
    names[i] = byId.get(i) ?? next();
    order.push(i);
  }
  return { L, names, order };
}

/** The program that computes `outputs` from the graph's variables. */
export function printProgram(g: Graph, outputs: readonly PrintOutput[], opts: PrintOptions = {}): Printed {
  const { L, names, order } = layoutAndNames(g, outputs, opts);
  const bindings = order.map((id) => ({ name: names[id]!, text: write(g, id, L, names, 'text') }));
  const outs = outputs.map((o) => ({ name: o.name, text: names[o.id] ?? write(g, o.id, L, names, 'text') }));
  const program = [...bindings, ...outs].map((s) => `${s.name} = ${s.text}`).join('\n');
  return { bindings, outputs: outs, program };
}

/** The same program in LaTeX: an `aligned` block of `name &= expr` rows. */
export function printLatex(g: Graph, outputs: readonly PrintOutput[], opts: PrintOptions = {}): string {
  const { L, names, order } = layoutAndNames(g, outputs, opts);
  const texNames = names.map((n) => (n === undefined ? undefined : latexName(n)));
  const rows = order.map((id) => `${texNames[id]} &= ${write(g, id, L, texNames, 'latex')}`);
  for (const o of outputs) {
    rows.push(`${o.latex ?? latexName(o.name)} &= ${texNames[o.id] ?? write(g, o.id, L, texNames, 'latex')}`);
  }
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
}
