/**
 * A model spec as a graph in cg's IR: X·W1 + b1 → activation → ... → loss(logits, Y), on a
 * batch of B rows. Training then adds the gradient to the same graph as nodes (by the op
 * table's vjp rules, through the generic reverse sweep) and compiles it (executor.ts).
 */
import { Graph, dependents, type Node } from '../graph/graph.js';
import type { Attrs } from '../graph/ops/define.js';
import { reverse } from '../graph/engines/reverse.js';
import { GraphBuilder } from '../graph/engines/symbolic.js';
import type { Shape } from '../graph/tensor.js';
import type { Z } from '../graph/builder.js';
import type { LossName } from './names.js';

export interface LayerDef {
  units: number;
  /** An elementwise op of the table (relu, tanh, ...), or undefined for a linear layer. */
  activation?: string;
}

export interface ModelDef {
  inputs: number;
  layers: LayerDef[];
  loss: LossName;
}

export interface Param {
  name: string;
  id: number;
  shape: Shape;
  /** 0-based layer index. */
  layer: number;
  kind: 'weight' | 'bias';
}

export interface ModelGraph {
  graph: Graph;
  batch: number;
  def: ModelDef;
  /** Variable ids of the inputs [B, inputs] and targets [B, outputs]. */
  x: number;
  y: number;
  params: Param[];
  /** The last layer's output (logits for the fused losses), [B, outputs]. */
  logits: number;
  loss: number;
  /** For messages: what each node is, by layer ("layer 2 (64, relu): relu"). */
  describe(id: number): string;
}

/** Activation names that mean "no activation". */
export const ACTIVATIONS_EXTRA = ['linear', 'none'];

/** The activation op of a layer, or undefined for a linear layer. */
export function activationOf(act: string | undefined): string | undefined {
  return act === undefined || ACTIVATIONS_EXTRA.includes(act) ? undefined : act;
}

export const LOSS_OPS: Record<LossName, string> = { cross_entropy: 'softmax_cross_entropy', mse: 'mse', bce: 'bce_logits' };

export function modelDef(inputs: number, layers: readonly { units: number; activation?: string }[], loss: LossName): ModelDef {
  return { inputs, layers: layers.map((l) => ({ units: l.units, activation: activationOf(l.activation) })), loss };
}

export const outputsOf = (def: ModelDef): number => def.layers[def.layers.length - 1].units;

/** Parameter names and shapes, in order: W1 [in, units], b1 [units], W2, b2, ... */
export function paramShapes(def: ModelDef): { name: string; shape: Shape; layer: number; kind: 'weight' | 'bias' }[] {
  const out: { name: string; shape: Shape; layer: number; kind: 'weight' | 'bias' }[] = [];
  let fanIn = def.inputs;
  def.layers.forEach((l, i) => {
    out.push({ name: `W${i + 1}`, shape: [fanIn, l.units], layer: i, kind: 'weight' });
    out.push({ name: `b${i + 1}`, shape: [l.units], layer: i, kind: 'bias' });
    fanIn = l.units;
  });
  return out;
}

export function layerText(def: ModelDef, i: number): string {
  const l = def.layers[i];
  return `layer ${i + 1} (${l.units} unit${l.units === 1 ? "" : "s"}, ${l.activation ?? "linear"})`;
}

/**
 * The forward graph: output = loss. `withLoss: false` stops at the last layer (prediction).
 * Rows are samples, so each layer is one matrix product X·W and a broadcast bias add.
 */
export function buildModelGraph(def: ModelDef, batch: number, opts: { withLoss?: boolean } = {}): ModelGraph {
  const g = new Graph();
  const owner = new Map<number, string>();
  const note = (id: number, what: string) => {
    if (!owner.has(id)) owner.set(id, what);
    return id;
  };
  const x = note(g.variable('X', [batch, def.inputs]), 'the input batch X');
  const outputs = outputsOf(def);
  const y = opts.withLoss === false ? -1 : note(g.variable('Y', [batch, outputs]), 'the target batch Y');
  const params: Param[] = [];
  let h = x;
  def.layers.forEach((l, i) => {
    const text = layerText(def, i);
    const [w, b] = [i * 2, i * 2 + 1].map((k) => paramShapes(def)[k]);
    const wid = note(g.variable(w.name, w.shape), `${text}: weights ${w.name}`);
    const bid = note(g.variable(b.name, b.shape), `${text}: bias ${b.name}`);
    params.push({ ...w, id: wid }, { ...b, id: bid });
    const z = note(g.add('add', [note(g.add('matmul', [h, wid]), `${text}: matmul`), bid]), `${text}: bias add`);
    h = l.activation ? note(g.add(l.activation, [z]), `${text}: ${l.activation}`) : z;
    g.names.set(i === def.layers.length - 1 ? 'logits' : `h${i + 1}`, h);
  });
  let loss = h;
  if (opts.withLoss !== false) {
    loss = note(g.add(LOSS_OPS[def.loss], [h, y]), `the loss (${LOSS_OPS[def.loss]})`);
    g.names.set('loss', loss);
  }
  g.output = loss;
  return {
    graph: g,
    batch,
    def,
    x,
    y,
    params,
    logits: h,
    loss,
    describe: (id) => owner.get(id) ?? `node ${id} (${g.nodes[id].op})`,
  };
}

/**
 * A graph builder for the derivative sweep that drops multiplications by the seed 1 and
 * remembers which forward node each derivative node was made for (for NaN reports).
 */
class SweepBuilder extends GraphBuilder {
  current = -1;
  readonly madeFor = new Map<number, number>();
  override apply(op: string, xs: Node[], attrs?: Attrs): Node {
    const n = super.apply(op, xs, attrs);
    if (!this.madeFor.has(n.id) && this.current >= 0) this.madeFor.set(n.id, this.current);
    return n;
  }
  override mul(a: Z<Node> | number, b: Z<Node> | number): Z<Node> {
    if (isOne(a) && typeof b === 'object') return b;
    if (isOne(b) && typeof a === 'object') return a;
    return super.mul(a, b);
  }
}

/** The scalar constant 1 (the seed), which multiplies nothing. */
const isOne = (v: Z<Node> | number): boolean => typeof v === 'object' && v.op === 'const' && v.value === 1 && v.shape.length === 0;

export interface TrainingGraph extends ModelGraph {
  /** The gradient node of each parameter (same order as params). */
  grads: number[];
}

/**
 * The model graph with ∂loss/∂param added as nodes by the reverse sweep of src/graph (the
 * same sweep and the same rules `cg grad` uses, applied with a graph builder).
 */
export function buildTrainingGraph(def: ModelDef, batch: number): TrainingGraph {
  const m = buildModelGraph(def, batch);
  const g = m.graph;
  const b = new SweepBuilder(g, true);
  const ids = m.params.map((p) => p.id);
  const adj = reverse(
    g,
    b,
    (i) => {
      // The sweep reads node i's own value last before applying its rule: note whose rule runs.
      b.current = i;
      return g.nodes[i];
    },
    m.loss,
    b.lift(1),
    dependents(g, ids),
  );
  b.current = -1;
  const grads = ids.map((id, k) => {
    const a = adj[id];
    if (a === undefined) throw new Error(`the loss does not depend on ${m.params[k].name}`);
    return a.shape.length === g.nodes[id].shape.length ? a.id : b.broadcastTo(a, g.nodes[id].shape)!.id;
  });
  const describe = (id: number): string => {
    const f = b.madeFor.get(id);
    return f === undefined ? m.describe(id) : `the gradient through ${m.describe(f)}`;
  };
  return { ...m, grads, describe };
}
