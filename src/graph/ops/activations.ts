import type { Builder, Z } from '../builder.js';
import { zip, type Value } from '../tensor.js';
import { cadd, cdiv, cerf, cmul, cscale, csigmoid, csoftplus, csub, ctanh, cx } from '../../util/complex.js';
import { erf } from '../../util/special.js';
import { elementwiseOp, type OpDef } from './define.js';

/*
 * The activations people train with (issue 24), each usable as a model layer's activation.
 * Piecewise ones write their branch through s = sign(relu(x)) (1 for x > 0, else 0), the
 * same device as relu's rule, so one rule serves numbers and derivative graphs; their
 * switch point is a kink for the checker. Smooth ones declare their complex continuation.
 */

/** 1 where x > 0, else 0 (at 0: 0, the convention relu has). */
const positive = <T>(b: Builder<T>, x: T): T => b.op('sign', b.op('relu', x));
const kinkAtX = (convention: string) => ({ kink: { at: ([x]: Value[]) => x, convention } });

function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}
function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

/** elu(x, α) = x for x > 0, α(eˣ - 1) otherwise; α = 1 when not given. */
export const elu = elementwiseOp({
  name: 'elu',
  arity: [1, 2],
  activation: true,
  scalar: (x, a = 1) => (x > 0 ? x : a * Math.expm1(x)),
  // ∂x = s + (1 - s)(y + α), ∂α = (1 - s)(eˣ - 1).
  // s from y (> 0 exactly where x > 0): shaped like the output, so a broadcast input's partial is never a bare 0.
  partials: (b, [x, a], y, needs) => {
    const s = positive(b, y);
    const off = b.sub(1, s)!;
    return [
      needs?.[0] === false ? undefined : b.add(s, b.mul(off, b.add(y, a ?? 1)!)),
      a === undefined || needs?.[1] === false ? undefined : b.mul(off, b.op('expm1', x)),
    ];
  },
  ...kinkAtX("elu'(0) is taken from the left (α); it is 1 from the right"),
  domain: [
    [-3, 3],
    [0.5, 2],
  ],
});

const SELU_L = 1.0507009873554804934193349852946;
const SELU_A = 1.6732632423543772848170429916717;

/** selu(x) = λ·elu(x, α) with the self-normalizing constants. */
export const selu = elementwiseOp({
  name: 'selu',
  arity: 1,
  activation: true,
  scalar: (x) => SELU_L * (x > 0 ? x : SELU_A * Math.expm1(x)),
  partials: (b, _x, y) => {
    const s = positive(b, y);
    return [b.add(b.mul(SELU_L, s), b.mul(b.sub(1, s)!, b.add(y, SELU_L * SELU_A)!))];
  },
  ...kinkAtX("selu'(0) is taken from the left (λα); it is λ from the right"),
});

/** gelu(x) = x·Φ(x) = x(1 + erf(x/√2))/2, the exact form. */
export const gelu = elementwiseOp({
  name: 'gelu',
  arity: 1,
  activation: true,
  scalar: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  // Φ(x) + x·φ(x).
  partials: (b, [x]) => [
    b.add(b.mul(0.5, b.add(1, b.op('erf', b.mul(Math.SQRT1_2, x)!))!), b.mul(x, b.mul(1 / Math.sqrt(2 * Math.PI), b.op('exp', b.mul(-0.5, b.square(x))!)))),
  ],
  complex: (z) => cmul(cscale(z, 0.5), cadd(cx(1), cerf(cscale(z, Math.SQRT1_2)))),
});

const K = Math.sqrt(2 / Math.PI);
const C3 = 0.044715;

