import { stepsText } from '../graph/present/steps.js';
import { Tensor, type Value } from '../graph/tensor.js';
import type { GradResult } from './grad-result.js';
import { colorFor, fmtErr, fmtNum, fmtValue, fromJson, table } from './output.js';

const num = (v: unknown) => (typeof v === 'number' ? fmtNum(v) : String(v));
/** A gradient for the table: numbers as numbers, tensors summarised. */
const show = (v: unknown) => (Array.isArray(v) ? fmtValue(Tensor.from(fromJson(v)) as Value) : num(v));
const err = (v: unknown) => (typeof v === 'number' ? fmtErr(v) : String(v));
/** The reference column: at a kink with both sides, the interval of one-sided slopes the verdict measures against. */
const ref = (k: Row) => {
  if (k.method !== 'one-sided') return num(k.numeric) + (mixedRefs && k.reference === 'complex step' ? '°' : '');
  if (typeof k.left === 'number' && typeof k.right === 'number') return `[${num(Math.min(k.left, k.right))}, ${num(Math.max(k.left, k.right))}]*`;
  return `${num(k.numeric)}*`;
};

type Row = Record<string, unknown>;
/** Set per rendering: whether the check mixed the complex step and differences. */
let mixedRefs = false;

/** The table, the check's summary line and its notes, for people. */
export async function renderGrad(r: GradResult, opts: { verbose?: boolean } = {}): Promise<string> {
  const c = colorFor(process.stdout);
  const mark = (k: Row) => (k.verdict === 'pass' ? c.green('✓') : k.verdict === 'fail' ? c.red('✗') : c.yellow('?'));
  const lines = [`${c.bold(r.output)} = ${show(r.value)}`];
  const d = `∂${r.output}/∂var`;
  const comps = (r.check?.components ?? {}) as Record<string, Row>;
  const head = ['var', d];
  if (r.forward && r.mode === 'both') head.push('forward');
  // The reference column says what it holds: the complex step, differences, or both (° marks the complex step).
  const refs = Object.values(comps).map((k) => k.reference);
  const mixed = refs.includes('complex step') && refs.includes('differences');
  mixedRefs = mixed;
  const refHead = mixed ? 'numeric' : refs.includes('complex step') ? 'complex step' : 'finite diff';
  if (r.check) head.push(refHead, '± est', 'abs err', 'rel err', 'ok');
  const rows: string[][] = [];
  // Per-component rows when the check ran component by component; else one row per variable.
  const perComponent = r.check && !Object.values(comps).some((k) => k.method === 'directional');
  const labels = perComponent ? Object.keys(comps) : Object.keys(r.gradient);
  for (const label of labels) {
    const k = perComponent ? comps[label] : undefined;
    const row = [label, k ? num(k.analytic) : show(r.gradient[label])];
    if (r.forward && r.mode === 'both') row.push(k ? num(k.forward) : show(r.forward[label]));
    if (k) row.push(ref(k), err(k.error_estimate), err(k.abs_err), err(k.rel_err), mark(k));
    else if (r.check) row.push('', '', '', '', '');
    rows.push(row);
  }
  lines.push(await table(head, rows, head.map((_, i) => i > 0 && i < head.length - 1)));
  if (r.check && !perComponent) {
    // Too many components to list: random directions, and a sample of single components.
    const dirRows = Object.entries(comps).map(([label, k]) => [
      label, num(k.analytic), ref(k), err(k.error_estimate), err(k.abs_err), err(k.rel_err), mark(k),
    ]);
    lines.push(await table(['direction', 'gᵀv or ∂f/∂xᵢ', refHead, '± est', 'abs err', 'rel err', 'ok'], dirRows, [false, true, true, true, true, true, false]));
  }
  if (r.forward_directions) {
    const fd = r.forward_directions;
    const bad = Object.values(fd.directions).filter((x) => !x.ok).length;
    lines.push(c.dim(`${fd.method}: `) + (fd.ok ? c.green(`all ${Object.keys(fd.directions).length} agree`) : c.red(`${bad} disagree`)));
  }
  if (r.check) {
    const ch = r.check;
    lines.push(...checkSummary(ch, c, opts.verbose));
    if (Object.values(comps).some((k) => k.method === 'one-sided')) lines.push(c.dim('* one-sided differences: a kink or the domain\'s edge lies within the stencil'));
    for (const [n, labels] of checkNotes(comps)) lines.push(`${c.yellow('note:')} ${labels.join(', ')}: ${n}`);
  }
  if (r.hvp) {
    lines.push('Hessian-vector product (forward over reverse):');
    for (const [name, v] of Object.entries(r.hvp)) lines.push(`  H·v[${name}] = ${show(v)}`);
  }
  for (const k of r.kinks) lines.push(`${c.yellow('note:')} ${k.node} is at a non-differentiable point; convention: ${k.convention}`);
  for (const n of r.notes) lines.push(`${c.yellow('note:')} ${n}`);
  if (r.nonfinite) lines.push(`${c.red('error:')} ${r.nonfinite.message}`);
  if (r.steps) lines.push(stepsText(r.steps, { value: c.green, derivative: r.mode === 'forward' ? c.blue : c.red, dim: c.dim }).trimEnd());
  return `${lines.join('\n')}\n`;
}

