/**
 * Complex numbers for the complex-step derivative: Im f(x + ih)/h with h = 1e-200 is f'(x)
 * to rounding, with no cancellation. Ops declare their evaluation on these (`OpDef.complex`);
 * a function here must be the analytic continuation of its real counterpart, accurate when
 * the imaginary part is tiny (so no formulas that lose it, such as (e^z - e^-z)/2 near 0).
 */
export interface C {
  re: number;
  im: number;
}

export const cx = (re: number, im = 0): C => ({ re, im });

export const cadd = (a: C, b: C): C => cx(a.re + b.re, a.im + b.im);
export const csub = (a: C, b: C): C => cx(a.re - b.re, a.im - b.im);
export const cneg = (a: C): C => cx(-a.re, -a.im);
export const cmul = (a: C, b: C): C => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const cscale = (a: C, k: number): C => cx(a.re * k, a.im * k);

/** Smith's division: no overflow from squaring b's parts. */
export function cdiv(a: C, b: C): C {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return cx((a.re + a.im * r) / d, (a.im - a.re * r) / d);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return cx((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}

export const crecip = (a: C): C => cdiv(cx(1), a);
export const csquare = (a: C): C => cmul(a, a);

export function cexp(a: C): C {
  const m = Math.exp(a.re);
  return cx(m * Math.cos(a.im), a.im === 0 ? 0 : m * Math.sin(a.im));
}

/** Principal branch. */
export function clog(a: C): C {
  return cx(Math.log(Math.hypot(a.re, a.im)), Math.atan2(a.im, a.re));
}

/** Principal branch, without cancellation for either sign of the real part. */
export function csqrt(a: C): C {
  if (a.re === 0 && a.im === 0) return cx(0, 0);
  const m = Math.sqrt((Math.abs(a.re) + Math.hypot(a.re, a.im)) / 2);
  if (a.re >= 0) return cx(m, a.im / (2 * m));
  return cx(Math.abs(a.im) / (2 * m), a.im >= 0 ? m : -m);
}

export const csin = (a: C): C => cx(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
export const ccos = (a: C): C => cx(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
export const ctan = (a: C): C => cdiv(csin(a), ccos(a));
export const csinh = (a: C): C => cx(Math.sinh(a.re) * Math.cos(a.im), Math.cosh(a.re) * Math.sin(a.im));
export const ccosh = (a: C): C => cx(Math.cosh(a.re) * Math.cos(a.im), Math.sinh(a.re) * Math.sin(a.im));

/** tanh(x + iy) = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y), with large |x| kept finite. */
export function ctanh(a: C): C {
  if (Math.abs(a.re) > 20) return cx(Math.sign(a.re), 4 * Math.sin(a.im) * Math.cos(a.im) * Math.exp(-2 * Math.abs(a.re)));
  const d = Math.cosh(2 * a.re) + Math.cos(2 * a.im);
  return cx(Math.sinh(2 * a.re) / d, Math.sin(2 * a.im) / d);
}

/** a^b = exp(b log a); integer real exponents by repeated products (exact at a = 0 and for negative bases). */
export function cpow(a: C, b: C): C {
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let n = Math.abs(b.re);
    let r = cx(1);
    let p = a;
    while (n > 0) {
      if (n & 1) r = cmul(r, p);
      p = cmul(p, p);
      n >>= 1;
    }
    return b.re < 0 ? crecip(r) : r;
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? cx(0) : cx(b.re === 0 ? 1 : Infinity);
  return cexp(cmul(b, clog(a)));
}

/** atan(x + iy) in closed form: both parts keep a tiny y (no 1 ± iz that would round it away). */
export function catan(a: C): C {
  const { re: x, im: y } = a;
  return cx(0.5 * Math.atan2(2 * x, 1 - x * x - y * y), 0.25 * Math.log1p((4 * y) / (x * x + (1 - y) * (1 - y))));
}

/** Kahan's forms through sqrt(1 - z) and sqrt(1 + z): accurate for a nearly real z. */
export function casin(a: C): C {
  const p = csqrt(cx(1 - a.re, -a.im));
  const q = csqrt(cx(1 + a.re, a.im));
  return cx(Math.atan2(a.re, p.re * q.re - p.im * q.im), Math.asinh(p.re * q.im - p.im * q.re));
}

export function cacos(a: C): C {
  const p = csqrt(cx(1 - a.re, -a.im));
  const q = csqrt(cx(1 + a.re, a.im));
  return cx(2 * Math.atan2(p.re, q.re), Math.asinh(q.re * p.im - q.im * p.re));
}

/** log(1 + z) without losing a small z: the real part through log1p. */
export function clog1p(a: C): C {
  return cx(0.5 * Math.log1p(2 * a.re + a.re * a.re + a.im * a.im), Math.atan2(a.im, 1 + a.re));
}

/** e^z - 1 without cancellation near 0: expm1(x)cos y - 2sin²(y/2) + i eˣ sin y. */
export function cexpm1(a: C): C {
  const s = Math.sin(a.im / 2);
  return cx(Math.expm1(a.re) * Math.cos(a.im) - 2 * s * s, Math.exp(a.re) * Math.sin(a.im));
}

/** The real cube root's continuation: odd, so negative reals stay real. */
export function ccbrt(a: C): C {
  if (a.re < 0) return cneg(ccbrt(cneg(a)));
  if (a.re === 0 && a.im === 0) return cx(0);
  const r = Math.cbrt(Math.hypot(a.re, a.im));
  const t = Math.atan2(a.im, a.re) / 3;
  return cx(r * Math.cos(t), r * Math.sin(t));
}

/** asinh z = log(z + √(z² + 1)), odd, computed for Re z ≥ 0. */
export function casinh(a: C): C {
  if (a.re < 0) return cneg(casinh(cneg(a)));
  return clog(cadd(a, csqrt(cadd(csquare(a), cx(1)))));
}

/** acosh z = log(z + √(z - 1)√(z + 1)). */
export function cacosh(a: C): C {
  return clog(cadd(a, cmul(csqrt(csub(a, cx(1))), csqrt(cadd(a, cx(1))))));
}

/** atanh z = (log1p(z) - log1p(-z))/2. */
export function catanh(a: C): C {
  return cscale(csub(clog1p(a), clog1p(cneg(a))), 0.5);
}

/** erf z = 2/√π e^{-z²} Σ 2ⁿ z^{2n+1}/(2n+1)!! (positive terms for a nearly real z); odd. */
export function cerf(a: C): C {
  if (a.re < 0) return cneg(cerf(cneg(a)));
  if (a.re >= 2) return csub(cx(1), cerfcFraction(a));
  const z2 = csquare(a);
  let term = a;
  let sum = a;
  for (let n = 1; n < 200; n++) {
    term = cscale(cmul(term, z2), 2 / (2 * n + 1));
    sum = cadd(sum, term);
    if (Math.hypot(term.re, term.im) < 1e-17 * Math.hypot(sum.re, sum.im)) break;
  }
  return cscale(cmul(cexp(cneg(z2)), sum), 2 / Math.sqrt(Math.PI));
}

/** erfc z for Re z ≥ 2: e^{-z²}/√π over the continued fraction z + (1/2)/(z + 1/(z + …)), from its tail. */
function cerfcFraction(a: C): C {
  let f = a;
  for (let n = 60; n >= 1; n--) f = cadd(a, cdiv(cx(n / 2), f));
  return cdiv(cscale(cexp(cneg(csquare(a))), 1 / Math.sqrt(Math.PI)), f);
}

export function cerfc(a: C): C {
  if (a.re >= 2) return cerfcFraction(a);
  return csub(cx(1), cerf(a));
}

const LANCZOS_C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(z) for Re z ≥ 0.5 (Lanczos, g = 7), the branch that is real on the positive reals. */
function clgammaRight(a: C): C {
  const z = csub(a, cx(1));
  let s = cx(LANCZOS_C[0]);
  for (let k = 1; k < 9; k++) s = cadd(s, cdiv(cx(LANCZOS_C[k]), cadd(z, cx(k))));
  const t = cadd(z, cx(7.5));
  return cadd(cadd(cx(0.5 * Math.log(2 * Math.PI)), csub(cmul(cadd(z, cx(0.5)), clog(t)), t)), clog(s));
}

/** Γ(z), with the reflection Γ(z)Γ(1-z) = π/sin(πz) left of 1/2. */
export function cgamma(a: C): C {
  if (a.re < 0.5) return cdiv(cx(Math.PI), cmul(csin(cscale(a, Math.PI)), cgamma(csub(cx(1), a))));
  return cexp(clgammaRight(a));
}

/** The continuation of log|Γ(x)|: log Γ(z) where Γ > 0, log(-Γ(z)) where Γ < 0 on the real axis. */
export function clgamma(a: C): C {
  if (a.re >= 0.5) return clgammaRight(a);
  // log|Γ(z)| = log π - log(±sin πz) - log Γ(1 - z), the sign making sin πz positive on the real axis.
  const s = csin(cscale(a, Math.PI));
  const pos = s.re < 0 ? cneg(s) : s;
  return csub(csub(cx(Math.log(Math.PI)), clog(pos)), clgammaRight(csub(cx(1), a)));
}

/** log(e^a + e^b), the larger real part taken out first. */
export function clogaddexp(a: C, b: C): C {
  const [hi, lo] = a.re >= b.re ? [a, b] : [b, a];
  return cadd(hi, clog1p(cexp(csub(lo, hi))));
}

/** 1/(1 + e^{-z}), through e^{z} for Re z < 0 so that neither overflows. */
export function csigmoid(a: C): C {
  if (a.re >= 0) return crecip(cadd(cx(1), cexp(cneg(a))));
  const e = cexp(a);
  return cdiv(e, cadd(cx(1), e));
}

/** log(1 + e^z), stable for large real parts. */
export function csoftplus(a: C): C {
  if (a.re > 0) return cadd(a, clog1p(cexp(cneg(a))));
  return clog1p(cexp(a));
}

const BERNOULLI_2K = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6];

/** ψ(z): the recurrence ψ(z) = ψ(z + 1) - 1/z up to Re z ≥ 10, then the asymptotic series; reflection left of 1/2. */
export function cdigamma(a: C): C {
  if (a.re < 0.5) {
    // ψ(z) = ψ(1 - z) - π cot(πz)
    const t = cscale(a, Math.PI);
    return csub(cdigamma(csub(cx(1), a)), cscale(cdiv(ccos(t), csin(t)), Math.PI));
  }
  let acc = cx(0);
  let z = a;
  while (z.re < 10) {
    acc = csub(acc, crecip(z));
    z = cadd(z, cx(1));
  }
  const r = crecip(csquare(z));
  let series = cx(0);
  let p = r;
  for (let k = 1; k <= BERNOULLI_2K.length; k++) {
    series = cadd(series, cscale(p, BERNOULLI_2K[k - 1] / (2 * k)));
    p = cmul(p, r);
  }
  return csub(cadd(acc, csub(clog(z), cscale(crecip(z), 0.5))), series);
}

/** ψ⁽ⁿ⁾(z) for a whole n ≥ 1: (-1)^(n+1) n! Σ 1/(z + k)^(n+1), the first terms summed and the tail asymptotically. */
export function cpolygamma(order: C, a: C): C {
  const n = Math.round(order.re);
  if (n === 0) return cdigamma(a);
  let fact = 1;
  for (let k = 2; k <= n; k++) fact *= k;
  const power = (z: C, m: number) => cpow(z, cx(m));
  let acc = cx(0);
  let z = a;
  const start = Math.max(20, n + 10);
  while (z.re < start) {
    acc = cadd(acc, crecip(power(z, n + 1)));
    z = cadd(z, cx(1));
  }
  // Tail: (n-1)!/zⁿ + n!/(2z^(n+1)) + Σ B_2k (2k+n-1)!/(2k)! / z^(2k+n), all over n! here.
  let tail = cadd(cscale(crecip(power(z, n)), 1 / n), cscale(crecip(power(z, n + 1)), 0.5));
  let ratio = 1 / n;
  for (let k = 1; k <= BERNOULLI_2K.length; k++) {
    ratio *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * 2 * k);
    tail = cadd(tail, cscale(crecip(power(z, 2 * k + n)), BERNOULLI_2K[k - 1] * ratio));
  }
  return cscale(cadd(acc, tail), (n % 2 === 1 ? 1 : -1) * fact);
}
