/*
 * The lecture's worked examples (shared/seeds/README.md), in the order the lectures meet
 * them: practice mode walks through them as exercises. Only the expression and the point:
 * every number the page asks for comes from the engine.
 */
export interface Exercise {
  title: string;
  expr: string;
  at: string;
}

export const EXERCISES: readonly Exercise[] = [
  { title: 'add and multiply', expr: '(x+y)*z', at: 'x=-2, y=5, z=-4' },
  { title: 'named parts, b used twice', expr: 'c = a+b; d = b+1; e = c*d', at: 'a=2, b=1' },
  { title: 'the sigmoid neuron', expr: '1/(1+exp(-(w0*x0+w1*x1+w2)))', at: 'w0=2, x0=-1, w1=-3, x1=-2, w2=-3' },
  { title: 'exp and sigmoid of a shared t', expr: 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)', at: 'u1=1, u2=-1' },
  { title: 'one over x squared', expr: '1/x^2', at: 'x=2' },
  { title: 'x over x squared: two paths', expr: 'x / x^2', at: 'x=2' },
  { title: 'log and its square root', expr: 'log(x) + sqrt(log(x))', at: 'x=3' },
  { title: 'a ReLU at its kink', expr: 'relu(w*x + b)', at: 'w=2, x=1, b=-2' },
];
