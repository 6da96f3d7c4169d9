import { Builder } from '../builder.js';
import { gradientNodes } from './derivatives.js';
import { forward } from './forward.js';
import { Graph, type Node } from '../graph.js';
import { GraphBuilder, keptCall } from './symbolic.js';
import type { Attrs } from '../ops/define.js';
import { getOp } from '../ops/index.js';
import { collectPower, collectProduct, collectSum } from './simplify-algebra.js';
import { sameShape, Tensor, type Shape, type Value } from '../tensor.js';

/*
 * Simplification of derivative graphs. Every rewrite keeps the value: most are exact in
 * floating point (x*1, x+0, --x, x*x = x^2, x+x = 2*x, a-(-b) = a+b, constants folded by the
 * op's own eval); `a*(1/b) → a/b` and `c*(d*x) → (c*d)*x` for a power of two c or d differ
 * at most by a rounding. Like the reverse sweep itself, zeros are structural: `0*a → 0` and
 * `a - a → 0` even where a is infinite or NaN (no finite point sees a difference).
 */

const isConst = (n: Node): boolean => n.op === 'const';

/** A constant whose every entry is `v`. */
function allEqual(n: Node, v: number): boolean {
  if (n.op !== 'const') return false;
  const x = n.value!;
  if (typeof x === 'number') return x === v;
  for (let i = 0; i < x.data.length; i++) if (x.data[i] !== v) return false;
  return true;
}

/** The value of a constant tensor whose entries are all that one value. */
function repeated(n: Node): number | undefined {
  if (n.op !== 'const' || typeof n.value === 'number' || !n.value!.data.length) return undefined;
  const d = n.value!.data;
  for (let i = 1; i < d.length; i++) if (!Object.is(d[i], d[0])) return undefined;
  return d[0];
}

/** The scalar inside a one-entry tensor written [[s]] (stacks of one), if that is what n is. */
function singleton(n: Node, g: Graph): Node | undefined {
  if (!n.shape.length || n.shape.some((d) => d !== 1)) return undefined;
  let m = n;
  while (m.op === 'stack' && m.inputs.length === 1) m = g.nodes[m.inputs[0]];
  return m.shape.length === 0 && m !== n ? m : undefined;
}

const scalarConst = (n: Node): number | undefined => (n.op === 'const' && typeof n.value === 'number' ? n.value : undefined);

function powerOfTwo(v: number | undefined): boolean {
  if (v === undefined || v === 0 || !Number.isFinite(v)) return false;
  const e = Math.log2(Math.abs(v));
  return Number.isInteger(e) && e > -1000 && e < 1000;
}

/** `c*q` or `c/q` with a negative scalar constant c: its negation is one constant away. */
function negatedFactor(n: Node, g: Graph): boolean {
  if (n.op !== 'mul' && n.op !== 'div') return false;
  const c = scalarConst(g.nodes[n.inputs[0]]);
  return c !== undefined && c < 0;
}

/**
 * A builder that simplifies as it builds: each node is rewritten by local rules before it is
 * added, and internal ops are spelled with callable ones (their `callable` rule), so that
 * what it builds can be printed as text cg parses back.
 */
export class SimplifyingBuilder extends Builder<Node> {
  /** With `algebra`, scalar products and sums are also collected (simplify-algebra.ts). */
  constructor(
    readonly g: Graph,
    readonly algebra = false,
  ) {
    super();
  }

  lift(v: number): Node {
    return this.g.nodes[this.g.constant(v)];
  }

  constant(v: Value): Node {
    return this.g.nodes[this.g.constant(v)];
  }

  shape(x: Node): Shape {
    return x.shape;
  }

