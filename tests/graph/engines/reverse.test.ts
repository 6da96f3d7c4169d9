import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pool } from '../../../src/graph/engines/buffers.js';
import { jacobian } from '../../../src/graph/engines/derivatives.js';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { gradient } from '../../../src/graph/engines/gradient.js';
import { filled, num } from '../../../src/graph/engines/numeric.js';
import { reverse, reverseNumeric, type ReverseEdge } from '../../../src/graph/engines/reverse.js';
import { dependents, type Graph } from '../../../src/graph/graph.js';
import { defineOp, elementwise } from '../../../src/graph/ops/define.js';
import { registerOp } from '../../../src/graph/ops/index.js';
import { sizeOf, Tensor, type Value } from '../../../src/graph/tensor.js';
import { buildGraph } from '../../../src/parse/index.js';

/*
 * The reverse sweep that reuses buffers (reverseNumeric) against the one that does not
 * (reverse with num), bit for bit, on graphs chosen to trip a buffer reused while still
 * referenced: fan-out, one node twice in one op, parts that alias the upstream adjoint or
 * each other, broadcasting summed back down, contributions kept by an onEdge caller, and
 * random tensor expressions. The pool is first filled with NaN buffers of every size in
 * play, so an op that read a recycled buffer before writing it shows NaN.
 */

const bits = (v: Value | undefined): string[] =>
  v === undefined ? ['zero'] : (typeof v === 'number' ? [v] : Array.from(v.data)).map((x) => (Object.is(x, -0) ? '-0' : String(x)));
const copy = (v: Value | undefined): Value | undefined => (v === undefined || typeof v === 'number' ? v : new Tensor(v.shape, v.data.slice()));

function poisonPool(sizes: number[]): void {
  for (const n of sizes) for (let k = 0; k < 6; k++) pool.give(new Float64Array(n).fill(NaN));
}

const rand = (() => {
  let s = 12345;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
})();
const tensor = (...shape: number[]): Tensor => new Tensor(shape, Float64Array.from({ length: sizeOf(shape) }, rand));

const ENV = new Map<string, Value>([
  ['A', tensor(2, 3)],
  ['B', tensor(2, 3)],
  ['Q', tensor(3, 3)],
  ['C', tensor(3, 2)],
  ['v', tensor(3)],
  ['s', 0.75],
]);
const SIZES = [1, 2, 3, 4, 6, 9];

/** Both sweeps on one graph: every variable's adjoint, unpooled and pooled. */
function both(graph: Graph, env: ReadonlyMap<string, Value>, onEdge?: (e: ReverseEdge<Value>) => void) {
  const names = [...graph.vars.keys()].filter((n) => env.has(n));
  const ids = names.map((n) => graph.vars.get(n)!);
  const values = evaluate(graph, env);
  const active = dependents(graph, ids);
  const plain = reverse(graph, num, (i) => values[i], graph.output, 1, active);
  const pooled = reverseNumeric(graph, (i) => values[i], graph.output, 1, active, ids, onEdge);
  return { names, ids, plain, pooled };
}

function expectSame(src: string, env: ReadonlyMap<string, Value> = ENV): void {
  const { graph } = buildGraph(src, env);
  poisonPool([...new Set([...SIZES, ...graph.nodes.map((n) => sizeOf(n.shape))])]);
  const { names, ids, plain, pooled } = both(graph, env);
  const kept = ids.map((id) => copy(pooled[id]));
  ids.forEach((id, k) => expect(bits(pooled[id]), `${src}: ∂/∂${names[k]}`).toEqual(bits(plain[id])));
  // Only the kept adjoints come back.
  pooled.forEach((a, i) => (ids.includes(i) ? undefined : expect(a, `${src}: node ${i}`).toBeUndefined()));
  // Later sweeps draw from the pool: what this one returned must not be among what they write.
  for (let r = 0; r < 3; r++) both(graph, env);
  ids.forEach((id, k) => expect(bits(pooled[id]), `${src}: ∂/∂${names[k]} after more sweeps`).toEqual(bits(kept[k])));
}

// Every buffer pooled, however small, so these small graphs exercise it (restored after).
const minLength = pool.minLength;
beforeAll(() => {
  pool.minLength = 1;
});
afterAll(() => {
  pool.minLength = minLength;
  pool.clear();
});

