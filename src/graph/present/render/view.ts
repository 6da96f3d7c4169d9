import { CgError } from '../../../errors.js';
import { evaluate, type Env } from '../../engines/evaluate.js';
import { nodeText } from '../../format.js';
import { forward } from '../../engines/forward.js';
import { dependents, type Graph } from '../../graph.js';
import { filled, num } from '../../engines/numeric.js';
import { reverse } from '../../engines/reverse.js';
import { map, sizeOf, Tensor, zip, type Value } from '../../tensor.js';
import { ancestors, displayNames, formula } from './names.js';
import { FULL } from './grid.js';
import { brief } from './numbers.js';

/**
 * What a picture of a graph shows, independent of the format that draws it: nodes with
 * forward values and gradients (or tangents), edges with the value that flows along them
 * and the part of the gradient that flows back along them.
 */

/** A part of the graph drawn as one box: an assigned name's expression, a layer. */
export interface Group {
  name: string;
  /** The node whose value the group produces. */
  root: number;
  /** Text in the box under the name (default: the root's source text). */
  label?: string;
}

export interface ViewOptions {
  /** The output's name (`f`, or the last assignment's). */
  outputName: string;
  /** The text the graph came from, for the legend. */
  expression?: string;
  /** `reverse` annotates gradients ∂f/∂node; `forward` tangents dnode/dx for one variable. */
  mode?: 'reverse' | 'forward';
  /** Reverse: the variables gradients flow to (default all); forward: exactly one. */
  wrt?: readonly string[];
  /** Leave out nodes that depend on no variable; their values appear in their users' labels. */
  hideConstants?: boolean;
  groups?: readonly Group[];
  /** Lines on where the values came from (a model's batch and weights), before the view's own notes. */
  notes?: readonly string[];
  /** false: the legend leaves out the point (a model's tensors, already summarised on the edges). */
  legendAt?: boolean;
  /** Tensors up to full×full are drawn in full, as grids of numbers (default FULL, 6). */
  full?: number;
  /** The structure only: the values are placeholders and no format shows a number. */
  bare?: boolean;
}

export interface ViewNode {
  /** `n<id>` for a graph node, `g<k>` for a collapsed group. */
  id: string;
  kind: 'var' | 'const' | 'op' | 'group';
  /** The op's name; `var`, `const` or `group` otherwise. */
  op: string;
  /** The node's name in formulas and in `cg grad --steps` (q, r, ... for unnamed intermediates). */
  name: string;
  /** What the picture writes in the node: the op's symbol, a variable's name. */
  label: string;
  /** `q = x + y`; a variable's name; a group's expression. */
  formula: string;
  shape: number[];
  value: Value;
  /** ∂output/∂node summed over all paths (reverse mode), else null. */
  gradient: Value | null;
  /** The gradient before round-off was shown as 0 (for JSON), where it differs. */
  rawGradient?: Value;
  /** dnode/dx (forward mode), else null. */
  tangent: Value | null;
  /** Graph node ids this node stands for. */
  members: number[];
  output: boolean;
  /** Outgoing edges drawn. */
  uses: number;
}

export interface ViewEdge {
  from: string;
  to: string;
  /** The value flowing along the edge (its tail's value). */
  value: Value;
  /** Reverse mode: the gradient flowing back along this edge (the tail's share via this use). */
  gradient: Value | null;
  /** The gradient before round-off was shown as 0 (for JSON), where it differs. */
  rawGradient?: Value;
  /** Forward mode: the tangent flowing along the edge (its tail's tangent). */
  tangent: Value | null;
}

