import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDot } from '../../../../src/graph/present/render/svg.js';

// The Graphviz drawing cache: a drawing comes back the same from disk, and a damaged entry
// is drawn again instead of shown.
const DOT = 'digraph { a -> b; b -> c; a -> c }';
let dir: string;
const saved = process.env.CG_CACHE_DIR;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-cache-'));
  process.env.CG_CACHE_DIR = dir;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.CG_CACHE_DIR;
  else process.env.CG_CACHE_DIR = saved;
});

const entries = () => readdirSync(dir).filter((n) => !n.startsWith('.'));

describe('the Graphviz drawing cache', () => {
  it('keeps one checksummed entry per drawing and returns it unchanged', async () => {
    const first = await renderDot(DOT);
    expect(first).toMatch(/<svg/);
    expect(entries()).toHaveLength(1);
    const text = readFileSync(join(dir, entries()[0]), 'utf8');
    expect(text.slice(65)).toBe(first);
    expect(await renderDot(DOT)).toBe(first);
    // another format is another entry
    await renderDot(DOT, 'canon');
    expect(entries()).toHaveLength(2);
  });

  it('draws again when an entry is torn or edited, and repairs it', async () => {
    const first = await renderDot(DOT);
    const path = join(dir, entries()[0]);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('<svg', '<svG'));
    expect(await renderDot(DOT)).toBe(first);
    writeFileSync(path, text.slice(0, text.length >> 1));
    expect(await renderDot(DOT)).toBe(first);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('draws without it when the folder cannot be written, or when it is off', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    process.env.CG_CACHE_DIR = join(file, 'sub');
    const a = await renderDot(DOT);
    process.env.CG_CACHE_DIR = 'off';
    expect(await renderDot(DOT)).toBe(a);
    expect(entries()).toEqual(['not-a-folder']);
  });
});