describe('reverseNumeric: the same adjoints as reverse, and none overwritten', () => {
  beforeEach(() => pool.clear());

  it.each([
    ['fan-out: one node, many consumers', 'sum(tanh(A) .* A + A ./ (2 + A .* A) - exp(A))'],
    ['one node used twice by one op', 'sum((A*Q) .* (A*Q))'],
    ['add sends the upstream adjoint itself to both inputs', 'sum(A + A)'],
    ['the upstream adjoint reaches two variables and a fan-out', 'sum((A + B) .* A + B)'],
    ['an adjoint shared by two variables, then added to', 'sum(tanh(A) + (A + B))'],
    ['broadcasting summed back down (a row, a number)', 'sum(A .* v + s * B - v)'],
    ['transpose and a matrix product both ways', "sum((C' + A) * Q .* A) + mean(C * A)"],
    ['a scalar product with a vector', 'sum(v .* v) * s + s * s'],
  ])('%s', (_what, src) => expectSame(src));

  it('on random tensor expressions, bit for bit, after pool poisoning', () => {
    fc.assert(
      fc.property(tensorProgram, fc.integer({ min: 1, max: 1000 }), (src, seed) => {
        const env = new Map(ENV);
        // Fresh values per run (the expression's constants stay).
        let s = seed;
        const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2;
        for (const [k, v] of env) env.set(k, typeof v === 'number' ? r() : new Tensor(v.shape, v.data.map(r)));
        expectSame(src, env);
      }),
      { numRuns: 120 },
    );
  });

  it("gradient() gives reverse's numbers, and its results survive later calls", () => {
    const src = 'sum((A*Q) .* (A*Q) + v .* B)';
    const { graph } = buildGraph(src, ENV);
    poisonPool(SIZES);
    const first = gradient(graph, ENV, ['A', 'B', 'v', 'Q']);
    const snap = new Map([...first.gradient].map(([k, v]) => [k, copy(v)]));
    const values = evaluate(graph, ENV);
    const ids = ['A', 'B', 'v', 'Q'].map((n) => graph.vars.get(n)!);
    const plain = reverse(graph, num, (i) => values[i], graph.output, 1, dependents(graph, ids));
    ['A', 'B', 'v', 'Q'].forEach((n, k) => expect(bits(first.gradient.get(n))).toEqual(bits(filled(plain[ids[k]], graph.nodes[ids[k]].shape))));
    const other = new Map(ENV).set('A', tensor(2, 3));
    for (let r = 0; r < 4; r++) gradient(graph, other, ['A', 'B', 'v', 'Q']);
    for (const [k, v] of snap) expect(bits(first.gradient.get(k)), k).toEqual(bits(v));
    // The forward values handed back are the caller's too.
    expect(bits(first.values[graph.output] as Value)).toEqual(bits(values[graph.output]));
  });

  it("what onEdge is handed stays as it was shown, and matches reverse's edges", () => {
    const src = 'sum((A + B) .* A + v .* (A*Q))';
    const { graph } = buildGraph(src, ENV);
    const ids = ['A', 'B', 'v', 'Q'].map((n) => graph.vars.get(n)!);
    const values = evaluate(graph, ENV);
    const active = dependents(graph, ids);
    const plainEdges: string[][] = [];
    reverse(graph, num, (i) => values[i], graph.output, 1, active, (e) => plainEdges.push([...bits(e.upstream), '|', ...bits(e.contribution)]));
    poisonPool(SIZES);
    const shown: { edge: ReverseEdge<Value>; at: string[] }[] = [];
    const pooled = reverseNumeric(graph, (i) => values[i], graph.output, 1, active, ids, (e) =>
      shown.push({ edge: e, at: [...bits(e.upstream), '|', ...bits(e.contribution)] }),
    );
    expect(shown.map((s) => s.at)).toEqual(plainEdges);
    for (let r = 0; r < 3; r++) both(graph, ENV);
    // Kept by the caller after the sweep and after later sweeps: unchanged.
    for (const s of shown) expect([...bits(s.edge.upstream), '|', ...bits(s.edge.contribution)]).toEqual(s.at);
    expect(ids.every((id) => pooled[id] !== undefined)).toBe(true);
  });

  it("jacobian's reverse rows (one pooled sweep per output entry) are reverse's numbers", () => {
    const { graph } = buildGraph('tanh(A .* B) * Q + v .* A', ENV);
    poisonPool(SIZES);
    const j = jacobian(graph, ENV, ['A', 'B', 'v', 'Q'], 'reverse');
    const values = evaluate(graph, ENV);
    const ids = ['A', 'B', 'v', 'Q'].map((n) => graph.vars.get(n)!);
    const want: string[] = [];
    for (let r = 0; r < 6; r++) {
      const seed = new Tensor([2, 3], new Float64Array(6));
      seed.data[r] = 1;
      const adj = reverse(graph, num, (i) => values[i], graph.output, seed, dependents(graph, ids));
      for (const id of ids) want.push(...bits(filled(adj[id], graph.nodes[id].shape)));
    }
    expect(j.rows).toBe(6);
    expect(bits(new Tensor([j.matrix.length], j.matrix))).toEqual(want);
  });

  it('with the default minLength: small tensors fresh, large ones pooled; a graph of small ones sweeps plainly', () => {
    pool.minLength = minLength;
    try {
      const env = new Map<string, Value>([...ENV, ['L', tensor(20, 30)], ['K', tensor(30, 20)]]);
      expectSame('sum((L * K) .* (L * K)) + sum(tanh(A) .* A + v) + sum(L .* L) * s', env);
      expect(pool.bytes).toBeGreaterThan(0);
      // Small tensors only: the plain sweep, still only the kept adjoints returned.
      expectSame('sum(tanh(A) .* A + v .* B) * s', env);
    } finally {
      pool.minLength = 1;
    }
  });

  it('the seed is the caller\'s: a tensor seed is read, never written or recycled', () => {
    const { graph } = buildGraph('A .* B + tanh(A)', ENV);
    const values = evaluate(graph, ENV);
    const ids = [graph.vars.get('A')!, graph.vars.get('B')!];
    const seed = tensor(2, 3);
    const before = bits(seed);
    const plain = reverse(graph, num, (i) => values[i], graph.output, seed, dependents(graph, ids));
    const pooled = reverseNumeric(graph, (i) => values[i], graph.output, seed, dependents(graph, ids), ids);
    both(graph, ENV);
    expect(bits(seed)).toEqual(before);
    ids.forEach((id) => expect(bits(pooled[id])).toEqual(bits(plain[id])));
  });
});

