// The elementwise training kernels: each backend's (the OpenBLAS addon's C++, the wasm
// module's) against the TypeScript reference on the same inputs, special values included;
// and the reference itself against independent facts (finite differences of the loss,
// Adam's first step, momentum's closed form). Backends that are not built are skipped.
import { describe, expect, it } from 'vitest';
import { ACT, elementwiseTS, type ElementwiseKernels, type FloatArray } from '../../src/native/index.js';
import { backendKernels } from './elementwise-backends.js';
import { rng, type Ctor } from './helpers.js';

const DTYPES: [string, Ctor][] = [['float64', Float64Array], ['float32', Float32Array]];
const SIZES = [0, 1, 7, 33, 4099, 70_001];
const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -3e38, 3e38];

/** Random values in [-2, 2) with special values sprinkled in (when `special`). */
function data(C: Ctor, n: number, seed: number, special = true): FloatArray {
  const r = rng(seed);
  const a = new C(n);
  for (let i = 0; i < n; i++) a[i] = 2 * r();
  if (special) for (let i = 0; i < n; i += 13) a[i] = SPECIAL[(i / 13) % SPECIAL.length];
  return a;
}

/** Entry by entry: identical (Object.is, so -0 ≠ 0 and NaN = NaN), or within rel·max(|reference|, floor). */
function expectSame(got: FloatArray, want: FloatArray, rel = 0, floor = 1e-30): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (Object.is(g, w)) continue;
    if (rel > 0 && Number.isFinite(w) && Math.abs(g - w) <= rel * Math.max(Math.abs(w), floor)) continue;
    expect.fail(`entry ${i}: got ${g}, reference ${w}`);
  }
}

const backends = await backendKernels();

