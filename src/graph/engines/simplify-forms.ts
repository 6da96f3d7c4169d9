import { num, op, print, type Tree } from './simplify-tree.js';

/*
 * The forms a person writes a scalar derivative in, as candidates beside the graph
 * simplifier's: the expression as a rational function of its atoms (variables and calls)
 * with like terms collected, one common denominator, common factors of the numerator in
 * front, and factors the numerator and denominator share cancelled; then identities that
 * shorten (sin/cos = tan, exp(u)/(1 + exp(u)) = sigmoid(u), cos² + sin² = 1). The caller
 * keeps whichever candidate prints shortest, so a form here never makes a result longer.
 *
 * The search is bounded: sums of more than MAX_TERMS terms, powers above MAX_POWER and
 * trees above MAX_NODES are left as they are (an atom), so a big expression costs a walk.
 */

const MAX_TERMS = 24;
const MAX_POWER = 6;
export const MAX_NODES = 160;
const MAX_DIVISION_STEPS = 48;

class GiveUp extends Error {}

/** coef · Π atom^exp; exponents are multiples of 1/2 (x^0.5 is sqrt(x)), never 0. */
interface Term {
  c: number;
  m: Map<string, number>;
}
type Poly = Term[];
interface Factor {
  p: Poly;
  e: number;
  key: string;
}
/** num / Π den: num expanded, den as irreducible-looking factors with powers. */
interface Rat {
  num: Poly;
  den: Factor[];
}

