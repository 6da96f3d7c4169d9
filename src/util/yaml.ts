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
