/**
 * YAML anchors and aliases are bounded: an alias that expands a large node many times (the
 * "billion laughs") is refused by the parser's alias count, and that refusal, like an alias
 * with no anchor, is bad input, not an internal error.
 */
export const MAX_ALIASES = 1000;

/** A YAML resolution error (from `doc.toJS`) in words for the one-line message. */
export function yamlProblem(e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  if (/Excessive alias count/.test(msg)) return `invalid YAML: too many alias expansions (the limit is ${MAX_ALIASES}); write the values out`;
  if (/Unresolved alias/.test(msg)) return `invalid YAML: ${msg.split('\n')[0].replace(/^Unresolved alias/, 'an alias with no anchor')}`;
  return `invalid YAML: ${msg.split('\n')[0]}`;
}

/**
 * The parser reports an unclosed flow map or sequence (`{a: 1` with no `}`) where it gave up,
 * a line or more later: the opening bracket still unmatched before `upto` is where the fix
 * goes. Quoted strings and comments are skipped. Undefined when none is open.
 */
export function unclosedOpener(text: string, upto: number, open: '{' | '['): number | undefined {
  const stack: { ch: string; at: number }[] = [];
  for (let i = 0; i < upto && i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '[') stack.push({ ch: c, at: i });
    else if ((c === '}' || c === ']') && stack.length) stack.pop();
  }
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].ch === open) return stack[k].at;
  return undefined;
}
