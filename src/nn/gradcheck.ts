import { checkGradient, type CheckResult } from '../graph/check/check.js';
import { Tensor, type Value } from '../graph/tensor.js';
import { compile } from './executor.js';
import { buildModelGraph, buildTrainingGraph, paramShapes } from './model.js';
import type { Trainer } from './trainer.js';

/** Rows of the training set `cg train --check-grad` checks the gradient on. */
export const CHECK_ROWS = 8;

/**
 * The model's gradient on a few training rows, in float64: computed by the training
 * executor (the compiled derivative graph), checked by cg's one checker against central
 * differences of the plain model graph evaluated by the generic engine.
 */
export function checkModelGradient(tr: Trainer, rows = CHECK_ROWS): CheckResult {
  const n = Math.min(rows, tr.train.n);
  const m = buildTrainingGraph(tr.def, n);
  const p = compile(m.graph, [m.loss, ...m.grads], { dtype: 'float64' });
  const d = tr.def.inputs;
  const c = m.graph.nodes[m.y].shape[1];
  const env = new Map<string, Value>();
  env.set('X', new Tensor([n, d], Float64Array.from(tr.train.x.subarray(0, n * d))));
  env.set('Y', new Tensor([n, c], Float64Array.from(tr.train.t.subarray(0, n * c))));
  for (const s of paramShapes(tr.def)) env.set(s.name, new Tensor(s.shape, Float64Array.from(tr.params.get(s.name)!)));
  for (const [name, v] of env) p.buffer(m.graph.vars.get(name)!).set((v as Tensor).data);
  p.run();
  const analytic = new Map<string, Value>(m.params.map((q, k) => [q.name, new Tensor(q.shape, Float64Array.from(p.buffer(m.grads[k])))]));
  return checkGradient(buildModelGraph(tr.def, n).graph, env, analytic);
}
