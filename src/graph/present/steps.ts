import { Builder, type Z } from '../builder.js';
import { forward } from '../engines/forward.js';
import { dependents, type Graph } from '../graph.js';
import { filled, num } from '../engines/numeric.js';
import { reverse, type ReverseEdge } from '../engines/reverse.js';
import type { Attrs, OpDef } from '../ops/define.js';
import { getOp, OPS } from '../ops/index.js';
import { ancestors, constTerm, displayNames, formatOp, formula, PREC, type Term } from './render/names.js';
import { fmtNumber, jsonValue, operand } from './render/numbers.js';
import { fmtTensor } from '../../util/numbers.js';
import { sameShape, shapeOf, sizeOf, Tensor, type Shape, type Value, map as mapValue } from '../tensor.js';

/*
 * The chain rule narrated: the backward (or forward) sweep of the engines, one line per
 * edge, with each local derivative written out. The numbers are the engines' own, reported
 * by reverse()'s and forward()'s hooks, so the narration cannot drift from what they
 * compute; the texts come from the op table's rules applied with a builder that carries
 * text beside the number.
 */

/** A value with the formula that produced it. */
interface Sym extends Term {
  value: Value;
  /** A constant (folded when every input is one). */
  fixed: boolean;
}

function constSym(v: Value): Sym {
  const text = typeof v === 'number' ? fmtNumber(v, 6) : JSON.stringify((v as Tensor).toNested());
  return { ...constTerm(text), value: v, fixed: true };
}

const isNumber = (s: Sym, n: number) => s.fixed && s.value === n;

/** The builder the rules run against: each op computes its value and writes its formula. */
class TextBuilder extends Builder<Sym> {
  lift(v: number): Sym {
    return constSym(v);
  }
  shape(x: Sym): Shape {
    return shapeOf(x.value);
  }
  apply(op: string, xs: Sym[], attrs?: Attrs): Sym {
    const value = getOp(op).eval(
      xs.map((x) => x.value),
      attrs,
    );
    if (xs.every((x) => x.fixed)) return constSym(value);
    // Identities that only change how the rule reads (2*x^1 reads 2*x); the value is the same.
    const [a, b] = xs;
    if (op === 'mul' && isNumber(a, 1) && sameShape(shapeOf(value), shapeOf(b.value))) return b;
    if ((op === 'mul' || op === 'div') && isNumber(b, 1)) return a;
    if (op === 'pow' && isNumber(b, 1)) return a;
    if ((op === 'add' || op === 'sub') && isNumber(b, 0)) return a;
    if (op === 'add' && isNumber(a, 0)) return b;
    const t = formatOp(op, xs, attrs);
    // Entry by entry on tensors: cg writes .* ./ .^ (its bare * and ^ of matrices are the matrix product and power).
    const tensor = (x: Sym | undefined) => x !== undefined && typeof x.value !== 'number';
    // A number times a tensor (2*h) and a tensor over a number read as they are.
    const entrywise = op === 'mul' ? tensor(a) && tensor(b) : op === 'div' ? tensor(b) : tensor(a);
    if (ELEMENTWISE.has(op) && entrywise) {
      for (const left of [`(${a.text})`, a.text]) {
        if (t.text.startsWith(left) && '*/^'.includes(t.text[left.length])) return { ...t, text: `${left}.${t.text.slice(left.length)}`, value, fixed: false };
      }
    }
    return { ...t, value, fixed: false };
  }
}

const ELEMENTWISE = new Set(['mul', 'div', 'pow', 'square']);

const text = new TextBuilder();

/** What a gate does to the gradient, for the legend under the narration (from the ops' definitions). */
export function gateMeaning(gate: string): string | undefined {
  for (const op of OPS.values()) if (op.print?.gate?.name === gate) return op.print.gate.meaning;
  return undefined;
}

/** A derivative that appears in a line: its notation, and where there is one, the rule's text. */
export interface Factor {
  name: string;
  text: string | null;
  value: unknown;
}

/**
 * One line of the narration; `text` is the line as printed (without the gate).
 * - seed: `∂f/∂f = 1`, or in forward mode `dx/dx = 1`
 * - edge (reverse): one edge, `∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4`; `via` names the
 *   consumer when the target has several, `local` is null where the op's rule is not an
 *   elementwise partial (then `rule` is the vector-Jacobian product written out)
 * - sum (reverse): the paths into a node with several uses, added
 * - tangent (forward): a node's tangent from its inputs' tangents
 */