describe.each(backends)('%s elementwise kernels vs the TypeScript reference', (_name, K: ElementwiseKernels) => {
  describe.each(DTYPES)('%s', (dt, C) => {
    const libm = dt === 'float32' ? 1e-6 : 1e-14; // tanh, sigmoid, exp/log: last-bit differences
    it.each(SIZES)('act forward, n = %i', (n) => {
      for (const [act, rel] of [[ACT.relu, 0], [ACT.tanh, libm], [ACT.sigmoid, libm], [ACT.identity, 0]] as const) {
        const x = data(C, n, 1 + act);
        const [a, b] = [new C(n + 1).fill(5), new C(n + 1).fill(5)];
        elementwiseTS.act(act, x, a, n);
        K.act(act, x, b, n);
        expectSame(b, a, rel);
        expect(b[n]).toBe(5); // nothing written past n
      }
    });
    it.each(SIZES)('act backward, n = %i', (n) => {
      for (const act of [ACT.relu, ACT.sign, ACT.tanh, ACT.sigmoid]) {
        const [g, y] = [data(C, n, 10 + act), data(C, n, 20 + act)];
        const [a, b] = [new C(n), new C(n)];
        elementwiseTS.actBackward(act, g, y, a, n);
        K.actBackward(act, g, y, b, n);
        expectSame(b, a);
      }
    });
    it.each([[1, 1], [3, 5], [128, 33], [17, 512]])('bias + act, %i x %i', (rows, cols) => {
      for (const [act, rel] of [[ACT.relu, 0], [ACT.tanh, libm], [ACT.sigmoid, libm]] as const) {
        for (const withBias of [true, false]) {
          const pre = data(C, rows * cols, 30 + act);
          const bias = withBias ? data(C, cols, 40, false) : null;
          const [p1, p2] = [pre.slice(), pre.slice()];
          const [o1, o2] = [new C(rows * cols), new C(rows * cols)];
          elementwiseTS.biasAct(act, p1, bias, rows, cols, o1);
          K.biasAct(act, p2, bias, rows, cols, o2);
          expectSame(p2, p1); // the pre-activation, bias added, stays stored
          expectSame(o2, o1, rel);
          // In place (out = C) gives the activation.
          const p3 = pre.slice();
          K.biasAct(act, p3, bias, rows, cols, p3);
          expectSame(p3, o1, rel);
        }
      }
    });
    it.each([[1, 1], [5, 10], [128, 10], [3, 1000]])('softmax cross-entropy forward and backward, %i x %i', (rows, cols) => {
      const z = data(C, rows * cols, 50, false).map((v) => 5 * v);
      const y = new C(rows * cols);
      for (let r = 0; r < rows; r++) y[r * cols + ((r * 7) % cols)] = 1;
      const [d1, d2] = [new C(rows * cols), new C(rows * cols)];
      const l1 = elementwiseTS.softmaxCE(z, y, rows, cols, d1, 1 / rows);
      const l2 = K.softmaxCE(z, y, rows, cols, d2, 1 / rows);
      expect(Math.abs(l2 - l1)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(l1)));
      expectSame(d2, d1, dt === 'float32' ? 1e-6 : 1e-12);
      expect(K.softmaxCE(z, y, rows, cols, null, 0)).toBe(l2);
    });
    it('gathers rows by index', () => {
      const cols = 37;
      const src = data(C, 50 * cols, 60);
      const idx = Int32Array.from({ length: 60 }, (_, i) => (i * 17) % 50);
      const [a, b] = [new C(20 * cols), new C(20 * cols)];
      elementwiseTS.gatherRows(src, cols, idx, 40, 20, a);
      K.gatherRows(src, cols, idx, 40, 20, b);
      expectSame(b, a);
      expectSame(b.subarray(0, cols), src.subarray(idx[40] * cols, (idx[40] + 1) * cols));
    });
    it.each([5, 4099, 300_001])('sgd, momentum and adam updates, n = %i', (n) => {
      for (const wd of [0, 0.01]) {
        const w0 = data(C, n, 70, false);
        const g = data(C, n, 71, false);
        const v0 = data(C, n, 72, false).map(Math.abs);
        const m0 = data(C, n, 73, false);
        const run = (k: ElementwiseKernels) => {
          // w: sgd; w2, v2: momentum; w4: folded momentum; w3, m3, v3: adam; wA, mA, vA: adamw
          const [w, wA, mA, w2, v2, w3, v3, m3, w4, vA] = [w0, w0, m0, w0, v0, w0, v0, m0, w0, v0].map((a) => a.slice());
          const ok = [
            k.sgd(w, g, 0.1, wd),
            k.momentum(w2, g, v2, 0.1, 0.9, wd),
            k.momentum(w4, null, v0.slice(), 0.1, 1, wd),
            k.adam(w3, g, m3, v3, 0.01, 0.3, 0.9, 0.999, 1e-8, wd, false),
            k.adam(wA, g, mA, vA, 0.01, 0.3, 0.9, 0.999, 1e-8, 0.001 * wd, true),
          ];
          return { ok, out: [w, w2, v2, w3, v3, m3, w4, wA, mA, vA] };
        };
        const [ref, got] = [run(elementwiseTS), run(K)];
        expect(got.ok).toEqual([true, true, true, true, true]);
        expect(ref.ok).toEqual(got.ok);
        // Adam (outputs 3.. and 7..) computes in float for float32 data in C++: rounding apart.
        const adamRel = dt === 'float32' && _name !== 'ts' ? 2e-6 : 0;
        got.out.forEach((a, i) => expectSame(a, ref.out[i], [3, 4, 5, 7, 8, 9].includes(i) ? adamRel : 0, 1));
      }
    });
    it('updates report a NaN or infinite gradient', () => {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const n = 4099;
        const g = data(C, n, 80, false);
        g[n - 3] = bad;
        const z = () => new C(n);
        expect(K.sgd(z(), g, 0.1, 0)).toBe(false);
        expect(K.momentum(z(), g, z(), 0.1, 0.9, 0)).toBe(false);
        expect(K.adam(z(), g, z(), z(), 0.1, 1, 0.9, 0.999, 1e-8, 0, false)).toBe(false);
        const v = z();
        v[7] = bad;
        expect(K.momentum(z(), null, v, 0.1, 1, 0)).toBe(false);
      }
    });
  });

  it('rejects bad arguments as the reference does', () => {
    const f32 = new Float32Array(8), f64 = new Float64Array(8);
    const calls: [string, (k: ElementwiseKernels) => unknown][] = [
      ['mixed dtypes', (k) => k.act(ACT.relu, f32, f64, 8)],
      ['n past the end', (k) => k.act(ACT.relu, f32, f32.slice(), 9)],
      ['act out of range', (k) => k.act(7 as never, f32, f32.slice(), 8)],
      ['sign forward', (k) => k.act(ACT.sign, f32, f32.slice(), 8)],
      ['short bias', (k) => k.biasAct(ACT.relu, f32, new Float32Array(3), 2, 4, f32)],
      ['short out', (k) => k.biasAct(ACT.relu, f32, null, 2, 4, new Float32Array(7))],
      ['short gradient', (k) => k.sgd(f32, new Float32Array(7), 0.1, 0)],
      ['short moment', (k) => k.adam(f32, f32.slice(), f32.slice(), new Float32Array(2), 1, 1, 0.9, 0.9, 1e-8, 0, false)],
      ['index out of rows', (k) => k.gatherRows(f32, 4, Int32Array.of(0, 2), 0, 2, f32.slice())],
      ['negative index', (k) => k.gatherRows(f32, 4, Int32Array.of(-1), 0, 1, f32.slice())],
      ['idx past the end', (k) => k.gatherRows(f32, 4, Int32Array.of(0), 1, 1, f32.slice())],
      ['idx not Int32Array', (k) => k.gatherRows(f32, 4, [0] as never, 0, 1, f32.slice())],
      ['softmax short y', (k) => k.softmaxCE(f32, new Float32Array(4), 2, 4, null, 1)],
      ['fractional rows', (k) => k.softmaxCE(f32, f32, 1.5, 4, null, 1)],
    ];
    for (const [what, call] of calls) {
      let want: unknown;
      try {
        call(elementwiseTS);
      } catch (e) {
        want = e;
      }
      expect(want, what).toBeInstanceOf(Error);
      expect(() => call(K), what).toThrow((want as Error).constructor as ErrorConstructor);
    }
  });
});

