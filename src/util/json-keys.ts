/**
 * JSON.parse keeps the last of two equal keys silently (`{"x":1,"x":2}` is x = 2). This scan
 * finds the keys of the top-level object with their places (1-based line and column), so a
 * reader can refuse a name given twice. The text is valid JSON already (parsed before).
 */
export interface KeyPlace {
  key: string;
  line: number;
  column: number;
}

export function topLevelKeys(text: string): KeyPlace[] {
  const out: KeyPlace[] = [];
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    else if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth !== 1 || text[0] === '[' || firstNonSpace(text) !== '{') continue;
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === ':') out.push({ key: JSON.parse(text.slice(start, i + 1)) as string, line, column: start - lineStart + 1 });
    }
  }
  return out;
}

function firstNonSpace(text: string): string {
  return /\S/.exec(text)?.[0] ?? '';
}

/** The first key given twice, with both places; undefined when every key is unique. */
export function duplicateKey(keys: KeyPlace[]): { first: KeyPlace; again: KeyPlace } | undefined {
  const seen = new Map<string, KeyPlace>();
  for (const k of keys) {
    const first = seen.get(k.key);
    if (first) return { first, again: k };
    seen.set(k.key, k);
  }
  return undefined;
}
