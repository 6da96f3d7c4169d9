import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/graph/engines/evaluate.js';
import { Graph } from '../../src/graph/graph.js';
import { num } from '../../src/graph/engines/numeric.js';
import { OPS } from '../../src/graph/ops/index.js';
import { GraphBuilder } from '../../src/graph/engines/symbolic.js';
import { Tensor, type Value } from '../../src/graph/tensor.js';
import { matchDerivative } from '../../src/nn/fusion.js';
import { FUSED } from '../../src/nn/kernels.js';
import { domain } from './expressions.js';
import { rng } from './helpers.js';

/* The contracts ops declare (DESIGN.md, "One op, one place"), held to what the rules do. */

const ops = [...OPS.values()];

describe('declared op contracts', () => {
  it('constantPartials: the partials are the same numbers at any point', () => {
    const r = rng(5);
    const declared = ops.filter((op) => op.constantPartials);
    expect(declared.map((op) => op.name).sort()).toEqual(['add', 'neg', 'sub']);
    for (const op of declared) {
      const once = op.partials!(num, [], 0);
      for (let i = 0; i < 20; i++) {
        const x = [0, 1].map((k) => domain(op, k)[0] + r() * (domain(op, k)[1] - domain(op, k)[0])).slice(0, op.arity as number);
        expect(op.partials!(num, x, op.scalar!(...x)), op.name).toEqual(once);
      }
    }
  });

  it('activation: elementwise functions of one argument', () => {
    for (const op of ops.filter((o) => o.activation)) {
      expect(op.scalar, op.name).toBeDefined();
      expect(op.partials, op.name).toBeDefined();
      expect(typeof op.arity === 'number' ? op.arity : op.arity[0], op.name).toBe(1);
    }
  });

  it('fusedVjp: the kernel computes g times what partials builds, and the executor finds it', () => {
    const r = rng(9);
    for (const op of ops.filter((o) => o.fusedVjp)) {
      const g = new Graph();
      const b = new GraphBuilder(g);
      const x = g.nodes[g.variable('x', [6])];
      const up = g.nodes[g.variable('g', [6])];
      const y = b.apply(op.name, [x]);
      const inner = op.partials!(b, [x], y)[0];
      expect(typeof inner, `${op.name}: a partial built from x and y`).toBe('object');
      const prod = b.mul(up, inner as (typeof inner & object))!;
      g.output = prod.id;
      const m = matchDerivative(g, inner as typeof x);
      expect(m, op.name).toBeDefined();
      expect(m!.loop).toBe(FUSED[op.fusedVjp!.kernel]);
      const [lo, hi] = domain(op, 0);
      const env = new Map<string, Value>([
        ['x', Tensor.from(Array.from({ length: 6 }, () => lo + r() * (hi - lo)))],
        ['g', Tensor.from(Array.from({ length: 6 }, () => r() * 4 - 2))],
      ]);
      const vals = evaluate(g, env);
      const o = new Float64Array(6);
      m!.loop((vals[up.id] as Tensor).data, (vals[m!.y] as Tensor).data, o, 6);
      expect(Array.from(o), op.name).toEqual(Array.from((vals[prod.id] as Tensor).data));
    }
  });
});