export interface GraphView {
  expression: string;
  outputName: string;
  /** The view node that produces the output. */
  output: string;
  mode: 'reverse' | 'forward';
  wrt: string[];
  /** Forward mode: the seed tangent of the variable (1, or ones for a tensor). */
  seed: Value | null;
  /** The output's gradient seed (1) in reverse mode, its tangent in forward mode; null where none. */
  outputDerivative: Value | null;
  nodes: ViewNode[];
  edges: ViewEdge[];
  at: Map<string, Value>;
  /** Whether the legend writes out `at`. */
  legendAt: boolean;
  /** Tensors up to full×full are drawn in full. */
  full: number;
  notes: string[];
  /** The structure only (no values were given): no numbers anywhere. */
  bare: boolean;
}

const addV = (a: Value, b: Value) => zip(a, b, (p, q) => p + q);

/** Node gradients and each edge's share of them, as reverse() computes and reports them. */
function edgeGradients(g: Graph, vals: ArrayLike<Value>, active: Uint8Array) {
  const part = new Map<string, Value>();
  const shape = (i: number, k: number) => g.nodes[g.nodes[i].inputs[k]].shape;
  const adj = reverse(g, num, (i) => vals[i], g.output, 1, active, (e) => part.set(`${e.node}:${e.input}`, filled(e.contribution, shape(e.node, e.input))));
  // Full-shaped, like the edges (an adjoint may be a scalar standing for a filled tensor).
  return { adj: adj.map((a, i) => (a === undefined || i === g.output ? a : filled(a, g.nodes[i].shape))), part };
}

/** The members of a group: what only its root uses, back to variables and other named nodes. */
function groupMembers(g: Graph, root: number, live: Uint8Array, taken: Int32Array, named: Set<number>, users: number[][]): number[] {
  const inside = new Uint8Array(g.nodes.length);
  inside[root] = 1;
  for (let i = root; i >= 0; i--) {
    if (!inside[i]) continue;
    for (const j of g.nodes[i].inputs) {
      const n = g.nodes[j];
      if (n.op !== 'var' && !named.has(j) && taken[j] < 0) inside[j] = 1;
    }
  }
  // A node also used outside the group stays outside, and so does what feeds only it.
  for (let i = root - 1; i >= 0; i--) {
    if (inside[i] && users[i].some((u) => live[u] && !inside[u])) inside[i] = 0;
  }
  const members: number[] = [];
  for (let i = 0; i <= root; i++) if (inside[i]) members.push(i);
  return members;
}

