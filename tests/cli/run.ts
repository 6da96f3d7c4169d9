import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/cg.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built `cg` as a process, without colour, and collect what it printed. */
export function cg(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', CG_DEBUG: '', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cgJson(args: string[], env: Record<string, string> = {}): { code: number; json: any; stderr: string } {
  const r = cg([...args, '--json'], env);
  return { code: r.code, json: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}
