import { checkGradient, componentLabel, DEFAULT_ATOL, DEFAULT_RTOL, kinkHits, MAX_COMPONENTS, randomDirections } from '../graph/check/check.js';
import { nodeText } from '../graph/format.js';
import { forward } from '../graph/engines/forward.js';
import { forwardGradient, gradient } from '../graph/engines/gradient.js';
import { CgError } from '../errors.js';
import { hvp } from '../graph/engines/derivatives.js';
import type { Graph } from '../graph/graph.js';
import { explain, nonfiniteJson, traceBackward, traceForward } from '../graph/check/nonfinite.js';
import { num as numeric } from '../graph/engines/numeric.js';
import { narrateForward, narrateReverse } from '../graph/present/steps.js';
import { sameShape, shapeOf, sizeOf, fmtShape, type Value } from '../graph/tensor.js';
import { parseAt } from '../parse/index.js';
import { loadInputs, numberOption, pickWrt } from './inputs.js';
import { mapToJson, printJson, toJson } from './output.js';
import { renderGrad } from './grad-render.js';
import { scalarOutput } from './scalar-output.js';
import type { OptionsOf } from './command.js';
import type { grad as spec } from './commands/grad.js';
import { checkJson, j, type ForwardDirections, type GradResult } from './grad-result.js';

export type { ForwardDirections, GradResult, Mode } from './grad-result.js';

/** The options as declared in commands/grad.ts. */
export type GradOptions = OptionsOf<typeof spec>;

/** Variables whose forward- and reverse-mode gradients differ beyond tolerance. */
function disagreements(a: ReadonlyMap<string, Value>, b: ReadonlyMap<string, Value>, rtol: number, atol: number): string[] {
  const flat = (v: Value) => (typeof v === 'number' ? [v] : Array.from(v.data));
  return [...a.keys()].filter((name) => {
    const y = flat(b.get(name)!);
    return flat(a.get(name)!).some((x, i) => !(Math.abs(x - y[i]) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y[i])) || Object.is(x, y[i])));
  });
}

/**
 * Jv by one forward sweep per direction, against gᵀv from the reverse gradient. Both are
 * sums over every component taken in different orders: the bound allows n·eps·Σ|gᵢvᵢ| of rounding.
 */
function forwardAlong(graph: Graph, values: ArrayLike<Value>, grad: ReadonlyMap<string, Value>, dirs: { label: string; vector: Map<string, Value> }[], rtol: number, atol: number): ForwardDirections {
  const out: ForwardDirections['directions'] = {};
  let n = 0;
  for (const g of grad.values()) n += sizeOf(shapeOf(g));
  for (const d of dirs) {
    const seeds = new Map([...d.vector].map(([name, v]) => [graph.vars.get(name)!, v]));
    const t = forward(graph, numeric, (i) => values[i] as number, seeds as never, graph.output)[graph.output] as Value | undefined;
    const jv = t === undefined ? 0 : typeof t === 'number' ? t : t.data[0];
    let gv = 0;
    let mag = 0;
    for (const [name, v] of d.vector) {
      const g = grad.get(name)!;
      const gs = typeof g === 'number' ? [g] : g.data;
      const vs = typeof v === 'number' ? [v] : v.data;
      for (let i = 0; i < vs.length; i++) {
        gv += gs[i] * vs[i];
        mag += Math.abs(gs[i] * vs[i]);
      }
    }
    const err = Math.abs(jv - gv);
    const tol = atol + rtol * Math.max(Math.abs(jv), Math.abs(gv)) + n * Number.EPSILON * mag;
    out[d.label] = { jv: j(jv), gv: j(gv), abs_err: j(err), tol: j(tol), ok: err <= tol };
  }
  return {
    method: `forward mode along ${dirs.length} random directions (Jv against gᵀv): ${n} components, more than ${MAX_COMPONENTS}, so no sweep per component`,
    ok: Object.values(out).every((d) => d.ok),
    directions: out,
  };
}

