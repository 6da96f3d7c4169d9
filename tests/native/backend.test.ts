// Backend choice: forcing a backend that is not there is a CgError('backend') with a hint
// on how to build it; auto mode falls back to TypeScript; nothing native loads at import.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CgError } from '../../src/errors.js';
import { backendInfo, gemm, getBackend, setBackend, _resetNativeForTests } from '../../src/native/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let empty: string;
const saved = process.env.CG_BACKEND;

beforeEach(() => {
  // Each test sets the backend it is about; a CG_BACKEND from the caller must not leak in.
  delete process.env.CG_BACKEND;
  empty = mkdtempSync(join(tmpdir(), 'cg-nobuild-'));
  _resetNativeForTests({ buildDir: empty }); // as if nothing were built
});
afterEach(() => {
  if (saved === undefined) delete process.env.CG_BACKEND;
  else process.env.CG_BACKEND = saved;
  _resetNativeForTests();
  rmSync(empty, { recursive: true, force: true });
});

function caught(fn: () => void): CgError {
  try {
    fn();
  } catch (e) {
    return e as CgError;
  }
  throw new Error('expected a throw');
}

const big = () => {
  const n = 32;
  gemm(false, false, n, n, n, 1, new Float64Array(n * n), n, new Float64Array(n * n), n, 0, new Float64Array(n * n), n);
};
const tiny = () => gemm(false, false, 1, 1, 1, 2, new Float64Array([3]), 1, new Float64Array([4]), 1, 0, new Float64Array(1), 1);

describe('forcing a backend', () => {
  it('CG_BACKEND=blas without the addon: CgError backend, exit 2, says how to build', () => {
    process.env.CG_BACKEND = 'blas';
    for (const call of [big, tiny]) {
      const e = caught(call);
      expect(e).toBeInstanceOf(CgError);
      expect(e.code).toBe('backend');
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain('CG_BACKEND=blas');
      expect(e.hint).toContain('npm run build:native');
      expect(e.hint).toContain('libopenblas-dev');
    }
  });

  it('setBackend("blas") without the addon throws at once', () => {
    const e = caught(() => setBackend('blas'));
    expect(e).toBeInstanceOf(CgError);
    expect(e.code).toBe('backend');
    expect(e.message).toContain('--backend blas');
  });

  it('CG_BACKEND=cuda without the CUDA addon: CgError backend with the CG_CUDA hint', () => {
    process.env.CG_BACKEND = 'cuda';
    const e = caught(tiny);
    expect(e.code).toBe('backend');
    expect(e.hint).toContain('CG_CUDA=1 npm run build:native');
  });

  it('an unknown backend name is a CgError too', () => {
    process.env.CG_BACKEND = 'gpu';
    expect(caught(tiny).code).toBe('backend');
    expect(caught(() => setBackend('fast')).code).toBe('backend');
  });

  it('auto (and ts) run in TypeScript when nothing is built', () => {
    expect(getBackend()).toBe('auto');
    big();
    const C = new Float64Array(1);
    gemm(false, false, 1, 1, 1, 2, new Float64Array([3]), 1, new Float64Array([4]), 1, 0, C, 1);
    expect(C[0]).toBe(24);
    setBackend('ts');
    expect(getBackend()).toBe('ts');
    big();
    process.env.CG_BACKEND = 'ts';
    setBackend(null);
    expect(getBackend()).toBe('ts');
  });

  it('backendInfo reports a missing addon instead of throwing', () => {
    const i = backendInfo();
    expect(i.ok).toBe(true);
    expect(i.blas.available).toBe(false);
    expect(i.blas.hint).toContain('npm run build:native');
    // The wasm module ships built: without the addon it takes the larger products.
    expect(i.wasm.available).toBe(true);
    expect(i.kernels[0]).toMatchObject({ kernel: 'gemm', backend: 'ts+wasm' });
    expect(i.kernels[1]).toMatchObject({ kernel: 'elementwise', backend: 'ts+wasm' });
    expect(i.kernels[1].why).toContain(`>= ${i.wasm.elementwiseMin} entries`);
    expect(i.cuda.available).toBe(false);
    process.env.CG_BACKEND = 'blas';
    setBackend(null);
    const j = backendInfo();
    expect(j.ok).toBe(false);
    expect(j.kernels[0].backend).toBe('none');
  });
});

