import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The README's examples are what cg prints: each `$ cg ...` line in a code block is run
 * (built CLI, no colour, in a scratch folder that sees fixtures/) and its output compared
 * with the lines under it. `...` in the README stands for any number of lines; run times
 * (`4 ms`) are not compared. `cg info` describes the machine it runs on and is left out.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'cg.js');
const MACHINE_SPECIFIC = ['info'];

/** Words of a command line: double quotes group, as a shell would read these examples. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2]);
  return out;
}

interface Example {
  line: number;
  args: string[];
  expected: string[];
}

function examples(): Example[] {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const out: Example[] = [];
  let inBlock = false;
  let current: Example | undefined;
  lines.forEach((text, i) => {
    if (text.startsWith('```')) {
      inBlock = !inBlock;
      current = undefined;
      return;
    }
    if (!inBlock) return;
    const cmd = /^\$ (?:npx )?cg (.*)$/.exec(text);
    if (cmd) {
      current = { line: i + 1, args: words(cmd[1]), expected: [] };
      if (!MACHINE_SPECIFIC.includes(current.args[0])) out.push(current);
    } else current?.expected.push(text);
  });
  return out;
}

const norm = (s: string) => s.trimEnd().replace(/\b\d+ ms\b/g, 'N ms');

/** Whether `actual` is `expected` with each `...` line standing for any lines. */
export function fits(expected: readonly string[], actual: readonly string[]): boolean {
  const e = expected.map(norm);
  const a = actual.map(norm);
  const go = (i: number, j: number): boolean => {
    if (i === e.length) return j === a.length;
    if (e[i].trim() === '...') {
      for (let k = j; k <= a.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < a.length && e[i] === a[j] && go(i + 1, j + 1);
  };
  return go(0, 0);
}

describe('README examples', () => {
  it('fits: ... stands for any lines', () => {
    expect(fits(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(fits(['a', '...'], ['a'])).toBe(true);
    expect(fits(['a', 'c'], ['a', 'b'])).toBe(false);
    expect(fits(['x in 4 ms'], ['x in 12 ms'])).toBe(true);
  });

  const all = examples();
  it('finds the examples', () => expect(all.length).toBeGreaterThanOrEqual(12));

  for (const ex of all) {
    it(`README.md:${ex.line}: cg ${ex.args.join(' ')}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'cg-readme-'));
      try {
        symlinkSync(join(root, 'fixtures'), join(dir, 'fixtures'));
        const r = spawnSync(process.execPath, [bin, ...ex.args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', CG_DEBUG: '' },
        });
        const actual = r.stdout.replace(/\n$/, '').split('\n');
        const expected = ex.expected.length && ex.expected[ex.expected.length - 1] === '' ? ex.expected.slice(0, -1) : ex.expected;
        if (!fits(expected, actual)) expect(actual.join('\n')).toBe(expected.join('\n'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