  apply(op: string, xs: Node[], attrs?: Attrs): Node {
    const def = getOp(op);
    if (xs.length > 0 && xs.every(isConst)) {
      const v = def.eval(xs.map((x) => x.value!), attrs);
      if (keptCall(op, xs, v)) return this.g.nodes[this.g.add(op, [xs[0].id], attrs)];
      return this.constant(v);
    }
    const r = this.rewrite(op, xs, attrs) ?? (this.algebra ? this.collect(op, xs) : undefined);
    if (r) return r;
    // softmax along the one row of a vector or a 1×n matrix is softmax(z), as a person writes it.
    if (op === 'softmax_rows' && (xs[0].shape.length === 1 || xs[0].shape[0] === 1)) return this.apply('softmax', xs);
    if (def.internal && def.callable) return def.callable(this, xs, attrs, (v) => this.constant(v));
    return this.g.nodes[this.g.add(op, xs.map((x) => x.id), attrs)];
  }

  private depth = 0;
  /** How many times the algebra rewrote a node: none means the plain simplification builds the same. */
  collected = 0;

  private collect(op: string, xs: Node[]): Node | undefined {
    // The collected forms are fixed points; the bound only guarantees the recursion ends.
    if (this.depth > 8) return undefined;
    this.depth++;
    try {
      let r: Node | undefined;
      if (op === 'mul' || op === 'div') r = collectProduct(this, op, xs, this.opaque);
      else if (op === 'add' || op === 'sub') r = collectSum(this, op, xs, this.opaque);
      else if (op === 'square' || op === 'pow') r = collectPower(this, op, xs, this.opaque);
      if (r) this.collected++;
      return r;
    } finally {
      this.depth--;
    }
  }

  /** Nodes the collecting rules treat as atoms: those an assignment named (`c = a + b` stays c). */
  readonly opaque = new Set<number>();

  private input(n: Node, k: number): Node {
    return this.g.nodes[n.inputs[k]];
  }

  /** The constant -c for a constant c. */
  private negated(c: Node): Node {
    return this.apply('neg', [c]);
  }

