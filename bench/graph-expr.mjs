// The expression family of issue 26: a sum of `terms` terms cycling through six shapes,
// each with its own constant k (so no two terms are the same and nothing is shared).
const SHAPES = [
  (k) => `sin(${k}*x*y)`,
  (k) => `cos(x+${k}*y^2)`,
  (k) => `exp(-${k}*x*y)`,
  (k) => `log(1+${k}*x^2)`,
  (k) => `tanh(${k}*x-y)`,
  (k) => `sqrt(1+${k}*y^2)`,
];

export function sumOfTerms(terms) {
  const parts = [];
  for (let i = 0; i < terms; i++) parts.push(SHAPES[i % SHAPES.length](((i + 1) / 10).toFixed(1)));
  return parts.join(' + ');
}
