// One text → graph measurement in a fresh process, as a cg command meets it: warm the
// parser and lowering on a small program first, then build the program of TERMS terms once.
// node bench/build-worker.mjs TERMS. Prints one JSON line.
import { buildGraph } from '../dist/lib.mjs';
import { program, values } from './program.mjs';

const terms = Number(process.argv[2] ?? 1700);
const env = values();
const warm = program(1700, 2);
for (let i = 0; i < 20; i++) buildGraph(warm, env);
const src = program(terms);
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const { graph } = buildGraph(src, env);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const c = process.cpuUsage(c0);
// CPU time (all of the process's threads: the collector's too) next to wall time, which other load stretches.
console.log(JSON.stringify({ nodes: graph.nodes.length, ms, cpu_ms: (c.user + c.system) / 1000, bytes: src.length }));
