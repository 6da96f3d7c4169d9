import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
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
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself is the problem (not a folder, gone): the error below says so.
    }
    throw fsError('write', path, e);
  }
  // Committed: the file holds the new content. A failure to flush the folder now loses
  // nothing that is not already written; say so rather than fail.
  try {
    fsyncDir(dirname(path));
  } catch (e) {
    fileWarning(`${path} is written, but flushing its folder to disk failed (${fsReason(e)}); it may not survive a crash of the machine`);
  }
}

/** Where warnings from file writes go (stderr, as the CLI's own warnings). */
export function fileWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
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

/** Exit status of an I/O failure (disk full, read-only, permissions, a failing stdout). */
export const IO_EXIT = 4;

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ELOOP: 'a symlink loop',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  EBUSY: 'busy',
  ENXIO: 'no reader on the other end',
  EPIPE: 'the reader closed the pipe',
  EAGAIN: 'would block',
  EBADF: 'not open for writing',
};

/** A file system error in words (`no such file or folder`), not an errno code. */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code && ERRNO_WORDS[err.code]) {
    // Injected faults and some wrappers add detail after the code: keep it.
    const extra = /\(injected[^)]*\)/.exec(err.message ?? '');
    return extra ? `${ERRNO_WORDS[err.code]} ${extra[0]}` : ERRNO_WORDS[err.code];
  }
  return err?.code ?? err?.message ?? String(e);
}

/** Errors a user can do nothing about in the command line: the I/O exit status. */
const IO_CODES = new Set(['EBADF', 'ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EFBIG', 'EACCES', 'EPERM', 'EMFILE', 'EBUSY']);

/** `cannot VERB PATH: reason` as a CgError; a disk or permission failure exits IO_EXIT. */
export function fsError(verb: string, path: string, e: unknown, hint?: string): CgError {
  if (e instanceof CgError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  return new CgError('io', `cannot ${verb} ${path}: ${fsReason(e)}`, { exitCode: IO_CODES.has(code) ? IO_EXIT : 2, hint });
}

/** `--plot out.svg`, `--reporter junit=r.xml`: how a message names an output. */
const named = (flag: string, path: string) => (flag.endsWith('=') ? `${flag}${path}` : `${flag} ${path}`);

/** What an output path turns out to be once its symlinks are followed. */
type Target =
  | { kind: 'file'; path: string } // a regular file, or nothing yet (its folder exists)
  | { kind: 'direct'; path: string } // a FIFO, a device, a socket: opened and written as it is
  | { kind: 'fd'; fd: number }; // /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N

/**
 * Follow `path`'s symlinks by hand (a dangling one names the file it would create, as a shell's
 * `>` does), to what a write must go to. Throws a CgError naming what is wrong: a loop, a
 * folder, a missing folder.
 */
export function outputTarget(path: string, flag = 'output'): Target {
  let p = path;
  const special = (q: string): Target | undefined => {
    const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(q) ?? (q === '/dev/stdout' ? [q, '1'] : q === '/dev/stderr' ? [q, '2'] : null);
    return m ? { kind: 'fd', fd: Number(m[1]) } : undefined;
  };
  for (let hops = 0; ; hops++) {
    const fd = special(p);
    if (fd) return fd;
    if (hops > 40) throw new CgError('io', `${named(flag, path)}: a symlink loop`);
    let st;
    try {
      st = lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError('write', path, e);
      const dir = dirname(p);
      let dst;
      try {
        dst = statSync(dir);
      } catch (e2) {
        const why = (e2 as NodeJS.ErrnoException).code === 'ENOENT' ? `its folder ${dir} does not exist` : fsReason(e2);
        throw new CgError('io', `${named(flag, path)}: ${why}`, { exitCode: 2 });
      }
      if (!dst.isDirectory()) throw new CgError('io', `${named(flag, path)}: ${dir} is not a folder`);
      return { kind: 'file', path: p };
    }
    if (st.isSymbolicLink()) {
      const to = readlinkSync(p);
      p = isAbsolute(to) ? to : join(dirname(p), to);
      continue;
    }
    if (st.isDirectory()) throw new CgError('io', `${named(flag, path)}: is a folder; give a file`);
    if (st.isFile()) return { kind: 'file', path: p };
    return { kind: 'direct', path: p };
  }
}

/**
 * Before the work that fills it: an output path can be written (its folder exists and takes a
 * new file, it is no folder, no symlink loop). `create`: make a missing folder first.
 */
export function checkOutputPath(path: string, flag = 'output', create = false): void {
  if (create) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch {
      // outputTarget says what is wrong with the folder.
    }
  }
  const t = outputTarget(path, flag);
  if (t.kind !== 'file') return;
  probeFolder(dirname(t.path), `${named(flag, path)}`);
}

/** A folder takes a new file (a read-only file system, a full disk, no permission say so now). */
function probeFolder(dir: string, what: string): void {
  const probe = join(dir, `.cg-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new CgError('io', `${what}: cannot write in ${dir}: ${fsReason(e)}`, { exitCode: IO_CODES.has((e as NodeJS.ErrnoException).code ?? '') ? IO_EXIT : 2 });
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * The one way a command writes an output file (-o, --reporter FMT=PATH, --plot, exports):
 * a regular file (or a new one) is replaced atomically; through a symlink, its target is; a
 * FIFO, a device or /dev/stdout is written directly. Nothing but a regular file is ever
 * renamed over.
 */
export function writeOutput(path: string, data: string | Uint8Array, flag = 'output'): void {
  const t = outputTarget(path, flag);
  if (t.kind === 'file') return writeAtomic(t.path, data);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = t.kind === 'fd' ? t.fd : openSync(t.path, 'w');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      if (t.kind !== 'fd') closeSync(fd);
    }
  } catch (e) {
    throw fsError('write', path, e);
  }
}

/**
 * An output folder (`--out`), checked before any work: a dangling symlink, a loop, a regular
 * file, a read-only file system are refused now, not after the run. Creates it.
 */
export function prepareOutFolder(dir: string, flag = '--out'): void {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    st = undefined;
  }
  if (st?.isSymbolicLink()) {
    try {
      st = statSync(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new CgError('io', `${flag} ${dir}: a symlink loop`);
      if (code === 'ENOENT') throw new CgError('io', `${flag} ${dir}: a symlink to ${readlinkSync(dir)}, which does not exist`, { hint: 'create the folder it points to, or give another --out' });
      throw fsError('use', dir, e);
    }
  }
  if (st && !st.isDirectory()) throw new CgError('io', `${flag} ${dir}: is a file, not a folder`, { hint: 'give a folder for the run' });
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CgError('io', `${flag} ${dir}: cannot create it: ${fsReason(e)}`, { exitCode: IO_CODES.has((e as NodeJS.ErrnoException).code ?? '') ? IO_EXIT : 2 });
  }
  probeFolder(dir, `${flag} ${dir}`);
}

/** Temp files a writer killed mid-write left in `dir` (`.NAME.PID.HEX.tmp`) whose writer is gone. */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** True when a process of that id runs (on this machine). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
