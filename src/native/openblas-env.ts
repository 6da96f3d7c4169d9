/**
 * OpenBLAS reads its configuration from the environment once, when libopenblas is loaded
 * (that is, when the addon is first required), so these settings must be in process.env
 * before that. Node's process.env setter writes the real C environment, which is what
 * libopenblas's getenv() sees.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * OPENBLAS_CORETYPE for a CPU with these /proc/cpuinfo flags (the `flags : ...` line or just
 * the words): avx512f -> SkylakeX, avx2 and fma -> Haswell, otherwise undefined (let
 * OpenBLAS detect). Debian's DYNAMIC_ARCH OpenBLAS 0.3.21 can misdetect newer CPUs and fall
 * back to slow generic kernels; naming the core avoids that.
 */
export function coretypeForFlags(flags: string): 'SkylakeX' | 'Haswell' | undefined {
  const words = new Set(flags.replace(/^[^:]*:/, ' ').split(/\s+/).filter(Boolean));
  if (words.has('avx512f')) return 'SkylakeX';
  if (words.has('avx2') && words.has('fma')) return 'Haswell';
  return undefined;
}

/** The first `flags` line of /proc/cpuinfo, or '' where there is none (not Linux/x86). */
export function cpuFlags(cpuinfoPath = '/proc/cpuinfo'): string {
  try {
    const text = readFileSync(cpuinfoPath, 'utf8');
    const line = text.split('\n').find((l) => /^flags\s*:/.test(l));
    return line ?? '';
  } catch {
    return '';
  }
}

export type CoretypeSource = 'user' | 'cpuinfo' | 'none';
export type ThreadsSource = 'CG_THREADS' | 'OPENBLAS_NUM_THREADS' | 'cores';

export interface OpenBlasEnv {
  coretype: string | undefined;
  coretypeSource: CoretypeSource;
  threads: number;
  threadsSource: ThreadsSource;
}

function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\s*\d+\s*$/.test(s)) return undefined;
  const v = Number(s);
  return v >= 1 ? v : undefined;
}

/**
 * Decides the OpenBLAS settings from `env` and writes the ones the user has not set into it:
 * OPENBLAS_CORETYPE from the CPU flags (a user's value is kept), and OPENBLAS_NUM_THREADS
 * from CG_THREADS, else the user's OPENBLAS_NUM_THREADS, else the core count. CG_THREADS
 * overrides OPENBLAS_NUM_THREADS (the loader also calls openblas_set_num_threads with it).
 */
export function prepareOpenBlasEnv(env: NodeJS.ProcessEnv = process.env, flags?: string): OpenBlasEnv {
  let coretype = env.OPENBLAS_CORETYPE || undefined;
  let coretypeSource: CoretypeSource = coretype ? 'user' : 'none';
  if (!coretype) {
    coretype = coretypeForFlags(flags ?? cpuFlags());
    if (coretype) {
      env.OPENBLAS_CORETYPE = coretype;
      coretypeSource = 'cpuinfo';
    }
  }
  let threads: number;
  let threadsSource: ThreadsSource;
  const cg = positiveInt(env.CG_THREADS);
  const user = positiveInt(env.OPENBLAS_NUM_THREADS);
  if (cg !== undefined) {
    threads = cg;
    threadsSource = 'CG_THREADS';
  } else if (user !== undefined) {
    threads = user;
    threadsSource = 'OPENBLAS_NUM_THREADS';
  } else {
    threads = availableParallelism();
    threadsSource = 'cores';
  }
  if (threadsSource !== 'OPENBLAS_NUM_THREADS') env.OPENBLAS_NUM_THREADS = String(threads);
  return { coretype, coretypeSource, threads, threadsSource };
}
