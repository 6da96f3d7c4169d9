#!/usr/bin/env node
// Builds the optional CUDA addon build/Release/cg_cuda.node from src/native/cuda.cu with
// nvcc directly (a Node addon on Linux is a shared library; the N-API symbols resolve from
// the node binary when it is loaded). Called by build.mjs when CG_CUDA=1; run alone with
// `node scripts/native/build-cuda.mjs`. Never part of a default install.
//
// Finds nvcc in $CUDA_HOME/bin, $CUDA_PATH/bin, /usr/local/cuda/bin or PATH. Uses cuBLAS
// when the toolkit has cublas_v2.h and libcublas, else cg's own tiled kernel.
// Architectures: $CG_CUDA_ARCH (e.g. "90" or "80,90"), default sm_80 + sm_90 SASS and
// compute_75 PTX (JIT-compiled on any newer GPU).
//
// Testing on a GPU machine (driver + toolkit + libopenblas-dev):
//   npm ci && CG_CUDA=1 npm run build:native   # both addons; says "cuBLAS" or "own tiled kernel"
//   node -p "require('./build/Release/cg_cuda.node').info()"   # devices >= 1, device name
//   npx vitest run tests/native                 # the "CUDA addon" parity block now runs
//   CG_BACKEND=cuda node bin/cg.js info         # gemm: cuda (forced by CG_BACKEND)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function findCuda(env = process.env) {
  const bins = [env.CUDA_HOME, env.CUDA_PATH, '/usr/local/cuda'].filter(Boolean).map((d) => join(d, 'bin', 'nvcc'));
  try {
    bins.push(execFileSync('sh', ['-c', 'command -v nvcc'], { encoding: 'utf8' }).trim());
  } catch {
    // not on PATH
  }
  const nvcc = bins.find((b) => b && existsSync(b));
  if (!nvcc) return { ok: false, reason: 'nvcc not found (set CUDA_HOME)' };
  const roots = [env.CUDA_HOME, env.CUDA_PATH, resolve(dirname(realpathSync(nvcc)), '..'), '/usr/local/cuda'].filter(Boolean);
  const root = roots.find((r) => existsSync(join(r, 'include', 'cuda_runtime.h')));
  if (!root) return { ok: false, reason: `CUDA headers not found next to ${nvcc}` };
  const libDirs = ['lib64', 'lib', 'targets/x86_64-linux/lib', 'targets/sbsa-linux/lib', 'lib/x86_64-linux-gnu', 'lib/aarch64-linux-gnu'].map((d) => join(root, d));
  const cublasDir = libDirs.find((d) => existsSync(join(d, 'libcublas.so')));
  const libDir = cublasDir ?? libDirs.find((d) => existsSync(d)) ?? join(root, 'lib64');
  const cublas = existsSync(join(root, 'include', 'cublas_v2.h')) && cublasDir !== undefined;
  return { ok: true, nvcc, root, libDir, cublas };
}

function nodeIncludeDir(nodedir) {
  const dirs = [];
  if (nodedir) dirs.push(join(nodedir, 'include', 'node'));
  const cache = process.env.npm_config_devdir || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'node-gyp');
  dirs.push(join(cache, process.versions.node, 'include', 'node'), resolve(dirname(process.execPath), '..', 'include', 'node'), '/usr/include/node');
  return dirs.find((d) => existsSync(join(d, 'node_api.h')));
}

export function buildCuda({ root = resolve(here, '..', '..'), verbose = true, nodedir } = {}) {
  const cuda = findCuda();
  if (!cuda.ok) throw new Error(cuda.reason);
  const nodeInc = nodeIncludeDir(nodedir);
  if (!nodeInc) throw new Error('node headers (node_api.h) not found');
  const addonApi = dirname(createRequire(join(root, 'package.json')).resolve('node-addon-api/package.json'));
  const archs = (process.env.CG_CUDA_ARCH || '80,90').split(',').map((s) => s.trim()).filter(Boolean);
  const gencode = archs.flatMap((a) => ['-gencode', `arch=compute_${a},code=sm_${a}`]);
  if (!process.env.CG_CUDA_ARCH) gencode.push('-gencode', 'arch=compute_75,code=compute_75');
  const out = join(root, 'build', 'Release', 'cg_cuda.node');
  mkdirSync(dirname(out), { recursive: true });
  const args = [
    '-O3', '-std=c++17', '-shared', '-Xcompiler', '-fPIC', ...gencode,
    '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DNODE_ADDON_API_DISABLE_DEPRECATED',
    ...(cuda.cublas ? ['-DCG_CUBLAS'] : []),
    `-I${nodeInc}`, `-I${addonApi}`, `-I${join(root, 'src', 'native')}`,
    join(root, 'src', 'native', 'cuda.cu'), '-o', out,
    ...(cuda.cublas ? [`-L${cuda.libDir}`, '-lcublas', '-Xlinker', `-rpath=${cuda.libDir}`] : []),
  ];
  if (verbose) console.log(`cg: building the CUDA addon (${cuda.cublas ? 'cuBLAS' : 'own tiled kernel'}, sm ${archs.join(',')}): ${cuda.nvcc} ${args.join(' ')}`);
  const r = spawnSync(cuda.nvcc, args, { stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error) throw new Error(`nvcc: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`nvcc exited with ${r.status}${verbose ? '' : `: ${(r.stderr || '').trim().split('\n')[0]}`}`);
  console.log(`cg: built ${out}`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    buildCuda();
  } catch (e) {
    console.error(`cg: CUDA build failed: ${e.message}`);
    process.exitCode = 1;
  }
}
