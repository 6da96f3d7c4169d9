import { createHash } from 'node:crypto';
import { CgError } from '../../errors.js';

/**
 * `--shard K/N`: which of N CI jobs runs a case. A case goes to shard
 * 1 + (first 32 bits of sha256(id)) mod N, where id is the case file's path (as reports
 * show it) and the case's name. The choice depends on the case alone, not on its position,
 * so adding, removing or reordering other cases never moves it; the price is that shards are
 * balanced only on average (hash mod N), not exactly.
 */
export interface Shard {
  /** 1-based, as CI matrices count. */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new CgError('usage', `--shard ${text}: expected K/N, e.g. --shard 2/4 (job 2 of 4)`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || total > 100000) throw new CgError('usage', `--shard ${text}: N must be between 1 and 100000`);
  if (index < 1 || index > total) throw new CgError('usage', `--shard ${text}: K must be between 1 and N (${total})`);
  return { index, total };
}

/** The identity of a case: its file (null for one on the command line) and its name. */
export const caseId = (file: string | null | undefined, name: string) => `${file ?? ''}\u0000${name}`;

/** The shard (1-based) among `total` that runs the case with this id. */
export function shardOf(id: string, total: number): number {
  const h = createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0);
  return 1 + (h % total);
}

export function inShard<T>(items: readonly T[], id: (t: T) => string, shard: Shard): T[] {
  return items.filter((t) => shardOf(id(t), shard.total) === shard.index);
}