export function computeGrad(expr: string, opts: GradOptions): GradResult {
  const mode = opts.mode ?? 'both';
  const rtol = numberOption(opts.rtol, '--rtol');
  const atol = numberOption(opts.atol, '--atol');
  const step = numberOption(opts.step, '--step');
  if (step === 0) throw new CgError('usage', '--step must be positive, got 0');
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const notes: string[] = [];
  const shapeNote = scalarOutput(graph, outputName, 'cg grad');
  if (shapeNote) notes.push(shapeNote);
  const wrt = pickWrt(opts.wrt, variables);
  const rev = gradient(graph, values, wrt);
  const total = wrt.reduce((s, w) => s + sizeOf(graph.nodes[graph.vars.get(w)!].shape), 0);
  const big = total > MAX_COMPONENTS;
  // Per-component forward sweeps only where they are few, or where forward mode was asked for alone.
  const fwd = mode === 'forward' || (mode === 'both' && !big) ? forwardGradient(graph, rev.values, wrt) : undefined;
  const primary = mode === 'forward' ? fwd! : rev.gradient;
  const finiteAll = Number.isFinite(rev.value as number) && [...primary.values()].every((v) => (typeof v === 'number' ? Number.isFinite(v) : v.data.every(Number.isFinite)));
  const check = opts.check === false ? undefined : checkGradient(graph, values, primary, { rtol, atol, scheme: opts.scheme, step, strict: opts.strict });
  let ok = check ? check.ok : true;
  // Forward and reverse mode must agree with each other too, entry by entry or along directions.
  const disagree = fwd && mode === 'both' ? disagreements(rev.gradient, fwd, rtol ?? DEFAULT_RTOL, atol ?? DEFAULT_ATOL) : [];
  if (disagree.length) {
    ok = false;
    if (check) {
      check.ok = false;
      for (const c of check.components) if (disagree.includes(c.variable)) c.ok = false;
    }
  }
  let fdirs: ForwardDirections | null = null;
  if (mode === 'both' && big) {
    fdirs = forwardAlong(graph, rev.values, rev.gradient, check?.directions ?? randomDirections(values, rev.gradient), rtol ?? DEFAULT_RTOL, atol ?? DEFAULT_ATOL);
    if (!fdirs.ok) ok = false;
  }
  // A NaN or infinity: where it first appeared, forward or backward. Always a failure.
  let nonfinite: GradResult['nonfinite'] = null;
  if (!finiteAll) {
    ok = false;
    const v = rev.value as number;
    if (!Number.isFinite(v)) {
      const nf = traceForward(graph, values);
      if (nf) nonfinite = nonfiniteJson(nf, explain(nf, outputName, v));
    } else {
      const nf = traceBackward(graph, values, wrt);
      const bad = firstNonFinite(primary);
      if (nf && bad) nonfinite = nonfiniteJson(nf, explain(nf, `∂${outputName}/∂${bad.label}`, bad.value));
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
    forward_directions: fdirs,
    check: check ? checkJson(check, fwd) : null,
    kinks: kinkHits(graph, rev.values).map((k) => ({ node: nodeText(graph, k.node), convention: k.convention })),
    nonfinite,
    notes,
    hvp: hv ? mapToJson(hv) : null,
    steps: !opts.steps ? null : mode === 'forward' ? narrateForward(graph, rev.values, outputName, wrt) : narrateReverse(graph, rev.values, outputName, wrt),
    ok,
  };
}

/** The first non-finite gradient component, labelled like the check's rows. */
function firstNonFinite(grad: ReadonlyMap<string, Value>): { label: string; value: number } | undefined {
  for (const [name, g] of grad) {
    if (typeof g === 'number') {
      if (!Number.isFinite(g)) return { label: name, value: g };
      continue;
    }
    const k = g.data.findIndex((x) => !Number.isFinite(x));
    if (k >= 0) return { label: componentLabel(name, g.shape, k).label, value: g.data[k] };
  }
  return undefined;
}

export async function grad(expr: string, opts: GradOptions): Promise<number> {
  const r = computeGrad(expr, opts);
  if (opts.json) printJson(r);
  else process.stdout.write(await renderGrad(r, { verbose: opts.verbose }));
  return r.ok ? 0 : 1;
}
