import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CgError } from '../errors.js';

/**
 * Test hook for fault injection: with CG_FAULT=kill@N (or enospc@N) the N-th file operation
 * of a durable write (counted from 1 in this process) kills the process with SIGKILL, or
 * fails as a full disk would (sigint@N sends Ctrl-C). The fault-injection tests sweep N over
 * a checkpoint's writes.
 */
let faultCount = 0;
export function resetFaults(): void {
  faultCount = 0;
}

export function faultPoint(what: string): void {
  const spec = process.env.CG_FAULT;
  if (!spec) return;
  const m = /^(kill|enospc|sigint)@(\d+)$/.exec(spec);
  if (!m || ++faultCount !== Number(m[2])) return;
  if (m[1] === 'kill') process.kill(process.pid, 'SIGKILL');
  // A Ctrl-C arriving in the middle of a write (delivered when the event loop next runs).
  if (m[1] === 'sigint') return void process.kill(process.pid, 'SIGINT');
  throw Object.assign(new Error(`ENOSPC: no space left on device (injected at ${what})`), { code: 'ENOSPC' });
}

/** Write a file and flush it to disk (no rename: for files in a folder nobody reads yet). */
export function writeDurable(path: string, data: string | Uint8Array): void {
  faultPoint(`open ${path}`);
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) {
      faultPoint(`write ${path}`);
      off += writeSync(fd, bytes, off, Math.min(bytes.length - off, 1 << 24));
    }
    faultPoint(`fsync ${path}`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flush a folder's entries (a rename or a new file in it) to disk. */
export function fsyncDir(dir: string): void {
  faultPoint(`fsync ${dir}`);
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is as durable as they allow.
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a file whole or not at all: a temp file in the same folder, flushed to disk, then a
 * rename over the target. Readers see the old content or the new, never a torn file, even
 * after a crash of the machine (a renamed file whose data never reached the disk comes back
 * empty, hence the fsync).
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeDurable(tmp, data);
    faultPoint(`rename ${tmp}`);
    renameSync(tmp, path);
    fsyncDir(dirname(path));
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself is the problem (not a folder, gone): the error below says so.
    }
    throw new CgError('io', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Read a file, a pipe or stdin (fd 0) to its end, however slowly the writer writes. A pipe
 * handed over non-blocking answers EAGAIN while empty: wait a little and read again.
 */
export function readAllSync(file: string | number): Buffer {
  const fd = typeof file === 'number' ? file : openSync(file, 'r');
  const chunks: Buffer[] = [];
  const wait = new Int32Array(new SharedArrayBuffer(4));
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 16);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          Atomics.wait(wait, 0, 0, 5);
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
    }
  } finally {
    if (typeof file !== 'number') closeSync(fd);
  }
  return Buffer.concat(chunks);
}
