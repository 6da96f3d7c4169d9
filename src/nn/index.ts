/**
 * cg's neural-network side: a model spec becomes a graph in cg's IR (model.ts), trained on
 * compiled programs of that graph (executor.ts, trainer.ts). This entry keeps to modules
 * that do not load zod or yaml; read a spec with `readSpecFile` from ./spec.js (lazily).
 */
import { resolve } from 'node:path';
import type { Graph } from '../graph/graph.js';
import { readCsv } from './data.js';
import { buildModelGraph, buildTrainingGraph, modelDef } from './model.js';
import { sourceOf } from './names.js';
import type { Spec, SpecFile } from './spec.js';
import type * as Checkpoint from './checkpoint.js';

export { buildModelGraph, buildTrainingGraph, modelDef, paramShapes, type ModelDef, type ModelGraph, type TrainingGraph } from './model.js';
export { compile, gemmIsNative, type Program, type DType } from './executor.js';
export { Trainer } from './trainer.js';
export { Evaluator } from './infer.js';
export { generate, parseCsv, type Dataset } from './data.js';
export { encodeSafetensors, decodeSafetensors } from './safetensors.js';

/** Input columns of a spec's data (generators know theirs; a CSV's header is read). */
export function inputsOfSpec(spec: Spec, dir = '.'): number {
  const src = sourceOf(spec);
  const d = spec.data;
  if (src.kind === 'csv') {
    if (d.inputs) return d.inputs.length;
    const header = readCsv(resolve(dir, src.file)).header;
    const targets = d.target === undefined ? 1 : typeof d.target === 'string' ? 1 : d.target.length;
    return header.length - targets;
  }
  switch (src.generator) {
    case 'sine':
      return 1;
    case 'sort':
      return d.k ?? 4;
    case 'random':
      return d.features ?? 784;
    default:
      return 2;
  }
}

/**
 * The graph of a spec's model: variables X [B, inputs], Y [B, outputs], W1, b1, ...; nodes
 * named h1, h2, ..., logits and loss; output = the loss. B is the spec's batch size unless
 * `batch` says otherwise. With `gradient`, ∂loss/∂W and ∂loss/∂b are in the graph too, as
 * nodes made by the op table's rules (what training runs).
 */
export function specToGraph(spec: Spec | SpecFile, opts: { batch?: number; gradient?: boolean } = {}): Graph {
  const s = 'spec' in spec ? spec.spec : spec;
  const dir = 'spec' in spec ? spec.dir : '.';
  const def = modelDef(inputsOfSpec(s, dir), s.model.layers, s.loss);
  const batch = opts.batch ?? s.training.batch_size;
  return (opts.gradient ? buildTrainingGraph(def, batch) : buildModelGraph(def, batch)).graph;
}

/**
 * A saved model (checkpoint.ts), loaded on first use: checkpoints validate their metadata
 * with zod, which this entry does not load up front (zod and yaml cost a process ~24 MiB).
 */
export async function loadModel(...args: Parameters<typeof Checkpoint.loadModel>): Promise<ReturnType<typeof Checkpoint.loadModel>> {
  return (await import('./checkpoint.js')).loadModel(...args);
}

/** Writes a checkpoint generation (checkpoint.ts), loaded on first use as loadModel is. */
export async function saveCheckpoint(...args: Parameters<typeof Checkpoint.saveCheckpoint>): Promise<ReturnType<typeof Checkpoint.saveCheckpoint>> {
  return (await import('./checkpoint.js')).saveCheckpoint(...args);
}
