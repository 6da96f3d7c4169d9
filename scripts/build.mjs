// Bundles the CLI with esbuild: one file to load at startup (plus lazily loaded chunks),
// which is what keeps `cg` close to `node -e 0` (see README, "Startup").
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { vizWasm } from './viz-wasm.mjs';
import { webPage } from './build-web.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Build into a fresh folder and swap it in: dist/ holds one build (chunk names carry
// hashes), and a process running cg meanwhile never finds it half written or missing.
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const fresh = join(root, `.dist-${process.pid}`);
const old = join(root, `.dist-old-${process.pid}`);

await build({
  entryPoints: { cg: 'src/cli/main.ts', lib: 'src/index.ts' },
  outdir: fresh,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Heavy or optional packages stay outside the bundle and load only where used.
  external: ['mathjs', 'yaml', 'zod'],
  define: {
    __CG_VERSION__: JSON.stringify(pkg.version),
    // Part of the Graphviz drawing cache's key (src/graph/present/render/cache.ts).
    __VIZ_VERSION__: JSON.stringify(JSON.parse(readFileSync(new URL('../node_modules/@viz-js/viz/package.json', import.meta.url), 'utf8')).version),
  },
  banner: { js: "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [vizWasm(fresh)],
  logLevel: 'warning',
});

// The playground page `cg explore` writes out (scripts/build-web.mjs): built beside the CLI,
// never loaded by it but read as a file when that command runs.
mkdirSync(join(fresh, 'web'), { recursive: true });
writeFileSync(join(fresh, 'web', 'explore.html'), (await webPage()).html);

if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });
