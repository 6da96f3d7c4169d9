/**
 * Special functions on real numbers (erf, erfc, gamma, lgamma, digamma, polygamma), accurate
 * to a few units in the last place on the ranges cg's ops use. Written for cg from the
 * textbook series: erf's series with positive terms, erfc's continued fraction, Lanczos's
 * gamma (g = 7, n = 9), the asymptotic series of digamma and polygamma after the recurrence.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) = 2/√π e^{-x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return ((2 / SQRT_PI) * Math.exp(-x2)) * sum;
}

/** erfc(x) for x ≥ 2 by its continued fraction (modified Lentz). */
function erfcFraction(x: number): number {
  // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 2) return erfSeries(x);
  const r = 1 - erfcFraction(Math.abs(x));
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 2) return x < -2 ? 2 - erfcFraction(-x) : 1 - erfSeries(x);
  return erfcFraction(x);
}

/** Lanczos's coefficients for g = 7, n = 9 (relative error about 1e-15). */
export const LANCZOS_G = 7;
export const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function gamma(x: number): number {
  if (Number.isInteger(x) && x <= 0) return NaN;
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x > 171.7) return Infinity;
  if (Number.isInteger(x) && x <= 30) {
    let f = 1;
    for (let k = 2; k < x; k++) f *= k;
    return f;
  }
  const z = x - 1;
  let a = LANCZOS[0];
  for (let k = 1; k < 9; k++) a += LANCZOS[k] / (z + k);
  const t = z + LANCZOS_G + 0.5;
  // t^(z+0.5) split in two so that it does not overflow before e^-t brings it back.
  const p = Math.pow(t, (z + 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * p * (p * Math.exp(-t)) * a;
}

/** log |Γ(x)|. */
export function lgamma(x: number): number {
  if (Number.isInteger(x) && x <= 0) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  if (x === 1 || x === 2) return 0;
  const z = x - 1;
  let a = LANCZOS[0];
  for (let k = 1; k < 9; k++) a += LANCZOS[k] / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ψ(x) = Γ'(x)/Γ(x). */
export function digamma(x: number): number {
  if (Number.isInteger(x) && x <= 0) return NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  while (x < 10) acc -= 1 / x++;
  const r = 1 / (x * x);
  return acc + Math.log(x) - 0.5 / x - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132)))));
}

/** Bernoulli numbers B_2 … B_20. */
const B2K = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330];

/** ψ⁽ⁿ⁾(x), the n-th derivative of digamma (n a whole number; n = 0 is digamma). */
export function polygamma(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 0) return NaN;
  if (n === 0) return digamma(x);
  if (Number.isInteger(x) && x <= 0) return NaN;
  const sign = n % 2 === 1 ? 1 : -1;
  let fact = 1; // n!
  for (let k = 2; k <= n; k++) fact *= k;
  // ψ⁽ⁿ⁾(x) = (-1)^(n+1) n! Σ_k 1/(x+k)^(n+1): the first terms summed, the tail asymptotically.
  if (x < 0) {
    // Reflection: ψ⁽ⁿ⁾(1-x) + (-1)^(n+1) ψ⁽ⁿ⁾(x) = (-1)^n π dⁿ/dxⁿ cot(πx); no closed form here for large n.
    // Recurrence up instead: ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) - (-1)^n n!/x^(n+1).
    let acc = 0;
    while (x < 0.5) acc += (sign * fact) / Math.pow(x++, n + 1);
    return acc + polygamma(n, x);
  }
  let acc = 0;
  const start = Math.max(20, n + 10);
  while (x < start) acc += 1 / Math.pow(x++, n + 1);
  // Tail: (n-1)!/xⁿ + n!/(2x^(n+1)) + Σ_k B_2k (2k+n-1)!/(2k)! / x^(2k+n).
  let tail = fact / n / Math.pow(x, n) + fact / (2 * Math.pow(x, n + 1));
  let ratio = fact / n; // (2k+n-1)!/(2k)! at k = 0: (n-1)!
  for (let k = 1; k <= B2K.length; k++) {
    ratio *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * 2 * k);
    const t = (B2K[k - 1] * ratio) / Math.pow(x, 2 * k + n);
    tail += t;
    if (Math.abs(t) < 1e-17 * Math.abs(tail)) break;
  }
  return sign * (fact * acc + tail);
}

/** Normalized sinc, sin(πx)/(πx), as numpy's. */
export function sinc(x: number): number {
  if (Math.abs(x) < 1e-4) {
    const t = Math.PI * x;
    return 1 - (t * t) / 6 + (t * t * t * t) / 120;
  }
  return Math.sin(Math.PI * x) / (Math.PI * x);
}

/** sinc'(x) = (cos(πx) - sinc(x))/x, with its series at 0. */
export function dsinc(x: number): number {
  if (Math.abs(x) < 1e-3) {
    const p2 = Math.PI * Math.PI;
    return x * (-p2 / 3 + (x * x * p2 * p2) / 30);
  }
  return (Math.cos(Math.PI * x) - sinc(x)) / x;
}

/** Rounding as mathjs's round: half away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** mathjs's mod: x - y·floor(x/y), the sign of y; mod(x, 0) = x. */
export function mod(x: number, y: number): number {
  if (y === 0) return x;
  return x - y * Math.floor(x / y);
}
