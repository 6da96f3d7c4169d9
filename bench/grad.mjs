// The lecture's cost argument, measured: one reverse sweep costs a small multiple of one
// evaluation, while forward mode and finite differences cost a multiple per input.
import { buildGraph, evaluateFast as evaluate, forwardGradient, gradient } from '../dist/lib.mjs';
import { NVARS, program } from './program.mjs';
import { fmt, median, timeIt } from './stats.mjs';

export default async function grad() {
  const env = new Map(Array.from({ length: NVARS }, (_, i) => [`x${i}`, Math.sin(i + 1)]));
  const wrt = [...env.keys()];
  const rows = [];
  const perNode = [];
  for (const terms of [1700, 17000, 170000]) {
    const { graph } = buildGraph(program(terms), env);
    const n = graph.nodes.length;
    // Alternate the two, after a warm-up long enough for the JIT to settle, so drift and
    // compilation treat them alike; medians of the alternated runs.
    const reps = n > 500000 ? 7 : n > 50000 ? 21 : 101;
    for (let i = 0; i < Math.min(reps, 30); i++) {
      evaluate(graph, env);
      gradient(graph, env, wrt);
    }
    const te = [];
    const tr = [];
    for (let i = 0; i < reps; i++) {
      te.push(timeIt(() => evaluate(graph, env), 1, 0));
      tr.push(timeIt(() => gradient(graph, env, wrt), 1, 0));
    }
    const tEval = median(te);
    const tRev = median(tr);
    const values = evaluate(graph, env);
    const small = n < 50000;
    const tFwd = small ? timeIt(() => forwardGradient(graph, values, wrt), 3) : NaN;
    // Central differences: two evaluations per input.
    const tFd = small ? 2 * NVARS * tEval : NaN;
    perNode.push((tRev / n) * 1e6);
    rows.push([
      n.toLocaleString('en'),
      fmt(tEval),
      fmt(tRev),
      `${(tRev / tEval).toFixed(2)}×`,
      small ? `${fmt(tFwd)} (${(tFwd / tEval).toFixed(0)}×)` : '-',
      small ? `${fmt(tFd)} (${(tFd / tEval).toFixed(0)}×)` : '-',
      fmt((tRev / n) * 1e6, 0),
    ]);
  }
  return [
    {
      title: `Cheap gradient: sum of random terms over ${NVARS} variables (parsing excluded, median ms)`,
      head: ['nodes', 'evaluate', 'reverse (value+grad)', 'reverse / evaluate', `forward mode, ${NVARS} sweeps`, `finite diff, ${2 * NVARS} evals`, 'reverse ns/node'],
      rows,
      notes: [
        'goal: reverse ≤ 3× evaluate; ns/node within 2× from 10^4 to 10^6 nodes',
        `ns/node spread: ${(Math.max(...perNode) / Math.min(...perNode)).toFixed(2)}×`,
        'finite differences are estimated as 2·n evaluations (each measured above)',
        'all-scalar graphs: one pass computes values and local partials; the reverse sweep and each forward-mode sweep then run on those',
      ],
    },
  ];
}
