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
