import { fileURLToPath } from 'node:url';
import { cg, type Run } from '../run.js';

export const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/checks/${name}`, import.meta.url));
/** The repository root: runs from there show fixture paths as `fixtures/checks/...`. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `cg check ... --reporter json`, parsed (NaN and ±Infinity arrive as strings). */
export function checkJson(args: string[]): Run & { json: any } {
  const r = cg(['check', ...args, '--reporter', 'json']);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
}

/** mulberry32 uniform in [0, 1), as the case runner documents for `points:`. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