export interface StepLine {
  kind: 'seed' | 'edge' | 'sum' | 'tangent';
  target: string;
  via: string | null;
  upstream: Factor | null;
  local: Factor | null;
  rule: string | null;
  paths: { via: string; value: unknown }[] | null;
  terms: { local: Factor; tangent: Factor }[] | null;
  gate: string | null;
  value: unknown;
  text: string;
}

/** `cg grad --steps`: the JSON `steps` field. */
export interface Steps {
  mode: 'reverse' | 'forward';
  output: string;
  /** The variables: reverse mode's gradient flows to them; forward mode sweeps once for each. */
  wrt: string[];
  /** The forward pass: every intermediate by name, what it computes and its value. */
  forward: { name: string; formula: string; value: unknown }[];
  lines: StepLine[];
  /** The derivatives the sweep arrives at, by variable (reverse) or of the output (forward). */
  gradient: Record<string, unknown>;
}

const json = jsonValue;

const show = (v: Value) => (typeof v === 'number' ? fmtNumber(v, 6) : shortTensor(v));

/** The largest magnitude in a value. */
const maxAbs = (v: Value) => (typeof v === 'number' ? Math.abs(v) : v.data.reduce((m: number, x: number) => Math.max(m, Math.abs(x)), 0));

/**
 * A value as the narration writes it, round-off shown as 0: an entry smaller than 1e-12 of
 * `scale` (the largest the terms summed into it could make it) is the residue of terms
 * that cancel (`-1.38778e-17` for a sum of gradients that is exactly 0). The JSON keeps
 * the raw value.
 */
function showSnapped(v: Value, scale: number): string {
  const tiny = 1e-12 * scale;
  if (!(tiny > 0)) return show(v);
  if (typeof v === 'number') return show(Math.abs(v) <= tiny ? 0 : v);
  return show(mapValue(v, (x) => (Math.abs(x) <= tiny ? 0 : x)));
}

function shortTensor(t: Tensor): string {
  return fmtTensor(t, 6, 12, (shape, lo, hi) => `(${shape}, in [${fmtNumber(lo, 4)}, ${fmtNumber(hi, 4)}])`);
}

/**
 * A local derivative as the lecture writes it (the op's `print.local`: `-1/p²`), with the
 * value the partials rule computed; the rule's own text where the op declares none.
 */
function lectureForm(def: OpDef, xs: readonly Sym[], y: Sym, k: number, rule: Sym): Sym {
  let t = def.print?.local?.text(xs, y)[k];
  if (t === undefined || rule.fixed) return rule;
  // The lecture writes locals for numbers; on tensors they act entry by entry, which cg
  // writes .* ./ .^ (a bare * or ^ of matrices is the matrix product or power).
  if ([...xs, y].some((x) => typeof x.value !== 'number')) t = t.replace(/(?<![.\d])\*|(?<!\.)[/^]/g, (m) => `.${m}`);
  const prec = t.startsWith('-') || t.includes(' if ') ? PREC.add : t.includes('/') ? PREC.mul : PREC.atom;
  return { text: t, prec, value: rule.value, fixed: false };
}

/** A factor in a product: sums get parentheses (products and quotients associate). */
const wrap = (t: Term) => (t.prec < PREC.mul ? `(${t.text})` : t.text);

/**
 * A local derivative as a factor, a bare name with its value after it (`1 · z(-4) = -4`,
 * as the page shows z = -4), so the product can be checked by eye without looking it up.
 */
const NAME = /^[A-Za-z_][A-Za-z_0-9]*$/;
const factorWithValue = (t: Sym) => (!t.fixed && typeof t.value === 'number' && NAME.test(t.text) ? `${t.text}(${show(t.value)})` : wrap(t));

/** A line with its keys in the documented order. */
function line(l: Pick<StepLine, 'kind' | 'target' | 'value' | 'text'> & Partial<StepLine>): StepLine {
  return {
    kind: l.kind,
    target: l.target,
    via: l.via ?? null,
    upstream: l.upstream ?? null,
    local: l.local ?? null,
    rule: l.rule ?? null,
    paths: l.paths ?? null,
    terms: l.terms ?? null,
    gate: l.gate ?? null,
    value: l.value,
    text: l.text,
  };
}

