// Bundles src/native/index.ts with esbuild into .bench/native.mjs (gitignored) so the bench
// and the crossover script can run the TypeScript kernels without the lead's dist build.
// The bundle lives inside the package, so its addon lookup (walk up to package.json) works.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function compileNative() {
  const outfile = join(root, '.bench', 'native.mjs');
  await build({
    entryPoints: [join(root, 'src', 'native', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
