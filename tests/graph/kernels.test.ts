import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryKernel, hasBinaryKernel, hasUnaryKernel, unaryKernel } from '../../src/graph/kernels.js';
import { OPS } from '../../src/graph/ops/index.js';
import { broadcastTo, map, sumTo, Tensor, type Shape, type Value } from '../../src/graph/tensor.js';

/*
 * The typed-array kernels against the generic per-element path (tensor.ts `zip` and `map`
 * with the op's own scalar function), on random shapes that broadcast: size-1 axes, plain
 * numbers, 0-d tensors, and tensors whose data is a view into a larger buffer. Equal means
 * bit for bit (NaN where NaN), since a speed-up must change no number.
 */

/** The generic broadcasting loop, as tensor.ts's zip does it (index maps rebuilt here). */
function zipOracle(a: Value, b: Value, f: (p: number, q: number) => number): Value {
  const sa = typeof a === 'number' ? [] : a.shape;
  const sb = typeof b === 'number' ? [] : b.shape;
  const rank = Math.max(sa.length, sb.length);
  const pad = (s: Shape) => [...Array(rank - s.length).fill(1), ...s];
  const pa = pad(sa);
  const pb = pad(sb);
  const shape = pa.map((d, i) => (d === 1 ? pb[i] : d));
  const at = (v: Value, s: number[], idx: number[]) => {
    if (typeof v === 'number') return v;
    let k = 0;
    for (let i = 0; i < rank; i++) k = k * s[i] + (s[i] === 1 ? 0 : idx[i]);
    return v.data[k];
  };
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  const idx = new Array(rank).fill(0);
  for (let i = 0; i < n; i++) {
    out[i] = f(at(a, pa, idx), at(b, pb, idx));
    for (let ax = rank - 1; ax >= 0; ax--) {
      if (++idx[ax] < shape[ax]) break;
      idx[ax] = 0;
    }
  }
  return new Tensor(shape, out);
}

const bits = (v: Value) => (typeof v === 'number' ? [v] : Array.from(v.data)).map((x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : x));
const shapeOfV = (v: Value) => (typeof v === 'number' ? [] : [...v.shape]);

/** Values of special interest as well as ordinary ones. */
const entry = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, NaN, 800, -800) },
);

/** A tensor of `shape`, stored plainly or as a view at an offset into a larger buffer. */
function tensorOf(shape: number[]): fc.Arbitrary<Value> {
  const n = shape.reduce((p, d) => p * d, 1);
  return fc.tuple(fc.array(entry, { minLength: n + 4, maxLength: n + 4 }), fc.integer({ min: 0, max: 4 }), fc.boolean()).map(([xs, offset, view]) => {
    const buf = Float64Array.from(xs);
    return new Tensor(shape, view ? buf.subarray(offset, offset + n) : buf.slice(0, n));
  });
}

/** Two values whose shapes broadcast: a common shape, with axes set to 1 or dropped on each side. */
const pair = fc
  .tuple(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }))
  .chain(([full, how, dropA, dropB]) => {
    const side = (drop: number, off: number): fc.Arbitrary<Value> => {
      if (drop === 4) return entry; // a plain number
      const s = full.slice(Math.min(drop, full.length)).map((d, i) => (how[(i + off) % 6] === 0 ? 1 : d));
      return tensorOf(s);
    };
    return fc.tuple(side(dropA, 0), side(dropB, 3));
  });

const binaryOps = [...OPS.values()].filter((d) => d.scalar && hasBinaryKernel(d.name));
const unaryOps = [...OPS.values()].filter((d) => d.scalar && hasUnaryKernel(d.name));

describe('typed-array kernels agree with the generic elementwise path', () => {
  it('covers the arithmetic ops and the common functions', () => {
    expect(binaryOps.map((d) => d.name).sort()).toEqual(['add', 'div', 'mul', 'sub']);
    expect(unaryOps.length).toBeGreaterThanOrEqual(10);
  });

  for (const op of binaryOps) {
    it(`${op.name}: broadcasting shapes, numbers, 0-d tensors and views`, () => {
      fc.assert(
        fc.property(pair, ([a, b]) => {
          if (typeof a === 'number' && typeof b === 'number') return;
          const fast = binaryKernel(op.name, a, b);
          const slow = zipOracle(a, b, op.scalar as (p: number, q: number) => number);
          expect(shapeOfV(fast)).toEqual(shapeOfV(slow));
          expect(bits(fast)).toEqual(bits(slow));
          // and through the op itself (what the engines call)
          expect(bits(op.eval([a, b], undefined))).toEqual(bits(slow));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a 0-d tensor against a vector and a plain number against a matrix', () => {
    const zeroD = new Tensor([], Float64Array.of(2));
    expect(bits(binaryKernel('mul', zeroD, new Tensor([3], Float64Array.of(1, 2, 3))))).toEqual([2, 4, 6]);
    expect(bits(binaryKernel('sub', 10, new Tensor([2, 2], Float64Array.of(1, 2, 3, 4))))).toEqual([9, 8, 7, 6]);
    expect(shapeOfV(binaryKernel('add', new Tensor([2, 1], Float64Array.of(1, 2)), new Tensor([1, 3], Float64Array.of(10, 20, 30))))).toEqual([2, 3]);
  });

  for (const op of unaryOps) {
    it(`${op.name}: views and special values`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }).chain(tensorOf),
          (x) => {
            const t = x as Tensor;
            expect(bits(unaryKernel(op.name, t))).toEqual(bits(map(t, op.scalar as (v: number) => number)));
            expect(shapeOfV(op.eval([t], undefined))).toEqual([...t.shape]);
          },
        ),
        { numRuns: 100 },
      );
    });
  }

  it('broadcastTo repeats like the generic loop, and sumTo undoes its shape', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const target = shapeOfV(zipOracle(a, b, (p) => p));
        const fast = broadcastTo(a, target);
        const slow = zipOracle(a, new Tensor(target, new Float64Array(target.reduce((p, d) => p * d, 1))), (p) => p);
        if (shapeOfV(a).join() === target.join()) expect(fast).toBe(a);
        else expect(bits(fast)).toEqual(bits(slow));
        // Summing the repeats back: each source entry times how often it was copied.
        const back = sumTo(fast, shapeOfV(a));
        const copies = target.reduce((p, d) => p * d, 1) / shapeOfV(a).reduce((p, d) => p * d, 1);
        const expected = (typeof a === 'number' ? [a] : Array.from(a.data)).map((v) => v * copies);
        const got = typeof back === 'number' ? [back] : Array.from(back.data);
        got.forEach((g, i) => (Number.isFinite(expected[i]) ? expect(g).toBeCloseTo(expected[i], 9) : expect(Number.isNaN(g) || g === expected[i] || !Number.isFinite(g)).toBe(true)));
      }),
      { numRuns: 300 },
    );
  });
});