describe('reverseNumeric: parts of one rule that share a buffer', () => {
  // A rule that returns one temporary for both inputs: storing the first must not write
  // into it while the second still waits (every part is held until stored).
  const twin = defineOp({
    name: 'twin_test',
    arity: 2,
    shape: elementwise,
    eval: ([a, b]) => num.add(a, b)!,
    vjp: (b, { g }) => {
      const d = b.mul(g, 2);
      return [d, d];
    },
  });
  let remove: () => void;
  beforeAll(() => {
    remove = registerOp(twin);
  });
  afterAll(() => remove());

  it('one temporary for two inputs, one of which already holds a shared adjoint', () => {
    // add hands its upstream adjoint to both twin_test and A, so A's adjoint is shared
    // when twin_test's part arrives: the sum goes to a new buffer or into the part, and
    // the part must still read 2g when it reaches B.
    expectSame('sum(twin_test(A, B) + A)');
    expectSame('sum(twin_test(A, A) .* B)');
  });
});

/** Random expressions over 2×3 matrices A, B, a 3×3 Q, a 3×2 C, a row v and a number s. */
const tensorProgram: fc.Arbitrary<string> = (() => {
  const fn = fc.constantFrom('tanh', 'sin', 'sigmoid', 'abs', 'relu', 'exp', 'square', '-');
  const bin = fc.constantFrom('+', '-', '.*', './');
  const { m } = fc.letrec<{ m: string; r: string; s: string; n: string }>((tie) => ({
    m: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('A', 'B'),
      fc.tuple(bin, tie('m'), tie('m')).map(([o, a, b]) => `(${a} ${o} ${o === './' ? `(2 + ${b} .* ${b})` : b})`),
      fc.tuple(bin, tie('m'), tie('r')).map(([o, a, b]) => (o === './' ? `(${a} ./ (3 + ${b}))` : `(${b} ${o} ${a})`)),
      fc.tuple(tie('m'), tie('s')).map(([a, b]) => `(${b} * ${a})`),
      fc.tuple(fn, tie('m')).map(([f, a]) => (f === '-' ? `(-${a})` : f === 'exp' ? `exp(tanh(${a}))` : `${f}(${a})`)),
      tie('m').map((a) => `(${a} * Q)`),
      tie('n').map((n) => `${n}'`),
      // The same subexpression twice in one op: one node, both inputs.
      tie('m').map((a) => `(${a} .* ${a})`),
    ),
    n: fc.oneof({ depthSize: 'small' }, fc.constant('C'), tie('m').map((a) => `${a}'`)),
    r: fc.oneof({ depthSize: 'small' }, fc.constant('v'), fc.tuple(fn, fc.constant('v')).map(([f, a]) => (f === '-' ? `(-${a})` : `${f}(${a})`))),
    s: fc.oneof({ depthSize: 'small' }, fc.constant('s'), tie('m').map((a) => `sum(${a})`), tie('m').map((a) => `mean(${a})`)),
  }));
  return fc.tuple(m, m).map(([a, b]) => `sum(${a} .* ${a} + ${b}) + s`);
})();
