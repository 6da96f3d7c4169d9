import type { Graph, Node } from '../graph.js';

/*
 * The algebra a person does on a scalar derivative: like factors become powers
 * (x*x*x = x^3, x/x^2 = 1/x), constant factors fold into one coefficient
 * (-2*x*0.5 = -x), like terms collect (x^2 + 2*x^2 = 3*x^2), and a sign goes in front.
 * Only for scalars, and only where something merges: otherwise the node is left as built,
 * so shared sub-expressions keep their shape. Values change by roundings at most (x^3 is
 * Math.pow, a folded coefficient is one product), and at isolated points where the
 * original is 0/0 (x/x = 1), as in every computer algebra system.
 */

/** What the rules need of the simplifying builder. */
export interface AlgebraBuilder {
  readonly g: Graph;
  apply(op: string, xs: Node[]): Node;
  lift(v: number): Node;
}

/** A coefficient kept as a fraction, so x/3 stays x/3 and never becomes 0.3333333333333333*x. */
interface Coef {
  num: number;
  den: number;
}

/** coef · Π base^exp, bases in order of first appearance. */
interface Monomial {
  coef: Coef;
  factors: { base: Node; exp: number }[];
}

/** How many factors one product may hold before it counts as one base. */
const BUDGET = 8;
/** How many add/sub/neg nodes one sum walk looks through. */
const SUM_BUDGET = 8;

const scalarConst = (n: Node): number | undefined => (n.op === 'const' && typeof n.value === 'number' ? n.value : undefined);

const intExponent = (n: Node): number | undefined => {
  const c = scalarConst(n);
  return c !== undefined && Number.isInteger(c) && Math.abs(c) <= 64 ? c : undefined;
};

/** A node as coefficient (num/den) · Π base^exp: how many constants and leaves went in. */
interface Fact {
  num: number;
  den: number;
  factors: readonly { base: Node; exp: number }[];
  constants: number;
  leaves: number;
  /** The sum rule's key: the factors and powers, without the coefficient (made when first asked). */
  key?: string;
}

/** Facts of nodes already seen, per graph by id: nodes are immutable, so each is factored once (children's facts combine). */
const memos = new WeakMap<Graph, Map<number, Fact>>();

function memoOf(g: Graph): Map<number, Fact> {
  let m = memos.get(g);
  if (!m) memos.set(g, (m = new Map()));
  return m;
}

const atom = (n: Node): Fact => ({ num: 1, den: 1, factors: [{ base: n, exp: 1 }], constants: 0, leaves: 1 });

/** p · q^s (s = ±1): coefficients multiply, like bases add their powers. */
function combine(p: Fact, q: Fact, s: 1 | -1): { fact: Fact; merged: boolean } {
  const num = p.num * (s > 0 ? q.num : q.den);
  const den = p.den * (s > 0 ? q.den : q.num);
  // Times a constant: the factors are p's, shared (facts are never changed once made).
  if (!q.factors.length) return { fact: { num, den, factors: p.factors, constants: p.constants + q.constants, leaves: p.leaves + q.leaves }, merged: false };
  const factors = p.factors.map((f) => ({ ...f }));
  let merged = false;
  for (const f of q.factors) {
    const same = factors.find((h) => h.base === f.base);
    if (same) {
      same.exp += s * f.exp;
      merged = true;
    } else factors.push({ base: f.base, exp: s * f.exp });
  }
  return { fact: { num, den, factors, constants: p.constants + q.constants, leaves: p.leaves + q.leaves }, merged };
}

