#!/usr/bin/env node
// Builds src/native/wasm/kernels.wasm from src/native/wasm/kernels.ts and elementwise.ts with AssemblyScript
// (a pinned devDependency), the same flags every time, so the committed .wasm can be checked:
//
//   node scripts/native/build-wasm.mjs           (npm run build:wasm) rebuild it in place
//   node scripts/native/build-wasm.mjs --check   rebuild to a temporary file and exit 1 if
//                                                 its bytes differ from the committed ones
//
// Users never run this: cg loads the committed .wasm (src/native/wasm.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Entry files of the one module: gemm, and the elementwise training kernels.
const sources = ['kernels.ts', 'elementwise.ts'].map((f) => join(root, 'src', 'native', 'wasm', f));
const target = join(root, 'src', 'native', 'wasm', 'kernels.wasm');
export const ASC_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '--enable', 'simd', '--initialMemory', '1'];

/** Compiles kernels.ts to `out`; returns undefined or the compiler's error text. */
export function buildWasm(out = target) {
  const asc = createRequire(join(root, 'package.json')).resolve('assemblyscript/bin/asc.js');
  const r = spawnSync(process.execPath, [asc, ...sources, '-o', out, ...ASC_FLAGS], { encoding: 'utf8', cwd: root });
  return r.status === 0 ? undefined : (r.stderr || r.stdout || `asc exited ${r.status}`).trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const dir = mkdtempSync(join(tmpdir(), 'cg-wasm-'));
    try {
      const out = join(dir, 'kernels.wasm');
      const err = buildWasm(out);
      if (err) throw new Error(err);
      const same = Buffer.compare(readFileSync(out), readFileSync(target)) === 0;
      console.log(same ? 'cg: kernels.wasm matches its source' : 'cg: kernels.wasm differs from a rebuild of kernels.ts: run npm run build:wasm and commit it');
      process.exitCode = same ? 0 : 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const err = buildWasm();
    if (err) {
      console.error(err);
      process.exit(1);
    }
    console.log(`cg: built ${target}`);
  }
}
