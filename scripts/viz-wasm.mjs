// An esbuild plugin for @viz-js/viz: its Graphviz WebAssembly ships inside the JavaScript
// as a 1 MB string literal, which every `cg graph --format svg` paid for at startup (V8
// scanning a 1.6 MB module, Node decoding it, then a loop turning the string into bytes:
// about 40 ms of a 200 ms run). The plugin writes the bytes once, at build time, to
// graphviz.wasm beside the chunk, and the chunk reads that file instead.
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MARK = "function findWasmBinary(){return binaryDecode('";

/**
 * The literal's text (between the quotes) as bytes. Viz.js writes every byte as one char
 * 0..255 and escapes only \r, \n, \' and \\ (checked: anything else is refused).
 */
export function literalBytes(text) {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 92) {
      const e = text[++i];
      c = e === 'r' ? 13 : e === 'n' ? 10 : e === "'" || e === '\\' ? e.charCodeAt(0) : -1;
      if (c < 0) throw new Error(`viz-wasm: unexpected escape \\${e} in the wasm literal`);
    }
    if (c > 255) throw new Error('viz-wasm: a char above 255 in the wasm literal');
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** `outdir`: where the chunks go (the wasm is written to `outdir/chunks`). */
export function vizWasm(outdir) {
  return {
    name: 'viz-wasm',
    setup(b) {
      b.onLoad({ filter: /@viz-js[\\/]viz[\\/]dist[\\/]viz\.js$/ }, (args) => {
        const src = readFileSync(args.path, 'utf8');
        const at = src.indexOf(MARK);
        if (at < 0) return { contents: src, warnings: [{ text: 'viz-wasm: wasm literal not found; the bundle keeps it inline' }] };
        const start = at + MARK.length;
        let end = start;
        while (src[end] !== "'") end += src[end] === '\\' ? 2 : 1;
        const bytes = literalBytes(src.slice(start, end));
        if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('viz-wasm: the literal is not a wasm module');
        mkdirSync(join(outdir, 'chunks'), { recursive: true });
        writeFileSync(join(outdir, 'chunks', 'graphviz.wasm'), bytes);
        const contents =
          "import { readFileSync as __cgReadWasm } from 'node:fs';\n" +
          src.slice(0, at) +
          "function findWasmBinary(){return __cgReadWasm(new URL('./graphviz.wasm', import.meta.url)" +
          src.slice(end + 1);
        return { contents, loader: 'js' };
      });
    },
  };
}