  /** A rewrite of op(xs) into something equal and smaller, or undefined. */
  private rewrite(op: string, xs: Node[], attrs: Attrs): Node | undefined {
    const [a, b] = xs;
    let outShape: Shape | undefined;
    const out = (): Shape => (outShape ??= getOp(op).shape(xs.map((x) => x.shape), attrs));
    const fits = (n: Node) => sameShape(n.shape, out());
    const filled = (v: number) => this.constant(out().length ? Tensor.filled(out(), v) : v);
    const at = (n: Node, k: number) => this.input(n, k);
    // A constant tensor of one repeated value beside an operand of the full shape is that
    // value: broadcasting a scalar gives the same (0.5*t1, not [0.5, 0.5].*t1).
    if ((op === 'add' || op === 'sub' || op === 'mul' || op === 'div') && xs.length === 2) {
      // [[sum(y)]] beside a full-shape operand is sum(y): broadcasting a scalar gives the same.
      const sa = singleton(a, this.g);
      if (sa && fits(b)) return this.apply(op, [sa, b]);
      const sb = singleton(b, this.g);
      if (sb && fits(a)) return this.apply(op, [a, sb]);
      const s = repeated(a);
      if (s !== undefined && fits(b)) return this.apply(op, [this.lift(s), b]);
      const t = repeated(b);
      if (t !== undefined && fits(a)) return this.apply(op, [a, this.lift(t)]);
    }
    switch (op) {
      case 'add':
        if (allEqual(a, 0) && fits(b)) return b;
        if (allEqual(b, 0) && fits(a)) return a;
        if (a === b) return this.apply('mul', [this.lift(2), a]);
        if (b.op === 'neg') return this.apply('sub', [a, at(b, 0)]);
        if (a.op === 'neg') return this.apply('sub', [b, at(a, 0)]);
        if ((scalarConst(b) ?? 0) < 0) return this.apply('sub', [a, this.negated(b)]);
        if (negatedFactor(b, this.g)) return this.apply('sub', [a, this.apply(b.op, [this.negated(at(b, 0)), at(b, 1)])]);
        return undefined;
      case 'sub':
        if (allEqual(b, 0) && fits(a)) return a;
        if (allEqual(a, 0) && fits(b)) return this.apply('neg', [b]);
        if (a === b) return filled(0);
        if (b.op === 'neg') return this.apply('add', [a, at(b, 0)]);
        if ((scalarConst(b) ?? 0) < 0) return this.apply('add', [a, this.negated(b)]);
        if (negatedFactor(b, this.g)) return this.apply('add', [a, this.apply(b.op, [this.negated(at(b, 0)), at(b, 1)])]);
        return undefined;
      case 'mul':
        return (this.algebra ? this.cancelElementwise(a, b, fits) : undefined) ?? this.mulRule(a, b, fits, filled);
      case 'div':
        if (allEqual(a, 0)) return filled(0);
        if (allEqual(b, 1) && fits(a)) return a;
        if (allEqual(b, -1) && fits(a)) return this.apply('neg', [a]);
        if (a.op === 'neg' && b.op === 'neg') return this.apply('div', [at(a, 0), at(b, 0)]);
        if (a.op === 'neg') return this.apply('neg', [this.apply('div', [at(a, 0), b])]);
        if (b.op === 'neg') return this.apply('neg', [this.apply('div', [a, at(b, 0)])]);
        return undefined;
      case 'neg':
        if (a.op === 'neg') return at(a, 0);
        if (a.op === 'sub') return this.apply('sub', [at(a, 1), at(a, 0)]);
        if ((a.op === 'mul' || a.op === 'div') && isConst(at(a, 0))) return this.apply(a.op, [this.negated(at(a, 0)), at(a, 1)]);
        return undefined;
      case 'square':
        if (a.op === 'neg') return this.apply('square', [at(a, 0)]);
        return undefined;
      case 'pow': {
        const c = scalarConst(b);
        if (c === 1 && fits(a)) return a;
        if (c === 0) return filled(1); // pow(anything, 0) is 1, NaN included
        if (c === 2 && fits(a)) return this.apply('square', [a]); // Math.pow(a, 2) is a*a
        return undefined;
      }
      case 'sum_to':
      case 'broadcast_to':
        return fits(a) ? a : undefined;
      case 'transpose':
        if (a.shape.length < 2) return a;
        if (a.op === 'transpose') return at(a, 0);
        if (a.op === 'outer') return this.apply('outer', [at(a, 1), at(a, 0)]); // (u v')' = v u'
        return undefined;
      case 'sum':
      case 'mean':
        if (a.shape.length === 0) return a;
        // sum(-u) is -sum(u): the sign goes out in front.
        if (a.op === 'neg') return this.apply('neg', [this.apply(op, [at(a, 0)], attrs)]);
        return undefined;
      case 'matmul':
      case 'outer':
      case 'dot':
        return allEqual(a, 0) || allEqual(b, 0) ? filled(0) : undefined;
    }
    return undefined;
  }

  /**
   * a.*(p./a) is p, and a.*(p./a - q) is p - a.*q: a factor cancels across an elementwise
   * quotient (tensors too; like x/x = 1 it is exact but where a is 0 or infinite).
   */
  private cancelElementwise(a: Node, b: Node, fits: (n: Node) => boolean): Node | undefined {
    const at = (n: Node, k: number) => this.input(n, k);
    const over = (n: Node, d: Node): Node | undefined => {
      if (n.op === 'div' && at(n, 1) === d && fits(at(n, 0))) return at(n, 0);
      if (n.op === 'neg' && at(n, 0).op === 'div' && at(at(n, 0), 1) === d && fits(at(at(n, 0), 0))) return this.apply('neg', [at(at(n, 0), 0)]);
      return undefined;
    };
    for (const [f, q] of [[a, b], [b, a]] as const) {
      if (!f.shape.length && !q.shape.length) continue;
      const p = over(q, f);
      if (p) return p;
      if ((q.op === 'add' || q.op === 'sub') && (over(at(q, 0), f) || over(at(q, 1), f))) {
        return this.apply(q.op, [this.apply('mul', [f, at(q, 0)]), this.apply('mul', [f, at(q, 1)])]);
      }
    }
    return undefined;
  }

