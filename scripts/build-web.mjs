// The playground page (`cg explore`, `npm run build:web`): src/web bundled for the browser
// with the engine (built from the library entry, src/index.ts) and the wasm Graphviz inside,
// as one self-contained HTML file. `node scripts/build-web.mjs [folder]` writes a static
// site (index.html) there, default dist/site; scripts/build.mjs calls webPage() for
// dist/web/explore.html, the page `cg explore` copies.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { literalBytes, MARK } from './viz-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Where `cg explore` puts the state it was given: replaced by a JSON script element. */
export const INITIAL_MARK = '<!--cg-initial-->';

/**
 * Node's built-in modules, which the library entry reaches (checkpoints, the native
 * addon's loader) but the page never calls: each resolves to an empty module. The page's
 * backend is the TypeScript kernels (CG_BACKEND=ts below), so no addon is ever looked for.
 */
const nodeStub = {
  name: 'node-stub',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * Graphviz's WebAssembly ships in @viz-js/viz as a string literal of its 1 MB of bytes, which
 * in a UTF-8 page costs about 1.4 MB. The page carries it gzipped and in base64 instead
 * (about 0.58 MB) and inflates it with the browser's DecompressionStream: Emscripten awaits
 * what findWasmBinary returns, so a promise of the bytes serves.
 */
const vizPacked = {
  name: 'viz-packed',
  setup(b) {
    b.onLoad({ filter: /@viz-js[\\/]viz[\\/]dist[\\/]viz\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const at = src.indexOf(MARK);
      if (at < 0) throw new Error('build-web: the wasm literal of @viz-js/viz was not found');
      const start = at + MARK.length;
      let end = start;
      while (src[end] !== "'") end += src[end] === '\\' ? 2 : 1;
      const packed = gzipSync(literalBytes(src.slice(start, end)), { level: 9 }).toString('base64');
      const inflate =
        'async function __cgWasm(){const z=Uint8Array.from(atob(' + JSON.stringify(packed) + '),c=>c.charCodeAt(0));' +
        'return new Uint8Array(await new Response(new Blob([z]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer())}\n';
      const contents = inflate + src.slice(0, at) + 'function findWasmBinary(){return __cgWasm(' + src.slice(end + 1);
      return { contents, loader: 'js' };
    });
  },
};

/** The page's script: { js, engineBytes } (engineBytes: what cg's own modules take, Graphviz aside). */
export async function webScript() {
  const r = await build({
    entryPoints: [join(root, 'src/web/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    metafile: true,
    legalComments: 'none',
    plugins: [nodeStub, vizPacked],
    // native/load.ts finds the addon beside its module; never called in the page.
    define: { __CG_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '""' },
    // The library reads a few environment variables; in the page there is none but the backend.
    banner: { js: 'var process={env:{CG_BACKEND:"ts"}};' },
    logLevel: 'warning',
  });
  const js = r.outputFiles[0].text;
  const inputs = Object.values(r.metafile.outputs)[0].inputs;
  let engineBytes = 0;
  for (const [file, v] of Object.entries(inputs)) if (!file.includes('node_modules')) engineBytes += v.bytesInOutput;
  return { js, engineBytes };
}

/** A script's text made safe inside <script>: no `</script` or `<!--` can end or confuse it. */
const inline = (js) => js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

/** The whole page. The CSP forbids every request; WebAssembly (Graphviz) may compile. */
export async function webPage() {
  const { js, engineBytes } = await webScript();
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:; frame-src 'self' about: data:">
<meta name="generator" content="cg explore ${pkg.version}">
<title>cg explore: a calculator for gradients</title>
</head>
<body>
<noscript>cg explore runs cg in this page: it needs JavaScript.</noscript>
${INITIAL_MARK}
<script>${inline(js)}</script>
</body>
</html>
`;
  return { html, engineBytes };
}

/** `npm run build:web [folder]`: the static site. */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(root, 'dist', 'site'));
  const { html, engineBytes } = await webPage();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), html);
  const { gzipSync } = await import('node:zlib');
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const bytes = Buffer.byteLength(html);
  console.log(`${join(out, 'index.html')}: ${kb(bytes)} (${kb(gzipSync(html, { level: 9 }).length)} gzipped), cg's engine ${kb(engineBytes)} of it`);
}
