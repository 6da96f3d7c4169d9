import { componentLabel, withComponent } from './directions.js';
import { evaluate, type Env } from './evaluate.js';
import { forward } from './forward.js';
import { dependents, type Graph, type Node } from '../graph.js';
import { gradient } from './gradient.js';
import { num } from './numeric.js';
import { reverse, reverseNumeric } from './reverse.js';
import { GraphBuilder } from './symbolic.js';
import { sizeOf, Tensor, type Shape, type Value } from '../tensor.js';

/** Flat entries of a value (scalars are one entry). */
const entries = (v: Value | undefined, size: number): ArrayLike<number> =>
  v === undefined ? new Float64Array(size) : typeof v === 'number' ? [v] : v.data;

function unit(shape: Shape, k: number): Value {
  if (shape.length === 0) return 1;
  const t = Tensor.zeros(shape);
  t.data[k] = 1;
  return t;
}

/** `x`, `W[0,0]`, `W[0,1]`, ...: the flattened components of the variables, in order. */
export function labels(shapes: ReadonlyMap<string, Shape>): string[] {
  const out: string[] = [];
  for (const [name, shape] of shapes) for (let k = 0; k < sizeOf(shape); k++) out.push(componentLabel(name, shape, k).label);
  return out;
}

export function varShapes(g: Graph, wrt: readonly string[]): Map<string, Shape> {
  return new Map(wrt.map((name) => [name, g.nodes[g.vars.get(name)!].shape]));
}

export interface Jacobian {
  value: Value;
  mode: 'forward' | 'reverse';
  sweeps: number;
  /** rows = flattened outputs, columns = flattened inputs; row-major. */
  matrix: Float64Array;
  rows: number;
  cols: number;
}

/**
 * The Jacobian of the output by forward mode (one sweep per input component) or reverse
 * mode (one sweep per output component). `auto` picks the one with fewer sweeps.
 */
export function jacobian(
  g: Graph, env: Env, wrt: readonly string[], mode: 'auto' | 'forward' | 'reverse' = 'auto',
  /** Called after every sweep: sweeps done, sweeps in all (for a progress bar). */
  onSweep?: (done: number, total: number) => void,
): Jacobian {
  const values = evaluate(g, env);
  const out = g.output;
  const outShape = g.nodes[out].shape;
  const rows = sizeOf(outShape);
  const ids = wrt.map((n) => g.vars.get(n)!);
  const sizes = ids.map((id) => sizeOf(g.nodes[id].shape));
  const cols = sizes.reduce((a, b) => a + b, 0);
  const chosen = mode === 'auto' ? (cols < rows ? 'forward' : 'reverse') : mode;
  const matrix = new Float64Array(rows * cols);
  const val = (i: number) => values[i];
  if (chosen === 'forward') {
    let col = 0;
    ids.forEach((id, v) => {
      for (let k = 0; k < sizes[v]; k++, col++) {
        const t = entries(forward(g, num, val, new Map([[id, unit(g.nodes[id].shape, k)]]), out)[out], rows);
        for (let r = 0; r < rows; r++) matrix[r * cols + col] = t[r];
        onSweep?.(col + 1, cols);
      }
    });
  } else {
    const active = dependents(g, ids);
    for (let r = 0; r < rows; r++) {
      // Only the variables' adjoints are read: the sweep reuses the others' buffers.
      const adj = reverseNumeric(g, val, out, unit(outShape, r), active, ids);
      let col = 0;
      ids.forEach((id, v) => {
        const a = entries(adj[id], sizes[v]);
        // A scalar adjoint of a tensor variable stands for a filled tensor.
        for (let k = 0; k < sizes[v]; k++, col++) matrix[r * cols + col] = a.length === 1 ? a[0] : a[k];
      });
      onSweep?.(r + 1, rows);
    }
  }
  return { value: values[out], mode: chosen, sweeps: chosen === 'forward' ? cols : rows, matrix, rows, cols };
}