interface Setup {
  names: string[];
  live: Uint8Array;
  sym: (id: number) => Sym;
  forward: Steps['forward'];
}

function setup(g: Graph, values: ArrayLike<Value>, outputName: string): Setup {
  const names = displayNames(g, outputName);
  const live = ancestors(g);
  const sym = (id: number): Sym => {
    const n = g.nodes[id];
    if (n.op === 'const') return { ...constTerm(names[id]), value: values[id], fixed: true };
    return { text: names[id], prec: PREC.atom, value: values[id], fixed: false };
  };
  const forward = g.nodes
    .filter((n) => live[n.id] && n.def)
    .map((n) => ({ name: names[n.id], formula: formula(g, names, n.id), value: json(values[n.id]) }));
  return { names, live, sym, forward };
}

/**
 * The backward pass narrated: nodes in reverse topological order, one line per edge
 * (upstream gradient × local derivative), and at a node with several uses the sum of its
 * paths. `wrt` chooses which variables the gradient flows to. The numbers are reverse()'s,
 * taken from its per-edge hook; the texts are the op's own rules applied with TextBuilder.
 */
export function narrateReverse(g: Graph, values: ArrayLike<Value>, outputName: string, wrt: readonly string[]): Steps {
  const out = g.output;
  const { names, live, sym, forward } = setup(g, values, outputName);
  const active = dependents(
    g,
    wrt.map((w) => g.vars.get(w)!),
  );
  // The output by its name, even where it is a variable itself (`cg grad x`).
  const f = outputName;
  const d = (id: number) => `∂${f}/∂${names[id]}`;
  const shapeOfNode = (id: number) => g.nodes[id].shape;
  // How many edges carry a gradient into each node: more than one means a sum line.
  const uses = new Uint32Array(g.nodes.length);
  for (const n of g.nodes) if (live[n.id]) for (const j of n.inputs) if (active[j]) uses[j]++;
  const edges: ReverseEdge<Value>[][] = g.nodes.map(() => []);
  const adj = reverse(g, num, (i) => values[i], out, 1, active, (e) => edges[e.node].push(e));
  const parts: { via: string; value: Value }[][] = g.nodes.map(() => []);
  const viaOf = (i: number, k: number) => {
    const j = g.nodes[i].inputs[k];
    return g.nodes[i].inputs.filter((m) => m === j).length > 1 ? `${names[i]} #${k + 1}` : names[i];
  };
  for (let i = out; i >= 0; i--) for (const e of edges[i]) parts[g.nodes[i].inputs[e.input]].push({ via: viaOf(i, e.input), value: filled(e.contribution, shapeOfNode(g.nodes[i].inputs[e.input])) });
  const lines: StepLine[] = [];

  for (let i = out; i >= 0; i--) {
    if (!live[i] || !active[i]) continue;
    const n = g.nodes[i];
    // The seed is 1 whatever the output's shape (a tensor output is summed).
    const g_i = i === out ? 1 : filled(adj[i], n.shape);
    if (i === out) {
      lines.push(line({ kind: 'seed', target: f, value: 1, text: `${d(i)} = 1` }));
    } else {
      const ps = parts[i];
      if (ps.length > 1) {
        const terms = ps.map((p, k) => (k === 0 ? show(p.value) : operand(show(p.value))));
        lines.push(
          line({
            kind: 'sum',
            target: names[i],
            paths: ps.map((p) => ({ via: p.via, value: json(p.value) })),
            value: json(g_i),
            text: `${d(i)} = ${ps.map((p) => `(path via ${p.via})`).join(' + ')} = ${terms.join(' + ')} = ${showSnapped(g_i, ps.reduce((m, p) => Math.max(m, maxAbs(p.value)), 0) * ps.length)}`,
          }),
        );
      }
    }
    const def = n.def;
    if (!def || !edges[i].length) continue;
    const needs = n.inputs.map((j) => active[j] === 1);
    const xs = n.inputs.map(sym);
    const y = sym(i);
    const tensor = n.shape.length > 0;
    const times = tensor ? '⊙' : '·';
    const locals = def.partials?.(text, xs, y, needs);
    const rules = locals
      ? undefined
      : // At the output the upstream is the seed 1: written as the number, so it folds away (no `∂f/∂f/2*(...)`).
        def.vjp!(text, { x: xs, y, g: i === out ? constSym(1) : { text: d(i), prec: PREC.atom, value: g_i, fixed: false }, attrs: n.attrs, needs });
    // The lecture's form of a rule (the losses), where the op declares one; the numbers stay the rule's.
    const lecture = rules && def.print?.rule?.(xs, i === out ? null : { text: d(i), prec: PREC.atom }, n.inputs.map(shapeOfNode));
    for (const e of edges[i]) {
      const k = e.input;
      const j = n.inputs[k];
      const via = viaOf(i, k);
      const want = shapeOfNode(j);
      const value = filled(e.contribution, want);
      let body: string;
      let local: Factor | null = null;
      let localValue: Value | undefined;
      let rule: string | null = null;
      const upstream = { name: d(i), text: null, value: json(g_i) };
      if (locals) {
        const l = locals[k];
        const ls = lectureForm(def, xs, y, k, l === undefined ? constSym(0) : typeof l === 'number' ? constSym(l) : l);
        local = { name: `∂${names[i]}/∂${names[j]}`, text: ls.text, value: json(ls.value) };
        localValue = ls.value;
        body = `${d(i)} ${times} ${local.name} = ${show(g_i)} ${times} ${factorWithValue(ls)}`;
      } else {
        const r: Z<Sym> = rules![k];
        rule = lecture?.[k] ?? (r === undefined ? '0' : r.text);
        body = rule;
      }
      // Broadcasting copied input j: its gradient is the sum over the copies.
      const note = def.broadcasts && sizeOf(n.shape) > sizeOf(want) ? ', summed over the broadcast copies' : '';
      const lhs = uses[j] > 1 ? `${d(j)} (via ${via})` : d(j);
      lines.push(
        line({
          kind: 'edge',
          target: names[j],
          via: uses[j] > 1 ? via : null,
          upstream,
          local,
          rule,
          gate: def.print?.gate?.name ?? null,
          value: json(value),
          text: `${lhs} = ${body}${note} = ${local ? showSnapped(value, maxAbs(g_i) * maxAbs(localValue!) * (sizeOf(n.shape) / Math.max(1, sizeOf(want)))) : show(value)}`,
        }),
      );
    }
  }
  const gradient: Record<string, unknown> = Object.create(null);
  for (const w of wrt) {
    const id = g.vars.get(w)!;
    gradient[w] = json(filled(adj[id], g.nodes[id].shape));
  }
  return { mode: 'reverse', output: f, wrt: [...wrt], forward, lines, gradient };
}

