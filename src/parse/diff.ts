import { CgError } from '../errors.js';
import { hessian } from '../graph/engines/derivatives.js';
import { evaluate } from '../graph/engines/evaluate.js';
import { Graph } from '../graph/graph.js';
import { MAX_NODES, shortestForm } from '../graph/engines/simplify-forms.js';
import { toGraph, treeSizeOf } from '../graph/engines/simplify-tree.js';
import { derivationSteps, print, treeOf, type Step } from '../graph/engines/diff-steps.js';
import { matrixSteps } from './diff-steps-matrix.js';
import { gradient } from '../graph/engines/gradient.js';
import { latexName, printLatex, printProgram, type PrintOutput } from '../graph/present/print.js';
import { jsonValue } from '../graph/present/render/numbers.js';
import { countOps, derivativeGraph, type DerivativeGraph, type SweepMode } from '../graph/engines/simplify.js';
import { fmtShape, type Shape, type Value } from '../graph/tensor.js';
import { namesUsedAsTensors, scalarsAssumedNote, valuesForShapes } from './diff-shapes.js';
import { buildGraph, CONSTANTS, freeNames, pickWrt, variablesInOrder } from './index.js';

/**
 * `cg diff` without the command line: derivatives printed as a program in the variables
 * (reverse or forward sweep, whichever prints shorter), and with values, that program
 * parsed back, evaluated and compared with reverse mode.
 */

export interface DiffRequest {
  /** `x,y`; `x,x` for the second derivative; all variables when absent. */
  wrt?: string;
  /** 1 to 6 (a string as typed after --order); above 1, scalar variables only. */
  order?: string;
  latex?: boolean;
  rtol?: number;
  atol?: number;
  /** Values of the variables: the printed program is checked there. */
  values?: Map<string, Value>;
  /** Work each first derivative out rule by rule (`--steps`). */
  steps?: boolean;
  /** Declared shapes (`--shape`): names without values get seeded random ones of that shape. */
  shapes?: Map<string, Shape>;
}

export interface DiffCheck {
  at: Record<string, unknown>;
  /** What the printed derivatives are compared with. */
  reference: string;
  rtol: number;
  atol: number;
  ok: boolean;
  components: Record<string, { printed: unknown; reference: unknown; abs_err: number; ok: boolean }>;
}

/** What `cg diff` found; `--json` prints exactly this (see README, "cg diff"). */
export interface DiffResult {
  expression: string;
  output: string;
  wrt: string[];
  order: number;
  /** Which sweep built the printed derivatives (the shorter text of the two). */
  mode: SweepMode;
  /** Derivative name (`df_dx`, `d2f_dx_dy`) → its expression, in terms of the bindings. */
  derivatives: Record<string, string>;
  /** Named intermediates, in dependency order. */
  bindings: { name: string; text: string }[];
  /** Bindings and derivatives as one program (what the text output prints). */
  program: string;
  latex: string | null;
  size: {
    /** Length of `program`. */
    characters: number;
    bindings: number;
    /** Operations in the printed derivatives, and in the derivative graph before simplification. */
    nodes: number;
    raw_nodes: number;
  };
  /** With `--at`: the printed program evaluated there, against reverse mode. */
  check: DiffCheck | null;
  /** With `--steps`: each derivative worked out rule by rule, then simplified (the strings in LaTeX with --latex). */
  steps: { derivative: string; wrt: string; steps: Step[] }[] | null;
  /** What the reader must know about the result (shapes assumed, a random check point). */
  notes: string[];
  ok: boolean;
}

export const DEFAULT_RTOL = 1e-9;
export const DEFAULT_ATOL = 1e-12;
/** The tolerances a check against differences of the Hessian needs at least (h = 1e-3: errors of order h²). */
const FD_RTOL = 1e-4;
const FD_ATOL = 1e-6;
/** The highest --order: the printed size stays linear, but the check's finite differences lose digits beyond. */
const MAX_ORDER = 6;
/** Forward mode is tried while (variables × graph nodes) stays under this. */
const FORWARD_LIMIT = 200_000;

export interface Loaded {
  graph: Graph;
  outputName: string;
  variables: string[];
  /** Values from `--at` / `--at-file`; undefined without them (no check then). */
  values?: Map<string, Value>;
  notes?: string[];
}