/**
 * The gradient as nodes of the same graph: the reverse sweep run with a graph builder.
 * Differentiating those nodes again gives second derivatives.
 */
export function gradientNodes(g: Graph, wrt: readonly string[], output = g.output): (Node | undefined)[] {
  const b = new GraphBuilder(g, true);
  const ids = wrt.map((n) => g.vars.get(n)!);
  const adj = reverse(g, b, (i) => g.nodes[i], output, b.lift(1), dependents(g, ids));
  return ids.map((id) => {
    const a = adj[id];
    if (a === undefined || a.shape.length === g.nodes[id].shape.length) return a;
    return b.broadcastTo(a, g.nodes[id].shape);
  });
}

/**
 * Hessian-vector products by forward mode over the gradient graph: one sweep per
 * direction, never forming the Hessian. `dirs` maps variable name → tangent.
 */
export function hvp(g: Graph, env: Env, wrt: readonly string[], dirs: ReadonlyMap<string, Value>): Map<string, Value> {
  const grads = gradientNodes(g, wrt);
  const values = evaluate(g, env);
  const seeds = new Map([...dirs].map(([name, v]) => [g.vars.get(name)!, v] as const));
  const tan = forward(g, num, (i) => values[i], seeds);
  return new Map(wrt.map((name, k) => {
    const node = grads[k];
    const t = node === undefined ? undefined : tan[node.id];
    const shape = g.nodes[g.vars.get(name)!].shape;
    return [name, t === undefined ? (shape.length ? Tensor.zeros(shape) : 0) : t];
  }));
}

export interface Hessian {
  value: Value;
  gradient: Map<string, Value>;
  /** n×n, row-major, over the flattened components of `wrt`. */
  matrix: Float64Array;
  n: number;
}

/** The Hessian of a scalar output, forward over reverse: column j is H·e_j. */
export function hessian(g: Graph, env: Env, wrt: readonly string[]): Hessian {
  const shapes = varShapes(g, wrt);
  const n = [...shapes.values()].reduce((s, sh) => s + sizeOf(sh), 0);
  const matrix = new Float64Array(n * n);
  const first = gradient(g, env, wrt);
  let col = 0;
  for (const [name, shape] of shapes) {
    for (let k = 0; k < sizeOf(shape); k++, col++) {
      const hv = hvp(g, env, wrt, new Map([[name, unit(shape, k)]]));
      let row = 0;
      for (const [other, s] of shapes) {
        const e = entries(hv.get(other), sizeOf(s));
        for (let i = 0; i < sizeOf(s); i++, row++) matrix[row * n + col] = e.length === 1 ? e[0] : e[i];
      }
    }
  }
  return { value: first.value, gradient: first.gradient, matrix, n };
}

/** The Hessian by central differences of the reverse-mode gradient (the independent check). */
export function hessianByDifferences(g: Graph, env: Env, wrt: readonly string[]): Float64Array {
  const shapes = varShapes(g, wrt);
  const n = [...shapes.values()].reduce((s, sh) => s + sizeOf(sh), 0);
  const matrix = new Float64Array(n * n);
  const flatGrad = (e: Env) => {
    const gr = gradient(g, e, wrt).gradient;
    const out: number[] = [];
    for (const [name, s] of shapes) out.push(...Array.from(entries(gr.get(name), sizeOf(s))));
    return out;
  };
  let col = 0;
  for (const [name, shape] of shapes) {
    const v = env.get(name)!;
    for (let k = 0; k < sizeOf(shape); k++, col++) {
      const x = typeof v === 'number' ? v : v.data[k];
      const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));
      const gp = flatGrad(withComponent(env, name, k, x + h));
      const gm = flatGrad(withComponent(env, name, k, x - h));
      const step = x + h - (x - h);
      for (let r = 0; r < n; r++) matrix[r * n + col] = (gp[r] - gm[r]) / step;
    }
  }
  return matrix;
}