/** The picture's content for graph `g` at the values `env`. */
export function graphView(g: Graph, env: Env, opts: ViewOptions): GraphView {
  const mode = opts.mode ?? 'reverse';
  const out = g.output;
  const vals = evaluate(g, env);
  const live = ancestors(g);
  const names = displayNames(g, opts.outputName);
  const notes: string[] = [...(opts.notes ?? [])];
  const vars = [...g.vars.keys()];
  const wrt = opts.wrt?.length ? [...opts.wrt] : vars;
  const wrtIds = wrt.map((w) => {
    const id = g.vars.get(w);
    if (id === undefined) throw new CgError('usage', `--wrt ${w}: not a variable of the expression`, { hint: `its variables are ${vars.join(', ') || 'none'}` });
    return id;
  });
  const active = dependents(g, wrtIds);

  let grads: (Value | undefined)[] | undefined;
  let part: Map<string, Value> | undefined;
  let tans: (Value | undefined)[] | undefined;
  let seed: Value | null = null;
  if (mode === 'reverse') {
    if (g.nodes[out].shape.length === 0) ({ adj: grads, part } = edgeGradients(g, vals, active));
    else notes.push(`no gradients: ${opts.outputName} is not a scalar (use --mode forward --wrt x for tangents)`);
  } else {
    if (wrt.length !== 1) throw new CgError('usage', '--mode forward needs exactly one variable: --wrt x', { hint: `its variables are ${vars.join(', ')}` });
    const shape = g.nodes[wrtIds[0]].shape;
    seed = shape.length ? Tensor.filled(shape, 1) : 1;
    if (shape.length) notes.push(`${wrt[0]} is a tensor: tangents are along the all-ones direction`);
    tans = forward(g, num, (i) => vals[i], new Map([[wrtIds[0], seed]]));
  }

  const hidden = new Uint8Array(g.nodes.length);
  if (opts.hideConstants) {
    const varying = dependents(g, g.vars.values());
    for (let i = 0; i < out; i++) hidden[i] = varying[i] ? 0 : 1;
  }

  const users: number[][] = g.nodes.map(() => []);
  for (const n of g.nodes) if (live[n.id]) for (const j of n.inputs) users[j].push(n.id);
  const taken = new Int32Array(g.nodes.length).fill(-1);
  const named = new Set(g.names.values());
  const groups = (opts.groups ?? []).map((grp, k) => {
    const members = groupMembers(g, grp.root, live, taken, named, users);
    for (const m of members) taken[m] = k;
    return { ...grp, members };
  });
  const viewId = (i: number) => (taken[i] >= 0 ? `g${taken[i]}` : `n${i}`);

  const derivative = (i: number) => ({
    gradient: grads && active[i] ? (grads[i] ?? zeroLike(g.nodes[i].shape)) : null,
    tangent: tans && active[i] ? (tans[i] ?? zeroLike(g.nodes[i].shape)) : null,
  });

  const nodes: ViewNode[] = [];
  for (const n of g.nodes) {
    const i = n.id;
    if (!live[i] || hidden[i]) continue;
    const k = taken[i];
    if (k >= 0) {
      const grp = groups[k];
      if (grp.root !== i) continue;
      nodes.push({
        id: viewId(i),
        kind: 'group',
        op: 'group',
        name: grp.name,
        label: grp.name,
        formula: `${grp.name} = ${grp.label ?? nodeText(g, i)}`,
        shape: [...n.shape],
        value: vals[i],
        ...derivative(i),
        members: grp.members,
        output: i === out,
        uses: 0,
      });
      continue;
    }
    const kind = n.op === 'var' ? 'var' : n.op === 'const' ? 'const' : 'op';
    nodes.push({
      id: viewId(i),
      kind,
      op: n.op,
      name: names[i],
      label: kind === 'op' ? opLabel(g, i, hidden, (j) => (g.nodes[j].op === 'const' ? names[j] : brief(vals[j]))) : names[i],
      formula: kind === 'op' ? `${names[i]} = ${formula(g, names, i)}` : names[i],
      shape: [...n.shape],
      value: vals[i],
      ...derivative(i),
      members: [i],
      output: i === out,
      uses: 0,
    });
  }

  const edges: ViewEdge[] = [];
  const merged = new Map<string, ViewEdge>();
  // Nodes whose gradient arrived through a broadcast sum shown with round-off as 0.
  const snapped = new Map<number, number>();
  for (const n of g.nodes) {
    const i = n.id;
    if (!live[i] || !n.def) continue;
    n.inputs.forEach((j, k) => {
      if (hidden[j]) return;
      const [a, b] = [viewId(j), viewId(i)];
      if (a === b) return;
      const raw = part?.get(`${i}:${k}`) ?? (grads && active[j] ? zeroLike(g.nodes[j].shape) : undefined);
      const share = raw === undefined || !grads ? raw : snapBroadcastSum(g, vals, i, k, raw, grads[i]);
      if (share !== raw) snapped.set(j, (snapped.get(j) ?? 0) + 1);
      // Into or out of a box, one edge per pair of boxes, its gradient the sum of the uses it stands for.
      const key = taken[i] >= 0 || taken[j] >= 0 ? `${a}>${b}` : `${a}>${b}#${k}`;
      const seen = merged.get(key);
      if (seen) {
        if (seen.gradient !== null && share !== undefined) seen.gradient = addV(seen.gradient, share);
        return;
      }
      const e: ViewEdge = {
        from: a,
        to: b,
        value: vals[j],
        gradient: share ?? null,
        tangent: tans && active[j] ? (tans[j] ?? zeroLike(g.nodes[j].shape)) : null,
      };
      if (share !== raw && raw !== undefined) e.rawGradient = raw;
      merged.set(key, e);
      edges.push(e);
    });
  }
  const byId = new Map(nodes.map((v) => [v.id, v]));
  for (const e of edges) byId.get(e.from)!.uses++;
  // A node with one use shows that edge's gradient, round-off and all.
  for (const [j] of snapped) {
    const v = byId.get(viewId(j));
    const only = edges.filter((e) => e.from === viewId(j));
    if (v && v.kind !== 'group' && only.length === 1 && only[0].gradient !== null && v.gradient !== null) {
      v.rawGradient = v.gradient;
      v.gradient = only[0].gradient;
    }
  }

  const at = new Map<string, Value>();
  for (const name of vars) if (env.has(name)) at.set(name, env.get(name)!);
  return {
    expression: opts.expression ?? g.source ?? '',
    outputName: opts.outputName,
    output: viewId(out),
    mode,
    wrt,
    seed,
    outputDerivative: grads ? 1 : tans ? (tans[out] ?? zeroLike(g.nodes[out].shape)) : null,
    nodes,
    edges,
    at,
    legendAt: opts.legendAt ?? true,
    full: opts.full ?? FULL,
    notes: opts.bare ? [...(opts.notes ?? []), 'the graph alone: give values with --at x=... for the forward and backward pass'] : notes,
    bare: opts.bare ?? false,
  };
}

