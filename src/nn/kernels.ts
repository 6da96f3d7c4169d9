/**
 * Elementwise loops on typed arrays, for the executor (executor.ts). Each op has one loop per
 * operand layout: vector-vector (vv), vector-scalar (vs), scalar-vector (sv), with offsets so
 * a broadcast row or column runs as a series of calls without views or copies. Ops without
 * a loop here run through their `scalar` function from the op table (slower: a call per
 * element), so every elementwise op works and the common ones are fast.
 */
import type { FloatArray } from '../native/index.js';

export type { FloatArray };

export type VV = (a: FloatArray, ao: number, b: FloatArray, bo: number, o: FloatArray, oo: number, n: number) => void;
export type VS = (a: FloatArray, ao: number, s: number, o: FloatArray, oo: number, n: number) => void;
export type SV = (s: number, b: FloatArray, bo: number, o: FloatArray, oo: number, n: number) => void;
export type U = (a: FloatArray, o: FloatArray, n: number) => void;

export interface BinaryLoops {
  vv: VV;
  vs: VS;
  sv: SV;
}

export const BINARY: Record<string, BinaryLoops> = {
  add: {
    vv: (a, ao, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i];
    },
    vs: (a, ao, s, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] + s;
    },
    sv: (s, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = s + b[bo + i];
    },
  },
  sub: {
    vv: (a, ao, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i];
    },
    vs: (a, ao, s, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] - s;
    },
    sv: (s, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = s - b[bo + i];
    },
  },
  mul: {
    vv: (a, ao, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i];
    },
    vs: (a, ao, s, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] * s;
    },
    sv: (s, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = s * b[bo + i];
    },
  },
  div: {
    vv: (a, ao, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i];
    },
    vs: (a, ao, s, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = a[ao + i] / s;
    },
    sv: (s, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = s / b[bo + i];
    },
  },
};

/** Loops for an elementwise op from its scalar function (any op, a call per element). */
export function genericBinary(f: (p: number, q: number) => number): BinaryLoops {
  return {
    vv: (a, ao, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = f(a[ao + i], b[bo + i]);
    },
    vs: (a, ao, s, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = f(a[ao + i], s);
    },
    sv: (s, b, bo, o, oo, n) => {
      for (let i = 0; i < n; i++) o[oo + i] = f(s, b[bo + i]);
    },
  };
}

export const UNARY: Record<string, U> = {
  neg: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = -a[i];
  },
  square: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = a[i] * a[i];
  },
  // Branch-free: a data-dependent branch mispredicts on half of a random layer's units,
  // which costs 4x here. (v + |v|)/2 is exact (it overflows only beyond 8.9e307).
  relu: (a, o, n) => {
    for (let i = 0; i < n; i++) {
      const v = a[i];
      o[i] = (v + Math.abs(v)) * 0.5;
    }
  },
  sign: (a, o, n) => {
    for (let i = 0; i < n; i++) {
      const v = a[i];
      o[i] = v > 0 ? 1 : v < 0 ? -1 : v; // sign(±0) = ±0, sign(NaN) = NaN, as Math.sign
    }
  },
  tanh: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.tanh(a[i]);
  },
  exp: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.exp(a[i]);
  },
  log: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.log(a[i]);
  },
  sqrt: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sqrt(a[i]);
  },
  abs: (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]);
  },
  sigmoid: (a, o, n) => {
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        o[i] = e / (1 + e);
      }
    }
  },
};

export function genericUnary(f: (v: number) => number): U {
  return (a, o, n) => {
    for (let i = 0; i < n; i++) o[i] = f(a[i]);
  };
}

/**
 * Fused backward loops for the derivative rules' commonest shapes, recognised by the
 * executor in the derivative graph: g·sign(y) (relu), g·(1 - y²) (tanh), g·y·(1 - y)
 * (sigmoid). One pass instead of two or three, and no buffer in between.
 */
export const FUSED = {
  // Branch-free, as relu (sign from two comparisons; a NaN y gives 0 here, NaN in sign).
  mulSign: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (+(v > 0) - +(v < 0));
    }
  },
  // relu's own output is never negative: one comparison does (a NaN y gives 0; the loss is NaN then).
  mulPositive: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => {
    for (let i = 0; i < n; i++) o[i] = g[i] * +(y[i] > 0);
  },
  mulOneMinusSquare: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (1 - v * v);
    }
  },
  mulYOneMinusY: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (v * (1 - v));
    }
  },
};

/** Every row of the rows × p matrix o set to the vector b (doubling memmoves after the first row). */
export function fillRows(o: FloatArray, b: FloatArray, rows: number, p: number): void {
  for (let j = 0; j < p; j++) o[j] = b[j];
  for (let done = 1; done < rows; done *= 2) o.copyWithin(done * p, 0, Math.min(done, rows - done) * p);
}

/** out[j] = Σ_r a[r·p + j]: summing a broadcast row vector's adjoint (bias gradients). */
export function sumRowsInto(a: FloatArray, o: FloatArray, rows: number, p: number): void {
  for (let j = 0; j < p; j++) o[j] = a[j];
  for (let r = 1; r < rows; r++) {
    const off = r * p;
    for (let j = 0; j < p; j++) o[j] += a[off + j];
  }
}

/** out[r] = Σ_j a[r·q + j]: summing a broadcast column's adjoint. */
export function sumColsInto(a: FloatArray, o: FloatArray, rows: number, q: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * q;
    for (let j = 0; j < q; j++) s += a[off + j];
    o[r] = s;
  }
}

export function total(a: FloatArray, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}

/** True when any of the first n entries is NaN or ±Infinity. */
export function hasNonFinite(a: FloatArray, n = a.length): boolean {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += a[i] * 0; // 0 for finite, NaN for NaN and ±Inf
  return acc !== 0;
}
