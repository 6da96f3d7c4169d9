import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { buildGraph, parseAt } from '../../../src/parse/index.js';
import type { Value } from '../../../src/graph/tensor.js';

/**
 * The peers' own gradient tests (autograd's test_scalar_ops / test_numpy / test_linalg /
 * test_scipy, JAX's lax_autodiff_test / nn_test): their functions at their points, written as
 * a cg user writes them, against SymPy's derivatives (fixtures/peer/gradients.json, made by
 * scripts/peer-suite.py; the test needs no Python). What stays out, and why, is in the
 * fixture: each `impossible` case carries its reason, and the test prints them.
 */
interface Case {
  peer: string;
  test: string;
  written: string;
  status: 'as-written' | 'rewritten' | 'impossible';
  cg?: string;
  at?: Record<string, unknown>;
  gradient?: Record<string, unknown>;
  value?: number;
  why?: string;
}
const { cases } = JSON.parse(readFileSync('fixtures/peer/gradients.json', 'utf8')) as { cases: Case[] };

/** The counts README.md states. */
const COUNTS = { 'as-written': 114, rewritten: 23, impossible: 28 };

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(flat) : []);
const flatValue = (v: Value): number[] => (typeof v === 'number' ? [v] : Array.from(v.data));

describe('peer suite (autograd, JAX)', () => {
  it('has the counts README.md states, and a reason for every case left out', () => {
    const counts = { 'as-written': 0, rewritten: 0, impossible: 0 };
    for (const c of cases) counts[c.status]++;
    expect(counts).toEqual(COUNTS);
    const out = cases.filter((c) => c.status === 'impossible');
    for (const c of out) expect(c.why, c.test).toBeTruthy();
    console.log(`left out (${out.length}):\n  ${out.map((c) => `${c.peer} ${c.test}: ${c.why}`).join('\n  ')}`);
  });

  for (const c of cases.filter((x) => x.status !== 'impossible')) {
    it(`${c.peer} ${c.test}: ${c.cg} (${c.status})`, () => {
      const env = parseAt(Object.entries(c.at!).map(([k, v]) => `${k}=${JSON.stringify(v)}`));
      const { graph } = buildGraph(c.cg!, env);
      const r = gradient(graph, env, [...env.keys()]);
      if (c.value !== undefined) expect(flatValue(r.value)[0]).toBeCloseTo(c.value, 9);
      for (const [name, want] of Object.entries(c.gradient!)) {
        const got = flatValue(r.gradient.get(name)!);
        const ref = flat(want);
        expect(got.length).toBe(ref.length);
        got.forEach((g, i) => expect(Math.abs(g - ref[i]), `${name}[${i}]: ${g} vs ${ref[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref[i]))));
      }
    });
  }
});
