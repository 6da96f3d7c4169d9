import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { narrateForward, narrateReverse, type Steps } from '../../../src/graph/present/steps.js';
import { Tensor, shapeOf, type Value } from '../../../src/graph/tensor.js';
import { buildGraph, parseAt } from '../../../src/parse/index.js';
import { flat } from '../helpers.js';

/*
 * Every formula the narration writes (each forward step, each local derivative, each rule)
 * is text a user can type into cg: here it is parsed back by cg's own parser and evaluated
 * at the narrated values, and must give the number the narration printed beside it. The
 * cases: every worked example of the lectures, and models as the model specs build them
 * (softmax cross-entropy, binary cross-entropy, mean squared error, tanh and relu layers).
 *
 * KNOWN lists the forms that are not typeable yet, each by a pattern: a conditional local
 * (relu's and max's `1 if z > 0 else 0`: cg has no comparisons) and a batch's row-wise
 * softmax cross-entropy rule and its forward-mode tangent (`softmax_rows`, `sum_to`,
 * `logsumexp_rows`: internal helpers).
 * Anything else that fails to parse or to agree fails the test.
 */

const KNOWN = [/ if /, /softmax_rows|sum_to|logsumexp_rows/];

const { examples } = JSON.parse(readFileSync(new URL('../../../fixtures/worked-examples.json', import.meta.url), 'utf8')) as {
  examples: { expression: string; at: Record<string, number> }[];
};

/** A model as its spec's graph reads: two layers and a loss, on a batch of 4 rows. */
const MODELS: [string, string][] = [
  [
    'h1 = tanh(X*W1 + b1); logits = h1*W2 + b2; loss = softmax_cross_entropy(logits, Y)',
    'X=[[0.5,-1,0.2,0.1],[1,0.3,-0.4,0.9],[-0.6,0.8,0.1,-0.2],[0.3,0.3,-0.9,0.4]],W1=[[0.2,-0.5,0.1],[0.4,0.3,-0.2],[-0.3,0.1,0.5],[0.2,0.2,-0.1]],b1=[0.1,0,-0.1],W2=[[0.3,-0.2,0.5],[-0.4,0.1,0.2],[0.6,0.3,-0.5]],b2=[0,0.1,-0.1],Y=[[1,0,0],[0,1,0],[0,0,1],[0,1,0]]',
  ],
  ['h1 = tanh(X*W1 + b1); logits = h1*W2 + b2; loss = bce_logits(logits, Y)', 'X=[[0,0],[0,1],[1,0],[1,1]],W1=[[0.5,-0.4],[0.3,0.8]],b1=[0,0],W2=[[0.7],[-0.6]],b2=[0],Y=[[0],[1],[1],[0]]'],
  ['h1 = relu(X*W1 + b1); p = h1*W2 + b2; loss = mse(p, T)', 'X=[[0.1,0.2],[0.3,-0.4],[0.5,0.6],[-0.7,0.8]],W1=[[0.5,-0.4],[0.3,0.8]],b1=[0.1,0.1],W2=[[0.7],[-0.6]],b2=[0.2],T=[[0.5],[1],[-1],[0]]'],
  ['loss = softmax_cross_entropy(z, y)', 'z=[1,2,3],y=[0,1,0]'],
  ['L = 2*bce_logits(z, y) + mse(z, y)', 'z=[0.5,-1,2],y=[1,0,1]'],
];

const value = (x: unknown): Value => (Array.isArray(x) ? (Tensor.from(x) as Value) : (x as number));

/** The narration's `∂f/∂q` as an identifier a program can hold. */
const ident = (s: string) => s.replace(/∂(\w+)\/∂(\w+)/g, 'D_$1_$2').replace(/d(\w+)\/d(\w+)/g, 'T_$1_$2');

interface Checked {
  ok: number;
  known: string[];
}

