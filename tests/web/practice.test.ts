import { describe, expect, it } from 'vitest';
import { explore, type Explored } from '../../src/web/engine.js';
import { judgeAnswer, questions, type Question } from '../../src/web/practice.js';

/*
 * Practice mode's questions and judge, in Node (the browser test drives the same code
 * through the page). The expected numbers are the lecture's worked examples.
 */

function run(expr: string, at: string): { x: Explored; qs: Question[] } {
  const x = explore({ expr, at, mode: 'reverse', wrt: '' });
  if (!x.ok) throw new Error(x.text);
  const qs = questions(x);
  if (typeof qs === 'string') throw new Error(qs);
  return { x, qs };
}

describe('practice questions', () => {
  it('(x+y)*z: values, locals and gradients in the order of the passes', () => {
    const { qs } = run('(x+y)*z', 'x=-2, y=5, z=-4');
    expect(qs.map((q) => `${q.kind} ${q.name} ${q.expected}`)).toEqual([
      'value q 3',
      'value f -12',
      'local ∂f/∂q -4',
      'gradient ∂f/∂q -4',
      'local ∂f/∂z 3',
      'gradient ∂f/∂z 3',
      'local ∂q/∂x 1',
      'gradient ∂f/∂x -4',
      'local ∂q/∂y 1',
      'gradient ∂f/∂y -4',
    ]);
  });

  it('asks for the fan-out sum explicitly, and names the missing path when one is given', () => {
    const { x, qs } = run('c = a+b; d = b+1; e = c*d', 'a=2, b=1');
    const sum = qs.find((q) => q.kind === 'sum')!;
    expect(sum.name).toBe('∂e/∂b');
    expect(sum.expected).toBe(5);
    const paths = sum.paths!.map((p) => p.value).sort();
    expect(paths).toEqual([2, 3]);
    expect(judgeAnswer(sum, '5', x).ok).toBe(true);
    const wrong = judgeAnswer(sum, '3', x);
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/only the path via/);
    expect(wrong.message).toMatch(/\+=/);
  });

  it('accepts any equivalent form of a local derivative and rejects one that agrees at the point only', () => {
    const { x, qs } = run('1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w0=2, x0=-1, w1=-3, x1=-2, w2=-3');
    // The reciprocal at the end: f = 1/u, ∂f/∂u = -1/u².
    const recip = qs.find((q) => q.kind === 'local' && q.local!.formula.startsWith('1/'))!;
    expect(recip).toBeDefined();
    const u = recip.local!.formula.slice(2);
    for (const form of [`-1/${u}^2`, `-(1/${u})^2`, `-${recip.local!.consumer}^2`, `-1/(${u}*${u})`]) {
      expect(judgeAnswer(recip, form, x), form).toMatchObject({ ok: true });
    }
    // The number itself passes (rounded as the page prints it).
    expect(judgeAnswer(recip, recip.expected.toPrecision(5), x).ok).toBe(true);
    // A different function with the same value at this point fails, with the lecture's hint.
    const fake = `${recip.expected} * ${u} / ${x.steps.forward.find((f) => f.name === u)!.value}`;
    const v = judgeAnswer(recip, fake, x);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/not the same function/);
    expect(v.message).toMatch(/differentiate/);
    const wrong = judgeAnswer(recip, `1/${u}^2`, x);
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/Hint: .*with respect to/);
  });

  it('checks a sigmoid local derivative written through the node itself', () => {
    const { x, qs } = run('t = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', 'u1=1, u2=-1');
    const sig = qs.find((q) => q.kind === 'local' && q.local!.formula.startsWith('sigmoid('))!;
    const s = sig.local!.consumer;
    const t = sig.local!.input;
    expect(judgeAnswer(sig, `${s}*(1-${s})`, x).ok).toBe(true);
    expect(judgeAnswer(sig, `sigmoid(${t})*(1 - sigmoid(${t}))`, x).ok).toBe(true);
    expect(judgeAnswer(sig, `exp(-${t})/(1+exp(-${t}))^2`, x).ok).toBe(true);
    expect(judgeAnswer(sig, `1 - ${s}^2`, x).ok).toBe(false);
  });

  it('a value question takes a number or arithmetic on numbers, not names', () => {
    const { x, qs } = run('(x+y)*z', 'x=-2, y=5, z=-4');
    expect(judgeAnswer(qs[0], '3', x).ok).toBe(true);
    expect(judgeAnswer(qs[0], '-2+5', x).ok).toBe(true);
    const named = judgeAnswer(qs[0], 'x+y', x);
    expect(named.ok).toBe(false);
    expect(named.message).toMatch(/type a number/);
    const wrong = judgeAnswer(qs[0], '7', x);
    expect(wrong.message).toBe('not 7. Hint: evaluate q = x + y with x = -2, y = 5');
    expect(judgeAnswer(qs[0], '3 +', x).ok).toBe(false);
  });
});

describe('the state in the hash', () => {
  it('round-trips any text, mode and exercise', async () => {
    const { decodeState, encodeState } = await import('../../src/web/state.js');
    const s = { expr: 'c = a+b; d = b+1;\ne = c*d # ü & =', at: 'a=2, b=[[1,2],[3,4]]', mode: 'forward' as const, wrt: 'b', practice: true, exercise: 3 };
    expect(decodeState(encodeState(s))).toEqual(s);
    expect(decodeState('#')).toBe(null);
    expect(decodeState(encodeState({ ...s, mode: 'reverse', wrt: '', practice: false, exercise: -1 }))).toEqual({ ...s, mode: 'reverse', wrt: '', practice: false, exercise: -1 });
  });
});