  private mulRule(a: Node, b: Node, fits: (n: Node) => boolean, filled: (v: number) => Node): Node | undefined {
    const at = (n: Node, k: number) => this.input(n, k);
    if (allEqual(a, 0) || allEqual(b, 0)) return filled(0);
    if (allEqual(a, 1) && fits(b)) return b;
    if (allEqual(b, 1) && fits(a)) return a;
    if (allEqual(a, -1) && fits(b)) return this.apply('neg', [b]);
    if (allEqual(b, -1) && fits(a)) return this.apply('neg', [a]);
    if (a === b) return this.apply('square', [a]);
    if (a.op === 'neg' && b.op === 'neg') return this.apply('mul', [at(a, 0), at(b, 0)]);
    // A sign goes into a constant factor, else out in front.
    if (isConst(a) && b.op === 'neg') return this.apply('mul', [this.negated(a), at(b, 0)]);
    if (isConst(b) && a.op === 'neg') return this.apply('mul', [this.negated(b), at(a, 0)]);
    if (a.op === 'neg') return this.apply('neg', [this.apply('mul', [at(a, 0), b])]);
    if (b.op === 'neg') return this.apply('neg', [this.apply('mul', [a, at(b, 0)])]);
    // a*(1/q) is a/q.
    if (b.op === 'div' && scalarConst(at(b, 0)) === 1) return this.apply('div', [a, at(b, 1)]);
    if (a.op === 'div' && scalarConst(at(a, 0)) === 1) return this.apply('div', [b, at(a, 1)]);
    // c*(d*x) is (c*d)*x exactly when c or d is a power of two.
    const c = scalarConst(a);
    if (c !== undefined && b.op === 'mul') {
      const d = scalarConst(at(b, 0));
      if (d !== undefined && (powerOfTwo(c) || powerOfTwo(d))) return this.apply('mul', [this.lift(c * d), at(b, 1)]);
    }
    // Constant factors first (2*x), where that needs no parentheses.
    if (isConst(b) && !isConst(a) && a.op !== 'mul' && a.op !== 'div') return this.apply('mul', [b, a]);
    return undefined;
  }
}

export interface Simplified {
  /** Rewrites the algebra made (0 without it). */
  collected?: number;
  graph: Graph;
  /** The roots' ids in `graph`. */
  roots: number[];
}

/**
 * The nodes `roots` depend on, rebuilt into a new graph by the simplifying builder. Every
 * variable of `g` is carried over (later differentiation may ask for any of them), and so
 * are the names assignments gave nodes.
 */
export function simplify(g: Graph, roots: readonly number[], algebra = false): Simplified {
  const out = new Graph();
  const b = new SimplifyingBuilder(out, algebra);
  for (const [name, id] of g.vars) out.variable(name, g.nodes[id].shape);
  const reach = reachable(g, roots);
  const named = new Set(g.names.values());
  const map = new Int32Array(g.nodes.length).fill(-1);
  for (let i = 0; i < g.nodes.length; i++) {
    if (!reach[i]) continue;
    const n = g.nodes[i];
    if (n.op === 'var') map[i] = out.vars.get(n.name!)!;
    else if (n.op === 'const') map[i] = out.constant(n.value!, n.name);
    else map[i] = b.apply(n.op, n.inputs.map((j) => out.nodes[map[j]]), n.attrs).id;
    if (named.has(i)) b.opaque.add(map[i]);
  }
  for (const [name, id] of g.names) {
    if (reach[id] && out.nodes[map[id]].def && !out.names.has(name)) out.names.set(name, map[id]);
  }
  return { graph: out, roots: roots.map((r) => map[r]), collected: b.collected };
}

/** Flags for the nodes `roots` depend on (themselves included). */
export function reachable(g: Graph, roots: readonly number[]): Uint8Array {
  const on = new Uint8Array(g.nodes.length);
  for (const r of roots) on[r] = 1;
  // Ids are topological: one pass from the top marks every input of a marked node.
  for (let i = g.nodes.length - 1; i >= 0; i--) if (on[i]) for (const j of g.nodes[i].inputs) on[j] = 1;
  return on;
}

