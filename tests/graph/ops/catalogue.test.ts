import { readFileSync } from 'node:fs';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { buildGraph, parseAt } from '../../../src/parse/index.js';
import type { Value } from '../../../src/graph/tensor.js';

/**
 * The figure of issue 24: how many of mathjs's differentiable functions cg accepts (parses,
 * differentiates, finite gradient), and that each accepted call's value is mathjs's own.
 * The list and what stays out of it are in fixtures/mathjs/catalogue.json.
 */
interface Case {
  category: string;
  fn: string;
  expr: string;
}
const cat = JSON.parse(readFileSync('fixtures/mathjs/catalogue.json', 'utf8')) as { env: Record<string, string>; cases: Case[] };
const math = create(all);

/** The count README.md states (and the functions still refused, by name). */
export const ACCEPTED = 90;

const flat = (v: Value): number[] => (typeof v === 'number' ? [v] : Array.from(v.data));

function attempt(c: Case): { ok: true; value: Value } | { ok: false; why: string } {
  const used = Object.keys(cat.env).filter((n) => new RegExp(`\\b${n}\\b`).test(c.expr));
  try {
    const env = parseAt(used.map((n) => `${n}=${cat.env[n]}`));
    const { graph } = buildGraph(c.expr, env);
    const vars = [...env.keys()];
    const r = gradient(graph, env, vars);
    const grads = vars.flatMap((n) => flat(r.gradient.get(n)!));
    if (!grads.every(Number.isFinite)) return { ok: false, why: 'gradient not finite' };
    return { ok: true, value: r.value };
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
}

describe('mathjs catalogue', () => {
  const results = cat.cases.map((c) => ({ c, r: attempt(c) }));
  const accepted = results.filter((x) => x.r.ok);

  it(`cg accepts ${ACCEPTED} of the ${cat.cases.length} differentiable mathjs functions`, () => {
    const refused = results.filter((x) => !x.r.ok).map((x) => `${x.c.fn}: ${(x.r as { why: string }).why}`);
    console.log(`accepted ${accepted.length} of ${cat.cases.length}; refused:\n  ${refused.join('\n  ')}`);
    expect(accepted.length).toBe(ACCEPTED);
  });

  it('each accepted call has the value mathjs gives it', () => {
    const scope = Object.fromEntries(Object.entries(cat.env).map(([k, v]) => [k, math.evaluate(v)]));
    for (const { c, r } of accepted) {
      if (!r.ok) continue;
      const want = math.evaluate(c.expr, { ...scope });
      const got = flat(r.value);
      const ref = typeof want === 'number' || typeof want === 'boolean' ? [Number(want)] : (math.flatten(want).toArray() as number[]);
      expect(got.length, c.fn).toBe(ref.length);
      got.forEach((g, i) => expect(g, c.fn).toBeCloseTo(Number(ref[i]), 9));
    }
  });
});