export interface FormOptions {
  /** tan and tanh written as sin/cos and sinh/cosh, and cos² + sin² = 1 applied. */
  trig?: boolean;
  /** 1/(1 + exp(u)) written as sigmoid(-u), exp(u)·sigmoid(-u) as sigmoid(u). */
  sigmoid?: boolean;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function monoKey(m: ReadonlyMap<string, number>): string {
  return [...m.keys()].sort(byKey).map((k) => `${k}^${m.get(k)}`).join('*');
}
function degree(t: Term): number {
  let d = 0;
  for (const e of t.m.values()) d += e;
  return d;
}
function mulMono(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, s = 1): Map<string, number> {
  const m = new Map(a);
  for (const [k, e] of b) {
    const v = (m.get(k) ?? 0) + s * e;
    if (v === 0) m.delete(k);
    else m.set(k, v);
  }
  return m;
}

function collect(terms: Iterable<Term>): Poly {
  const by = new Map<string, Term>();
  for (const t of terms) {
    const k = monoKey(t.m);
    const h = by.get(k);
    if (h) h.c += t.c;
    else by.set(k, { c: t.c, m: new Map(t.m) });
  }
  const out = [...by.values()].filter((t) => t.c !== 0 && Number.isFinite(t.c));
  if (out.length > MAX_TERMS) throw new GiveUp();
  return out;
}
const add = (a: Poly, b: Poly, s = 1): Poly => collect([...a, ...b.map((t) => ({ c: s * t.c, m: t.m }))]);
function mul(a: Poly, b: Poly): Poly {
  if (a.length * b.length > MAX_TERMS * 4) throw new GiveUp();
  const out: Term[] = [];
  for (const p of a) for (const q of b) out.push({ c: p.c * q.c, m: mulMono(p.m, q.m) });
  return collect(out);
}
const constant = (c: number): Poly => (c === 0 ? [] : [{ c, m: new Map() }]);
const isOne = (p: Poly) => p.length === 1 && p[0].c === 1 && p[0].m.size === 0;
function polyKey(p: Poly): string {
  return p.map((t) => `${t.c}·${monoKey(t.m)}`).sort(byKey).join('+');
}

/** Terms in the order a person writes them: higher degree first, then by atoms. */
function sorted(p: Poly): Poly {
  return [...p].sort((a, b) => degree(b) - degree(a) || byKey(monoKey(a.m), monoKey(b.m)));
}

/** The monomial every term holds (least exponent per atom; an atom a term lacks counts 0). */
function content(p: Poly): Map<string, number> {
  const m = new Map<string, number>();
  if (!p.length) return m;
  const atoms = new Set(p.flatMap((t) => [...t.m.keys()]));
  for (const k of atoms) {
    const e = Math.min(...p.map((t) => t.m.get(k) ?? 0));
    if (e !== 0) m.set(k, e);
  }
  return m;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The number that divides every coefficient: their gcd where all are integers, with the first term's sign. */
function numericContent(p: Poly): number {
  const first = sorted(p)[0];
  if (!first) return 1;
  const sign = p.every((t) => t.c < 0) || (first.c < 0 && p.length === 1) ? -1 : 1;
  if (p.every((t) => Number.isSafeInteger(t.c))) return sign * p.reduce((g, t) => gcd(g, Math.abs(t.c)), 0);
  return p.length === 1 ? first.c : sign;
}

/** p = scale · factor, the factor's content and number taken out (leading coefficient positive). */
function primitive(p: Poly): { scale: Term; factor: Poly } {
  const m = content(p);
  let c = numericContent(p);
  const first = sorted(p)[0];
  if (first && Math.sign(first.c) !== Math.sign(c)) c = -c;
  const factor = p.map((t) => ({ c: t.c / c, m: mulMono(t.m, m, -1) }));
  return { scale: { c, m }, factor };
}

export class Forms {
  private atoms = new Map<string, Tree>();
  /** sqrt atoms' squares: sqrt(P)^2 = P. */
  private squares = new Map<string, Rat>();
  private memo = new Map<Tree, Rat>();
  /** Sums met on the way (primitive), so a denominator expanded by a power splits back into them. */
  private known = new Map<string, Poly>();

  constructor(private readonly opts: FormOptions = {}) {}

  private atom(t: Tree, e = 1): Rat {
    const key = print(t, 'text', '');
    this.atoms.set(key, t);
    return { num: [{ c: 1, m: new Map([[key, e]]) }], den: [] };
  }

  /** An atom with its arguments written in their own shortest forms. */
  private call(name: string, args: Tree[]): Rat {
    const kids = args.map((a) => this.best(a));
    if (name === 'sqrt') {
      const inner = this.norm(kids[0]);
      // sqrt(x) is x^0.5 for an atom x, so x/sqrt(x) = sqrt(x).
      if (!inner.den.length && inner.num.length === 1 && inner.num[0].c === 1 && inner.num[0].m.size === 1 && [...inner.num[0].m.values()][0] === 1) {
        return { num: [{ c: 1, m: new Map([[[...inner.num[0].m.keys()][0], 0.5]]) }], den: [] };
      }
      const d = inner.den.length ? undefined : [4, 9, 16, 25].find((d) => inner.num.every((t) => Number.isInteger(t.c * d)) && !inner.num.every((t) => Number.isInteger(t.c)));
      if (d) {
        const scaled = inner.num.map((t) => ({ c: t.c * d, m: t.m }));
        const t = op('sqrt', this.fraction({ c: 1, m: new Map() }, scaled, []));
        this.squares.set(print(t, 'text', ''), { num: scaled, den: [] });
        const r = this.atom(t);
        return { num: r.num.map((x) => ({ c: x.c / Math.sqrt(d), m: x.m })), den: [] };
      }
      const t = op('sqrt', kids[0]);
      this.squares.set(print(t, 'text', ''), inner);
      return this.atom(t);
    }
    if (this.opts.trig && (name === 'tan' || name === 'tanh')) {
      const [s, c] = name === 'tan' ? ['sin', 'cos'] : ['sinh', 'cosh'];
      return this.ratMul(this.atom(op(s, kids[0])), this.atom(op(c, kids[0]), -1));
    }
    return this.atom(op(name, ...kids));
  }

  /** The rational form of a tree (an atom where the algebra would grow past its bounds). */
  norm(t: Tree): Rat {
    let r = this.memo.get(t);
    if (r) return r;
    try {
      r = this.normOf(t);
    } catch (e) {
      if (!(e instanceof GiveUp)) throw e;
      r = t.kind === 'op' ? this.atom(op(t.op, ...t.args.map((a) => this.best(a)))) : this.atom(t);
    }
    this.memo.set(t, r);
    return r;
  }

  private normOf(t: Tree): Rat {
    if (t.kind === 'const') return { num: constant(t.value), den: [] };
    if (t.kind === 'var') return this.atom(t);
    if (t.kind === 'd') throw new Error('a pending derivative has no form');
    const [a, b] = t.args;
    switch (t.op) {
      case 'add':
      case 'sub': {
        if (this.opts.sigmoid && t.op === 'sub' && a.kind === 'const' && a.value === 1 && b.kind === 'op' && b.op === 'sigmoid') {
          return this.atom(op('sigmoid', negated(this.best(b.args[0]))));
        }
        const r = this.ratAdd(this.norm(a), this.norm(b), t.op === 'add' ? 1 : -1);
        if (r.num.length > 1) {
          const { factor } = primitive(r.num);
          this.known.set(polyKey(factor), factor);
        }
        return r;
      }
      case 'neg':
        return { num: this.norm(a).num.map((x) => ({ c: -x.c, m: x.m })), den: this.norm(a).den };
      case 'mul':
        return this.ratMul(this.norm(a), this.norm(b));
      case 'div':
        return this.ratMul(this.norm(a), this.inverse(this.norm(b)));
      case 'square':
        return this.power(this.norm(a), 2);
      case 'pow':
        if (b.kind === 'const' && Number.isInteger(b.value) && Math.abs(b.value) <= MAX_POWER) return this.power(this.norm(a), b.value);
        if (b.kind === 'const' && b.value === 0.5) return this.call('sqrt', [a]);
        return this.symbolicPower(a, b);
    }
    return this.call(t.op, t.args);
  }

  /** a^(e + c) for an integer c is a^e·a^c, so x·x^(x - 1) = x^x. */
  private symbolicPower(a: Tree, b: Tree): Rat {
    const e = this.norm(b);
    const c = e.den.length ? undefined : e.num.find((t) => t.m.size === 0);
    const base = this.norm(a);
    // Not for a constant base: 0^(u - 1) is not 0^u/0.
    if (c && Number.isInteger(c.c) && Math.abs(c.c) <= MAX_POWER && e.num.length > 1 && base.num.some((t) => t.m.size > 0)) {
      const rest = e.num.filter((t) => t !== c);
      const restTree = this.fraction({ c: 1, m: new Map() }, rest, []);
      return this.ratMul(this.atom(op('pow', this.best(a), restTree)), this.power(base, c.c));
    }
    return this.atom(op('pow', this.best(a), this.best(b)));
  }

  private power(r: Rat, k: number): Rat {
    if (k < 0) return this.power(this.inverse(r), -k);
    let out: Rat = { num: constant(1), den: [] };
    for (let i = 0; i < k; i++) out = this.ratMul(out, r);
    return out;
  }

  private ratMul(a: Rat, b: Rat): Rat {
    const den = [...a.den];
    for (const f of b.den) {
      const k = den.findIndex((g) => g.key === f.key);
      if (k >= 0) den[k] = { ...den[k], e: den[k].e + f.e };
      else den.push(f);
    }
    return this.cancel({ num: this.roots(mul(a.num, b.num)), den });
  }

  private inverse(r: Rat): Rat {
    if (!r.num.length) throw new GiveUp(); // 1/0
    let num = constant(1);
    for (const f of r.den) for (let i = 0; i < f.e; i++) num = mul(num, f.p);
    const { scale, factor } = primitive(r.num);
    num = num.map((t) => ({ c: t.c / scale.c, m: mulMono(t.m, scale.m, -1) }));
    const { factors, rest } = this.factorize(factor);
    const den = isOne(rest) ? factors : [...factors, { p: rest, e: 1, key: polyKey(rest) }];
    return this.cancel({ num: this.roots(num), den });
  }

  private ratAdd(a: Rat, b: Rat, s: 1 | -1): Rat {
    // Over the least common denominator: each factor at its higher power.
    const den: Factor[] = a.den.map((f) => ({ ...f }));
    for (const f of b.den) {
      const g = den.find((h) => h.key === f.key);
      if (g) g.e = Math.max(g.e, f.e);
      else den.push({ ...f });
    }
    const scaled = (r: Rat): Poly => {
      let p = r.num;
      for (const f of den) {
        const have = r.den.find((h) => h.key === f.key)?.e ?? 0;
        for (let i = have; i < f.e; i++) p = mul(p, f.p);
      }
      return p;
    };
    return this.cancel({ num: this.roots(add(scaled(a), scaled(b), s)), den });
  }

  /** p as powers of the sums met so far, times what is left. */
  private factorize(p: Poly): { factors: Factor[]; rest: Poly } {
    const factors: Factor[] = [];
    let rest = p;
    for (const [key, f] of this.known) {
      if (rest.length < f.length || isOne(rest)) continue;
      let e = 0;
      for (let q = divide(rest, f); q && e < MAX_POWER; q = e < MAX_POWER ? divide(rest, f) : undefined) {
        rest = q;
        e++;
      }
      if (e) factors.push({ p: f, e, key });
    }
    return { factors, rest };
  }

  /** sqrt(P)^2 = P wherever a term holds a square of a sqrt atom. */
  private roots(p: Poly): Poly {
    if (!this.squares.size) return p;
    let changed = false;
    const out: Poly = [];
    for (const t of p) {
      let acc: Poly = [{ c: t.c, m: new Map(t.m) }];
      for (const [k, e] of t.m) {
        const sq = this.squares.get(k);
        if (!sq || sq.den.length || Math.abs(e) < 2 || e < 0) continue;
        const pairs = Math.floor(e / 2);
        acc = acc.map((x) => ({ c: x.c, m: mulMono(x.m, new Map([[k, 2 * pairs]]), -1) }));
        for (let i = 0; i < pairs; i++) acc = mul(acc, sq.num);
        changed = true;
      }
      out.push(...acc);
    }
    return changed ? collect(out) : p;
  }

  /** Factors of the denominator that divide the numerator exactly, cancelled. */
  private cancel(r: Rat): Rat {
    if (!r.num.length) return { num: [], den: [] };
    let num = r.num;
    const den: Factor[] = [];
    for (const f of r.den) {
      let e = f.e;
      while (e > 0) {
        const q = divide(num, f.p);
        if (!q) break;
        num = q;
        e--;
      }
      if (e > 0) den.push({ ...f, e });
    }
    return { num, den };
  }

  /** The shortest of the tree as it is and its rational forms, as a tree. */
  best(t: Tree): Tree {
    if (t.kind !== 'op') return t;
    const r = this.norm(t);
    let best: Tree = t;
    let len = print(t, 'text', '').length;
    let candidates: Tree[];
    try {
      candidates = this.written(r);
    } catch (e) {
      if (e instanceof GiveUp) return t;
      throw e;
    }
    for (const c of candidates) {
      const l = print(c, 'text', '').length;
      if (l < len) [best, len] = [c, l];
    }
    return best;
  }

  /** Ways to write a rational form: common factors in front or not. */
  written(r: Rat): Tree[] {
    let { num, den } = r;
    if (this.opts.sigmoid) ({ num, den } = this.sigmoids(num, den));
    if (this.opts.trig) ({ num, den } = this.cancel({ num: this.pythagoras(num), den }));
    num = num.map((t) => ({ c: t.c, m: this.identities(t.m) }));
    if (!num.length) return [num0()];
    const out: Tree[] = [];
    const m = content(num);
    const g = numericContent(num);
    const rest = num.map((t) => ({ c: t.c / g, m: mulMono(t.m, m, -1) }));
    out.push(this.fraction({ c: g, m }, rest, den));
    const split = this.factorize(rest);
    if (split.factors.length) out.push(this.fraction({ c: g, m }, split.rest, den, split.factors));
    const twice = this.doubleAngles(rest);
    if (twice !== rest) out.push(this.fraction({ c: g, m }, twice, den));
    if (num.length > 1) out.push(this.fraction({ c: 1, m: new Map([...m].filter(([, e]) => e < 0)) }, num.map((t) => ({ c: t.c, m: mulMono(t.m, new Map([...m].filter(([, e]) => e < 0)), -1) })), den));
    return out;
  }

  /** scale · (sum) / den as a tree. */
  private fraction(scale: Term, sum: Poly, den: Factor[], upFactors: Factor[] = []): Tree {
    const ups: Tree[] = [];
    const downs: Tree[] = [];
    const one = isOne(sum);
    const monoUps = (m: Map<string, number>, into: Tree[], sign: 1 | -1) => {
      for (const k of [...m.keys()].sort(atomOrder)) {
        const e = sign * m.get(k)!;
        if (e > 0) into.push(this.powerTree(k, e));
      }
    };
    monoUps(scale.m, ups, 1);
    monoUps(scale.m, downs, -1);
    for (const f of upFactors) {
      const t = this.sumTree(sorted(f.p));
      ups.push(f.e === 1 ? t : op('pow', t, num(f.e)));
    }
    if (!one) ups.push(this.sumTree(sum));
    for (const f of den) {
      const t = this.sumTree(sorted(f.p));
      downs.push(f.e === 1 ? t : op('pow', t, num(f.e)));
    }
    let top: Tree;
    const c = Math.abs(scale.c);
    if (!ups.length) top = coefTree(c);
    else {
      top = (c !== 1 ? [coefTree(c), ...ups] : ups).reduce((x, y) => op('mul', x, y));
    }
    let out = downs.length ? op('div', top, downs.reduce((x, y) => op('mul', x, y))) : top;
    if (scale.c < 0) out = op('neg', out);
    return out;
  }

  private powerTree(k: string, e: number): Tree {
    const a = this.atoms.get(k)!;
    if (e === 1) return a;
    if (e === 0.5) return op('sqrt', a);
    return op('pow', a, num(e));
  }

  private termTree(t: Term): Tree {
    return this.fraction(t, constant(1), []);
  }

  /** A sum, a positive term first where there is one. */
  private sumTree(p: Poly): Tree {
    const terms = sorted(p);
    const k = terms.findIndex((t) => t.c > 0);
    if (k > 0) terms.unshift(...terms.splice(k, 1));
    let acc = this.termTree(terms[0]);
    for (const t of terms.slice(1)) acc = t.c < 0 ? op('sub', acc, this.termTree({ c: -t.c, m: t.m })) : op('add', acc, this.termTree(t));
    return acc;
  }

  /** cos(u)² - sin(u)² = cos(2u), 2·sin(u)·cos(u) = sin(2u), and the same for sinh and cosh (cosh² + sinh² = cosh(2u)). */
  private doubleAngles(p: Poly): Poly {
    const kinds: [string, string, number][] = [
      ['sin', 'cos', -1],
      ['sinh', 'cosh', 1],
    ];
    let out = p;
    for (const [k, t] of [...this.atoms]) {
      for (const [s, c, sign] of kinds) {
        if (t.kind !== 'op' || t.op !== s) continue;
        const u = t.args[0];
        const kc = print(op(c, u), 'text', '');
        if (!this.atoms.has(kc)) continue;
        const u2 = twice(u);
        const [ts, tc] = [op(s, u2), op(c, u2)];
        const [ks2, kc2] = [print(ts, 'text', ''), print(tc, 'text', '')];
        // Pairs c·M·cos² ∓ c·M·sin² first, then single sin·cos products.
        const used = new Set<Term>();
        const terms: Term[] = [];
        for (const x of out) {
          if (used.has(x) || (x.m.get(kc) ?? 0) < 2) continue;
          const base = mulMono(x.m, new Map([[kc, 2]]), -1);
          const want = monoKey(mulMono(base, new Map([[k, 2]])));
          const partner = out.find((y) => !used.has(y) && y !== x && y.c === sign * x.c && monoKey(y.m) === want);
          if (!partner) continue;
          used.add(x).add(partner);
          this.atoms.set(kc2, tc);
          terms.push({ c: x.c, m: mulMono(base, new Map([[kc2, 1]])) });
        }
        for (const x of out) {
          if (used.has(x)) continue;
          if ((x.m.get(k) ?? 0) >= 1 && (x.m.get(kc) ?? 0) >= 1) {
            this.atoms.set(ks2, ts);
            terms.push({ c: x.c / 2, m: mulMono(mulMono(x.m, new Map([[k, 1], [kc, 1]]), -1), new Map([[ks2, 1]])) });
            used.add(x);
          } else terms.push(x);
        }
        if (used.size) out = collect(terms);
      }
    }
    return out;
  }

  /** sin(u)^a·cos(u)^-b is tan(u)^min(a,b) (and sinh/cosh is tanh): a monomial's quotients named. */
  private identities(m: Map<string, number>): Map<string, number> {
    const pairs: [string, string, string][] = [
      ['sin', 'cos', 'tan'],
      ['sinh', 'cosh', 'tanh'],
    ];
    let out = m;
    for (const [k, e] of m) {
      const t = this.atoms.get(k);
      if (!t || t.kind !== 'op') continue;
      for (const [s, c, q] of pairs) {
        if (t.op !== s) continue;
        const partner = print(op(c, t.args[0]), 'text', '');
        const f = out.get(partner);
        if (f === undefined || Math.sign(f) === Math.sign(e) || !Number.isInteger(e) || !Number.isInteger(f)) continue;
        const n = Math.sign(e) * Math.min(Math.abs(e), Math.abs(f));
        const tq = op(q, t.args[0]);
        const kq = print(tq, 'text', '');
        this.atoms.set(kq, tq);
        out = mulMono(out, new Map([[k, n], [partner, -n]]), -1);
        out = mulMono(out, new Map([[kq, n]]));
      }
    }
    return out;
  }

  /** cos(u)² + sin(u)² = 1 and cosh(u)² - sinh(u)² = 1: squares of sin and sinh written in cos and cosh. */
  private pythagoras(p: Poly): Poly {
    let out = p;
    for (let round = 0; round < 4; round++) {
      let changed = false;
      const next: Poly = [];
      for (const t of out) {
        const k = [...t.m.keys()].find((a) => {
          const at = this.atoms.get(a);
          return at?.kind === 'op' && (at.op === 'sin' || at.op === 'sinh') && t.m.get(a)! >= 2;
        });
        if (!k) {
          next.push(t);
          continue;
        }
        const at = this.atoms.get(k) as Extract<Tree, { kind: 'op' }>;
        const ct = op(at.op === 'sin' ? 'cos' : 'cosh', at.args[0]);
        const kc = print(ct, 'text', '');
        this.atoms.set(kc, ct);
        const base = mulMono(t.m, new Map([[k, 2]]), -1);
        // sin² = 1 - cos², sinh² = cosh² - 1.
        const s = at.op === 'sin' ? -1 : 1;
        next.push({ c: s === -1 ? t.c : -t.c, m: base }, { c: s * t.c, m: mulMono(base, new Map([[kc, 2]])) });
        changed = true;
      }
      out = collect(next);
      if (!changed) break;
    }
    // Only where it shortened the sum (fewer terms).
    return out.length < p.length ? out : p;
  }

  /** A factor 1 + exp(v) of the denominator as sigmoid(-v) above, and exp(v)·sigmoid(-v) = sigmoid(v). */
  private sigmoids(num: Poly, den: Factor[]): Rat {
    const keep: Factor[] = [];
    let out = num;
    for (const f of den) {
      const ex = f.p.length === 2 && f.p.find((t) => t.m.size === 0 && t.c === 1) && f.p.find((t) => t.c === 1 && t.m.size === 1 && [...t.m.values()][0] === 1);
      const at = ex ? this.atoms.get([...ex.m.keys()][0]) : undefined;
      if (!ex || at?.kind !== 'op' || at.op !== 'exp') {
        keep.push(f);
        continue;
      }
      const v = at.args[0];
      const minus = negated(v);
      const sm = op('sigmoid', minus);
      const sp = op('sigmoid', v);
      const [km, kp, ke] = [print(sm, 'text', ''), print(sp, 'text', ''), [...ex.m.keys()][0]];
      this.atoms.set(km, sm);
      this.atoms.set(kp, sp);
      out = out.map((t) => {
        const a = t.m.get(ke) ?? 0;
        const n = Math.min(Math.max(a, 0), f.e);
        let m = mulMono(t.m, new Map([[km, f.e - n]]));
        if (n) m = mulMono(mulMono(m, new Map([[ke, n]]), -1), new Map([[kp, n]]));
        return { c: t.c, m };
      });
    }
    return { num: out, den: keep };
  }
}

const num0 = (): Tree => num(0);

/** -u written short: --u is u, -(a - b) is b - a. */
function negated(u: Tree): Tree {
  if (u.kind === 'op' && u.op === 'neg') return u.args[0];
  if (u.kind === 'op' && u.op === 'sub') return op('sub', u.args[1], u.args[0]);
  if (u.kind === 'const') return num(-u.value);
  if (u.kind === 'op' && u.op === 'mul' && u.args[0].kind === 'const') return op('mul', num(-u.args[0].value), u.args[1]);
  return op('neg', u);
}

/** 2u written short: 2*3*x is 6*x. */
function twice(u: Tree): Tree {
  if (u.kind === 'const') return num(2 * u.value);
  if (u.kind === 'op' && u.op === 'mul' && u.args[0].kind === 'const') return op('mul', num(2 * u.args[0].value), u.args[1]);
  return op('mul', num(2), u);
}

/** Variables before calls, shorter before longer: x*exp(-x^2), as a person writes it. */
function atomOrder(a: string, b: string): number {
  const va = /^[A-Za-z_]\w*$/.test(a);
  const vb = /^[A-Za-z_]\w*$/.test(b);
  if (va !== vb) return va ? -1 : 1;
  return a.length - b.length || byKey(a, b);
}

/** A coefficient as its shortest exact text: 1.5, or 1/3 where the decimal is long. */
function coefTree(c: number): Tree {
  const text = String(c);
  for (let d = 2; d <= 12 && text.length > 6; d++) {
    const n = Math.round(c * d);
    if (n / d === c) return op('div', num(n), num(d));
  }
  return num(c);
}

/** The lead term: largest in lex order of (atom, exponent). */
function lead(p: Poly): Term {
  let best = p[0];
  for (const t of p.slice(1)) if (lexCompare(t.m, best.m) > 0) best = t;
  return best;
}
function lexCompare(a: Map<string, number>, b: Map<string, number>): number {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(byKey);
  for (const k of keys) {
    const d = (a.get(k) ?? 0) - (b.get(k) ?? 0);
    if (d) return d;
  }
  return 0;
}

/** n / d when d divides n exactly (multivariate division by lead terms), else undefined. */
function divide(n: Poly, d: Poly): Poly | undefined {
  if (d.length === 1) return n.map((t) => ({ c: t.c / d[0].c, m: mulMono(t.m, d[0].m, -1) }));
  const ld = lead(d);
  let r = n;
  const q: Term[] = [];
  for (let i = 0; r.length && i < MAX_DIVISION_STEPS; i++) {
    const lr = lead(r);
    const t = { c: lr.c / ld.c, m: mulMono(lr.m, ld.m, -1) };
    // A quotient term with a negative power would not end: not a polynomial factor.
    if ([...t.m.values()].some((e) => e < 0) && ![...lr.m.values()].some((e) => e < 0)) return undefined;
    q.push(t);
    try {
      r = add(r, mul([t], d), -1);
    } catch {
      return undefined;
    }
  }
  if (r.length) return undefined;
  try {
    return collect(q);
  } catch {
    return undefined;
  }
}

export function treeSize(t: Tree): number {
  let n = 0;
  const stack = [t];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    if (n > MAX_NODES) return n;
    if (x.kind === 'op') stack.push(...x.args);
    else if (x.kind === 'd') stack.push(x.arg);
  }
  return n;
}

/** The shortest form of a scalar tree among the candidates (the tree itself included); the tree itself when it is too big to search. */
export function shortestForm(t: Tree): Tree {
  if (treeSize(t) > MAX_NODES) return t;
  let best = t;
  let len = print(t, 'text', '').length;
  for (const opts of [{}, { sigmoid: true }, { trig: true }, { trig: true, sigmoid: true }] as FormOptions[]) {
    const c = new Forms(opts).best(t);
    const l = print(c, 'text', '').length;
    if (l < len) [best, len] = [c, l];
  }
  return best;
}
