import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CgError } from '../errors.js';
import { jsonValue } from '../graph/present/render/numbers.js';
import { writeAtomic } from '../util/files.js';
import type { OptionsOf } from './command.js';
import type { explore as spec } from './commands/explore.js';

/*
 * `cg explore`: the playground page, built once by scripts/build-web.mjs (dist/web/explore.html,
 * cg's engine and Graphviz inside), copied out with the state to start from. The expression
 * and values are checked here first, so a typo fails at the command line as any command's does.
 */

export type ExploreOptions = OptionsOf<typeof spec>;

/** The page's placeholder for the starting state (scripts/build-web.mjs, INITIAL_MARK). */
const MARK = '<!--cg-initial-->';

/** The built page: beside the bundle (dist/web), or dist/ from the sources (tests). */
function builtPage(): string {
  for (const rel of ['./web/explore.html', '../web/explore.html', '../../dist/web/explore.html']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new CgError('io', 'the explorer page is not built (dist/web/explore.html)', { hint: 'run npm run build' });
}

export async function exploreCommand(expr: string | undefined, opts: ExploreOptions): Promise<number> {
  if (!opts.output && process.stdout.isTTY) {
    throw new CgError('usage', 'cg explore writes an HTML page: give -o explore.html (or redirect stdout)');
  }
  let initial = '';
  if (expr !== undefined) {
    const { loadInputs, pickWrt } = await import('./inputs.js');
    const { graph, values, variables } = loadInputs(expr, opts);
    if (opts.wrt) pickWrt(opts.wrt, variables);
    // Values as the page's box takes them: as typed after --at, else (--at-file) written out.
    const at = opts.atFile ? [...values].filter(([k]) => graph.vars.has(k)).map(([k, v]) => `${k}=${JSON.stringify(jsonValue(v))}`).join(', ') : (opts.at ?? []).join(', ');
    const state = { expr, at, mode: opts.mode ?? 'reverse', wrt: opts.wrt ?? '' };
    initial = `<script type="application/json" id="cg-initial">${JSON.stringify(state).replace(/</g, '\\u003c')}</script>`;
  } else if (opts.at?.length || opts.atFile) throw new CgError('usage', '--at without an expression: give the expression too');
  const page = builtPage();
  const at = page.indexOf(MARK);
  if (at < 0) throw new CgError('io', 'the built explorer page has no place for the starting state', { hint: 'run npm run build' });
  const html = page.slice(0, at) + initial + page.slice(at + MARK.length);
  if (opts.output) {
    writeAtomic(opts.output, html);
    process.stdout.write(`wrote ${opts.output} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB; open it in a browser)\n`);
  } else process.stdout.write(html);
  return 0;
}
