import { describe, expect, it } from 'vitest';
import { checkFunction, entryLabel, type FunctionProvider, type FunctionSignature } from '../../src/check/function.js';

/** An in-process provider from plain functions of the flat point (the oracle is the function itself). */
function provider(sig: FunctionSignature, at: number[], f: (x: Float64Array) => Float64Array, grad?: (x: Float64Array) => Float64Array, vjp?: (x: Float64Array, u: Float64Array) => Float64Array) {
  const x0 = Float64Array.from(at);
  let calls = 0;
  const p: FunctionProvider & { calls: () => number } = {
    signature: sig,
    at: x0,
    calls: () => calls,
    async values(lines) {
      calls++;
      return lines.map((l) => l.t.map((t) => f(x0.map((x, i) => x + t * l.direction[i]))));
    },
    async gradient() {
      return { value: f(x0)[0], gradient: grad!(x0) };
    },
    vjp: vjp ? async (u) => ({ value: f(x0), vjp: vjp(x0, u) }) : undefined,
  };
  return p;
}

const scalar = (n: number): FunctionSignature => ({ inputs: [{ name: 'x', shape: [n] }], output: [], dtype: 'float64' });
const sumSinSq = (x: Float64Array) => Float64Array.of(x.reduce((s, v) => s + Math.sin(v) * v * v, 0));
const gradSinSq = (x: Float64Array) => x.map((v) => Math.cos(v) * v * v + 2 * v * Math.sin(v));

