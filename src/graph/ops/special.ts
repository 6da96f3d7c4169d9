import type { Builder, Z } from '../builder.js';
import { zip, type Value } from '../tensor.js';
import {
  cacos, cacosh, casin, casinh, catan, cdigamma, cpolygamma, catanh, ccbrt, ccos, ccosh, cdiv, cerf, cerfc, cexp, cexpm1, cgamma, clgamma, clog, clog1p, clogaddexp,
  cmul, cpow, crecip, cscale, csin, csinh, csqrt, csquare, ctan, ctanh, cx, cadd, csub, type C,
} from '../../util/complex.js';
import { digamma, dsinc, erf, erfc, gamma, lgamma, polygamma, sinc } from '../../util/special.js';
import { elementwiseOp, type OpDef } from './define.js';

/*
 * Elementwise functions of mathjs's catalogue beyond the basic ones (issue 24), with mathjs's
 * names and argument orders, and the stable forms people use (log1p, expm1, xlogy,
 * logaddexp). Each: its function, its partials, its complex continuation (the complex-step
 * reference, written from the function) and the domain the registry test samples.
 */

function unary(
  name: string,
  f: (v: number) => number,
  d: <T>(b: Builder<T>, x: T, y: T) => Z<T> | number,
  complex: ((z: C) => C) | undefined,
  extra: Partial<OpDef> = {},
): OpDef {
  return elementwiseOp({ name, arity: 1, scalar: f, partials: (b, x, y) => [d(b, x[0], y)], complex, domain: [-3, 3], ...extra });
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const log1p = unary('log1p', Math.log1p, (b, x) => b.div(1, b.add(1, x)!), clog1p, {
  domain: [-0.9, 3],
  print: { latex: '\\operatorname{log1p}' },
  domainNote: { value: 'log1p needs x > -1', derivative: "log1p' needs x ≠ -1" },
});
export const expm1 = unary('expm1', Math.expm1, (b, x) => b.op('exp', x), cexpm1, {
  domainNote: { value: 'expm1 overflows above x ≈ 709.78', derivative: 'exp overflows above x ≈ 709.78' },
});
// cbrt'(x) = 1/(3·cbrt(x)²): infinite at 0, like sqrt's.
export const cbrt = unary('cbrt', Math.cbrt, (b, _x, y) => b.div(1, b.mul(3, b.square(y))!), ccbrt, {
  domain: [0.2, 3],
  print: { latex: () => ({ prec: 6, pieces: ['\\sqrt[3]{', { k: 0, need: 0 }, '}'] }) },
  domainNote: { value: 'cbrt is defined everywhere', derivative: "cbrt' needs x ≠ 0" },
});
export const cube = unary('cube', (v) => v * v * v, (b, x) => b.mul(3, b.square(x)), (z) => cmul(z, csquare(z)), {
  print: { latex: () => ({ prec: 4, pieces: [{ k: 0, need: 6 }, '^{3}'] }), label: '^3' },
});
export const exp2 = unary('exp2', (v) => Math.pow(2, v), (b, _x, y) => b.mul(Math.LN2, y), (z) => cexp(cscale(z, Math.LN2)), {
  print: { latex: () => ({ prec: 4, pieces: ['2^{', { k: 0, need: 0 }, '}'] }) },
});
export const asinh = unary('asinh', Math.asinh, (b, x) => b.div(1, b.op('sqrt', b.add(b.square(x), 1)!)), casinh, {
  print: { latex: '\\operatorname{arsinh}' },
});
export const acosh = unary('acosh', Math.acosh, (b, x) => b.div(1, b.op('sqrt', b.sub(b.square(x), 1)!)), cacosh, {
  domain: [1.1, 4],
  print: { latex: '\\operatorname{arcosh}' },
  domainNote: { value: 'acosh needs x ≥ 1', derivative: "acosh' needs x > 1" },
});
export const atanh = unary('atanh', Math.atanh, (b, x) => b.div(1, b.sub(1, b.square(x))!), catanh, {
  domain: [-0.9, 0.9],
  print: { latex: '\\operatorname{artanh}' },
  domainNote: { value: 'atanh needs -1 < x < 1', derivative: "atanh' needs -1 < x < 1" },
});
// Reciprocal trigonometric and hyperbolic functions, mathjs's sec csc cot sech csch coth.
export const sec = unary('sec', (v) => 1 / Math.cos(v), (b, x, y) => b.mul(y, b.op('tan', x)), (z) => crecip(ccos(z)), {
  domain: [-1.2, 1.2],
  print: { latex: '\\sec' },
  domainNote: { value: 'sec needs x ≠ π/2 + kπ', derivative: "sec' needs x ≠ π/2 + kπ" },
});
export const csc = unary('csc', (v) => 1 / Math.sin(v), (b, x, y) => b.neg(b.mul(y, b.op('cot', x))), (z) => crecip(csin(z)), {
  domain: [0.3, 2.8],
  print: { latex: '\\csc' },
  domainNote: { value: 'csc needs x ≠ kπ', derivative: "csc' needs x ≠ kπ" },
});
export const cot = unary('cot', (v) => 1 / Math.tan(v), (b, _x, y) => b.neg(b.add(1, b.square(y))), (z) => crecip(ctan(z)), {
  domain: [0.3, 2.8],
  print: { latex: '\\cot' },
  domainNote: { value: 'cot needs x ≠ kπ', derivative: "cot' needs x ≠ kπ" },
});
export const sech = unary('sech', (v) => 1 / Math.cosh(v), (b, x, y) => b.neg(b.mul(y, b.op('tanh', x))), (z) => crecip(ccosh(z)), {
  print: { latex: '\\operatorname{sech}' },
});
export const csch = unary('csch', (v) => 1 / Math.sinh(v), (b, x, y) => b.neg(b.mul(y, b.op('coth', x))), (z) => crecip(csinh(z)), {
  domain: [0.3, 3],
  print: { latex: '\\operatorname{csch}' },
  domainNote: { value: 'csch needs x ≠ 0', derivative: "csch' needs x ≠ 0" },
});
export const coth = unary('coth', (v) => 1 / Math.tanh(v), (b, _x, y) => b.sub(1, b.square(y)), (z) => crecip(ctanh(z)), {
  domain: [0.3, 3],
  print: { latex: '\\coth' },
  domainNote: { value: 'coth needs x ≠ 0', derivative: "coth' needs x ≠ 0" },
});
// mathjs's inverse reciprocal functions: acot acoth acsc acsch asec asech.
export const acot = unary('acot', (v) => Math.atan(1 / v), (b, x) => b.neg(b.div(1, b.add(1, b.square(x))!)), (z) => catan(crecip(z)), {
  domain: [0.3, 3],
  print: { latex: '\\operatorname{arccot}' },
});
export const acoth = unary('acoth', (v) => Math.atanh(1 / v), (b, x) => b.div(1, b.sub(1, b.square(x))!), (z) => catanh(crecip(z)), {
  domain: [1.2, 4],
  print: { latex: '\\operatorname{arcoth}' },
  domainNote: { value: 'acoth needs |x| > 1', derivative: "acoth' needs |x| > 1" },
});
export const acsc = unary(
  'acsc',
  (v) => Math.asin(1 / v),
  (b, x) => b.neg(b.div(1, b.mul(b.op('abs', x), b.op('sqrt', b.sub(b.square(x), 1)!))!)),
  (z) => casin(crecip(z)),
  { domain: [1.2, 4], print: { latex: '\\operatorname{arccsc}' }, domainNote: { value: 'acsc needs |x| ≥ 1', derivative: "acsc' needs |x| > 1" } },
);
export const asec = unary(
  'asec',
  (v) => Math.acos(1 / v),
  (b, x) => b.div(1, b.mul(b.op('abs', x), b.op('sqrt', b.sub(b.square(x), 1)!))!),
  (z) => cacos(crecip(z)),
  { domain: [1.2, 4], print: { latex: '\\operatorname{arcsec}' }, domainNote: { value: 'asec needs |x| ≥ 1', derivative: "asec' needs |x| > 1" } },
);
export const acsch = unary(
  'acsch',
  (v) => Math.asinh(1 / v),
  (b, x) => b.neg(b.div(1, b.mul(b.op('abs', x), b.op('sqrt', b.add(b.square(x), 1)!))!)),
  (z) => casinh(crecip(z)),
  { domain: [0.3, 3], print: { latex: '\\operatorname{arcsch}' }, domainNote: { value: 'acsch needs x ≠ 0', derivative: "acsch' needs x ≠ 0" } },
);
export const asech = unary(
  'asech',
  (v) => Math.acosh(1 / v),
  (b, x) => b.neg(b.div(1, b.mul(x, b.op('sqrt', b.sub(1, b.square(x))!))!)),
  (z) => cacosh(crecip(z)),
  { domain: [0.2, 0.9], print: { latex: '\\operatorname{arsech}' }, domainNote: { value: 'asech needs 0 < x ≤ 1', derivative: "asech' needs 0 < x < 1" } },
);

export const erf_ = unary('erf', erf, (b, x) => b.mul(TWO_OVER_SQRT_PI, b.op('exp', b.neg(b.square(x))!)), cerf, {
  print: { latex: '\\operatorname{erf}' },
});
export const erfc_ = unary('erfc', erfc, (b, x) => b.mul(-TWO_OVER_SQRT_PI, b.op('exp', b.neg(b.square(x))!)), cerfc, {
  print: { latex: '\\operatorname{erfc}' },
});
export const gamma_ = unary('gamma', gamma, (b, x, y) => b.mul(y, b.op('digamma', x)), cgamma, {
  domain: [0.3, 4],
  print: { latex: '\\Gamma' },
  domainNote: { value: 'gamma needs x ≠ 0, -1, -2, …', derivative: "gamma' needs x ≠ 0, -1, -2, …" },
});
export const lgamma_ = unary('lgamma', lgamma, (b, x) => b.op('digamma', x), clgamma, {
  domain: [0.3, 5],
  print: { latex: '\\log\\Gamma' },
  domainNote: { value: 'lgamma needs x ≠ 0, -1, -2, …', derivative: "lgamma' needs x ≠ 0, -1, -2, …" },
});
/** ψ = Γ'/Γ, the derivative of lgamma (written by cg diff; callable too). */
export const digamma_ = unary('digamma', digamma, (b, x) => b.op('polygamma', 1, x), cdigamma, {
  domain: [0.3, 5],
  print: { latex: '\\psi' },
  domainNote: { value: 'digamma needs x ≠ 0, -1, -2, …', derivative: "digamma' needs x ≠ 0, -1, -2, …" },
});
/** ψ⁽ⁿ⁾(x), n a whole number (not differentiated: its partial in n is taken as 0). */
export const polygamma_ = elementwiseOp({
  name: 'polygamma',
  arity: 2,
  // n is a whole number: a fractional order is rounded (so the order has no derivative).
  scalar: (n, x) => polygamma(Math.round(n), x),
  partials: (b, [n, x]) => [undefined, b.op('polygamma', b.add(n, 1)!, x)],
  complex: cpolygamma,
  domain: [
    [1, 1],
    [0.5, 4],
  ],
  print: { latex: () => ({ prec: 6, pieces: ['\\psi^{(', { k: 0, need: 0 }, ')}\\left(', { k: 1, need: 0 }, '\\right)'] }) },
  domainNote: { value: 'polygamma needs a whole order n ≥ 0 and x ≠ 0, -1, -2, …', derivative: 'polygamma needs x ≠ 0, -1, -2, …' },
});
/** Normalized sinc, sin(πx)/(πx), 1 at 0 (numpy's, the one the peers test). */
export const sinc_ = unary('sinc', sinc, (b, x) => b.op('dsinc', x), (z) => {
  const t = cscale(z, Math.PI);
  if (Math.hypot(t.re, t.im) > 1e-3) return cdiv(csin(t), t);
  // Near 0 the series 1 - t²/6 + t⁴/120 (the quotient would divide 0 by 0, and a constant 1 loses the slope).
  const t2 = csquare(t);
  return cadd(cx(1), cmul(t2, cadd(cx(-1 / 6), cscale(t2, 1 / 120))));
});
/** sinc'(x) = (cos(πx) - sinc(x))/x, -π²x/3 near 0: what cg diff writes for sinc's derivative. */
export const dsinc_ = unary(
  'dsinc',
  dsinc,
  // sinc'' = -π² sinc - 2 sinc'/x: its removable singularity at 0 is left (second derivatives at exactly 0).
  (b, x, y) => b.sub(b.mul(-Math.PI * Math.PI, b.op('sinc', x)), b.div(b.mul(2, y), x)),
  (z) => cdiv(csub(ccos(cscale(z, Math.PI)), cdiv(csin(cscale(z, Math.PI)), cscale(z, Math.PI))), z),
  { domain: [0.3, 2.5] },
);

/** mathjs's hypot(a, b) = √(a² + b²) (two arguments; more fold pairwise). */
export const hypot = elementwiseOp({
  name: 'hypot',
  arity: [2, Infinity],
  scalar: Math.hypot,
  call: (b, args) => args.reduce((acc, x) => b.apply('hypot', [acc, x])),
  partials: (b, [p, q], y) => [b.div(p, y), b.div(q, y)],
  complex: (p, q) => csqrt(cadd(csquare(p), csquare(q))),
  domain: [0.3, 3],
  domainNote: { value: 'hypot is defined everywhere', derivative: "hypot' needs (a, b) ≠ (0, 0)" },
});

/** atan2(y, x): the angle of the point (x, y), mathjs's (and Math's) argument order. */
export const atan2 = elementwiseOp({
  name: 'atan2',
  arity: 2,
  scalar: Math.atan2,
  partials: (b, [y, x], _out, needs) => {
    const r2 = b.add(b.square(x), b.square(y))!;
    return [needs?.[0] === false ? undefined : b.div(x, r2), needs?.[1] === false ? undefined : b.neg(b.div(y, r2))];
  },
  // 2·atan(y / (√(x²+y²) + x)): analytic off the negative x axis, real there as atan2.
  complex: (y, x) => cscale(catan(cdiv(y, cadd(csqrt(cadd(csquare(x), csquare(y))), x))), 2),
  domain: [
    [0.2, 3],
    [-3, 3],
  ],
  print: { latex: '\\operatorname{atan2}' },
  domainNote: { value: 'atan2 is defined everywhere', derivative: "atan2' needs (x, y) ≠ (0, 0)" },
});

/** x·log(y), 0 where x = 0 whatever y (scipy's xlogy): the form entropy terms need. */
export const xlogy = elementwiseOp({
  name: 'xlogy',
  arity: 2,
  scalar: (x, y) => (x === 0 && !Number.isNaN(y) ? 0 : x * Math.log(y)),
  partials: (b, [x, y], _out, needs) => [needs?.[0] === false ? undefined : b.op('log', y), needs?.[1] === false ? undefined : b.div(x, y)],
  complex: (x, y) => cmul(x, clog(y)),
  domain: [
    [-2, 2],
    [0.2, 3],
  ],
  domainNote: { value: 'xlogy needs y > 0 (or x = 0)', derivative: "xlogy' needs y > 0" },
});

/** log(eᵃ + eᵇ) without overflow. */
export const logaddexp = elementwiseOp({
  name: 'logaddexp',
  arity: 2,
  scalar: (p, q) => {
    if (p === -Infinity && q === -Infinity) return -Infinity;
    const m = Math.max(p, q);
    return m + Math.log1p(Math.exp(-Math.abs(p - q)));
  },
  partials: (b, [p, q], y) => [b.op('exp', b.sub(p, y)!), b.op('exp', b.sub(q, y)!)],
  complex: clogaddexp,
});

/** mathjs's nthRoot(x, n): the real n-th root (negative x for odd n). */
export const nthRoot = elementwiseOp({
  name: 'nthRoot',
  arity: [1, 2],
  scalar: (x, n = 2) => (x < 0 && Math.abs(n % 2) === 1 ? -Math.pow(-x, 1 / n) : Math.pow(x, 1 / n)),
  // d/dx = y/(n·x); d/dn = -y·log|x|/n².
  partials: (b, [x, n], y, needs) => {
    const nn = n ?? 2;
    return [
      needs?.[0] === false ? undefined : b.div(y, b.mul(nn, x)!),
      n === undefined || needs?.[1] === false ? undefined : b.neg(b.div(b.mul(y, b.op('log', b.op('abs', x))), b.square(n))),
    ];
  },
  complex: (x, n) => cpow(x, crecip(n ?? cx(2))),
  domain: [
    [0.3, 3],
    [2, 4],
  ],
  domainNote: { value: 'nthRoot needs x ≥ 0 for an even n', derivative: "nthRoot' needs x ≠ 0" },
});

const sinPiOver = (x: Value) => zip(x, 0, (v) => Math.sin(Math.PI * v));
const jumps = (convention: string, at: (x: Value[]) => Value) => ({ kink: { at, convention } });

/*
 * Piecewise constant functions: derivative 0 wherever it exists. Their jumps are kinks for
 * the checker (a stencil across one compares one-sided differences instead), and the CLI says
 * when a point sits on one.
 */
export const floor = unary('floor', Math.floor, () => undefined, undefined, {
  ...jumps("floor'(x) = 0, and at an integer (a jump) 0 by convention", ([x]) => sinPiOver(x)),
  domain: [0.1, 0.9],
});
export const ceil = unary('ceil', Math.ceil, () => undefined, undefined, {
  ...jumps("ceil'(x) = 0, and at an integer (a jump) 0 by convention", ([x]) => sinPiOver(x)),
  domain: [0.1, 0.9],
});
export const fix = unary('fix', Math.trunc, () => undefined, undefined, {
  ...jumps("fix'(x) = 0, and at a nonzero integer (a jump) 0 by convention", ([x]) => sinPiOver(x)),
  domain: [0.1, 0.9],
});
export const round = elementwiseOp({
  name: 'round',
  // round(x, n) rounds to n decimals, as in mathjs.
  arity: [1, 2],
  scalar: (x, n = 0) => {
    const k = Math.pow(10, Math.round(n));
    const v = Math.abs(x) * k;
    return (Math.sign(x) * Math.round(v)) / k;
  },
  partials: () => [undefined, undefined],
  ...jumps("round'(x) = 0, and half way between (a jump) 0 by convention", ([x, n]) =>
    zip(x, n ?? 0, (v, d) => Math.cos(Math.PI * v * Math.pow(10, Math.round(d)))),
  ),
  domain: [
    [0.1, 0.4],
    [0, 0],
  ],
});

/** mathjs's mod(x, y) = x - y·floor(x/y): ∂x = 1, ∂y = -floor(x/y); jumps where x/y is a whole number. */
export const mod = elementwiseOp({
  name: 'mod',
  arity: 2,
  scalar: (x, y) => (y === 0 ? x : x - y * Math.floor(x / y)),
  partials: (b, [x, y], _out, needs) => [1, needs?.[1] === false ? undefined : b.neg(b.op('floor', b.div(x, y)!))],
  ...jumps("mod jumps where x/y is a whole number; its derivative there is taken from the right", ([x, y]) =>
    zip(x, y, (p, q) => Math.sin((Math.PI * p) / q)),
  ),
  domain: [
    [2.1, 2.9],
    [1, 1],
  ],
});
