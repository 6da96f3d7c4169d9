import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/util/files.js';

describe('atomic writes', () => {
  it('writes the whole file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-atomic-'));
    writeAtomic(join(dir, 'a.json'), 'one');
    writeAtomic(join(dir, 'a.json'), 'two');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('fails with a one-line io error when the folder is missing', () => {
    expect(() => writeAtomic('/nonexistent-dir-cg/x.json', 'x')).toThrow(/^cannot write \/nonexistent-dir-cg\/x\.json: no such file or folder$/);
  });
});

describe('writeOutput: the one way commands write an output path', () => {
  it('a regular file is replaced atomically; a symlink is written through to its target, atomically there', async () => {
    const { symlinkSync, lstatSync, writeFileSync } = await import('node:fs');
    const { writeOutput } = await import('../../src/util/files.js');
    const dir = mkdtempSync(join(tmpdir(), 'cg-out-'));
    writeFileSync(join(dir, 'target'), 'old');
    symlinkSync('target', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b')); // a chain
    writeOutput(join(dir, 'b'), 'new');
    expect(lstatSync(join(dir, 'a')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'b')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'target']);
  });

  it('a symlink loop, a folder, a missing folder: one line in words', async () => {
    const { symlinkSync, mkdirSync } = await import('node:fs');
    const { writeOutput, checkOutputPath } = await import('../../src/util/files.js');
    const dir = mkdtempSync(join(tmpdir(), 'cg-out-'));
    symlinkSync('l2', join(dir, 'l1'));
    symlinkSync('l1', join(dir, 'l2'));
    mkdirSync(join(dir, 'sub'));
    expect(() => writeOutput(join(dir, 'l1'), 'x', '-o')).toThrow(/^-o .*l1: a symlink loop$/);
    expect(() => checkOutputPath(join(dir, 'sub'), '--plot')).toThrow(/^--plot .*sub: is a folder; give a file$/);
    expect(() => checkOutputPath(join(dir, 'no', 'x.svg'), '--reporter junit=')).toThrow(/^--reporter junit=.*x\.svg: its folder .*no does not exist$/);
  });

  it('errors in words, disk failures with the I/O exit status', async () => {
    const { fsError, fsReason, IO_EXIT } = await import('../../src/util/files.js');
    expect(fsReason(Object.assign(new Error('x'), { code: 'EROFS' }))).toBe('read-only file system');
    expect(fsError('write', 'f', Object.assign(new Error('x'), { code: 'ENOSPC' })).exitCode).toBe(IO_EXIT);
    expect(fsError('read', 'f', Object.assign(new Error('x'), { code: 'ENOENT' })).exitCode).toBe(2);
  });
});