/** Parses `text` with the names in `env` and evaluates it; its value must be `expected`'s. */
function agrees(text: string, env: Map<string, Value>, expected: Value | undefined, where: string): void {
  const source = ident(text);
  const used = new Map([...env].filter(([k]) => new RegExp(`\\b${k}\\b`).test(source)));
  let got: Value;
  try {
    const { graph } = buildGraph(source, used);
    got = evaluate(graph, used)[graph.output];
  } catch (e) {
    throw new Error(`${where}: '${text}' does not parse back: ${(e as Error).message}`);
  }
  if (expected === undefined) return;
  // The rule of a broadcast input is its sum over the copies; its text is the un-summed term.
  if (typeof got !== 'number' && typeof expected !== 'number' && shapeOf(got).join() !== shapeOf(expected).join()) return;
  const a = flat(got);
  const b = flat(expected);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  if (a.length !== b.length) {
    // A scalar local against a tensor value (or back): compare totals of what matches in size.
    expect(Math.abs(sum(a) / a.length - sum(b) / b.length), `${where}: '${text}'`).toBeLessThan(1e-9 * (1 + Math.abs(sum(b))));
    return;
  }
  a.forEach((x, i) => expect(Math.abs(x - b[i]), `${where}: '${text}' = ${x}, narrated ${b[i]}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b[i]))));
}

/** Every formula of one narration, parsed back and evaluated at its own numbers. */
function reparse(s: Steps, at: Map<string, Value>): Checked {
  const env = new Map(at);
  const out: Checked = { ok: 0, known: [] };
  const check = (text: string, expected: Value | undefined, where: string) => {
    if (KNOWN.some((k) => k.test(text))) {
      out.known.push(text);
      return;
    }
    agrees(text, env, expected, where);
    out.ok++;
  };
  for (const f of s.forward) {
    check(f.formula as string, value(f.value), `forward ${f.name}`);
    env.set(f.name, value(f.value));
  }
  for (const l of s.lines) {
    if (l.upstream) env.set(ident(l.upstream.name), value(l.upstream.value));
    if (l.local?.text) check(l.local.text, value(l.local.value), l.text);
    // A reverse rule gives the edge's share (a node's whole gradient where it has one use); a tangent rule the tangent.
    if (l.rule) check(l.rule, s.mode === 'forward' || l.via === null ? value(l.value) : undefined, l.text);
    for (const t of l.terms ?? []) if (t.local.text) check(t.local.text, value(t.local.value), l.text);
    // Forward mode: each line's tangent is a name the later rules use (dq/dx).
    if (s.mode === 'forward') env.set(ident(`d${l.target}/d${s.wrt[0]}`), value(l.value));
  }
  return out;
}

function narrations(expr: string, at: Map<string, Value>): Steps[] {
  const { graph, outputName } = buildGraph(expr, at);
  const vals = evaluate(graph, at);
  const vars = [...graph.vars.keys()];
  const all = [narrateReverse(graph, vals, outputName, vars)];
  if (graph.nodes[graph.output].shape.length === 0) for (const v of vars) all.push(narrateForward(graph, vals, outputName, [v]));
  return all;
}

describe('every narrated formula parses back and gives its own number', () => {
  for (const ex of examples) {
    it(`worked example ${ex.expression}`, () => {
      const at = new Map(Object.entries(ex.at) as [string, Value][]);
      for (const s of narrations(ex.expression, at)) {
        const r = reparse(s, at);
        for (const k of r.known) expect(ex.expression, `'${k}' is only known for relu, max and min`).toMatch(/relu|max|min/);
        expect(r.ok).toBeGreaterThan(0);
      }
    });
  }
  for (const [expr, at] of MODELS) {
    it(`model ${expr}`, () => {
      const env = parseAt([at]);
      for (const s of narrations(expr, env)) {
        const r = reparse(s, env);
        expect(r.ok).toBeGreaterThanOrEqual(s.forward.length);
        // Known: relu's local; cross-entropy's batch rule, and its tangent (forward mode) for any shape.
        for (const k of r.known) expect(s.mode === 'forward' ? `${expr} (forward)` : expr, `'${k}' is only known for relu and cross-entropy`).toMatch(/relu|softmax_cross_entropy\(logits|softmax_cross_entropy.*\(forward\)/);
      }
    });
  }

  it('the seed never shows (no ∂f/∂f inside a formula), nor internal helpers in an example of one', () => {
    for (const [expr, at] of MODELS) {
      const env = parseAt([at]);
      for (const s of narrations(expr, env)) {
        for (const l of s.lines) {
          expect(l.rule ?? '', l.text).not.toMatch(/∂(\w+)\/∂\1\b/);
          if (s.mode === 'reverse' && !/softmax_cross_entropy\(logits/.test(expr)) expect(l.text).not.toMatch(/softmax_rows|sum_to|broadcast_to|logsumexp_rows/);
        }
      }
    }
  });

  it('losses read as the lecture writes them', () => {
    const line = (expr: string, at: string, target: string) => narrateLine(expr, at, target);
    expect(line('loss = bce_logits(z, y)', 'z=[0.5,-1],y=[1,0]', 'z')).toBe('(sigmoid(z) - y)/2');
    expect(line('loss = mse(p, t)', 'p=[0.5,-1,2],t=[1,0,1]', 'p')).toBe('2*(p - t)/3');
    expect(line('loss = softmax_cross_entropy(z, y)', 'z=[1,2,3],y=[0,1,0]', 'z')).toBe('softmax(z)*sum(y) - y');
  });
});

function narrateLine(expr: string, at: string, target: string): string {
  const env = parseAt([at]);
  const [s] = narrations(expr, env);
  return s.lines.find((l) => l.kind === 'edge' && l.target === target)!.rule!;
}
