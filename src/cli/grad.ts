import { checkGradient, DEFAULT_ATOL, DEFAULT_RTOL, kinkHits, type CheckResult } from '../graph/check.js';
import { nodeText } from '../graph/format.js';
import { forwardGradient, gradient } from '../graph/gradient.js';
import { CgError } from '../errors.js';
import { hvp } from '../graph/derivatives.js';
import { narrateForward, narrateReverse, stepsText, type Steps } from '../graph/steps.js';
import { fmtShape, sameShape, shapeOf, Tensor, type Value } from '../graph/tensor.js';
import { parseAt } from '../parse/index.js';
import { loadInputs, numberOption, pickWrt, type InputOptions } from './inputs.js';
import { colorFor, fmtErr, fmtNum, fmtValue, mapToJson, printJson, table, toJson } from './output.js';

export type Mode = 'reverse' | 'forward' | 'both';

export interface GradOptions extends InputOptions {
  wrt?: string;
  mode?: Mode;
  check?: boolean;
  rtol?: string;
  atol?: string;
  hvp?: string[];
  steps?: boolean;
  json?: boolean;
}

/** What `cg grad` found; `--json` prints exactly this (see README, "JSON output"). */
export interface GradResult {
  expression: string;
  output: string;
  at: Record<string, unknown>;
  mode: Mode;
  value: unknown;
  gradient: Record<string, unknown>;
  forward: Record<string, unknown> | null;
  check: ReturnType<typeof checkJson> | null;
  kinks: { node: string; convention: string }[];
  /** H·v for `--hvp`, shaped like the variables; null without it. */
  hvp: Record<string, unknown> | null;
  /** The chain rule narrated (`--steps`); null without it. */
  steps: Steps | null;
  ok: boolean;
}

function checkJson(c: CheckResult, fwd: ReadonlyMap<string, Value> | undefined) {
  const components: Record<string, unknown> = Object.create(null);
  for (const k of c.components) {
    components[k.label] = {
      analytic: k.analytic,
      forward: fwd && k.variable ? componentOf(fwd.get(k.variable)!, k.index) : null,
      numeric: k.numeric,
      abs_err: k.absErr,
      rel_err: k.relErr,
      tol: k.tol,
      method: k.method,
      ...(k.method === 'one-sided' ? { left: k.left, right: k.right } : {}),
      ok: k.ok,
    };
  }
  return { method: c.method, step: c.step, rtol: c.rtol, atol: c.atol, ok: c.ok, components };
}

/** Variables whose forward- and reverse-mode gradients differ beyond tolerance. */
function disagreements(a: ReadonlyMap<string, Value>, b: ReadonlyMap<string, Value>, rtol: number, atol: number): string[] {
  const flat = (v: Value) => (typeof v === 'number' ? [v] : Array.from(v.data));
  return [...a.keys()].filter((name) => {
    const y = flat(b.get(name)!);
    return flat(a.get(name)!).some((x, i) => !(Math.abs(x - y[i]) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y[i]))));
  });
}

function componentOf(v: Value, index: number[]): number {
  if (typeof v === 'number') return v;
  let k = 0;
  for (let ax = 0; ax < index.length; ax++) k = k * v.shape[ax] + index[ax];
  return v.data[k];
}

export function computeGrad(expr: string, opts: GradOptions): GradResult {
  const mode = opts.mode ?? 'both';
  const rtol = numberOption(opts.rtol, '--rtol');
  const atol = numberOption(opts.atol, '--atol');
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const outShape = graph.nodes[graph.output].shape;
  if (outShape.length > 0) {
    throw new CgError('shape', `cg grad needs a scalar output; ${outputName} has shape ${fmtShape(outShape)}`, {
      hint: 'use cg jacobian for vector or matrix outputs',
    });
  }
  const wrt = pickWrt(opts.wrt, variables);
  const rev = gradient(graph, values, wrt);
  const fwd = mode === 'reverse' ? undefined : forwardGradient(graph, rev.values, wrt);
  const primary = mode === 'forward' ? fwd! : rev.gradient;
  const check = opts.check === false ? undefined : checkGradient(graph, values, primary, { rtol, atol });
  let ok = check ? check.ok : Number.isFinite(rev.value as number);
  // Forward and reverse mode must agree with each other too, entry by entry.
  const disagree = fwd && mode === 'both' ? disagreements(rev.gradient, fwd, rtol ?? DEFAULT_RTOL, atol ?? DEFAULT_ATOL) : [];
  if (disagree.length) {
    ok = false;
    if (check) {
      check.ok = false;
      for (const c of check.components) if (disagree.includes(c.variable)) c.ok = false;
    }
  }
  let hv: Map<string, Value> | undefined;
  if (opts.hvp?.length) {
    const dirs = parseAt(opts.hvp);
    for (const [name, v] of dirs) {
      if (!wrt.includes(name)) throw new CgError('usage', `--hvp ${name}: not among the variables differentiated (${wrt.join(', ')})`);
      const want = graph.nodes[graph.vars.get(name)!].shape;
      if (!sameShape(shapeOf(v), want)) throw new CgError('shape', `--hvp ${name} has shape ${fmtShape(shapeOf(v))}; ${name} has shape ${fmtShape(want)}`);
    }
    hv = hvp(graph, values, wrt, dirs);
  }
  return {
    expression: expr,
    output: outputName,
    at: mapToJson(new Map([...values].filter(([k]) => graph.vars.has(k)))),
    mode,
    value: toJson(rev.value),
    gradient: mapToJson(primary),
    forward: fwd ? mapToJson(fwd) : null,
    check: check ? checkJson(check, fwd) : null,
    kinks: kinkHits(graph, rev.values).map((k) => ({ node: nodeText(graph, k.node), convention: k.convention })),
    hvp: hv ? mapToJson(hv) : null,
    steps: !opts.steps ? null : mode === 'forward' ? narrateForward(graph, rev.values, outputName, wrt) : narrateReverse(graph, rev.values, outputName, wrt),
    ok,
  };
}