/**
 * The forward-mode sweep narrated: nodes in topological order, each tangent the sum over
 * its inputs of local derivative × input tangent. A tensor variable is seeded with ones
 * (the derivative along the all-ones direction). One sweep per variable, each starting
 * with its seed line. The tangents are forward()'s, as its hook reports them.
 */
export function narrateForward(g: Graph, values: ArrayLike<Value>, outputName: string, wrt: readonly string[]): Steps {
  const s = setup(g, values, outputName);
  const lines: StepLine[] = [];
  const gradient: Record<string, unknown> = Object.create(null);
  for (const x of wrt) gradient[x] = sweep(g, values, s, x, lines);
  return { mode: 'forward', output: outputName, wrt: [...wrt], forward: s.forward, lines, gradient };
}

/** One forward sweep seeded at variable `wrt`; appends its lines, returns the output's tangent. */
function sweep(g: Graph, values: ArrayLike<Value>, { names, live, sym }: Setup, wrt: string, lines: StepLine[]): unknown {
  const out = g.output;
  const x = g.vars.get(wrt)!;
  const dx = (id: number) => `d${names[id]}/d${wrt}`;
  const shape = g.nodes[x].shape;
  const seed: Value = shape.length ? Tensor.filled(shape, 1) : 1;
  lines.push(line({ kind: 'seed', target: wrt, value: json(seed), text: `${dx(x)} = ${show(seed)}` }));
  // The engine's tangents, full-shaped; undefined where the sweep never reached.
  const tan: (Value | undefined)[] = new Array(g.nodes.length);
  tan[x] = seed;
  const order: number[] = [];
  forward(g, num, (i) => values[i], new Map([[x, seed]]), out, (i, t) => {
    tan[i] = filled(t, g.nodes[i].shape);
    order.push(i);
  });
  for (const i of order) {
    const n = g.nodes[i];
    const def = n.def!;
    if (!live[i]) continue;
    const needs = n.inputs.map((j) => tan[j] !== undefined);
    const xs = n.inputs.map(sym);
    const y = sym(i);
    const times = n.shape.length > 0 ? '⊙' : '·';
    const value = tan[i]!;
    let body: string;
    let terms: StepLine['terms'] = null;
    let rule: string | null = null;
    const locals = def.partials?.(text, xs, y, needs);
    if (locals) {
      terms = [];
      const shown: string[] = [];
      const symbolic: string[] = [];
      n.inputs.forEach((j, k) => {
        if (!needs[k]) return;
        const l = locals[k];
        const ls = lectureForm(def, xs, y, k, l === undefined ? constSym(0) : typeof l === 'number' ? constSym(l) : l);
        const local = { name: `∂${names[i]}/∂${names[j]}`, text: ls.text, value: json(ls.value) };
        terms!.push({ local, tangent: { name: dx(j), text: null, value: json(tan[j]!) } });
        symbolic.push(`${local.name} ${times} ${dx(j)}`);
        shown.push(`${factorWithValue(ls)} ${times} ${operand(show(tan[j]!))}`);
      });
      body = `${symbolic.join(' + ')} = ${shown.join(' + ')}`;
    } else {
      const t = def.jvp!(text, {
        x: xs,
        y,
        dx: n.inputs.map((j) => (tan[j] === undefined ? undefined : { text: dx(j), prec: PREC.atom, value: tan[j]!, fixed: false })),
        attrs: n.attrs,
      });
      rule = t === undefined ? '0' : t.text;
      body = rule;
    }
    lines.push(line({ kind: 'tangent', target: names[i], terms, rule, value: json(value), text: `${dx(i)} = ${body} = ${show(value)}` }));
  }
  return json(filled(tan[out], g.nodes[out].shape));
}

