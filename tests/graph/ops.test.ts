import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { forward } from '../../src/graph/engines/forward.js';
import { dependents, Graph } from '../../src/graph/graph.js';
import { num } from '../../src/graph/engines/numeric.js';
import { OPS, registerOp, type OpDef } from '../../src/graph/ops/index.js';
import { complexStep } from '../../src/graph/engines/complex-step.js';
import { ccos } from '../../src/util/complex.js';
import { reverse } from '../../src/graph/engines/reverse.js';
import { GraphBuilder } from '../../src/graph/engines/symbolic.js';
import { shapeOf, zip, type Shape, type Value } from '../../src/graph/tensor.js';
import { dot, expectClose, randomValue, rng } from './helpers.js';

function domainOf(op: OpDef, k: number): readonly [number, number] {
  const d = op.domain ?? [-3, 3];
  return typeof d[0] === 'number' ? (d as readonly [number, number]) : (d as readonly (readonly [number, number])[])[k];
}

/**
 * The input shapes to try: the op's own samples, else scalars, a tensor of random size, and
 * broadcasting pairs (a bias row against a batch, a scalar against a matrix, a column
 * against a row).
 */
function shapeSets(op: OpDef): Shape[][] {
  if (op.sample) return [op.sample.shapes, ...(op.moreSamples ?? [])];
  const n = typeof op.arity === 'number' ? op.arity : Math.max(op.arity[0], 2);
  const r = rng(op.name.length);
  const dims = [1 + Math.floor(r() * 4), 1 + Math.floor(r() * 4)];
  const sets: Shape[][] = [Array.from({ length: n }, () => []), Array.from({ length: n }, () => dims)];
  if (op.broadcasts) sets.push([[2, 3], [3]], [[], [2, 2]], [[2, 1], [1, 3]], [[3], [4, 3]]);
  return sets;
}

/**
 * Every op in the table: its forward-mode tangent against central differences of its
 * eval, and its reverse-mode adjoint against the tangent by the dot-product identity
 * <u, J v> = <Jᵀ u, v> with random u and v; then the same adjoint built as a graph by
 * the symbolic builder and evaluated. Inputs are sampled from the op's domain.
 */
describe('op registry', () => {
  for (const op of OPS.values()) {
    it(`${op.name}: has rules, and they agree with finite differences`, () => {
      expect(op.vjp, `${op.name} has no reverse-mode rule`).toBeTypeOf('function');
      expect(op.jvp, `${op.name} has no forward-mode rule`).toBeTypeOf('function');
      const r = rng(op.name.length * 7919 + op.name.charCodeAt(0));
      for (const shapes of shapeSets(op)) for (let trial = 0; trial < 3; trial++) {
        const g = new Graph();
        const ins = shapes.map((s, k) => g.variable(`x${k}`, s));
        const out = g.add(op.name, ins, op.sample?.attrs);
        const xs = shapes.map((s, k) => randomValue(s, ...domainOf(op, k), r));
        const env = new Map(xs.map((v, k) => [`x${k}`, v]));
        const vals = evaluate(g, env);
        const f = (x: Value[]) => op.eval(x, op.sample?.attrs);

        const v = shapes.map((s) => randomValue(s, -1, 1, r));
        const u = randomValue(g.nodes[out].shape, -1, 1, r);
        const tangent = forward(g, num, (i) => vals[i], new Map(ins.map((id, k) => [id, v[k]])))[out] ?? zip(u, 0, () => 0);

        // Central differences of the directional derivative.
        const h = 1e-6;
        const plus = f(xs.map((x, k) => zip(x, v[k], (p, q) => p + h * q)));
        const minus = f(xs.map((x, k) => zip(x, v[k], (p, q) => p - h * q)));
        const fd = zip(plus, minus, (p, q) => (p - q) / (2 * h));
        expectClose(zip(tangent, fd, (p) => p), fd, 1e-6, 1e-7, `${op.name} jvp vs finite differences`);

        const adj = reverse(g, num, (i) => vals[i], out, u, dependents(g, ins));
        const vjpDot = ins.reduce((s, id, k) => s + dot(adj[id] ?? zip(v[k], 0, () => 0), v[k]), 0);
        expect(vjpDot).toBeCloseTo(dot(u, zip(tangent, u, (p) => p)), 10);

        // The same rule applied by the graph builder, then evaluated, gives the same adjoint.
        const sb = new GraphBuilder(g);
        const uid = g.variable('u', shapeOf(u));
        const sym = reverse(g, sb, (i) => g.nodes[i], out, g.nodes[uid], dependents(g, ins));
        const symVals = evaluate(g, new Map([...env, ['u', u]]));
        ins.forEach((id, k) => {
          const s = sym[id];
          if (s === undefined) expect(adj[id]).toBeUndefined();
          else expectClose(symVals[s.id], adj[id]!, 1e-12, 1e-14, `${op.name} symbolic adjoint ${k}`);
        });
      }
    });
  }
});

/**
 * The complex step through one op, Im op(x + i·h·v)/h, against the forward-mode tangent its
 * derivative rules give, on the op's domain: the max relative disagreement over the samples.
 */
function complexVersusRules(op: OpDef): number {
  const r = rng(op.name.length * 104729 + op.name.charCodeAt(0));
  let worst = 0;
  for (const shapes of shapeSets(op)) for (let trial = 0; trial < 3; trial++) {
    const g = new Graph();
    const ins = shapes.map((s, k) => g.variable(`x${k}`, s));
    const out = g.add(op.name, ins, op.sample?.attrs);
    // A scalar output to read: the sum of the op's entries (linear, so it passes the complex step too).
    g.output = g.nodes[out].shape.length ? g.add('sum', [out]) : out;
    const xs = shapes.map((s, k) => randomValue(s, ...domainOf(op, k), r));
    const env = new Map(xs.map((v, k) => [`x${k}`, v]));
    const vals = evaluate(g, env);
    const v = shapes.map((s) => randomValue(s, -1, 1, r));
    const tangent = forward(g, num, (i) => vals[i], new Map(ins.map((id, k) => [id, v[k]])))[g.output] as number;
    const cs = complexStep(g, vals, new Map(v.map((x, k) => [`x${k}`, x])));
    expect(cs, `${op.name}: the complex evaluation left the real line on its domain`).toBeTypeOf('number');
    worst = Math.max(worst, Math.abs(cs! - tangent) / Math.max(1e-300, Math.abs(tangent), Math.abs(cs!)));
  }
  return worst;
}

describe('op registry: the complex step', () => {
  it('every elementwise op without a kink declares a complex evaluation (non-analytic ones have a kink)', () => {
    const missing = [...OPS.values()].filter((op) => op.scalar && !op.kink && !op.complex).map((op) => op.name);
    expect(missing).toEqual([]);
    for (const name of ['abs', 'relu', 'sign', 'max', 'min']) expect(OPS.get(name)!.complex, name).toBeUndefined();
  });

  for (const op of OPS.values()) {
    if (!op.complex && !op.linearity) continue;
    it(`${op.name}: Im op(x + ih·v)/h agrees with its derivative rules on its domain`, () => {
      expect(complexVersusRules(op)).toBeLessThan(1e-12);
    });
  }

  it('catches a complex evaluation that disagrees with the rules (sin evaluated as cos)', () => {
    const bad: OpDef = { ...OPS.get('sin')!, name: 'sin_wrong_complex', complex: ccos };
    const remove = registerOp(bad);
    try {
      expect(complexVersusRules(bad)).toBeGreaterThan(1e-3);
    } finally {
      remove();
    }
  });
});
