import type { Builder, Z } from '../builder.js';
import type { Value } from '../tensor.js';
import { elementwiseOp, type OpDef } from './define.js';
import { expLocal, reluLocal, sqrtLocal } from './locals.js';
import { PREC, ref } from './printing.js';
import { cacos, casin, catan, ccos, ccosh, cexp, clog, cscale, csigmoid, csin, csinh, csoftplus, csqrt, ctan, ctanh } from '../../util/complex.js';

/**
 * Elementwise functions of one argument: the function, and its derivative d as a function
 * of x and y (reusing the output where that is cheaper).
 */
function unary(
  name: string,
  f: (v: number) => number,
  d: <T>(b: Builder<T>, x: T, y: T) => Z<T> | number,
  extra: Partial<OpDef> = {},
): OpDef {
  return elementwiseOp({ name, arity: 1, activation: true, scalar: f, partials: (b, x, y) => [d(b, x[0], y)], domain: [-3, 3], ...extra });
}

const positive = { domain: [0.1, 5] } as const;
const unitInterval = { domain: [-0.9, 0.9] } as const;

function sigmoidf(v: number): number {
  // Two branches so exp never overflows.
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

function softplusf(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

const kinkAt = (convention: string) => ({ kink: { at: ([x]: Value[]) => x, convention } });

export const exp = unary('exp', Math.exp, (_b, _x, y) => y, {
  complex: cexp,
  print: { latex: '\\exp', local: expLocal },
  domainNote: { value: 'exp overflows above x ≈ 709.78', derivative: 'exp overflows above x ≈ 709.78' },
});
export const log = unary('log', Math.log, (b, x) => b.div(1, x), {
  complex: clog,
  ...positive,
  print: { latex: '\\log' },
  // log(x, base) is log(x) / log(base), as in mathjs.
  arity: [1, 2],
  call: (b, [x, base]) => (base === undefined ? b.apply('log', [x]) : b.div(b.apply('log', [x]), b.apply('log', [base]))!),
  domainNote: { value: 'log needs x > 0', derivative: "log' needs x ≠ 0" },
});
export const log2 = unary('log2', Math.log2, (b, x) => b.div(1 / Math.LN2, x), {
  complex: (z) => cscale(clog(z), 1 / Math.LN2),
  ...positive,
  print: { latex: '\\log_{2}' },
  domainNote: { value: 'log2 needs x > 0', derivative: "log2' needs x ≠ 0" },
});
export const log10 = unary('log10', Math.log10, (b, x) => b.div(1 / Math.LN10, x), {
  complex: (z) => cscale(clog(z), 1 / Math.LN10),
  ...positive,
  print: { latex: '\\log_{10}' },
  domainNote: { value: 'log10 needs x > 0', derivative: "log10' needs x ≠ 0" },
});
export const sqrt = unary('sqrt', Math.sqrt, (b, _x, y) => b.div(0.5, y), {
  complex: csqrt,
  ...positive,
  print: { latex: () => ({ prec: PREC.atom, pieces: ['\\sqrt{', ref(0, 0), '}'] }), local: sqrtLocal },
  domainNote: { value: 'sqrt needs x ≥ 0', derivative: "sqrt' needs x > 0" },
});
export const sin = unary('sin', Math.sin, (b, x) => b.op('cos', x), {
  complex: csin, print: { latex: '\\sin' } });
export const cos = unary('cos', Math.cos, (b, x) => b.neg(b.op('sin', x)), {
  complex: ccos, print: { latex: '\\cos' } });
export const tan = unary('tan', Math.tan, (b, _x, y) => b.add(1, b.square(y)), {
  complex: ctan,
  domain: [-1.2, 1.2],
  print: { latex: '\\tan' },
  domainNote: { value: 'tan needs x ≠ π/2 + kπ', derivative: "tan' needs x ≠ π/2 + kπ" },
});
export const asin = unary('asin', Math.asin, (b, x) => b.div(1, b.op('sqrt', b.sub(1, b.square(x))!)), {
  complex: casin,
  ...unitInterval,
  print: { latex: '\\arcsin' },
  domainNote: { value: 'asin needs -1 ≤ x ≤ 1', derivative: "asin' needs -1 < x < 1" },
});
export const acos = unary('acos', Math.acos, (b, x) => b.neg(b.div(1, b.op('sqrt', b.sub(1, b.square(x))!))), {
  complex: cacos,
  ...unitInterval,
  print: { latex: '\\arccos' },
  domainNote: { value: 'acos needs -1 ≤ x ≤ 1', derivative: "acos' needs -1 < x < 1" },
});
export const atan = unary('atan', Math.atan, (b, x) => b.div(1, b.add(1, b.square(x))!), {
  complex: catan, print: { latex: '\\arctan' } });
export const sinh = unary('sinh', Math.sinh, (b, x) => b.op('cosh', x), {
  complex: csinh,
  print: { latex: '\\sinh' },
  domainNote: { value: 'sinh overflows above |x| ≈ 710.48', derivative: 'cosh overflows above |x| ≈ 710.48' },
});
export const cosh = unary('cosh', Math.cosh, (b, x) => b.op('sinh', x), {
  complex: ccosh,
  print: { latex: '\\cosh' },
  domainNote: { value: 'cosh overflows above |x| ≈ 710.48', derivative: 'sinh overflows above |x| ≈ 710.48' },
});
export const tanh = unary('tanh', Math.tanh, (b, _x, y) => b.sub(1, b.square(y)), {
  complex: ctanh,
  print: { latex: '\\tanh' },
  fusedVjp: { kernel: 'mulOneMinusSquare', reads: 'y' },
});
export const sigmoid = unary('sigmoid', sigmoidf, (b, _x, y) => b.mul(y, b.sub(1, y)), {
  complex: csigmoid,
  fusedVjp: { kernel: 'mulYOneMinusY', reads: 'y' },
});
export const softplus = unary('softplus', softplusf, (b, x) => b.op('sigmoid', x), { complex: csoftplus });
export const abs = unary('abs', Math.abs, (b, x) => b.op('sign', x), {
  ...kinkAt("abs'(0) = 0"),
  fusedVjp: { kernel: 'mulSign', reads: 'x' },
  print: { latex: () => ({ prec: PREC.atom, pieces: ['\\left|', ref(0, 0), '\\right|'] }) },
});
// relu'(x) = sign(relu(x)): 1 for x > 0 and 0 otherwise, so relu'(0) = 0 as convention has it.
export const relu = unary('relu', (v) => (v > 0 ? v : 0), (b, _x, y) => b.op('sign', y), {
  ...kinkAt("relu'(0) = 0"),
  print: { local: reluLocal },
  // y = relu(x) is never negative: one comparison per entry.
  fusedVjp: { kernel: 'mulPositive', reads: 'y' },
});
/** sign(0) = 0; its derivative is zero wherever it exists. */
export const sign = unary('sign', Math.sign, () => undefined, kinkAt("sign'(0) = 0"));