describe('the wasm backend', () => {
  it('CG_BACKEND=wasm runs products in wasm; a missing kernels.wasm is a CgError that says so, and auto falls back to TypeScript', () => {
    process.env.CG_BACKEND = 'wasm';
    big();
    const C = new Float64Array(1);
    gemm(false, false, 1, 1, 1, 2, new Float64Array([3]), 1, new Float64Array([4]), 1, 0, C, 1);
    expect(C[0]).toBe(24);
    expect(backendInfo().kernels[0]).toMatchObject({ kernel: 'gemm', backend: 'wasm' });
    expect(backendInfo().kernels[1]).toMatchObject({ kernel: 'elementwise', backend: 'ts+wasm' });
    const saved = process.env.CG_WASM_PATH;
    process.env.CG_WASM_PATH = join(empty, 'kernels.wasm');
    try {
      _resetNativeForTests({ buildDir: empty });
      const e = caught(tiny);
      expect(e.code).toBe('backend');
      expect(e.message).toContain('CG_BACKEND=wasm');
      expect(e.message).toContain('kernels.wasm is missing');
      expect(e.hint).toContain('npm run build:wasm');
      delete process.env.CG_BACKEND;
      _resetNativeForTests({ buildDir: empty });
      big();
      expect(backendInfo().kernels[0]).toMatchObject({ kernel: 'gemm', backend: 'ts' });
      expect(backendInfo().wasm.available).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CG_WASM_PATH;
      else process.env.CG_WASM_PATH = saved;
    }
  });

  it('a corrupt kernels.wasm is reported, not thrown, in auto mode', () => {
    const bad = join(empty, 'kernels.wasm');
    writeFileSync(bad, Buffer.from('\0asm\x01\0\0\0garbage'));
    process.env.CG_WASM_PATH = bad;
    try {
      _resetNativeForTests({ buildDir: empty });
      const i = backendInfo();
      expect(i.wasm.available).toBe(false);
      expect(i.wasm.reason).toMatch(/kernels.wasm failed to load/);
      big(); // TypeScript
    } finally {
      delete process.env.CG_WASM_PATH;
    }
  });
});

describe('laziness', () => {
  it('importing the kernels and running small products loads no addon; enough work does (Linux)', async () => {
    if (process.platform !== 'linux') return;
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'cg-lazy-'));
    try {
      const lib = join(dir, 'native.mjs');
      await build({ entryPoints: [join(root, 'src', 'native', 'index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: lib, logLevel: 'silent' });
      const script = `
        import { readFileSync } from 'node:fs';
        const maps = () => readFileSync('/proc/self/maps', 'utf8');
        const lib = await import(${JSON.stringify(lib)});
        const sq = (n) => { const A = new Float64Array(n * n), C = new Float64Array(n * n); lib.gemm(false, false, n, n, n, 1, A, n, A, n, 0, C, n); };
        const loaded = () => /cg_native\\.node|libopenblas/.test(maps());
        for (let i = 0; i < 200; i++) sq(8);   // 200 x 512 multiply-adds: far below the load threshold
        sq(64);                                 // 262144: still below
        const before = loaded();
        sq(200);                                // 8e6 >= NATIVE_LOAD_AFTER_FLOPS: loads the addon (when built)
        const after = loaded();
        console.log(JSON.stringify({ before, after, built: lib.backendInfo().blas.available }));`;
      // Run from the package root so the bundle (outside the package) finds build/Release via cwd.
      const env = { ...process.env };
      delete env.CG_BACKEND;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { before: boolean; after: boolean; built: boolean };
      expect(out.before).toBe(false);
      expect(out.after).toBe(out.built);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