describe('checkFunction', () => {
  it('labels flat entries by input and index', () => {
    const inputs = [{ name: 'a', shape: [] }, { name: 'W', shape: [2, 3] }];
    expect([0, 1, 2, 6].map((k) => entryLabel(inputs, k))).toEqual(['a', 'W[0,0]', 'W[0,1]', 'W[1,2]']);
  });

  it('passes a correct gradient, component by component, in a few requests', async () => {
    const at = [0.3, -1.2, 2.5, 0.7, 1.1];
    const p = provider(scalar(5), at, sumSinSq, gradSinSq);
    const r = await checkFunction(p);
    expect(r.components.map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(r.components[2].numeric).toBeCloseTo(gradSinSq(Float64Array.from(at))[2], 9);
    expect(p.calls()).toBeLessThanOrEqual(6);
  });

  it('fails one component off by 1e-6 relative, and only that one', async () => {
    const at = [0.3, -1.2, 2.5, 0.7, 1.1];
    const p = provider(scalar(5), at, sumSinSq, (x) => {
      const g = gradSinSq(x);
      g[3] *= 1 + 1e-6;
      return g;
    });
    const r = await checkFunction(p);
    expect(r.components.map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass', 'fail', 'pass']);
  });

  it('names the one wrong entry of 2,000 by bisection of random directions', async () => {
    const n = 2000;
    const at = Array.from({ length: n }, (_, i) => Math.sin(i));
    const p = provider(scalar(n), at, sumSinSq, (x) => {
      const g = gradSinSq(x);
      g[1234] = -g[1234];
      return g;
    });
    const r = await checkFunction(p);
    expect(r.components.some((c) => c.verdict === 'fail')).toBe(true);
    expect(r.entries.map((e) => e.label)).toEqual(['x[1234]']);
    expect(r.entries[0].numeric).toBeCloseTo(gradSinSq(Float64Array.from(at))[1234], 8);
    expect(r.miss).toMatch(/probability 0/);
  });

  it('passes a correct gradient of 2,000 entries with no entry named', async () => {
    const n = 2000;
    const at = Array.from({ length: n }, (_, i) => Math.cos(i));
    const r = await checkFunction(provider(scalar(n), at, sumSinSq, gradSinSq));
    expect(r.components.every((c) => c.verdict === 'pass')).toBe(true);
    expect(r.entries).toEqual([]);
  });

  it('checks a vector output through a VJP', async () => {
    // f(x) = A x with A 3×4, and x ⊙ x: output 7 entries.
    const A = [[1, 2, 0, -1], [0.5, 0, 3, 1], [2, -1, 1, 0]];
    const f = (x: Float64Array) => Float64Array.from([...A.map((r) => r.reduce((s, a, j) => s + a * Math.sin(x[j]), 0)), ...x.map((v) => v * v)]);
    const vjp = (bug: boolean) => (x: Float64Array, u: Float64Array) => x.map((v, j) => A.reduce((s, r, i) => s + u[i] * r[j] * Math.cos(v), 0) + u[3 + j] * 2 * v * (bug && j === 2 ? -1 : 1));
    const sig: FunctionSignature = { inputs: [{ name: 'x', shape: [4] }], output: [7], dtype: 'float64' };
    const good = await checkFunction(provider(sig, [0.1, 0.2, 0.3, 0.4], f, undefined, vjp(false)));
    expect(good.components.every((c) => c.verdict === 'pass')).toBe(true);
    const bad = await checkFunction(provider(sig, [0.1, 0.2, 0.3, 0.4], f, undefined, vjp(true)));
    expect(bad.components.map((c) => c.verdict)).toEqual(['pass', 'pass', 'fail', 'pass']);
    // JVPs along the same directions, projected on the same u: a wrong column of J is seen.
    const jvp = (bug: boolean) => async (vs: Float64Array[]) => vs.map((v) => {
      const x = [0.1, 0.2, 0.3, 0.4];
      const out = [...A.map((r) => r.reduce((s, a, j) => s + a * Math.cos(x[j]) * v[j], 0)), ...x.map((xj, j) => 2 * xj * v[j])];
      if (bug) out[1] += 1e-5 * v[3];
      return Float64Array.from(out);
    });
    for (const bug of [false, true]) {
      const p = provider(sig, [0.1, 0.2, 0.3, 0.4], f, undefined, vjp(false));
      p.jvp = jvp(bug);
      const r = await checkFunction(p);
      const jv = r.components.filter((c) => c.kind === 'jvp');
      expect(jv.map((c) => c.label)).toEqual(['Jv x[0]', 'Jv x[1]', 'Jv x[2]', 'Jv x[3]']);
      expect(jv.map((c) => c.verdict)).toEqual(bug ? ['pass', 'pass', 'pass', 'fail'] : ['pass', 'pass', 'pass', 'pass']);
    }
  });

  it('tells a float32 function by its noise: a correct one passes, a missing factor does not', async () => {
    const f32 = (x: Float64Array) => {
      const y = Float32Array.from(x);
      let s = Math.fround(0);
      for (const v of y) s = Math.fround(s + Math.fround(Math.log1p(Math.fround(v * v))));
      return Float64Array.of(s);
    };
    const g32 = (k: number) => (x: Float64Array) => Float64Array.from(Float32Array.from(x).map((v) => Math.fround((k * v) / Math.fround(1 + v * v))));
    const sig: FunctionSignature = { inputs: [{ name: 'x', shape: [6] }], output: [], dtype: 'float32' };
    const at = [0.5, -1.5, 2.5, 0.25, -0.75, 1];
    const good = await checkFunction(provider(sig, at, f32, g32(2)));
    expect(good.components.map((c) => c.verdict)).toEqual(Array(6).fill('pass'));
    expect(good.rtol).toBeGreaterThan(1e-7);
    expect(good.rtol).toBeLessThan(1e-4);
    const bad = await checkFunction(provider(sig, at, f32, g32(1)));
    expect(bad.components.map((c) => c.verdict)).toEqual(Array(6).fill('fail'));
    // The same function judged as float64 would reject the correct gradient: its rounding is float32's.
    const as64 = await checkFunction(provider({ ...sig, dtype: 'float64' }, at, f32, g32(2)));
    expect(as64.components.some((c) => c.verdict !== 'pass')).toBe(true);
  });
});
