import { backendInfo, type BackendInfo } from '../native/index.js';
import { colorFor } from './output.js';
import { version } from '../util/version.js';

export interface InfoResult extends BackendInfo {
  version: string;
  node: string;
  platform: string;
}

/** What `cg info` reports: the same object `--json` prints. Loads the addons to ask them. */
export function collectInfo(): InfoResult {
  return { version, node: process.version, platform: `${process.platform}-${process.arch}`, ...backendInfo() };
}

/**
 * `cg info`: version, Node, each kernel's backend and why, OpenBLAS config and core type,
 * threads, CUDA. Exit 0, or 2 when the forced backend (CG_BACKEND / --backend) is not
 * available or not a backend name, so scripts can test the setup with `cg info`.
 */
export async function info(opts: { json?: boolean }): Promise<number> {
  const r = collectInfo();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.ok ? 0 : 2;
  }
  const c = colorFor(process.stdout);
  const lines: [string, string][] = [
    ['cg', r.version],
    ['node', `${r.node} (${r.platform})`],
    ['backend', r.request === 'auto' ? 'auto (by size)' : `${r.request} (forced by ${r.requestSource === 'CG_BACKEND' ? 'CG_BACKEND' : '--backend'})`],
  ];
  for (const k of r.kernels) {
    lines.push([k.kernel, `${k.backend === 'none' ? c.red('none') : c.bold(k.backend)}: ${k.why}`]);
  }
  const b = r.blas;
  if (b.available) {
    lines.push(['openblas', b.config ?? '']);
    const ct = b.coretype
      ? `OPENBLAS_CORETYPE=${b.coretype} (${b.coretypeSource === 'user' ? 'set by you' : 'from /proc/cpuinfo'})`
      : 'OPENBLAS_CORETYPE unset (OpenBLAS detects)';
    lines.push(['core', `${b.corename ?? '?'}; ${ct}`]);
  } else {
    lines.push(['openblas', `${c.yellow('not available')}: ${b.reason ?? ''}; build it: ${b.hint ?? ''}`]);
  }
  const wm = r.wasm;
  lines.push(['wasm', wm.available ? `WebAssembly SIMD gemm and elementwise kernels (${wm.path}); used without the addon, or when forced` : `${c.yellow('not available')}: ${wm.reason ?? ''}`]);
  const tsrc = { CG_THREADS: 'CG_THREADS', OPENBLAS_NUM_THREADS: 'OPENBLAS_NUM_THREADS', cores: 'core count' }[b.threadsSource];
  lines.push(['threads', `${b.threads} (${tsrc})`]);
  const u = r.cuda;
  lines.push([
    'cuda',
    u.available
      ? `${u.device ?? 'device'} (compute ${u.computeCapability ?? '?'}, ${u.kernel ?? ''}); used only when forced (CG_BACKEND=cuda)`
      : `not available: ${u.reason ?? ''}`,
  ]);
  const w = Math.max(...lines.map(([k]) => k.length));
  process.stdout.write(lines.map(([k, v]) => `${c.dim(k.padEnd(w))}  ${v}`).join('\n') + '\n');
  if (!r.ok) {
    process.stderr.write(`${c.red('error:')} ${r.error}\n`);
    return 2;
  }
  return 0;
}
