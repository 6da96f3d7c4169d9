import type { Graph, Node } from './graph.js';

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

/** How many nodes one walk may look through: normalized children keep it short; this bounds the worst case. */
const BUDGET = 24;

const scalarConst = (n: Node): number | undefined => (n.op === 'const' && typeof n.value === 'number' ? n.value : undefined);

const intExponent = (n: Node): number | undefined => {
  const c = scalarConst(n);
  return c !== undefined && Number.isInteger(c) && Math.abs(c) <= 64 ? c : undefined;
};

/** The product `sign`-th power of n's factors, added to `m`; counts constants and merges. */
function factorize(n: Node, g: Graph, opaque: ReadonlySet<number>): { m: Monomial; constants: number; merged: boolean; leaves: number } {
  const m: Monomial = { coef: { num: 1, den: 1 }, factors: [] };
  const index = new Map<number, number>();
  let constants = 0;
  let merged = false;
  let budget = BUDGET;
  const stack: [Node, number][] = [[n, 1]];
  const addBase = (base: Node, exp: number) => {
    const k = index.get(base.id);
    if (k === undefined) {
      index.set(base.id, m.factors.length);
      m.factors.push({ base, exp });
    } else {
      m.factors[k].exp += exp;
      merged = true;
    }
  };
  let leaves = 0;
  while (stack.length) {
    const [x, e] = stack.pop()!;
    const input = (k: number) => g.nodes[x.inputs[k]];
    const c = scalarConst(x);
    if (c !== undefined) {
      constants++;
      leaves++;
      // A constant to an integer power: only ±1 powers arise here (mul/div/neg).
      if (e > 0) m.coef.num *= c ** e;
      else m.coef.den *= c ** -e;
      continue;
    }
    if (budget-- > 0 && x.shape.length === 0 && !opaque.has(x.id)) {
      if (x.op === 'neg') {
        m.coef.num *= (-1) ** Math.abs(e);
        stack.push([input(0), e]);
        continue;
      }
      if (x.op === 'mul' && Math.abs(e) === 1) {
        stack.push([input(1), e], [input(0), e]);
        continue;
      }
      if (x.op === 'div' && Math.abs(e) === 1) {
        stack.push([input(1), -e], [input(0), e]);
        continue;
      }
      if (x.op === 'square' && input(0).shape.length === 0) {
        leaves++;
        addBase(input(0), 2 * e);
        continue;
      }
      const k = x.op === 'pow' ? intExponent(input(1)) : undefined;
      if (k !== undefined && input(0).shape.length === 0) {
        leaves++;
        addBase(input(0), k * e);
        continue;
      }
    }
    leaves++;
    addBase(x, e);
  }
  return { m, constants, merged, leaves };
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
  const q = num / den;
  if (den !== 1 && String(q).length <= String(num).length + String(den).length + 1) {
    num = q;
    den = 1;
  }
  return { num, den, negative };
}

function build(b: AlgebraBuilder, m: Monomial): Node {
  const { num, den, negative } = written(m.coef);
  // Simpler factors first, as a person writes them (x*exp(-x^2/2)): ids grow with nesting.
  m.factors.sort((p, q) => p.base.id - q.base.id);
  // The coefficient leads the chain (2*x*y, left-associated), so it prints without parentheses.
  const ups = m.factors.filter((f) => f.exp > 0).map((f) => power(b, f.base, f.exp));
  const downs = m.factors.filter((f) => f.exp < 0).map((f) => power(b, f.base, -f.exp));
  let top = product(b, num === 1 && ups.length ? ups : [b.lift(num), ...ups])!;
  const bottom = product(b, den === 1 ? downs : [b.lift(den), ...downs]);
  if (bottom) top = b.apply('div', [top, bottom]);
  return negative ? b.apply('neg', [top]) : top;
}

/** A product of scalars rewritten when factors merge or constants fold; undefined when nothing would. */
export function collectProduct(b: AlgebraBuilder, op: 'mul' | 'div', xs: Node[], opaque: ReadonlySet<number> = new Set()): Node | undefined {
  if (xs.some((x) => x.shape.length)) return undefined;
  const node: Node = { id: -1, op, inputs: xs.map((x) => x.id), shape: [] } as unknown as Node;
  const { m, constants, merged } = factorize(node, b.g, opaque);
  const w = written(m.coef);
  // Rewritten when factors merge or constants fold into fewer than there are (the written form is a fixed point).
  // And 2*(x*y) opens up to 2*x*y (the sum rule's a + a = 2*a builds such products).
  const nested = op === 'mul' && scalarConst(xs[0]) !== undefined && (xs[1].op === 'mul' || xs[1].op === 'div') && !opaque.has(xs[1].id);
  if (!merged && !nested && constants <= +(w.num !== 1) + +(w.den !== 1)) return undefined;
  m.factors = m.factors.filter((f) => f.exp !== 0);
  if (m.coef.num === 0) return b.lift(0);
  return build(b, m);
}

/** A sum of scalars with like terms collected (same factors and powers), constants added. */
export function collectSum(b: AlgebraBuilder, op: 'add' | 'sub', xs: Node[], opaque: ReadonlySet<number> = new Set()): Node | undefined {
  if (xs.some((x) => x.shape.length)) return undefined;
  const terms: { key: string; m: Monomial }[] = [];
  const byKey = new Map<string, number>();
  let merged = false;
  let budget = BUDGET;
  const stack: [Node, number][] = [[xs[1], op === 'sub' ? -1 : 1], [xs[0], 1]];
  while (stack.length) {
    const [x, s] = stack.pop()!;
    const input = (k: number) => b.g.nodes[x.inputs[k]];
    if (budget-- > 0 && x.shape.length === 0 && !opaque.has(x.id) && (x.op === 'add' || x.op === 'sub' || x.op === 'neg')) {
      if (x.op === 'neg') stack.push([input(0), -s]);
      else stack.push([input(1), x.op === 'sub' ? -s : s], [input(0), s]);
      continue;
    }
    const { m } = factorize(x, b.g, opaque);
    m.coef.num *= s;
    const key = m.factors
      .filter((f) => f.exp !== 0)
      .map((f) => `${f.base.id}^${f.exp}`)
      .sort()
      .join('*');
    const k = byKey.get(key);
    if (k === undefined) {
      byKey.set(key, terms.length);
      terms.push({ key, m });
    } else {
      const t = terms[k].m.coef;
      const c = m.coef;
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
  for (const { m } of terms) {
    if (m.coef.num === 0) continue;
    m.factors = m.factors.filter((f) => f.exp !== 0);
    const negative = m.coef.num / m.coef.den < 0;
    if (acc && negative) {
      acc = b.apply('sub', [acc, build(b, { ...m, coef: { num: -m.coef.num, den: m.coef.den } })]);
    } else {
      const t = build(b, m);
      acc = acc ? b.apply('add', [acc, t]) : t;
    }
  }
  return acc ?? b.lift(0);
}
