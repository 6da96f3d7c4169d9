import { it } from 'vitest';
import { parseProgram } from '../src/parse/parser.js';
it('dbg', () => {
  for (const src of ['x > 0 ? x : 0', 'a ? b : c ? d : e', 'v[2]', 'W[1:2, :]', 'v[end]', 'W[end, 1:2:end]', 'x <= y + 1', '1 < 2 < 3', 'x ? 1', 'v[]', "W[1, :]'", 'f(v[1], 2) ? v[2]^2 : -1']) {
    try { console.log(src, '=>', JSON.stringify(parseProgram(src).statements[0].expr, (k, v) => (k === 'span' || k === 'opSpan' || k === 'fnSpan' ? undefined : v))); } catch (e) { console.log(src, 'ERR', (e as Error).message); }
  }
});
