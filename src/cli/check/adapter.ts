import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CgError } from '../../errors.js';

/**
 * The adapters cg ships (adapters/ at the package's root, listed in package.json's files):
 * found by walking up from this module, which is src/cli/check/ in a checkout and a chunk
 * under dist/ when bundled.
 */
export function adapterPath(language: 'python'): string {
  const file = { python: 'cg_adapter.py' }[language];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'adapters', file);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new CgError('io', `cannot find adapters/${file} beside cg's installation`, { exitCode: 3 });
}

export function adapterText(language: 'python'): string {
  return readFileSync(adapterPath(language), 'utf8');
}