/** With values, the graph they bind; without, every free name is a scalar variable. */
function load(expr: string, values: Map<string, Value> | undefined, shapes?: Map<string, Shape>): Loaded {
  if (shapes) {
    const all = valuesForShapes(freeNames(expr), shapes, values);
    const { graph, outputName } = buildGraph(expr, all);
    const notes = ['checked at a seeded random point for the names --at does not give'];
    return { graph, outputName, variables: variablesInOrder(graph), values: all, notes };
  }
  if (values) {
    const { graph, outputName } = buildGraph(expr, values);
    return { graph, outputName, variables: variablesInOrder(graph), values };
  }
  const names = freeNames(expr);
  const tensors = namesUsedAsTensors(expr, names);
  let built: ReturnType<typeof buildGraph>;
  try {
    built = buildGraph(expr, new Map(names.map((n) => [n, 0])));
  } catch (e) {
    // Taken as scalars, a tensor function fails on shapes: say what is missing, and how to give it.
    if (e instanceof CgError && e.code === 'shape' && tensors.length) {
      const example = tensors.map((n) => `${n}=1x3`).join(',');
      throw new CgError('shape', `cg diff needs the shapes of ${tensors.join(', ')} for this expression`, { hint: `for example: cg diff "${expr}" --shape ${example}` });
    }
    throw e;
  }
  const { graph, outputName } = built;
  const notes = tensors.length ? [scalarsAssumedNote(tensors)] : [];
  return { graph, outputName, variables: names.filter((n) => graph.vars.has(n)), notes };
}

