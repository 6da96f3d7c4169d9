/**
 * A run folder as a series of checkpoint generations, so that a checkpoint of several files
 * is made current in one atomic step:
 *
 *   OUT/gen-000007/   model.safetensors, state.safetensors, model.json (one checkpoint)
 *   OUT/LATEST        "gen-000007": the pointer, replaced atomically (rename)
 *
 * A generation is written into `gen-N.partial/`, every file fsynced, the folder fsynced and
 * renamed to `gen-N`; only then is LATEST replaced. A crash or a full disk at any point
 * leaves LATEST naming a complete generation. The newest `keep` generations stay as fallbacks.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CgError } from '../errors.js';
import { faultPoint, fsError, fsReason, fsyncDir, removeStaleTemps, writeAtomic, writeDurable } from '../util/files.js';

export const LATEST = 'LATEST';
const GEN = /^gen-(\d{6,})$/;

export const genName = (n: number) => `gen-${String(n).padStart(6, '0')}`;

/** Generation numbers in `dir`, newest first. */
export function generations(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => GEN.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
}

/** True when `dir` is a run folder of generations (a pointer or a generation in it). */
export function isGenerationFolder(dir: string): boolean {
  return existsSync(join(dir, LATEST)) || generations(dir).length > 0;
}

/** What LATEST names, or an error message saying why it cannot be used. */
export function readPointer(dir: string): { gen: number } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(join(dir, LATEST), 'utf8');
  } catch (e) {
    return { problem: `cannot read ${join(dir, LATEST)}: ${fsReason(e)}` };
  }
  const m = GEN.exec(text.trim());
  if (!m) return { problem: `${join(dir, LATEST)} does not name a generation (gen-NNNNNN)` };
  return { gen: Number(m[1]) };
}

/** The generations to try, in order: the one LATEST names, then the others, newest first. */
export function candidates(dir: string): { gens: number[]; problem?: string } {
  const all = generations(dir);
  const p = readPointer(dir);
  if ('problem' in p) return { gens: all, problem: p.problem };
  return { gens: [p.gen, ...all.filter((g) => g !== p.gen)] };
}

function ioError(what: string, path: string, e: unknown): CgError {
  return fsError(what, path, e);
}

/**
 * Write one generation holding `files` (name → bytes, in order) and make it current; then
 * drop generations beyond the newest `keep`. Returns the generation's folder.
 */
export function commitGeneration(dir: string, files: [string, string | Uint8Array][], keep: number): string {
  try {
    faultPoint(`mkdir ${dir}`);
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw ioError('create', dir, e);
  }
  removeLeftovers(dir);
  const p = readPointer(dir);
  const n = Math.max(0, 'gen' in p ? p.gen : 0, ...generations(dir)) + 1;
  const final = join(dir, genName(n));
  const tmp = `${final}.partial`;
  let path = tmp;
  try {
    faultPoint(`mkdir ${tmp}`);
    mkdirSync(tmp);
    for (const [name, data] of files) {
      path = join(tmp, name);
      writeDurable(path, data);
    }
    path = tmp;
    fsyncDir(tmp);
    path = final;
    faultPoint(`rename ${tmp}`);
    renameSync(tmp, final);
    fsyncDir(dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw ioError('write', path, e);
  }
  // The commit point: before it LATEST names the previous generation, after it this one.
  writeAtomic(join(dir, LATEST), `${genName(n)}\n`);
  prune(dir, n, keep);
  return final;
}

/** Folders a killed writer left behind (a generation never committed, one being deleted). */
function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (/^gen-\d{6,}\.(partial|old)$/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  // A `.LATEST.<pid>.<rand>.tmp` of a writer killed between its write and its rename.
  removeStaleTemps(dir);
}

/** Keep the newest `keep` generations (the current one among them); delete the rest. */
function prune(dir: string, current: number, keep: number): void {
  const old = generations(dir).filter((g) => g < current).slice(Math.max(0, keep - 1));
  for (const g of old) {
    const from = join(dir, genName(g));
    try {
      // Renamed first, so a half-deleted generation is never taken for a fallback.
      faultPoint(`rename ${from}`);
      renameSync(from, `${from}.old`);
      rmSync(`${from}.old`, { recursive: true, force: true });
    } catch {
      // A generation that cannot be removed now goes at the next save.
    }
  }
}

/** True when `path` is a folder. */
export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
