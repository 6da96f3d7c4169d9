import { readdirSync } from 'node:fs';
import { CgError } from '../errors.js';
import { holdsCheckpoint, loadModel, specDifference } from '../nn/checkpoint.js';
import { isDir } from '../nn/generations.js';
import type { Spec } from '../nn/spec.js';
import { LOCK } from '../util/lock.js';

/**
 * `--out` without --resume: a folder that holds another run (a different spec) or anything
 * that is not a cg run is refused unless --force; a run of the same spec starts afresh
 * beside its old checkpoints. Returns true when --force replaces another run's checkpoints.
 */
export function checkOutFolder(out: string, spec: Spec, force: boolean): boolean {
  if (!isDir(out)) return false;
  // The run's own lock (and a probe of the folder) are no content.
  const entries = readdirSync(out).filter((n) => n !== LOCK && !n.startsWith('.cg-'));
  if (!entries.length) return false;
  const refuse = (what: string): boolean => {
    if (force) return true;
    throw new CgError('usage', `--out ${out} ${what}`, { hint: 'give another --out, --resume to continue it, or --force to replace it' });
  };
  if (!holdsCheckpoint(out)) return refuse('is not empty and holds no cg run');
  let prev: Spec;
  try {
    prev = loadModel(out).meta.spec;
  } catch (e) {
    if (!(e instanceof CgError)) throw e;
    return refuse(`holds a run whose checkpoint cannot be read (${e.message})`);
  }
  const diff = specDifference(prev, spec);
  if (diff || prev.name !== spec.name) return refuse(`holds another run (${prev.name ?? 'unnamed'}${diff ? `, a different ${diff}` : ''})`);
  return false;
}
