import { dependents, type Graph, type Node } from '../graph/graph.js';
import { getOp } from '../graph/ops/index.js';
import { printProgram } from '../graph/present/print.js';
import { reverse, type ReverseEdge } from '../graph/engines/reverse.js';
import { simplify } from '../graph/engines/simplify.js';
import { GraphBuilder } from '../graph/engines/symbolic.js';
import type { Step } from '../graph/engines/diff-steps.js';

/*
 * `cg diff --steps` on matrix expressions: the backward sweep a person does by hand, one
 * matrix rule per step. At every step the gradient is what reached the variable so far plus,
 * for each node u on the frontier of the sweep, d/dW[sum(G .* u)] with G the gradient that
 * reached u, held constant (the chain rule says the sum of these is the gradient). Each
 * step's parts are cg text, so a test parses them back and evaluates them to the same numbers.
 */

/** A pending part of a step: d/dW[sum(upstream .* node)], upstream held constant. */
export interface PendingPart {
  upstream: string;
  node: string;
}

export interface MatrixStep extends Step {
  /** What reached the variable so far (cg text), or null. */
  reached: string | null;
  pending: PendingPart[];
}

/** The rule each op's step applies, in differentials. */
function ruleOf(op: string): string {
  switch (op) {
    case 'matmul':
      return 'd(A*B) = dA*B + A*dB';
    case 'add':
      return 'd(a + b) = da + db';
    case 'sub':
      return 'd(a - b) = da - db';
    case 'mul':
      return 'd(a.*b) = da.*b + a.*db';
    case 'div':
      return 'd(a./b) = da./b - a.*db./b.^2';
    case 'neg':
      return 'd(-a) = -da';
    case 'sum':
      return 'd sum(u) = sum(du)';
    case 'transpose':
      return "d(A') = (dA)'";
    case 'dot':
      return 'd dot(u, v) = dot(du, v) + dot(u, dv)';
    case 'outer':
      return 'd outer(u, v) = outer(du, v) + outer(u, dv)';
    case 'square':
    case 'pow':
      return 'd u.^k = k*u.^(k - 1).*du';
  }
  const def = getOp(op);
  const name = def.callAs ?? def.name;
  return def.activation ? `d ${name}(u) = ${name}'(u).*du` : `chain rule through ${name}`;
}

/** Nodes of g written as one line each (shared parts and names written out, in parentheses). */
function texts(g: Graph, ids: number[]): string[] {
  if (!ids.length) return [];
  const s = simplify(g, ids);
  const printed = printProgram(
    s.graph,
    s.roots.map((id, k) => ({ name: `p${k}_`, id, latex: '' })),
  );
  return printed.outputs.map((o) => {
    let text = o.text;
    for (const b of [...printed.bindings].reverse()) text = text.replace(new RegExp(`\\b${b.name}\\b`, 'g'), `(${b.text})`);
    return text;
  });
}

/** The backward sweep of the scalar output by `v`, one step per node, each one matrix rule. */
export function matrixSteps(g: Graph, v: string): MatrixStep[] {
  const w = g.vars.get(v)!;
  const b = new GraphBuilder(g, true);
  const edges: ReverseEdge<Node>[] = [];
  const seed = b.lift(1);
  reverse(g, b, (i) => g.nodes[i], g.output, seed, dependents(g, [w]), (e) => edges.push(e));
  // The adjoint parts that reached each node, and the frontier of the sweep.
  const parts = new Map<number, Node[]>([[g.output, [seed]]]);
  const state = (): { text: string; reached: string | null; pending: PendingPart[] } => {
    const front = [...parts.keys()].filter((u) => u !== w).sort((a, c) => c - a);
    const sumOf = (u: number) => parts.get(u)!.reduce((x, y) => b.add(x, y)! as Node);
    const ups = texts(g, [...(parts.has(w) ? [sumOf(w).id] : []), ...front.map((u) => sumOf(u).id)]);
    const nodes = texts(g, front);
    const reached = parts.has(w) ? ups.shift()! : null;
    const pending = front.map((u, k) => ({ upstream: ups[k], node: nodes[k] }));
    const pieces = [
      ...(reached === null ? [] : [reached]),
      ...pending.map((p, k) => {
        const scalar = g.nodes[front[k]].shape.length === 0;
        const inner = p.upstream === '1' ? p.node : scalar ? `(${p.upstream})*(${p.node})` : `sum((${p.upstream}).*(${p.node}))`;
        return `d/d${v}[${inner}]`;
      }),
    ];
    return { text: pieces.join(' + ') || '0', reached, pending };
  };
  const steps: MatrixStep[] = [];
  let before = state().text;
  for (let i = 0; i < edges.length; ) {
    const node = edges[i].node;
    parts.delete(node);
    for (; i < edges.length && edges[i].node === node; i++) {
      const e = edges[i];
      if (e.contribution === undefined) continue;
      const to = g.nodes[node].inputs[e.input];
      const list = parts.get(to) ?? [];
      list.push(e.contribution as Node);
      parts.set(to, list);
    }
    const s = state();
    steps.push({ rule: ruleOf(g.nodes[node].op), before, after: s.text, reached: s.reached, pending: s.pending });
    before = s.text;
  }
  return steps;
}
