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

/** log(1 + w), keeping a tiny w's parts (no 1 + w that would round them away). */
export function clog1p(w: C): C {
  return cx(0.5 * Math.log1p(w.re * (2 + w.re) + w.im * w.im), Math.atan2(w.im, 1 + w.re));
}

/** 1 / (1 + e^-z) in two branches, as the real sigmoid, so that e^±z never overflows. */
export function csigmoid(z: C): C {
  if (z.re >= 0) return crecip(cadd(cx(1), cexp(cneg(z))));
  const e = cexp(z);
  return cdiv(e, cadd(cx(1), e));
}

/** log(1 + e^z) in two branches, as the real softplus. */
export function csoftplus(z: C): C {
  return z.re > 0 ? cadd(z, clog1p(cexp(cneg(z)))) : clog1p(cexp(z));
}