/** Op nodes (not variables or constants) that `roots` depend on. */
export function countOps(g: Graph, roots: readonly number[]): number {
  const on = reachable(g, roots);
  let n = 0;
  for (let i = 0; i < on.length; i++) if (on[i] && g.nodes[i].def) n++;
  return n;
}

export interface DerivativeGraph extends Simplified {
  /** Op nodes the raw derivative graph had (before simplification), for the size report. */
  rawOps: number;
}

export type SweepMode = 'reverse' | 'forward';

/**
 * The derivatives of `output` by the variables `wrt`, as nodes of `g`: one reverse sweep for
 * all of them, or one forward sweep per (scalar) variable.
 */
export function derivativeNodes(g: Graph, wrt: readonly string[], output: number, mode: SweepMode): (Node | undefined)[] {
  if (mode === 'reverse') return gradientNodes(g, wrt, output);
  const b = new GraphBuilder(g, true);
  return wrt.map((v) => forward(g, b, (i) => g.nodes[i], new Map([[g.vars.get(v)!, b.lift(1)]]), output)[output]);
}

/**
 * Partial derivatives of the graph's output as one simplified graph. Each request lists
 * the variables to differentiate by, in turn: `['x']` is ∂f/∂x, `['x', 'y']` is ∂²f/∂x∂y
 * (the first derivative's graph differentiated again). Second derivatives need scalar
 * first derivatives; forward mode needs scalar variables.
 */
export function derivativeGraph(
  g: Graph,
  requests: readonly (readonly string[])[],
  mode: SweepMode = 'reverse',
  output = g.output,
  algebra = false,
): DerivativeGraph {
  const zero = (gr: Graph, name: string) => {
    const shape = gr.nodes[gr.vars.get(name)!].shape;
    return gr.constant(shape.length ? Tensor.zeros(shape) : 0);
  };
  const firstVars = unique(requests.map((r) => r[0]));
  const grads = derivativeNodes(g, firstVars, output, mode);
  const firstIds = firstVars.map((v, k) => grads[k]?.id ?? zero(g, v));
  let rawOps = countOps(g, firstIds);
  const first = simplify(g, firstIds, algebra);
  if (requests.every((r) => r.length === 1)) {
    return { ...first, roots: requests.map((r) => first.roots[firstVars.indexOf(r[0])]), rawOps };
  }
  // Order by order: each level differentiates the simplified graph of the level before
  // (so ∂³f/∂x³ is ∂/∂x of the simplified ∂²f/∂x²), keyed by the variables so far ('x,x').
  let cur: Simplified = first;
  let keys = firstVars;
  let collected = first.collected ?? 0;
  const depth = Math.max(...requests.map((r) => r.length));
  for (let level = 2; level <= depth; level++) {
    const h = cur.graph;
    const rootOf = new Map(keys.map((k, i) => [k, cur.roots[i]]));
    // Keys still needed: the requests' prefixes up to this level.
    const next = unique(requests.filter((r) => r.length >= level - 1).map((r) => r.slice(0, Math.min(r.length, level)).join(',')));
    for (const prefix of unique(requests.filter((r) => r.length >= level).map((r) => r.slice(0, level - 1).join(',')))) {
      const root = rootOf.get(prefix)!;
      const vars = unique(requests.filter((r) => r.length >= level && r.slice(0, level - 1).join(',') === prefix).map((r) => r[level - 1]));
      if (h.nodes[root].shape.length > 0) throw new Error(`higher derivatives need a scalar derivative before them (∂/∂${prefix} is not)`);
      const d = derivativeNodes(h, vars, root, mode);
      vars.forEach((w, j) => rootOf.set(`${prefix},${w}`, d[j]?.id ?? zero(h, w)));
    }
    const ids = next.map((k) => rootOf.get(k)!);
    rawOps = Math.max(rawOps, countOps(h, ids));
    cur = simplify(h, ids, algebra);
    collected += cur.collected ?? 0;
    keys = next;
  }
  const roots = requests.map((r) => cur.roots[keys.indexOf(r.join(','))]);
  return { graph: cur.graph, roots, rawOps, collected };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