/** What to differentiate by: `--wrt x,y` with `--order 1|2`, or `--wrt x,x` for ∂²/∂x². */
function requestsOf(opts: DiffRequest, variables: string[]): { wrt: string[]; order: number; requests: string[][] } {
  const listed = (opts.wrt ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let order = opts.order === undefined ? undefined : Number(opts.order);
  if (order !== undefined && !(Number.isInteger(order) && order >= 1 && order <= MAX_ORDER)) {
    throw new CgError('usage', `--order must be a whole number from 1 to ${MAX_ORDER}, got '${opts.order}'`);
  }
  let wrt: string[];
  if (new Set(listed).size < listed.length) {
    if (listed.length !== 2 || order === 1) {
      throw new CgError('usage', `--wrt ${opts.wrt}: a name is listed twice only as --wrt x,x (the second derivative)`, {
        hint: 'for all second derivatives of several variables use --order 2 --wrt x,y',
      });
    }
    order = 2;
    wrt = pickWrt(listed[0], variables);
  } else wrt = pickWrt(opts.wrt, variables);
  order ??= 1;
  const requests: string[][] = [];
  if (order === 1) for (const v of wrt) requests.push([v]);
  else {
    // Every derivative of that order once: the variables in non-decreasing order (∂³f/∂x²∂y, not also ∂y∂x²).
    const grow = (prefix: number[]) => {
      if (prefix.length === order) return void requests.push(prefix.map((i) => wrt[i]));
      for (let i = prefix.at(-1) ?? 0; i < wrt.length; i++) grow([...prefix, i]);
    };
    grow([]);
  }
  return { wrt, order, requests };
}

/** `df_dx`, `d2f_dx2`, `d2f_dx_dy`, made unique against names the program uses. */
function derivativeName(out: string, r: readonly string[], taken: Set<string>): { name: string; latex: string } {
  const f = latexName(out);
  let name: string;
  let latex: string;
  if (r.length === 1) {
    name = `d${out}_d${r[0]}`;
    latex = `\\frac{\\partial ${f}}{\\partial ${latexName(r[0])}}`;
  } else if (r.length > 2) {
    // d3f_dx3, d3f_dx2_dy; d3f_dx1_dx1_dx1 where a name ends in a digit.
    const groups = [...new Set(r)].map((v) => ({ v, m: r.filter((w) => w === v).length }));
    name = `d${r.length}${out}_${groups.map(({ v, m }) => (m === 1 ? `d${v}` : /\d$/.test(v) ? Array(m).fill(`d${v}`).join('_') : `d${v}${m}`)).join('_')}`;
    latex = `\\frac{\\partial^{${r.length}} ${f}}{${groups.map(({ v, m }) => `\\partial ${latexName(v)}${m > 1 ? `^{${m}}` : ''}`).join('\\,')}}`;
  } else if (r[0] === r[1]) {
    // d2f_dx2, but d2f_dx1_dx1 where the name ends in a digit.
    name = /\d$/.test(r[0]) ? `d2${out}_d${r[0]}_d${r[0]}` : `d2${out}_d${r[0]}2`;
    latex = `\\frac{\\partial^{2} ${f}}{\\partial ${latexName(r[0])}^{2}}`;
  } else {
    name = `d2${out}_d${r[0]}_d${r[1]}`;
    latex = `\\frac{\\partial^{2} ${f}}{\\partial ${latexName(r[0])}\\,\\partial ${latexName(r[1])}}`;
  }
  while (taken.has(name)) name += '_';
  taken.add(name);
  return { name, latex };
}

/** `cg diff` as a function: the derivatives of `expr` printed, and checked where `values` are given. */
export function computeDiff(expr: string, opts: DiffRequest = {}): DiffResult {
  return diffLoaded(expr, load(expr, opts.values, opts.shapes), opts);
}

/** The same for a graph already built (the CLI builds it from --at / --at-file). */
export function diffLoaded(expr: string, loaded: Loaded, opts: DiffRequest): DiffResult {
  const rtol = opts.rtol ?? DEFAULT_RTOL;
  const atol = opts.atol ?? DEFAULT_ATOL;
  const { graph, outputName, variables, values } = loaded;
  const outShape = graph.nodes[graph.output].shape;
  if (outShape.length > 0) {
    throw new CgError('shape', `cg diff needs a scalar output; ${outputName} has shape ${fmtShape(outShape)}`, {
      hint: 'differentiate sum(...) or one entry, or use cg jacobian for the numbers',
    });
  }
  if (!variables.length) throw new CgError('usage', `${outputName} has no variables to differentiate by`);
  const { wrt, order, requests } = requestsOf(opts, variables);
  if (order >= 2) {
    for (const v of wrt) {
      const shape = graph.nodes[graph.vars.get(v)!].shape;
      if (shape.length) throw new CgError('shape', `${order === 2 ? 'second derivatives' : `derivatives of order ${order}`} need scalar variables; ${v} has shape ${fmtShape(shape)}`, { hint: 'cg hessian gives the numbers' });
    }
  }
  const taken = new Set([...graph.vars.keys(), ...graph.names.keys(), ...Object.keys(CONSTANTS)]);
  const names = requests.map((r) => derivativeName(outputName, r, taken));
  const reserved = Object.keys(CONSTANTS);
  // Reverse mode shares work across variables; forward mode (a sweep per scalar variable)
  // often prints shorter for one or two. Both are built and the shorter text is kept.
  const scalars = wrt.every((v) => graph.nodes[graph.vars.get(v)!].shape.length === 0);
  const modes: SweepMode[] = scalars && wrt.length * graph.nodes.length <= FORWARD_LIMIT ? ['reverse', 'forward'] : ['reverse'];
  let best: { mode: SweepMode; dg: DerivativeGraph; outputs: PrintOutput[]; printed: ReturnType<typeof printProgram> } | undefined;
  // Each sweep with and without the algebra of simplify-algebra.ts: collecting can undo a
  // sharing, so the plain form stays a candidate and the result never grows past it.
  // Where the algebra rewrote nothing, the plain form is the same graph: not built twice.
  const candidates: [SweepMode, boolean][] = modes.flatMap((m) => [[m, true], [m, false]] as [SweepMode, boolean][]);
  let collected = 0;
  for (const [mode, algebra] of candidates) {
    if (!algebra && collected === 0) continue;
    const dg = derivativeGraph(graph, requests, mode, graph.output, algebra);
    if (algebra) collected = dg.collected ?? 0;
    const outputs = names.map((o, k) => ({ ...o, id: dg.roots[k] }));
    const printed = printProgram(dg.graph, outputs, { reserved });
    if (!best || printed.program.length < best.printed.program.length) best = { mode, dg, outputs, printed };
  }
  if (scalars && [...graph.vars.values()].every((id) => graph.nodes[id].shape.length === 0)) {
    const forms = personForms(best!.dg, names, reserved);
    if (forms && forms.printed.program.length < best!.printed.program.length) best = { ...best!, ...forms };
  }
  const { mode, dg, outputs, printed } = best!;
  const derivatives: Record<string, string> = Object.create(null);
  for (const o of printed.outputs) derivatives[o.name] = o.text;
  const check = values ? checkPrinted(printed.program, graph, values, wrt, order, requests, outputs, rtol, atol) : null;
  return {
    expression: expr,
    output: outputName,
    wrt,
    order,
    mode,
    derivatives,
    bindings: printed.bindings,
    program: printed.program,
    latex: opts.latex ? printLatex(dg.graph, outputs, { reserved }) : null,
    size: {
      characters: printed.program.length,
      bindings: printed.bindings.length,
      nodes: countOps(dg.graph, dg.roots),
      raw_nodes: dg.rawOps,
    },
    check,
    steps: opts.steps ? stepsOf(graph, wrt, order, names, opts.latex ? 'latex' : 'text', dg, { derivatives, bindings: printed.bindings }) : null,
    notes: loaded.notes ?? [],
    ok: check ? check.ok : true,
  };
}

/**
 * The derivatives written as a person would (simplify-forms.ts): each scalar derivative's
 * tree, written out, in its shortest form, then printed as a program again (shared parts
 * named where that shortens). Undefined where a derivative is too big to search.
 */
function personForms(dg: DerivativeGraph, names: { name: string; latex: string }[], reserved: string[]): { dg: DerivativeGraph; outputs: PrintOutput[]; printed: ReturnType<typeof printProgram> } | undefined {
  // Names an assignment gave stay names (c = a + b is c): they are leaves of the trees.
  const named = [...dg.graph.names].sort((a, b) => a[1] - b[1]);
  const leaves = new Map(named.map(([name, id]) => [id, name]));
  const own = (id: number) => new Map([...leaves].filter(([k]) => k !== id));
  // Bounded before anything is written out: a big derivative (64 sines) costs one walk.
  if ([...dg.roots, ...named.map(([, id]) => id)].some((r) => treeSizeOf(dg.graph, r, MAX_NODES, own(r)) > MAX_NODES)) return undefined;
  const trees = dg.roots.map((r) => treeOf(dg.graph, r, own(r)));
  const defs = named.map(([name, id]) => ({ name, tree: treeOf(dg.graph, id, own(id)) }));
  const g = new Graph();
  for (const [name, id] of dg.graph.vars) g.variable(name, dg.graph.nodes[id].shape);
  const bound = new Map<string, number>();
  for (const d of defs) {
    const id = toGraph(d.tree, g, bound);
    bound.set(d.name, id);
    if (g.nodes[id].def && !g.names.has(d.name)) g.names.set(d.name, id);
  }
  const roots = trees.map((t) => toGraph(shortestForm(t), g, bound));
  const outputs = names.map((o, k) => ({ ...o, id: roots[k] }));
  return { dg: { graph: g, roots, rawOps: dg.rawOps, collected: dg.collected }, outputs, printed: printProgram(g, outputs, { reserved }) };
}

/**
 * The derivation of each first derivative (scalar variables only: the rules are the scalar
 * ones). Each ends at the derivative as printed (the names cg gave shared parts written out).
 */
function stepsOf(graph: Graph, wrt: string[], order: number, names: { name: string }[], style: 'text' | 'latex', dg: DerivativeGraph, printed: { derivatives: Record<string, string>; bindings: { name: string; text: string }[] }): DiffResult['steps'] {
  if (order !== 1) throw new CgError('usage', '--steps shows first derivatives; drop --order 2 or --steps');
  const tensors = wrt.some((v) => graph.nodes[graph.vars.get(v)!].shape.length) || [...graph.vars.values()].some((id) => graph.nodes[id].shape.length);
  if (tensors) {
    // Matrix expressions: the backward sweep, one matrix rule per step, ending at the answer.
    return wrt.map((v, k) => {
      const steps = matrixSteps(graph, v);
      const answer = printed.derivatives[names[k].name];
      const own = printed.bindings.length ? inlineBindings(answer, printed.bindings) : answer;
      if (!steps.length || steps.at(-1)!.after !== own) {
        steps.push({ rule: 'the shortest form cg found (as printed below)', before: steps.at(-1)?.after ?? `d/d${v}[${graph.output}]`, after: own, reached: own, pending: [] });
      }
      return { derivative: names[k].name, wrt: v, steps };
    });
  }
  const tree = treeOf(graph, graph.output);
  const named = new Map([...dg.graph.names].map(([name, id]) => [id, name]));
  const given = [...dg.graph.names].map(([name, id]) => `${name} = ${print(treeOf(dg.graph, id, new Map([...named].filter(([k]) => k !== id))), 'text', '')}`);
  return wrt.map((v, k) => {
    const answer = treeOf(dg.graph, dg.roots[k], named);
    const rule = given.some((g) => print(answer, 'text', '').match(new RegExp(`\\b${g.split(' ')[0]}\\b`))) ? `written with the names ${given.join(', ')}` : 'the shortest form cg found (as printed below)';
    return { derivative: names[k].name, wrt: v, steps: derivationSteps(tree, v, style, { tree: answer, rule }) };
  });
}

/** A derivative's text with the program's bindings written out (in parentheses). */
function inlineBindings(text: string, bindings: { name: string; text: string }[]): string {
  for (const b of [...bindings].reverse()) text = text.replace(new RegExp(`\\b${b.name}\\b`, 'g'), `(${b.text})`);
  return text;
}

/** Parse the printed program back, evaluate it at the values, and compare with reverse mode. */
function checkPrinted(
  program: string,
  graph: Graph,
  values: Map<string, Value>,
  wrt: string[],
  order: number,
  requests: string[][],
  outputs: { name: string }[],
  rtol: number,
  atol: number,
): DiffCheck {
  // (rtol and atol widen for a reference by differences, below.)
  const used = new Map([...values].filter(([k]) => graph.vars.has(k)));
  const back = buildGraph(program, used).graph;
  const vals = evaluate(back, used);
  let reference: (r: string[]) => Value;
  if (order === 1) {
    const grad = gradient(graph, used, wrt).gradient;
    reference = (r) => grad.get(r[0])!;
  } else if (order === 2) {
    const H = hessian(graph, used, wrt);
    reference = (r) => H.matrix[wrt.indexOf(r[0]) * H.n + wrt.indexOf(r[1])];
  } else {
    // No engine sweeps third derivatives: central differences of the Hessian (forward over reverse), one level per order above 2.
    rtol = Math.max(rtol, FD_RTOL);
    atol = Math.max(atol, FD_ATOL);
    const at = (env: Map<string, Value>, r: string[]): number => {
      if (r.length === 2) {
        const H = hessian(graph, env, wrt);
        return H.matrix[wrt.indexOf(r[0]) * H.n + wrt.indexOf(r[1])];
      }
      const v = r[r.length - 1];
      const x = env.get(v) as number;
      const h = 1e-3 * Math.max(1, Math.abs(x));
      const shifted = (d: number) => at(new Map(env).set(v, x + d), r.slice(0, -1));
      return (shifted(h) - shifted(-h)) / (x + h - (x - h));
    };
    reference = (r) => at(used, r);
  }
  const components: DiffCheck['components'] = Object.create(null);
  let ok = true;
  requests.forEach((r, k) => {
    const name = outputs[k].name;
    const printed = vals[back.names.get(name)!];
    const ref = reference(r);
    const p = typeof printed === 'number' ? [printed] : Array.from(printed.data);
    const q = typeof ref === 'number' ? [ref] : Array.from(ref.data);
    let err = 0;
    let good = p.length === q.length;
    for (let i = 0; good && i < p.length; i++) {
      const same = p[i] === q[i] || (Number.isNaN(p[i]) && Number.isNaN(q[i]));
      const e = same ? 0 : Math.abs(p[i] - q[i]);
      err = Math.max(err, Number.isNaN(e) ? Infinity : e);
      if (!same && !(e <= atol + rtol * Math.max(Math.abs(p[i]), Math.abs(q[i])))) good = false;
    }
    ok &&= good;
    components[name] = { printed: jsonValue(printed), reference: jsonValue(ref), abs_err: err, ok: good };
  });
  return {
    at: Object.fromEntries([...used].map(([k, v]) => [k, jsonValue(v)])),
    reference: order === 1 ? 'reverse mode' : order === 2 ? 'forward over reverse mode (as cg hessian)' : 'central differences of the Hessian',
    rtol,
    atol,
    ok,
    components,
  };
}