describe('the TypeScript reference against independent facts', () => {
  it('softmax cross-entropy: dz matches central differences of the loss', () => {
    const [rows, cols] = [4, 6];
    const z = data(Float64Array, rows * cols, 90, false);
    const y = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) y[r * cols + r] = 1;
    const dz = new Float64Array(rows * cols);
    elementwiseTS.softmaxCE(z, y, rows, cols, dz, 1 / rows);
    const h = 1e-6;
    for (let i = 0; i < z.length; i++) {
      const zp = z.slice(), zm = z.slice();
      zp[i] += h;
      zm[i] -= h;
      const fd = (elementwiseTS.softmaxCE(zp, y, rows, cols, null, 0) - elementwiseTS.softmaxCE(zm, y, rows, cols, null, 0)) / (2 * h);
      expect(dz[i]).toBeCloseTo(fd, 8);
    }
    // Uniform logits over c classes: the loss is log c.
    expect(elementwiseTS.softmaxCE(new Float64Array(cols), y.subarray(0, cols), 1, cols, null, 0)).toBeCloseTo(Math.log(cols), 14);
  });

  it("adam's first step moves every weight by lr against its gradient's sign", () => {
    const n = 50;
    const g = data(Float64Array, n, 91, false);
    const w = new Float64Array(n);
    const [b1, b2, lr] = [0.9, 0.999, 0.01];
    // Bias-corrected m/sqrt(v) = g/|g| after one step.
    elementwiseTS.adam(w, g, new Float64Array(n), new Float64Array(n), lr / (1 - b1), Math.sqrt(1 - b2), b1, b2, 1e-12, 0, false);
    for (let i = 0; i < n; i++) expect(w[i]).toBeCloseTo(-lr * Math.sign(g[i]), 9);
  });

  it('momentum under a constant gradient follows its closed form', () => {
    const [lr, mu, gv, k] = [0.1, 0.9, 2, 10];
    const w = new Float64Array(1), v = new Float64Array(1), g = Float64Array.of(gv);
    for (let t = 0; t < k; t++) elementwiseTS.momentum(w, g, v, lr, mu, 0);
    // v_t = g(1 - mu^t)/(1 - mu); w_k = -lr Σ v_t.
    let want = 0;
    for (let t = 1; t <= k; t++) want -= (lr * gv * (1 - mu ** t)) / (1 - mu);
    expect(w[0]).toBeCloseTo(want, 12);
  });
});