/** The tanh approximation of gelu (GPT-2's, PyTorch's approximate='tanh'), under its own name. */
export const gelu_tanh = elementwiseOp({
  name: 'gelu_tanh',
  arity: 1,
  activation: true,
  scalar: (x) => 0.5 * x * (1 + Math.tanh(K * (x + C3 * x * x * x))),
  partials: (b, [x]) => {
    const t = b.op('tanh', b.mul(K, b.add(x, b.mul(C3, b.op('cube', x)))!)!);
    const dt = b.mul(b.sub(1, b.square(t)), b.mul(K, b.add(1, b.mul(3 * C3, b.square(x)))!));
    return [b.add(b.mul(0.5, b.add(1, t)), b.mul(0.5, b.mul(x, dt)))];
  },
  complex: (z) => cmul(cscale(z, 0.5), cadd(cx(1), ctanh(cscale(cadd(z, cscale(cmul(z, cmul(z, z)), C3)), K)))),
});

function siluOp(name: string): OpDef {
  return elementwiseOp({
    name,
    arity: 1,
    activation: true,
    scalar: (x) => x * sigmoid(x),
    // σ(x)(1 + x(1 - σ(x))).
    partials: (b, [x]) => {
      const s = b.op('sigmoid', x);
      return [b.mul(s, b.add(1, b.mul(x, b.sub(1, s)))!)];
    },
    complex: (z) => cmul(z, csigmoid(z)),
  });
}

/** silu(x) = x·σ(x); swish is the same function under its other name. */
export const silu = siluOp('silu');
export const swish = siluOp('swish');

/** mish(x) = x·tanh(softplus(x)). */
export const mish = elementwiseOp({
  name: 'mish',
  arity: 1,
  activation: true,
  scalar: (x) => x * Math.tanh(softplus(x)),
  // tanh(sp) + x(1 - tanh²(sp))σ(x).
  partials: (b, [x]) => {
    const t = b.op('tanh', b.op('softplus', x));
    return [b.add(t, b.mul(x, b.mul(b.sub(1, b.square(t)), b.op('sigmoid', x))))];
  },
  complex: (z) => cmul(z, ctanh(csoftplus(z))),
});

/** softsign(x) = x/(1 + |x|); differentiable at 0 (both sides 1). */
export const softsign = elementwiseOp({
  name: 'softsign',
  arity: 1,
  activation: true,
  scalar: (x) => x / (1 + Math.abs(x)),
  partials: (b, [x]) => [b.div(1, b.square(b.add(1, b.op('abs', x))!))],
  // On each side of 0 an analytic function (z/(1 + z), z/(1 - z)); both have slope 1 at 0.
  complex: (z) => (z.re >= 0 ? cdiv(z, cadd(cx(1), z)) : cdiv(z, csub(cx(1), z))),
});

/** hardtanh(x) = clip(x, -1, 1): slope 1 inside, 0 outside (and 0 at ±1 by convention). */
export const hardtanh = elementwiseOp({
  name: 'hardtanh',
  arity: 1,
  activation: true,
  scalar: (x) => (x > 1 ? 1 : x < -1 ? -1 : x),
  partials: (b, _x, y) => [positive(b, b.sub(1, b.op('abs', y))!)],
  kink: { at: ([x]) => zip(x, 0, (v) => v * v - 1), convention: "hardtanh'(±1) = 0" },
});

/** leaky_relu(x, a) = x for x > 0, a·x otherwise; a = 0.01 (PyTorch's) when not given. */
export const leaky_relu = elementwiseOp({
  name: 'leaky_relu',
  arity: [1, 2],
  activation: true,
  scalar: (x, a = 0.01) => (x > 0 ? x : a * x),
  partials: <T>(b: Builder<T>, [x, a]: T[], y: T, needs?: readonly boolean[]): Z<T>[] => {
    const s = positive(b, y);
    const off = b.sub(1, s)!;
    return [
      needs?.[0] === false ? undefined : b.add(s, b.mul(off, a ?? 0.01)),
      a === undefined || needs?.[1] === false ? undefined : b.mul(off, x),
    ];
  },
  ...kinkAtX("leaky_relu'(0) = a (taken from the left)"),
  domain: [
    [-3, 3],
    [0.01, 0.3],
  ],
});
