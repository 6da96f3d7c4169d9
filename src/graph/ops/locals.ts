import { PREC, wrapTerm, type Local, type Term } from './printing.js';

/*
 * Local derivatives in the form a lecture writes them, for the narration (OpPrint.local).
 * The engines never read these; tests/graph/locals.test.ts holds each to its op's
 * partials rule on the op's domain, ties and kinks included.
 */

const atom = (t: Term) => wrapTerm(t, PREC.atom);

/** ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b^2 (cs231n's -1/x² when a is 1), written as cg parses it. */
export const divLocal: Local = {
  text: ([a, b]) => [`1/${atom(b)}`, `-${a.text === '1' ? '1' : atom(a)}/${atom(b)}^2`],
  value: ([a, b]) => [1 / b, -a / (b * b)],
};

/** relu'(z): 1 for z > 0, else 0 (relu'(0) = 0 by convention). */
export const reluLocal: Local = {
  text: ([z]) => [`1 if ${atom(z)} > 0 else 0`],
  value: ([z]) => [z > 0 ? 1 : 0],
};

/** max and min of two: the gradient goes to the larger (smaller) input, split equally at a tie. */
export function extremumLocal(name: 'max' | 'min'): Local {
  const cmp = name === 'max' ? '>' : '<';
  const one = (p: Term, q: Term) => `1 if ${atom(p)} ${cmp} ${atom(q)}, ½ if ${atom(p)} = ${atom(q)}, else 0`;
  const wins = (p: number, q: number) => (p === q ? 0.5 : (name === 'max' ? p > q : p < q) ? 1 : 0);
  return { text: ([a, b]) => [one(a, b), one(b, a)], value: ([a, b]) => [wins(a, b), wins(b, a)] };
}

/** exp'(u) = exp(u) (cs231n: e^x). */
export const expLocal: Local = {
  text: ([u]) => [`exp(${u.text})`],
  value: ([u]) => [Math.exp(u)],
};

/** sqrt'(x) = 1/(2·sqrt(x)). */
export const sqrtLocal: Local = {
  text: ([x]) => [`1/(2*sqrt(${x.text}))`],
  value: ([x]) => [1 / (2 * Math.sqrt(x))],
};
