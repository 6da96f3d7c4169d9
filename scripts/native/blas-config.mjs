#!/usr/bin/env node
// Finds OpenBLAS's cblas.h and libopenblas for binding.gyp, the build script and the bench.
//
//   node scripts/native/blas-config.mjs --include-dirs   (used by binding.gyp: <!@(...))
//   node scripts/native/blas-config.mjs --libs           (linker flags, -lopenblas last)
//   node scripts/native/blas-config.mjs                  (JSON: what was found, or why not)
//
// Search order: $OPENBLAS_HOME (include/, lib/), pkg-config openblas, then the usual
// places (Debian multiarch openblas-pthread/-openmp/-serial, Fedora /usr/include/openblas,
// /usr/local, Homebrew). A cblas.h only counts if it is OpenBLAS's (declares
// openblas_get_config); Debian's alternatives may point /usr/include/<triplet>/cblas.h at
// netlib's instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TRIPLETS = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', ppc64: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu' };

function isOpenBlasHeader(dir) {
  const f = join(dir, 'cblas.h');
  try {
    return existsSync(f) && readFileSync(f, 'utf8').includes('openblas_get_config');
  } catch {
    return false;
  }
}

function hasLib(dir) {
  return ['libopenblas.so', 'libopenblas.dylib', 'libopenblas.a'].some((f) => existsSync(join(dir, f)));
}

function pkgConfig(env) {
  try {
    const out = (args) => execFileSync('pkg-config', [...args, 'openblas'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const inc = out(['--cflags-only-I']).split(/\s+/).filter(Boolean).map((s) => s.replace(/^-I/, '').replace(/\/$/, ''));
    const lib = out(['--libs-only-L']).split(/\s+/).filter(Boolean).map((s) => s.replace(/^-L/, '').replace(/\/$/, ''));
    return { inc, lib };
  } catch {
    return { inc: [], lib: [] };
  }
}

/**
 * @returns {{ ok: true, includeDir: string, libDir: string, libs: string[], cflags: string[] }
 *          | { ok: false, reason: string }}
 */
export function findOpenBLAS(env = process.env) {
  const triplet = TRIPLETS[process.arch] ?? `${process.arch}-linux-gnu`;
  const home = env.OPENBLAS_HOME;
  const pc = pkgConfig(env);
  const incCandidates = [
    ...(home ? [join(home, 'include'), join(home, 'include', 'openblas')] : []),
    ...pc.inc,
    ...['pthread', 'openmp', 'serial'].map((v) => `/usr/include/${triplet}/openblas-${v}`),
    '/usr/include/openblas',
    `/usr/include/${triplet}`,
    '/usr/include',
    '/usr/local/include',
    '/usr/local/include/openblas',
    '/opt/homebrew/opt/openblas/include',
    '/usr/local/opt/openblas/include',
  ];
  // Directories the linker searches anyway: no -L or rpath needed there.
  const systemLibDirs = [`/usr/lib/${triplet}`, `/lib/${triplet}`, '/usr/lib64', '/usr/lib', '/lib64', '/lib'];
  const libCandidates = [
    ...(home ? [join(home, 'lib'), join(home, 'lib64')] : []),
    ...systemLibDirs,
    ...pc.lib,
    '/usr/local/lib',
    '/usr/lib64/openblas',
    '/opt/homebrew/opt/openblas/lib',
    '/usr/local/opt/openblas/lib',
  ];
  const includeDir = incCandidates.find(isOpenBlasHeader);
  if (!includeDir) return { ok: false, reason: "OpenBLAS's cblas.h not found (install libopenblas-dev, or set OPENBLAS_HOME)" };
  const libDir = libCandidates.find(hasLib);
  if (!libDir) return { ok: false, reason: 'libopenblas not found (install libopenblas-dev, or set OPENBLAS_HOME)' };
  const libs = systemLibDirs.includes(libDir) ? ['-lopenblas'] : [`-L${libDir}`, `-Wl,-rpath,${libDir}`, '-lopenblas'];
  return { ok: true, includeDir, libDir, libs, cflags: [`-I${includeDir}`] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findOpenBLAS();
  const arg = process.argv[2];
  if (arg === '--include-dirs') {
    // Nothing found: print nothing and let the compiler's "cblas.h: No such file" say so.
    if (found.ok) console.log(found.includeDir);
  } else if (arg === '--libs') {
    console.log(found.ok ? found.libs.join(' ') : '-lopenblas');
  } else {
    console.log(JSON.stringify(found, null, 2));
    process.exitCode = found.ok ? 0 : 1;
  }
}
