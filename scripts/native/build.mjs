#!/usr/bin/env node
// Builds cg's native addon(s) into build/Release/.
//
//   node scripts/native/build.mjs             (npm run build:native) build, fail loudly
//   node scripts/native/build.mjs --optional  (npm install) try; on any failure print one
//                                             line and exit 0: the TypeScript kernels serve
//
// OpenBLAS addon: node-gyp rebuild (binding.gyp), offline: a local --nodedir is passed
// when headers are found (node's own prefix, e.g. /usr on Debian/NodeSource or an nvm
// install; node-gyp 12 wants <nodedir>/include/node/{node.h,common.gypi}), so node-gyp never
// downloads a header tarball. CUDA addon: only with CG_CUDA=1, see build-cuda.mjs.
// CG_NATIVE=0 skips the native build entirely (for CI that wants the TS kernels only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOpenBLAS } from './blas-config.mjs';
import { buildCuda } from './build-cuda.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const optional = process.argv.includes('--optional');
const HOW = 'apt-get install libopenblas-dev && npm run build:native';

class BuildError extends Error {}

function headerVersion(dir) {
  try {
    const h = readFileSync(join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    const v = ['MAJOR', 'MINOR', 'PATCH'].map((p) => h.match(new RegExp(`#define NODE_${p}_VERSION (\\d+)`))?.[1]);
    return v.every(Boolean) ? v.join('.') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A --nodedir for node-gyp that needs no network, or undefined to let node-gyp use its
 * cache. Prefers local headers of the running node's version; then node-gyp's own cache
 * (~/.cache/node-gyp/<version>); then local headers of another version (N-API is ABI-stable).
 */
export function findNodeDir(env = process.env) {
  if (env.npm_config_nodedir) return env.npm_config_nodedir; // the user's own choice
  const ok = (d) => existsSync(join(d, 'include', 'node', 'node_api.h')) && existsSync(join(d, 'include', 'node', 'common.gypi'));
  const candidates = [resolve(dirname(process.execPath), '..'), '/usr', '/usr/local'].filter(ok);
  const version = process.versions.node;
  const same = candidates.find((d) => headerVersion(d) === version);
  if (same) return same;
  const cacheBase = env.npm_config_devdir || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'node-gyp');
  if (existsSync(join(cacheBase, version, 'include', 'node', 'common.gypi'))) return undefined;
  return candidates[0];
}

function findNodeGyp() {
  try {
    return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npmBundled = process.env.npm_config_node_gyp;
    if (npmBundled && existsSync(npmBundled)) return npmBundled;
    throw new BuildError('node-gyp not found (run npm install first)');
  }
}

function hasCompiler() {
  const cxx = process.env.CXX || 'c++';
  const r = spawnSync(cxx, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0 ? undefined : `no C++ compiler (${cxx})`;
}

function run(what, cmd, args, log) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: optional ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (optional) log.push(`$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.error) throw new BuildError(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new BuildError(`${what} failed (exit ${r.status})`);
}

function writeLog(log) {
  if (log.length === 0) return undefined;
  try {
    mkdirSync(join(root, 'build'), { recursive: true });
    writeFileSync(join(root, 'build', 'native-build.log'), log.join('\n'));
    return 'build/native-build.log';
  } catch {
    return undefined;
  }
}

function buildBlas(log) {
  const noCc = hasCompiler();
  if (noCc) throw new BuildError(noCc);
  const blas = findOpenBLAS();
  if (!blas.ok) throw new BuildError(blas.reason);
  const gyp = findNodeGyp();
  const nodedir = findNodeDir();
  const args = [gyp, 'rebuild', '--release', '--jobs=max', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  if (!optional) console.log(`cg: building the OpenBLAS addon (${blas.includeDir}, ${blas.libs.join(' ')}${nodedir ? `, node headers from ${nodedir}` : ''})`);
  run('node-gyp rebuild', process.execPath, args, log);
  // Prove it loads (libopenblas found at run time, symbols resolved) in a fresh process.
  const addon = join(root, 'build', 'Release', 'cg_native.node');
  run('loading the built addon', process.execPath, ['-e', `const a = require(${JSON.stringify(addon)}); const i = a.info(); console.log('cg: built ' + ${JSON.stringify(addon)} + ' (OpenBLAS ' + i.corename + ')')`], log);
}

function main() {
  if (process.env.CG_NATIVE === '0') {
    console.log('cg: native addon skipped (CG_NATIVE=0); the TypeScript kernels will be used.');
    return 0;
  }
  const log = [];
  try {
    buildBlas(log);
    if (optional) console.log(log.at(-1).split('\n').filter((l) => l.startsWith('cg: built')).join('\n'));
  } catch (e) {
    // In --optional mode nothing may fail the install, not even a bug in this script.
    if (!(e instanceof BuildError) && !optional) throw e;
    const how = e.message.startsWith('no C++ compiler') ? HOW.replace('libopenblas-dev', 'build-essential libopenblas-dev') : HOW;
    if (!optional) {
      console.error(`cg: native build failed: ${e.message}\n    to build the OpenBLAS addon: ${how}`);
      return 1;
    }
    const where = writeLog(log);
    console.log(`cg: native addon not built (${e.message}${where ? `; log in ${where}` : ''}); the TypeScript kernels will be used. To build it: ${how}`);
  }
  if (process.env.CG_CUDA === '1') {
    try {
      buildCuda({ root, verbose: !optional, nodedir: findNodeDir() });
    } catch (e) {
      if (!optional) {
        console.error(`cg: CUDA build failed: ${e.message}`);
        return 1;
      }
      console.log(`cg: CUDA addon not built (${e.message}); cg runs without the cuda backend.`);
    }
  }
  return 0;
}

process.exitCode = main();
