/**
 * The closest candidate within edit distance 2 (for "did you mean ...?"), if any. Among
 * equally close ones, the more common: `frequent` lists names most used first (`sinn` is
 * one edit from both sin and sign; sin is meant far more often), then the candidates' order.
 */
export function suggest(word: string, candidates: readonly string[], frequent: readonly string[] = []): string | undefined {
  const rank = (c: string) => {
    const k = frequent.indexOf(c);
    return k < 0 ? frequent.length : k;
  };
  let best: string | undefined;
  let bestD = 3;
  let bestRank = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && rank(c) < bestRank)) {
      bestD = d;
      best = c;
      bestRank = rank(c);
    }
  }
  return best;
}

/** Edits from a to b: insertions, deletions, substitutions, and two neighbours swapped (`tahn` is one edit from tanh). */
function distance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** A list for a message: the first few names, then how many more (`a, b, c and 99,997 more`). */
export function someNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${(names.length - max).toLocaleString('en')} more`;
}
