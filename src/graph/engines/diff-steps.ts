import { CgError } from '../../errors.js';
import { Builder } from '../builder.js';
import { Graph } from '../graph.js';
import { getOp } from '../ops/index.js';
import { simplify } from './simplify.js';
import { shortestForm } from './simplify-forms.js';
import { num, op, print, toGraph, treeOf, type Tree } from './simplify-tree.js';
import type { Shape } from '../tensor.js';

export { print, treeOf, type Tree };

/*
 * `cg diff --steps`: a derivative worked out as on paper. The expression is a tree with
 * pending derivatives d/dx[...] in it; each step rewrites the leftmost outermost one by the
 * rule its node calls for (sum, product, quotient, power, or the chain rule with the op's own
 * derivative, read from its definition's `partials`), and the simplifier's passes finish it.
 */

export interface Step {
  rule: string;
  before: string;
  after: string;
}


/** Builds trees, so an op's `partials` rule writes its derivative as an expression. */
class TreeBuilder extends Builder<Tree> {
  lift(v: number): Tree {
    return num(v);
  }
  apply(name: string, xs: Tree[]): Tree {
    return op(name, ...xs);
  }
  shape(): Shape {
    return [];
  }
}

function uses(t: Tree, v: string): boolean {
  if (t.kind === 'var') return t.name === v;
  if (t.kind === 'const') return false;
  if (t.kind === 'd') return uses(t.arg, v);
  return t.args.some((a) => uses(a, v));
}

const tb = new TreeBuilder();
const D = (arg: Tree): Tree => ({ kind: 'd', arg });

/** d/dv of a tree with no pending derivative inside: one rule, and its name. */
function rule(t: Tree, v: string): { rule: string; out: Tree } {
  if (!uses(t, v)) return { rule: 'constant', out: num(0) };
  if (t.kind === 'var') return { rule: 'variable', out: num(1) };
  if (t.kind !== 'op') throw new Error('a pending derivative inside a derivative');
  const [a, b] = t.args;
  const da = () => (uses(a, v) ? D(a) : num(0));
  const db = () => (uses(b, v) ? D(b) : num(0));
  switch (t.op) {
    case 'add':
      if (!uses(a, v) || !uses(b, v)) return { rule: 'a constant term drops', out: uses(a, v) ? D(a) : D(b) };
      return { rule: 'sum rule', out: op('add', da(), db()) };
    case 'sub':
      if (!uses(b, v)) return { rule: 'a constant term drops', out: D(a) };
      if (!uses(a, v)) return { rule: 'a constant term drops', out: op('neg', D(b)) };
      return { rule: 'difference rule', out: op('sub', da(), db()) };
    case 'neg':
      return { rule: 'constant multiple', out: op('neg', D(a)) };
    case 'mul':
      if (!uses(a, v)) return { rule: 'constant factor', out: op('mul', a, D(b)) };
      if (!uses(b, v)) return { rule: 'constant factor', out: op('mul', D(a), b) };
      return { rule: 'product rule', out: op('add', op('mul', D(a), b), op('mul', a, D(b))) };
    case 'div':
      if (!uses(b, v)) return { rule: 'constant divisor', out: op('div', D(a), b) };
      if (!uses(a, v)) return { rule: 'reciprocal rule', out: op('neg', op('div', a.kind === 'const' && a.value === 1 ? D(b) : op('mul', a, D(b)), op('square', b))) };
      return { rule: 'quotient rule', out: op('div', op('sub', op('mul', da(), b), op('mul', a, D(b))), op('square', b)) };
    case 'square':
      return { rule: 'power rule', out: op('mul', op('mul', num(2), a), D(a)) };
    case 'pow':
      if (b.kind === 'const') return { rule: 'power rule', out: op('mul', op('mul', b, op('pow', a, num(b.value - 1))), D(a)) };
      if (!uses(a, v)) return { rule: 'exponential rule', out: op('mul', op('mul', t, op('log', a)), D(b)) };
      return { rule: 'general power rule', out: op('mul', t, op('add', op('mul', D(b), op('log', a)), op('div', op('mul', b, D(a)), a))) };
  }
  const def = getOp(t.op);
  if (!def.partials) throw new CgError('unsupported', `--steps has no rule for ${t.op} yet`, { hint: 'cg diff without --steps differentiates it' });
  const partials = def.partials(tb, t.args, t, t.args.map((x) => uses(x, v)));
  const terms: Tree[] = [];
  partials.forEach((p, k) => {
    if (!uses(t.args[k], v) || p === undefined) return;
    const local = typeof p === 'number' ? num(p) : p;
    terms.push(t.args[k].kind === 'var' ? local : op('mul', local, D(t.args[k])));
  });
  // sign' is 0 wherever it exists: no term.
  const out = terms.length ? terms.reduce((s, x) => op('add', s, x)) : num(0);
  const u = t.args[0];
  // The op's own rule, as its definition states it: sin'(u) = cos(u).
  const own = `${t.op}'(${u.kind === 'var' ? u.name : 'u'}) = ${print(partials[0] === undefined ? num(0) : typeof partials[0] === 'number' ? num(partials[0]) : substitute(partials[0], u, { kind: 'var', name: 'u' }), 'text', v)}`;
  return { rule: t.args.length === 1 && u.kind !== 'var' ? `chain rule, ${own}` : own, out };
}

