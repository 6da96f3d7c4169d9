import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** A Python with torch: $CG_PYTHON, Debian's /usr/bin/python3, or python3 on PATH; null if none. */
export function torchPython(): string | null {
  for (const py of [process.env.CG_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!py) continue;
    const r = spawnSync(py, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

/**
 * Where torch is missing: CI (CI=true or CG_REQUIRE_TORCH=1; it installs python3-torch) fails, as it does for
 * the addon; elsewhere the tests are skipped with a note that says so.
 */
export function requireTorch(python: string | null, what: string): boolean {
  if (python) return true;
  if (process.env.CI === 'true' || process.env.CG_REQUIRE_TORCH === '1') {
    it(`${what}: needs PyTorch (python3-torch), which CI installs`, () => {
      throw new Error('no Python with torch and numpy found (CG_PYTHON, /usr/bin/python3, python3); .ci/run installs python3-torch');
    });
  } else {
    process.stderr.write(`note: ${what} skipped: no Python with torch (apt-get install python3-torch, or set CG_PYTHON)\n`);
    it.skip(`${what} (skipped: no Python with torch)`, () => {});
  }
  return false;
}

/** One JSON value per line. */
export const jsonLines = (text: string): any[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
