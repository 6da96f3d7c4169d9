import type { Builder } from '../builder.js';
import { broadcastTo, Tensor, zip, type Shape, type Value } from '../tensor.js';
import { elementwise, elementwiseOp, type OpDef } from './define.js';
import { PREC, ref, type Form } from './printing.js';

/*
 * Piecewise functions (issue 24): mathjs's relational functions, which the operators
 * `<  >  <=  >=  ==  !=` lower to, the conditional `c ? a : b` (the op `where`), and clip /
 * clamp. A comparison is 1 or 0 (mathjs's true and false, as arithmetic reads them) with
 * derivative 0; its switch point a = b is a kink, so the checker compares one-sided
 * differences across it, and the CLI says when a point sits on it.
 */

const difference = ([a, b]: Value[]) => zip(a, b, (p, q) => p - q);

function relational(name: string, symbol: string, test: (p: number, q: number) => boolean): OpDef {
  return elementwiseOp({
    name,
    arity: 2,
    // No `infix`: the operators lower here, but the op is a function of the table (random
    // expressions write it by name, so kink-free tests can leave it out).
    scalar: (p, q) => (test(p, q) ? 1 : 0),
    partials: () => [undefined, undefined],
    kink: { at: difference, convention: `${symbol} switches where a = b; its derivative is 0 on both sides` },
    print: {
      // Written as mathjs writes them; in parentheses inside any arithmetic.
      text: () => ({ prec: PREC.add - 0.5, pieces: [ref(0, PREC.add), ` ${symbol} `, ref(1, PREC.add)] }),
      latex: () => ({ prec: PREC.add - 0.5, pieces: [ref(0, PREC.add), ` ${LATEX[symbol] ?? symbol} `, ref(1, PREC.add)] }),
      term: ([a, b]) => ({ text: `${a.prec < PREC.add ? `(${a.text})` : a.text} ${symbol} ${b.prec < PREC.add ? `(${b.text})` : b.text}`, prec: PREC.add - 0.5 }),
      label: symbol,
    },
  });
}

const LATEX: Record<string, string> = { '<=': '\\le', '>=': '\\ge', '==': '=', '!=': '\\ne' };

export const larger = relational('larger', '>', (p, q) => p > q);
export const smaller = relational('smaller', '<', (p, q) => p < q);
export const largerEq = relational('largerEq', '>=', (p, q) => p >= q);
export const smallerEq = relational('smallerEq', '<=', (p, q) => p <= q);
export const equal = relational('equal', '==', (p, q) => p === q);
export const unequal = relational('unequal', '!=', (p, q) => p !== q);

/** mathjs's compare(a, b): 1, 0 or -1. */
export const compare = elementwiseOp({
  name: 'compare',
  arity: 2,
  scalar: (p, q) => (p > q ? 1 : p < q ? -1 : 0),
  partials: () => [undefined, undefined],
  kink: { at: difference, convention: 'compare switches where a = b; its derivative is 0 on both sides' },
});

/** Elementwise over three broadcast inputs. */
function zip3(a: Value, b: Value, c: Value, f: (p: number, q: number, r: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number') return f(a, b, c);
  const shape = elementwise([shapeOfValue(a), shapeOfValue(b), shapeOfValue(c)]);
  const [p, q, r] = [a, b, c].map((v) => (typeof v === 'number' ? v : broadcastTo(v, shape))) as Value[];
  const out = new Float64Array(shape.reduce((s, d) => s * d, 1));
  const at = (v: Value, i: number) => (typeof v === 'number' ? v : (v as Tensor).data[i]);
  for (let i = 0; i < out.length; i++) out[i] = f(at(p, i), at(q, i), at(r, i));
  return new Tensor(shape, out);
}

const shapeOfValue = (v: Value): Shape => (typeof v === 'number' ? [] : v.shape);

/** 1 where c ≠ 0, else 0, shaped like `like` (so that no partial is a bare scalar 0 of a broadcast input). */
const truth = <T>(b: Builder<T>, c: T, like: T): T => b.op('unequal', c, b.op('sub', like, like));

/**
 * `c ? a : b` (mathjs's conditional), elementwise: a where c ≠ 0, b elsewhere. The gradient
 * goes to the branch taken; the condition gets none (its switch points are the kinks of the
 * comparison that makes it). The narration's local derivatives say which branch it was.
 */
export const where = (() => {
  const op = elementwiseOp({
    name: 'where',
    arity: 3,
    scalar: (c, a, b) => (c !== 0 ? a : b),
    // A condition computed by a comparison carries its own kink; a plain number switches at 0.
    kink: { at: ([c]) => c, convention: 'c ? a : b switches where c becomes 0; the branch taken gets the gradient' },
    partials: (b, [c], y) => {
      const t = truth(b, c, y);
      return [undefined, t, b.sub(1, t)];
    },
    print: {
      text: () => cond(),
      term: ([c, a, b]) => ({ text: `${c.text} ? ${a.text} : ${b.text}`, prec: 0 }),
      local: {
        text: ([c]) => [undefined, `1 if ${c.text} ≠ 0 (the then-branch is taken) else 0`, `1 if ${c.text} = 0 (the else-branch is taken) else 0`],
        value: ([c]) => [0, c !== 0 ? 1 : 0, c !== 0 ? 0 : 1],
      },
    },
    domain: [
      [-1, 1],
      [-3, 3],
      [-3, 3],
    ],
    sample: { shapes: [[], [], []] },
    moreSamples: [[[3], [3], [3]], [[2, 3], [3], []]],
  });
  op.eval = ([c, a, b]) => zip3(c, a, b, (p, q, r) => (p !== 0 ? q : r));
  return op;
})();

function cond(): Form {
  return { prec: 0, pieces: [ref(0, PREC.add - 0.5), ' ? ', ref(1, PREC.add - 0.5), ' : ', ref(2, 0)] };
}

/**
 * clip(x, lo, hi) = min(max(x, lo), hi) (numpy's clip; clamp is the same). The gradient goes
 * to x inside, to lo below, to hi above; at lo and hi (kinks) x keeps it, as min and max split it.
 */
function clipOp(name: string): OpDef {
  const op = elementwiseOp({
    name,
    arity: 3,
    scalar: (x, lo, hi) => Math.min(Math.max(x, lo), hi),
    partials: (b, [x, lo, hi], y) => {
      const below = truth(b, b.op('smaller', x, lo), y);
      const above = truth(b, b.op('larger', x, hi), y);
      return [b.sub(b.sub(1, below), above), below, above];
    },
    kink: { at: ([x, lo, hi]) => zip3(x, lo, hi, (p, q, r) => (p - q) * (p - r)), convention: `${name}'s slope at lo and hi is 1 (taken from inside)` },
    domain: [
      [-3, 3],
      [-1.5, -0.5],
      [0.5, 1.5],
    ],
    sample: { shapes: [[], [], []] },
    moreSamples: [[[4], [], []], [[2, 3], [3], [2, 1]]],
  });
  op.eval = ([x, lo, hi]) => zip3(x, lo, hi, (p, q, r) => Math.min(Math.max(p, q), r));
  return op;
}

export const clip = clipOp('clip');
export const clamp = clipOp('clamp');
