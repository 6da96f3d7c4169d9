import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What another repository gets: `npm pack`'s tarball installed into an empty project, then
// `npx cg`. Offline: the consumer's lockfile is made from cg's own (its runtime entries,
// resolved and integrity as `npm ci` here fetched them), so `npm ci --offline` installs from
// the npm cache alone, as a consumer's CI does with a committed lockfile.

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'cg-pack-'));
const project = join(tmp, 'consumer');
let tarball = '';
let files: string[] = [];

const npm = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env } });

beforeAll(() => {
  // --ignore-scripts: dist/ is built already (tests/setup/build.ts); pack only collects.
  const r = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root);
  expect(r.status, r.stderr).toBe(0);
  const info = JSON.parse(r.stdout)[0];
  tarball = join(tmp, info.filename);
  files = info.files.map((f: { path: string }) => f.path);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds the built CLI, the addon sources and build scripts, and nothing for development', () => {
    for (const f of ['bin/cg.js', 'dist/cg.mjs', 'dist/lib.mjs', 'binding.gyp', 'scripts/native/build.mjs', 'scripts/native/blas-config.mjs', 'src/native/addon.cc', 'src/native/gemm_args.h', 'package.json', 'README.md']) {
      expect(files, f).toContain(f);
    }
    // Every chunk the bundle imports is in the tarball.
    const chunks = readdirSync(join(root, 'dist', 'chunks')).map((c) => `dist/chunks/${c}`);
    for (const c of chunks) expect(files).toContain(c);
    for (const f of files) expect(f).not.toMatch(/^(tests|bench|src\/(?!native\/)|\.ci|node_modules|build\/)|\.ts$|tsconfig|vitest/);
  });
});

describe('installed from the tarball into an empty project', () => {
  beforeAll(() => {
    execFileSync('mkdir', ['-p', project]);
    cpSync(tarball, join(project, 'cg.tgz'));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const packages: Record<string, unknown> = {
      '': { name: 'consumer', version: '1.0.0', dependencies: { cg: 'file:cg.tgz' } },
      'node_modules/cg': {
        version: pkg.version,
        resolved: 'file:cg.tgz',
        integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
        hasInstallScript: true,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    for (const [path, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) {
      if (path !== '' && !entry.dev) packages[path] = entry;
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { cg: 'file:cg.tgz' } }));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
    const r = npm(['ci', '--offline'], project);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  }, 110_000);

  it('runs `npx cg grad` there', () => {
    const r = spawnSync('npx', ['--no-install', 'cg', 'grad', '(x+y)*z', '--at', 'x=-2,y=5,z=-4', '--json'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.value).toBe(-12);
    expect(out.gradient).toEqual({ x: -4, y: -4, z: 3 });
  });

  it('runs `npx cg export` there (its lazily loaded chunks and protobufjs are in the package)', () => {
    writeFileSync(join(project, 'xor.yaml'), 'data: {source: "builtin:xor", samples: 8}\nmodel: {layers: [{units: 4, activation: tanh}, {units: 1}]}\nloss: bce\noptimizer: {type: adam, lr: 0.05}\ntraining: {epochs: 2, batch_size: 4}\n');
    const r = spawnSync('npx', ['--no-install', 'cg', 'export', 'xor.yaml', '--format', 'onnx', '-o', 'xor.onnx', '--json'], { cwd: project, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'onnx', opset: 17, from: 'spec' });
    expect(readFileSync(join(project, 'xor.onnx')).length).toBeGreaterThan(100);
  });

  it('runs `npx cg check` on a case file there, and `cg info` finds the package root', () => {
    writeFileSync(join(project, 'cases.yaml'), 'cases:\n  - name: square\n    expr: x^2\n    at: { x: 3 }\n    expect: { value: 9, gradient: { x: 6 } }\n');
    const r = spawnSync('npx', ['--no-install', 'cg', 'check', 'cases.yaml', '--reporter', 'junit'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/<testcase name="square" classname="cases"/);
    const info = spawnSync('npx', ['--no-install', 'cg', 'info', '--json'], { cwd: project, encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    const json = JSON.parse(info.stdout);
    expect(json.version).toBe(pkg.version);
    // The install script built the addon inside the consumer's copy where OpenBLAS is present.
    if (process.env.CG_REQUIRE_NATIVE === '1') {
      expect(json.blas.available, 'the addon was not built on install').toBe(true);
      expect(json.blas.path).toBe(join(project, 'node_modules', 'cg', 'build', 'Release', 'cg_native.node'));
    }
  });
});