/** t with every occurrence of `from` (by identity) replaced by `to`. */
function substitute(t: Tree, from: Tree, to: Tree): Tree {
  if (from.kind === 'var') return t;
  if (t === from) return to;
  if (t.kind === 'op') return op(t.op, ...t.args.map((a) => substitute(a, from, to)));
  if (t.kind === 'd') return D(substitute(t.arg, from, to));
  return t;
}

/** Rewrites the leftmost outermost pending derivative; undefined when none is left. */
function stepOnce(t: Tree, v: string): { rule: string; out: Tree } | undefined {
  if (t.kind === 'd') return rule(t.arg, v);
  if (t.kind !== 'op') return undefined;
  for (let k = 0; k < t.args.length; k++) {
    const r = stepOnce(t.args[k], v);
    if (r) return { rule: r.rule, out: op(t.op, ...t.args.map((a, j) => (j === k ? r.out : a))) };
  }
  return undefined;
}

const MAX_STEPS = 200;

/** The steps of d/dv of the tree: rules, then the simplifier's passes, each named. */
export function derivationSteps(t: Tree, v: string, style: 'text' | 'latex' = 'text', answer?: { tree: Tree; rule: string }): Step[] {
  const steps: Step[] = [];
  let cur = D(t);
  for (let r = stepOnce(cur, v); r; r = stepOnce(cur, v)) {
    if (steps.length >= MAX_STEPS) throw new CgError('unsupported', `--steps stops at ${MAX_STEPS} steps; this derivative needs more`, { hint: 'cg diff without --steps prints the result' });
    steps.push({ rule: r.rule, before: print(cur, style, v), after: print(r.out, style, v) });
    cur = r.out;
  }
  const passes: [string, boolean][] = [
    ['simplify: ×1, +0, ×0 dropped, constants folded, signs to the front', false],
    ['simplify: like factors into powers, like terms collected, constants into one coefficient', true],
  ];
  for (const [name, algebra] of passes) {
    const g = new Graph();
    const s = simplify(g, [toGraph(cur, g)], algebra);
    const next = treeOf(s.graph, s.roots[0]);
    const [before, after] = [print(cur, style, v), print(next, style, v)];
    if (after !== before && after.length <= before.length) {
      steps.push({ rule: name, before, after });
      cur = next;
    }
  }
  const person = shortestForm(cur);
  if (person !== cur) {
    const [before, after] = [print(cur, style, v), print(person, style, v)];
    if (after !== before) steps.push({ rule: 'simplify: one denominator, common factors in front, identities', before, after });
    cur = person;
  }
  // The derivation ends at the answer cg prints: where that was found another way (shared
  // parts named, the other sweep), the last step says so.
  if (answer) {
    const [before, after] = [print(cur, style, v), print(answer.tree, style, v)];
    if (after !== before) steps.push({ rule: answer.rule, before, after });
  }
  return steps;
}