const zeroLike = (shape: readonly number[]): Value => filled(undefined, shape);

const maxAbs = (v: Value) => (typeof v === 'number' ? Math.abs(v) : v.data.reduce((m: number, x: number) => Math.max(m, Math.abs(x)), 0));

/**
 * An edge's gradient with round-off shown as 0 where it is the sum over broadcast copies of
 * `add`, `sub` or `mul` (a bias's gradient summing to exactly 0 came out as -1.388e-17):
 * entries under 1e-12 of the largest the summed terms could make them (upstream × the
 * other input × copies). The JSON of `cg graph --format json` and the narration's keep raw values.
 */
function snapBroadcastSum(g: Graph, vals: ArrayLike<Value>, i: number, k: number, share: Value, upstream: Value | undefined): Value {
  const n = g.nodes[i];
  if (upstream === undefined || typeof share === 'number' || !['add', 'sub', 'mul'].includes(n.op)) return share;
  const copies = sizeOf(n.shape) / Math.max(1, sizeOf(g.nodes[n.inputs[k]].shape));
  if (copies <= 1) return share;
  const other = n.op === 'mul' ? maxAbs(vals[n.inputs[1 - k]]) : 1;
  const tiny = 1e-12 * maxAbs(upstream) * other * copies;
  return tiny > 0 ? map(share, (x) => (Math.abs(x) <= tiny ? 0 : x)) : share;
}

/** An op's symbol, with the constants it uses written in where they are hidden (`+ 1`, `1 ÷`). */
function opLabel(g: Graph, i: number, hidden: Uint8Array, constText: (j: number) => string): string {
  const n = g.nodes[i];
  const def = n.def!;
  const sym = def.print?.label ?? def.callAs ?? n.op;
  if (!n.inputs.some((j) => hidden[j])) return sym;
  const arg = (j: number) => (hidden[j] ? constText(j) : '·');
  if (def.infix !== undefined) {
    const [a, b] = n.inputs;
    // cs231n's `+1` and `*2` for the commutative gates; a placeholder where order matters (`1 ÷ ·`).
    if ((n.op === 'add' || n.op === 'mul') && hidden[a] !== hidden[b]) return `${sym}${arg(hidden[b] ? b : a)}`;
    if (n.op === 'pow' && hidden[b]) return `^${arg(b)}`;
    return `${arg(a)} ${sym} ${arg(b)}`;
  }
  return `${sym}(${n.inputs.map(arg).join(', ')})`;
}
