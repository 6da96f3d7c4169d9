// The scalar engine against a lean JS tape, the floor a hand-written reverse mode reaches in
// JavaScript: the same ~10k-op graph (bench/program.mjs), value and full gradient per call,
// alternated in one process after a warm-up; medians.
import { buildGraph, gradient } from '../dist/lib.mjs';
import { program, values } from './program.mjs';
import { fmt, median } from './stats.mjs';

const TERMS = 1700; // about 10^4 op nodes
const CODES = { add: 1, sub: 2, mul: 3, div: 4, neg: 5, exp: 6, sin: 7, cos: 8, tanh: 9, sigmoid: 10 };

/**
 * The lean tape: ops as codes in typed arrays, one forward pass storing values and local
 * partials, one backward pass. No rules, no builder, nothing but the arithmetic.
 */
function leanTape(graph) {
  const n = graph.nodes.length;
  const code = new Uint8Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const init = new Float64Array(n);
  const vars = [];
  for (const node of graph.nodes) {
    if (node.op === 'const') init[node.id] = node.value;
    else if (node.op === 'var') vars.push([node.id, node.name]);
    else {
      code[node.id] = CODES[node.op] ?? 0;
      if (!code[node.id]) throw new Error(`lean tape: no ${node.op}`);
      a[node.id] = node.inputs[0];
      b[node.id] = node.inputs[1] ?? 0;
    }
  }
  const v = new Float64Array(n);
  const d0 = new Float64Array(n);
  const d1 = new Float64Array(n);
  const adj = new Float64Array(n);
  return (env, out) => {
    v.set(init);
    for (const [id, name] of vars) v[id] = env.get(name);
    for (let i = 0; i < n; i++) {
      const x = v[a[i]];
      const y = v[b[i]];
      switch (code[i]) {
        case 0: continue;
        case 1: v[i] = x + y; d0[i] = 1; d1[i] = 1; break;
        case 2: v[i] = x - y; d0[i] = 1; d1[i] = -1; break;
        case 3: v[i] = x * y; d0[i] = y; d1[i] = x; break;
        case 4: v[i] = x / y; d0[i] = 1 / y; d1[i] = -x / (y * y); break;
        case 5: v[i] = -x; d0[i] = -1; break;
        case 6: v[i] = Math.exp(x); d0[i] = v[i]; break;
        case 7: v[i] = Math.sin(x); d0[i] = Math.cos(x); break;
        case 8: v[i] = Math.cos(x); d0[i] = -Math.sin(x); break;
        case 9: v[i] = Math.tanh(x); d0[i] = 1 - v[i] * v[i]; break;
        case 10: v[i] = 1 / (1 + Math.exp(-x)); d0[i] = v[i] * (1 - v[i]); break;
      }
    }
    adj.fill(0);
    adj[graph.output] = 1;
    for (let i = graph.output; i >= 0; i--) {
      const c = code[i];
      if (c === 0 || adj[i] === 0) continue;
      adj[a[i]] += adj[i] * d0[i];
      if (c <= 4) adj[b[i]] += adj[i] * d1[i];
    }
    for (const [id, name] of vars) out.set(name, adj[id]);
    return v[graph.output];
  };
}

export default async function scalar() {
  const env = values();
  const wrt = [...env.keys()];
  const { graph } = buildGraph(program(TERMS), env);
  const ops = graph.nodes.filter((n) => n.def).length;
  const tape = leanTape(graph);
  const out = new Map();
  // The two must agree before their times mean anything.
  const ref = gradient(graph, env, wrt);
  const value = tape(env, out);
  const worst = Math.max(...wrt.map((k) => Math.abs(out.get(k) - ref.gradient.get(k)) / Math.max(1, Math.abs(ref.gradient.get(k)))));
  if (Math.abs(value - ref.value) > 1e-9 * Math.max(1, Math.abs(ref.value)) || worst > 1e-9) throw new Error(`lean tape disagrees with cg (${worst})`);
  const tc = [];
  const tl = [];
  const time = (f) => {
    const t0 = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 200; i++) {
    gradient(graph, env, wrt);
    tape(env, out);
  }
  for (let i = 0; i < 301; i++) {
    tc.push(time(() => gradient(graph, env, wrt)));
    tl.push(time(() => tape(env, out)));
  }
  const c = median(tc);
  const l = median(tl);
  return [
    {
      title: `Scalar engine vs a lean JS tape: value and gradient of a ${ops.toLocaleString('en')}-op expression (${graph.nodes.length.toLocaleString('en')} nodes), median of 301 alternated calls`,
      head: ['engine', 'median ms', 'ns per op', 'vs lean tape'],
      rows: [
        ['cg gradient (scalar engine)', fmt(c, 3), fmt((c / ops) * 1e6, 1), `${(c / l).toFixed(2)}×`],
        ['lean tape (bench/scalar.mjs)', fmt(l, 3), fmt((l / ops) * 1e6, 1), '1.00×'],
      ],
      notes: ['goal: cg within 2× of the lean tape', `the two agree to ${worst.toExponential(1)} (relative, worst variable)`],
    },
  ];
}