export async function grad(expr: string, opts: GradOptions): Promise<number> {
  const r = computeGrad(expr, opts);
  if (opts.json) printJson(r);
  else process.stdout.write(await renderGrad(r));
  return r.ok ? 0 : 1;
}

const num = (v: unknown) => (typeof v === 'number' ? fmtNum(v) : String(v));
/** A gradient for the table: numbers as numbers, tensors summarised. */
const show = (v: unknown) => (Array.isArray(v) ? fmtValue(Tensor.from(v) as Value) : num(v));

export async function renderGrad(r: GradResult): Promise<string> {
  const c = colorFor(process.stdout);
  const lines = [`${c.bold(r.output)} = ${show(r.value)}`];
  const d = `∂${r.output}/∂var`;
  const comps = (r.check?.components ?? {}) as Record<string, Record<string, unknown>>;
  const head = ['var', d];
  if (r.forward && r.mode === 'both') head.push('forward');
  if (r.check) head.push('finite diff', 'abs err', 'rel err', 'ok');
  const rows: string[][] = [];
  // Per-component rows when the check ran component by component; else one row per variable.
  const perComponent = r.check && !Object.values(comps).some((k) => k.method === 'directional');
  const labels = perComponent ? Object.keys(comps) : Object.keys(r.gradient);
  for (const label of labels) {
    const k = perComponent ? comps[label] : undefined;
    const row = [label, k ? num(k.analytic) : show(r.gradient[label])];
    if (r.forward && r.mode === 'both') row.push(k ? num(k.forward) : show(r.forward[label]));
    if (k) {
      const mark = k.ok ? c.green('✓') : c.red('✗');
      row.push(num(k.numeric) + (k.method === 'one-sided' ? '*' : ''), fmtErr(k.abs_err as number), fmtErr(k.rel_err as number), mark);
    }
    else if (r.check) row.push('', '', '', '');
    rows.push(row);
  }
  lines.push(await table(head, rows, head.map((_, i) => i > 0 && i < head.length - 1)));
  if (r.check && !perComponent) {
    // Too many components to list: the check ran along random directions.
    const dirRows = Object.entries(comps).map(([label, k]) => [
      label, num(k.analytic), num(k.numeric), fmtErr(k.abs_err as number), fmtErr(k.rel_err as number), k.ok ? c.green('✓') : c.red('✗'),
    ]);
    lines.push(await table(['direction', 'gᵀv', 'finite diff', 'abs err', 'rel err', 'ok'], dirRows, [false, true, true, true, true, false]));
  }
  if (r.check) {
    const n = Object.keys(comps).length;
    const bad = Object.values(comps).filter((k) => !k.ok).length;
    const verdict = r.check.ok ? c.green(`all ${n} ok`) : c.red(`${bad} of ${n} failed`);
    lines.push(c.dim(`check: ${r.check.method}, step ${r.check.step}, rtol ${fmtNum(r.check.rtol)}, atol ${fmtNum(r.check.atol)}: `) + verdict);
    if (Object.values(comps).some((k) => k.method === 'one-sided')) {
      lines.push(c.dim('* a kink lies inside the stencil: compared with one-sided differences'));
    }
  }
  if (r.hvp) {
    lines.push('Hessian-vector product (forward over reverse):');
    for (const [name, v] of Object.entries(r.hvp)) lines.push(`  H·v[${name}] = ${show(v)}`);
  }
  for (const k of r.kinks) lines.push(`${c.yellow('note:')} ${k.node} is at a non-differentiable point; used ${k.convention}`);
  if (r.steps) lines.push(stepsText(r.steps, { value: c.green, derivative: r.mode === 'forward' ? c.blue : c.red, dim: c.dim }).trimEnd());
  return `${lines.join('\n')}\n`;
}

