/**
 * Seeded random numbers for everything cg draws (check directions and points, data
 * generators, initial weights, shuffling): mulberry32, so a seed gives the same numbers on
 * every machine.
 */
export type Rng = () => number;

/** Uniform in [0, 1). */
export function mulberry32(seed: number): Rng {
  // The state is kept as an int32 (the same 32 bits as the uint32 of the reference
  // algorithm): a uint32 above 2^31 is a heap number in V8, one allocation per draw.
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller; the second value of each pair is kept for the next call). */
export function normal(rand: Rng): Rng {
  // The spare lives in a typed array: a double stored in a closure's variable is a fresh heap
  // number each time (millions of draws grew the young generation by about 14 MiB).
  const spare = new Float64Array(1);
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    const u = 1 - rand(); // (0, 1]: log stays finite
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * rand();
    spare[0] = r * Math.sin(a);
    hasSpare = true;
    return r * Math.cos(a);
  };
}