/** Paint for the printed narration (identity without colour). */
export interface Paint {
  value: (s: string) => string;
  derivative: (s: string) => string;
  dim: (s: string) => string;
}

const plain: Paint = { value: (s) => s, derivative: (s) => s, dim: (s) => s };

/** The narration as printed under `cg grad --steps`. */
export function stepsText(s: Steps, paint: Paint = plain): string {
  const out: string[] = [];
  out.push('forward pass:');
  for (const f of s.forward) out.push(`  ${f.name} = ${f.formula} = ${paint.value(show(fromJson(f.value)))}`);
  if (s.mode === 'reverse') out.push('backward pass, nodes in reverse topological order (gradient out = upstream × local):');
  const width = Math.max(0, ...s.lines.filter((l) => l.gate).map((l) => l.text.length));
  let k = 0;
  for (const l of s.lines) {
    if (s.mode === 'forward' && l.kind === 'seed') {
      const of = s.wrt.length > 1 ? ` ${++k} of ${s.wrt.length}` : '';
      out.push(`forward-mode sweep${of}, tangents d·/d${l.target} in topological order (tangent out = Σ local × tangent in):`);
    }
    // The result after the last ' = ' in the derivative's colour; the gate named at the side.
    const cut = l.text.lastIndexOf(' = ') + 3;
    const painted = l.text.slice(0, cut) + paint.derivative(l.text.slice(cut));
    const gap = ' '.repeat(Math.max(0, width - l.text.length));
    out.push(`  ${l.gate ? `${painted}${gap}   ${paint.dim(l.gate)}` : painted}`);
  }
  const gates = [...new Set(s.lines.map((l) => l.gate).filter((x): x is string => !!x))];
  for (const gate of gates) out.push(paint.dim(`${gate}: ${gateMeaning(gate)}`));
  return `${out.join('\n')}\n`;
}

function fromJson(v: unknown): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return Tensor.from(v) as Value;
}
