import { hostname } from 'node:os';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CgError } from '../errors.js';
import { alive, fileWarning, fsError } from './files.js';

/** The lock file a run holds in its folder while it writes there. */
export const LOCK = '.cg-lock';

interface Holder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

function readHolder(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isInteger(h.pid) ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Take the lock on a run folder for this process, until it exits. Another live run holding it
 * is refused (exit 2, naming its process); a lock whose process is gone (a killed run) is
 * taken over, with a warning. The lock file is made whole beside and hard-linked into place,
 * so two runs can never both create it; a stale one is renamed away before the retry, so two
 * runs taking over at once cannot both win.
 */
export function lockFolder(dir: string, what = '--out'): () => void {
  const path = join(dir, LOCK);
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: process.argv.slice(2).join(' ') };
  const mine = join(dir, `.cg-lock.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(mine, `${JSON.stringify(me)}\n`);
  } catch (e) {
    throw fsError('lock', dir, e);
  }
  try {
    for (let tries = 0; tries < 5; tries++) {
      try {
        linkSync(mine, path);
        const release = () => {
          if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
        };
        process.once('exit', release);
        return release;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError('lock', dir, e);
      }
      const h = readHolder(path);
      if (h && h.host === me.host && !alive(h.pid)) {
        // Stale: renamed away first (only one taker's rename finds it), then the link again.
        const aside = `${path}.stale.${process.pid}`;
        try {
          renameSync(path, aside);
        } catch {
          continue;
        }
        const taken = readHolder(aside);
        if (taken?.pid !== h.pid) {
          // Between our look and the rename a live run took it: put its lock back.
          try {
            linkSync(aside, path);
          } catch {
            // It has gone meanwhile.
          }
          rmSync(aside, { force: true });
          continue;
        }
        rmSync(aside, { force: true });
        fileWarning(`${dir} was locked by process ${h.pid} (started ${h.started}), which is no longer running: taking the lock over`);
        continue;
      }
      if (!h) {
        // Being written by a run that has just linked it, or unreadable: look again shortly.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        if (tries < 4) continue;
        throw new CgError('usage', `${what} ${dir} is locked (${path} cannot be read)`, { hint: `remove ${path} if no cg run uses the folder` });
      }
      const where = h.host === me.host ? `process ${h.pid}` : `process ${h.pid} on ${h.host}`;
      throw new CgError('usage', `${what} ${dir} is in use by another cg run (${where}, started ${h.started}: cg ${h.command})`, {
        hint: 'wait for it to finish, or give another --out',
      });
    }
    throw new CgError('usage', `${what} ${dir}: cannot take its lock`, { hint: `remove ${path} if no cg run uses the folder` });
  } finally {
    rmSync(mine, { force: true });
  }
}
