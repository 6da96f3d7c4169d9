/**
 * Seeded streams for training (data generators, initial weights, shuffling), on cg's shared
 * generator (src/util/random.ts): a spec and a seed give the same numbers on every machine.
 */
import type { Rng } from '../util/random.js';

export { mulberry32, normal, type Rng } from '../util/random.js';

/** A seed for a sub-stream (epoch e of a run, layer k of a model), mixed so streams do not overlap. */
export function subSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Fisher–Yates shuffle of `idx` in place. */
export function shuffle(idx: Int32Array, rand: Rng): void {
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}
