// The 300×300 quartic sum((A*B) .* (A*B)) and its in-process reverse gradient in cg, warm:
// node bench/tensor/worker.mjs [auto|ts|blas] [n] [reps] [warm]. Prints one JSON line (median and
// best ms per gradient). PyTorch's twin: torch_quartic.py.
import { buildGraph, getBackend, gradient, mulberry32, setBackend, Tensor } from '../../dist/lib.mjs';

const [, , backend = 'auto', nArg = '300', repsArg = '50', warmArg = '20'] = process.argv;
const [n, reps, warm] = [nArg, repsArg, warmArg].map(Number);
if (backend !== 'auto') setBackend(backend);
const rand = mulberry32(7);
const matrix = () => new Tensor([n, n], Float64Array.from({ length: n * n }, () => rand() * 2 - 1));
const env = new Map([['A', matrix()], ['B', matrix()]]);
const { graph } = buildGraph('sum((A*B) .* (A*B))', env);
for (let i = 0; i < warm; i++) gradient(graph, env, ['A', 'B']);
const ts = [];
for (let i = 0; i < reps; i++) {
  const t0 = process.hrtime.bigint();
  gradient(graph, env, ['A', 'B']);
  ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
ts.sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: ts[ts.length >> 1], best_ms: ts[0], backend: getBackend() }));
