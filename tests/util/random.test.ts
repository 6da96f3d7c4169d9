import { describe, expect, it } from 'vitest';
import { mulberry32, normal } from '../../src/util/random.js';

/** mulberry32 as published (uint32 state), written here independently of src/util/random.ts. */
function reference(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('seeded random numbers', () => {
  it('mulberry32 draws the published sequence, for seeds below and above 2^31', () => {
    for (const seed of [0, 1, 7, 0x6a7a, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 3_000_000_000]) {
      const a = mulberry32(seed);
      const b = reference(seed);
      for (let i = 0; i < 10_000; i++) expect(a()).toBe(b());
    }
  });

  it('normal: Box–Muller pairs, cos first then the sin kept for the next draw', () => {
    const u = reference(11);
    const g = normal(mulberry32(11));
    for (let i = 0; i < 5_000; i++) {
      const r = Math.sqrt(-2 * Math.log(1 - u()));
      const a = 2 * Math.PI * u();
      expect(g()).toBe(r * Math.cos(a));
      expect(g()).toBe(r * Math.sin(a));
    }
  });
});