/** n as a coefficient times powers of bases, looking through neg, mul, div, square and integer powers. */
function factOf(n: Node, g: Graph, opaque: ReadonlySet<number>, memo = memoOf(g)): Fact {
  const c = scalarConst(n);
  if (c !== undefined) return { num: c, den: 1, factors: [], constants: 1, leaves: 1 };
  if (n.shape.length || opaque.has(n.id)) return atom(n);
  let f = memo.get(n.id);
  if (f) return f;
  const input = (k: number) => g.nodes[n.inputs[k]];
  const scalarInput = n.inputs.length > 0 && input(0).shape.length === 0;
  const k = n.op === 'square' ? 2 : n.op === 'pow' ? intExponent(input(1)) : undefined;
  if (n.op === 'neg') {
    const a = factOf(input(0), g, opaque, memo);
    f = { ...a, num: -a.num, key: undefined };
  } else if (n.op === 'mul' || n.op === 'div') {
    f = combine(factOf(input(0), g, opaque, memo), factOf(input(1), g, opaque, memo), n.op === 'mul' ? 1 : -1).fact;
    // A long product stays one base: looking through it again at every level would be quadratic.
    if (f.factors.length > BUDGET) f = atom(n);
  } else if (k !== undefined && scalarInput) {
    f = { num: 1, den: 1, factors: [{ base: input(0), exp: k }], constants: 0, leaves: 1 };
  } else f = atom(n);
  memo.set(n.id, f);
  return f;
}

function keyOf(f: Fact): string {
  return (f.key ??= f.factors
    .filter((h) => h.exp !== 0)
    .map((h) => `${h.base.id}^${h.exp}`)
    .sort()
    .join('*'));
}

/** base^exp for exp ≥ 1. */
function power(b: AlgebraBuilder, base: Node, exp: number): Node {
  return exp === 1 ? base : b.apply('pow', [base, b.lift(exp)]);
}

function product(b: AlgebraBuilder, nodes: Node[]): Node | undefined {
  let acc: Node | undefined;
  for (const n of nodes) acc = acc ? b.apply('mul', [acc, n]) : n;
  return acc;
}

/** The coefficient's shortest exact text as a factor: `c*X`, or `X/d`, or `c*X/d`. */
/** The coefficient as it is written: its sign, and one number where num/den is as short as the fraction (0.5 beside 1/2). */
function written(c: Coef): Coef & { negative: boolean } {
  const negative = c.num / c.den < 0;
  let num = Math.abs(c.num);
  let den = Math.abs(c.den);
  // 15/9 is 5/3: integers reduce by their greatest common divisor (exactly, below 2^53).
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den) && num && den) {
    const d = gcd(num, den);
    num /= d;
    den /= d;
  }
  const q = num / den;
  if (den !== 1 && String(q).length <= String(num).length + String(den).length + 1) {
    num = q;
    den = 1;
  }
  return { num, den, negative };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function build(b: AlgebraBuilder, m: Monomial): Node {
  const { num, den, negative } = written(m.coef);
  // Simpler factors first, as a person writes them (x*exp(-x^2/2)): ids grow with nesting.
  m.factors.sort((p, q) => p.base.id - q.base.id);
  // The coefficient leads the chain (2*x*y, left-associated), so it prints without parentheses.
  const ups = m.factors.filter((f) => f.exp > 0).map((f) => power(b, f.base, f.exp));
  const downs = m.factors.filter((f) => f.exp < 0).map((f) => power(b, f.base, -f.exp));
  let top: Node;
  let rest = downs;
  if (!ups.length && den !== 1) {
    // 5/3 kept as the fraction it is: a node of its own, since building it would fold it to 1.6666666666666667.
    top = b.g.nodes[b.g.add('div', [b.lift(num).id, b.lift(den).id])];
  } else {
    top = product(b, num === 1 && ups.length ? ups : [b.lift(num), ...ups])!;
    if (den !== 1) rest = [b.lift(den), ...downs];
  }
  // Divided one factor at a time (5/3/x^2, as mathjs prints it): never longer than 5/(3*x^2).
  for (const d of rest) top = b.apply('div', [top, d]);
  return negative ? b.apply('neg', [top]) : top;
}

