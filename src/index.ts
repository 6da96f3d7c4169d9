// The library entry (dist/lib.mjs): what benchmarks and embedders import.
export { CgError, formatError } from './errors.js';
export { Graph, dependents } from './graph/graph.js';
export { evaluate, evaluateFast } from './graph/engines/evaluate.js';
export { reverse } from './graph/engines/reverse.js';
export { forward } from './graph/engines/forward.js';
export { gradient, forwardGradient } from './graph/engines/gradient.js';
export { checkGradient } from './graph/check/check.js';
export { num } from './graph/engines/numeric.js';
export { Tensor } from './graph/tensor.js';
export { buildGraph, parseAt } from './parse/index.js';
export { parseProgram } from './parse/parser.js';
export { isScalarGraph, evaluateScalar } from './graph/engines/scalar.js';
export { derivativeGraph, simplify } from './graph/engines/simplify.js';
export { printProgram, printLatex } from './graph/present/print.js';
export { computeDiff } from './parse/diff.js';
export { Trainer, generate, specToGraph, buildTrainingGraph, modelDef, compile, gemmIsNative, loadModel, Evaluator } from './nn/index.js';
export { setBackend, getBackend, coretypeForFlags, cpuFlags, gemm, backendInfo } from './native/index.js';
export { mulberry32, normal } from './util/random.js';
