import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Pictures Graphviz drew before, on disk: compiling and starting the wasm Graphviz costs
 * more than the rest of `cg graph` together, and the same DOT text always lays out the same.
 * Each file starts with the SHA-256 of what follows, so a torn or edited entry is noticed
 * and drawn again, never shown. Every failure here (no home, read-only disk, full disk) only
 * means drawing without the cache. CG_CACHE_DIR moves it; CG_CACHE_DIR=off turns it off.
 */

const MAX_ENTRIES = 256;
/** Larger pictures are not kept: drawing dominates for them anyway. */
const MAX_BYTES = 1 << 20;

function dir(): string | undefined {
  const env = process.env.CG_CACHE_DIR;
  if (env === 'off' || env === '0') return undefined;
  if (env) return env;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'cg', 'graphviz');
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The key of one drawing: the Graphviz build, the output format and the DOT text. */
export function cacheKey(version: string, format: string, dot: string): string {
  return sha(`${version}\0${format}\0${dot}`);
}

export function readCached(key: string): string | undefined {
  const d = dir();
  if (!d) return undefined;
  try {
    const text = readFileSync(join(d, key), 'utf8');
    const nl = text.indexOf('\n');
    const body = text.slice(nl + 1);
    return nl === 64 && text.slice(0, 64) === sha(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

export function writeCached(key: string, body: string): void {
  const d = dir();
  if (!d || body.length > MAX_BYTES) return;
  const tmp = join(d, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(d, { recursive: true });
    writeFileSync(tmp, `${sha(body)}\n${body}`);
    renameSync(tmp, join(d, key));
    prune(d);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** Keep the newest MAX_ENTRIES entries. */
function prune(d: string): void {
  const names = readdirSync(d).filter((n) => /^[0-9a-f]{64}$/.test(n));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((n) => ({ n, t: statSync(join(d, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_ENTRIES)) rmSync(join(d, n), { force: true });
}
