import { mulberry32 } from '../../../src/util/random.js';
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
export const uniform = mulberry32;