type Check = NonNullable<GradResult['check']>;
type Colors = ReturnType<typeof colorFor>;

/**
 * The check's line, as `cg grad`, `cg jacobian` and `cg hessian` print it: short by default
 * (the verdict, and whether the complex step or Ridders' differences were the reference), the
 * full rule with `--verbose`.
 */
export function checkSummary(ch: Check, c: Colors, verbose = false): string[] {
  const comps = ch.components as Record<string, Row>;
  const n = Object.keys(comps).length;
  const parts = [`${ch.passed} passed`];
  if (ch.failed) parts.push(c.red(`${ch.failed} failed`));
  if (ch.inconclusive) parts.push(c.yellow(`${ch.inconclusive} inconclusive${ch.strict ? ' (--strict: failing)' : ''}`));
  const verdict = ch.ok ? c.green(ch.inconclusive ? `ok (${parts.join(', ')})` : `all ${n} ok`) : parts.join(', ');
  const refs = Object.values(comps).map((k) => k.reference);
  const mixed = refs.includes('complex step') && refs.includes('differences');
  const lines: string[] = [];
  if (verbose) {
    const first = String(ch.step).startsWith('h =') ? '' : `, first step ${ch.step}`;
    lines.push(c.dim(`check: ${ch.method}${first}; |a − n| ≤ atol + rtol·max(|a|,|n|) + ${ch.k}·est, rtol ${fmtNum(ch.rtol)} (complex step ${fmtNum(ch.complex_rtol)}), atol ${fmtNum(ch.atol)}: `) + verdict);
  } else {
    // One short line: the verdict and what it was measured against (--verbose and --json give the rule).
    const cs = refs.filter((x) => x === 'complex step').length;
    const how = cs === refs.length ? 'complex step' : cs === 0 ? 'Ridders, ± estimates' : `complex step ${cs}, Ridders ${refs.length - cs}`;
    lines.push(`${c.dim('check:')} ${verdict} ${c.dim(`(${how})`)}`);
  }
  if (mixed) lines.push(c.dim('° the complex step Im f(x + ih)/h; the others Ridders\' differences (a non-analytic op on their path)'));
  return lines;
}

/** One note per distinct text, naming every component it is about (passes only where one-sided). */
export function checkNotes(comps: Record<string, Row>): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  for (const [label, k] of Object.entries(comps)) {
    if (!k.note || (k.method !== 'one-sided' && k.verdict === 'pass')) continue;
    const note = k.note as string;
    notes.set(note, [...(notes.get(note) ?? []), label]);
  }
  return notes;
}

/** The failed entries of a matrix check, one line each: what the derivative and the reference said. */
export function failedEntries(ch: Check, c: Colors): string[] {
  return Object.entries(ch.components as Record<string, Row>)
    .filter(([, k]) => k.verdict === 'fail')
    .map(([label, k]) => `${c.red('✗')} ${label}: ${num(k.analytic)}, reference ${num(k.numeric)} ± ${err(k.error_estimate)} (${k.reference}), abs err ${err(k.abs_err)}`);
}
