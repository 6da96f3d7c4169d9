// Bundles the CLI with esbuild: one file to load at startup (plus lazily loaded chunks),
// which is what keeps `cg` close to `node -e 0` (see README, "Startup").
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry content hashes: clear old ones so dist/ holds one build.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cg: 'src/cli/main.ts', lib: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Heavy or optional packages stay outside the bundle and load only where used.
  external: ['mathjs', 'yaml', 'zod'],
  define: { __CG_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
