import { diffLoaded, computeDiff, type DiffResult } from '../parse/diff.js';
import { parseShapes } from '../parse/diff-shapes.js';
import { CgError } from '../errors.js';
import { Tensor, type Value } from '../graph/tensor.js';
import { parseAt } from '../parse/index.js';
import { loadInputs, numberOption } from './inputs.js';
import { colorFor, fmtErr, fmtValue, printJson, table } from './output.js';
import type { OptionsOf } from './command.js';
import type { diff as spec } from './commands/diff.js';

export type { DiffCheck, DiffResult } from '../parse/diff.js';

/** The options as declared in commands/diff.ts. */
export type DiffOptions = OptionsOf<typeof spec>;

export async function diffCommand(expr: string, opts: DiffOptions): Promise<number> {
  const req = { wrt: opts.wrt, order: opts.order, latex: opts.latex, steps: opts.steps, rtol: numberOption(opts.rtol, '--rtol'), atol: numberOption(opts.atol, '--atol') };
  // With values, loaded as every command loads them (--at-file, warnings for unused ones).
  const given = opts.at?.length || opts.atFile;
  const r = opts.shape
    ? computeDiff(expr, { ...req, shapes: parseShapes(opts.shape), values: shapeValues(opts) })
    : given
      ? diffLoaded(expr, loadInputs(expr, opts), req)
      : computeDiff(expr, req);
  if (opts.json) {
    printJson(r);
    return r.ok ? 0 : 1;
  }
  process.stdout.write(await renderDiff(r));
  return r.ok ? 0 : 1;
}

/** Each derivation: the first line d/dx[f], then `= after` lines with the rule beside (LaTeX: align*). */
function renderSteps(all: NonNullable<DiffResult['steps']>, latex: boolean, dim: (s: string) => string): string[] {
  const lines: string[] = [];
  for (const { derivative, steps } of all) {
    if (!steps.length) continue;
    if (latex) {
      const rows = steps.map((s, k) => `${k ? '' : s.before} &= ${s.after} && \\text{${s.rule.replace(/[_&%$#{}]/g, (ch) => `\\${ch}`)}}`);
      lines.push('\\begin{align*}', rows.join(' \\\\\n'), '\\end{align*}');
      continue;
    }
    lines.push(dim(`# ${derivative}, step by step:`), steps[0].before);
    const width = Math.max(...steps.map((s) => s.after.length));
    for (const s of steps) lines.push(`  = ${s.after.padEnd(width)}   ${dim(`(${s.rule})`)}`);
  }
  return lines;
}

/** Values given beside --shape: --at only (an --at-file holds whole values, shapes included). */
function shapeValues(opts: DiffOptions): Map<string, Value> | undefined {
  if (opts.atFile) throw new CgError('usage', '--shape and --at-file together: the file\'s values carry their shapes; give the others there too');
  return opts.at?.length ? parseAt(opts.at) : undefined;
}

/** The program (or LaTeX), then the check as `#` comments, so the output pastes into cg eval. */
export async function renderDiff(r: DiffResult): Promise<string> {
  const c = colorFor(process.stdout);
  const comment = r.latex ? '%' : '#';
  const lines = [...r.notes.map((n) => c.yellow(`${comment} note: ${n}`)), ...(r.steps ? renderSteps(r.steps, r.latex !== null, c.dim) : []), r.latex ?? r.program];
  if (r.check) {
    const show = (v: unknown) => (Array.isArray(v) ? fmtValue(Tensor.from(v)) : typeof v === 'number' ? fmtValue(v) : String(v));
    const at = Object.entries(r.check.at).map(([k, v]) => `${k}=${show(v)}`).join(', ');
    const rows = Object.entries(r.check.components).map(([name, k]) => [name, show(k.printed), show(k.reference), fmtErr(k.abs_err), k.ok ? c.green('✓') : c.red('✗')]);
    const t = await table(['derivative', 'printed', r.check.reference, 'abs err', 'ok'], rows, [false, true, true, true, false]);
    lines.push(c.dim(`${comment} at ${at}: the printed derivatives evaluated, against ${r.check.reference}`));
    for (const line of t.split('\n')) lines.push(`${c.dim(comment)}${line}`);
    const verdict = r.check.ok ? c.green('all agree') : c.red('MISMATCH');
    lines.push(c.dim(`${comment} rtol ${r.check.rtol}, atol ${r.check.atol}: `) + verdict);
  }
  return `${lines.join('\n')}\n`;
}