/** A product of scalars rewritten when factors merge or constants fold; undefined when nothing would. */
export function collectProduct(b: AlgebraBuilder, op: 'mul' | 'div', xs: Node[], opaque: ReadonlySet<number> = new Set()): Node | undefined {
  if (xs.some((x) => x.shape.length)) return undefined;
  const { fact, merged } = combine(factOf(xs[0], b.g, opaque), factOf(xs[1], b.g, opaque), op === 'mul' ? 1 : -1);
  const w = written(fact);
  // Rewritten when factors merge or constants fold into fewer than there are (the written form is a fixed point).
  // And a*(b*c) opens up to a*b*c, 2*(x*y) to 2*x*y (the sum rule's a + a = 2*a builds such products);
  // short products only: reassociating a long chain would rebuild it at every level (quadratic).
  const nested = op === 'mul' && fact.leaves <= 4 && (xs[1].op === 'mul' || xs[1].op === 'div') && !opaque.has(xs[1].id);
  if (!merged && !nested && fact.constants <= +(w.num !== 1) + +(w.den !== 1)) return undefined;
  if (fact.num === 0) return b.lift(0);
  return build(b, { coef: { num: fact.num, den: fact.den }, factors: fact.factors.filter((f) => f.exp !== 0).map((f) => ({ ...f })) });
}

/** A sum of scalars with like terms collected (same factors and powers), constants added. */
export function collectSum(b: AlgebraBuilder, op: 'add' | 'sub', xs: Node[], opaque: ReadonlySet<number> = new Set()): Node | undefined {
  if (xs.some((x) => x.shape.length)) return undefined;
  const terms: { f: Fact; coef: Coef }[] = [];
  const byKey = new Map<string, number>();
  let merged = false;
  let budget = SUM_BUDGET;
  const stack: [Node, number][] = [[xs[1], op === 'sub' ? -1 : 1], [xs[0], 1]];
  while (stack.length) {
    const [x, s] = stack.pop()!;
    const input = (k: number) => b.g.nodes[x.inputs[k]];
    if (budget-- > 0 && x.shape.length === 0 && !opaque.has(x.id) && (x.op === 'add' || x.op === 'sub' || x.op === 'neg')) {
      if (x.op === 'neg') stack.push([input(0), -s]);
      else stack.push([input(1), x.op === 'sub' ? -s : s], [input(0), s]);
      continue;
    }
    const f = factOf(x, b.g, opaque);
    const key = keyOf(f);
    const k = byKey.get(key);
    if (k === undefined) {
      byKey.set(key, terms.length);
      terms.push({ f, coef: { num: f.num * s, den: f.den } });
    } else {
      const t = terms[k].coef;
      const c = { num: f.num * s, den: f.den };
      // a/p + b/q: over the common denominator when they differ.
      if (t.den === c.den) t.num += c.num;
      else {
        t.num = t.num * c.den + c.num * t.den;
        t.den *= c.den;
      }
      merged = true;
    }
  }
  if (!merged) return undefined;
  let acc: Node | undefined;
  for (const { f, coef } of terms) {
    if (coef.num === 0) continue;
    const factors = f.factors.filter((h) => h.exp !== 0).map((h) => ({ ...h }));
    const negative = coef.num / coef.den < 0;
    if (acc && negative) {
      acc = b.apply('sub', [acc, build(b, { factors, coef: { num: -coef.num, den: coef.den } })]);
    } else {
      const t = build(b, { factors, coef });
      acc = acc ? b.apply('add', [acc, t]) : t;
    }
  }
  return acc ?? b.lift(0);
}

/** (c*x)^k for an integer k: the constant's power folds, (2*x)^2 = 4*x^2. Only where the product holds a constant. */
export function collectPower(b: AlgebraBuilder, op: 'square' | 'pow', xs: Node[], opaque: ReadonlySet<number> = new Set()): Node | undefined {
  const [base, e] = xs;
  const k = op === 'square' ? 2 : e.shape.length ? undefined : intExponent(e);
  if (k === undefined || k < 1 || base.shape.length || opaque.has(base.id) || (base.op !== 'mul' && base.op !== 'div' && base.op !== 'neg')) return undefined;
  const f = factOf(base, b.g, opaque);
  if (!f.constants && base.op !== 'neg') return undefined;
  const num = f.num ** k;
  const den = f.den ** k;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return undefined;
  return build(b, { coef: { num, den }, factors: f.factors.map((h) => ({ base: h.base, exp: h.exp * k })) });
}
