import { CgError, buildGraph, evaluate, gateMeaning, gradient, variablesInOrder, type Steps, type Value } from '../index.js';
import type { Explored } from './engine.js';

/*
 * Practice mode: the narration of the backward pass turned into questions. Each hides one
 * number the page would show next (a forward value, a local derivative, the gradient an
 * edge carries, the sum at a node with several uses) and asks for it. A local derivative may
 * be typed as an expression: it is evaluated with cg's parser and engines at several points
 * around the current one and compared with cg's own rule (the op's partial derivative, taken
 * by reverse mode on the node's formula), so any equivalent form passes.
 */

export type Kind = 'value' | 'local' | 'gradient' | 'sum';

export interface Question {
  kind: Kind;
  /** What is asked, e.g. `∂q/∂x, the local derivative of q = x + y with respect to x`. */
  prompt: string;
  /** The name the answer is written as (`q`, `∂q/∂x`, `∂f/∂x`). */
  name: string;
  /** The number at the current point. */
  expected: number;
  /** The hint the lecture gives after a wrong answer: which rule, which inputs. */
  hint: string;
  /** The narration's text for it, shown once answered. */
  solution: string;
  /** The step of the explorer that reveals the answer (frame index in the step-through page). */
  frame: number;
  /** Local derivatives: the node's formula and inputs, for checking expressions. */
  local?: { consumer: string; formula: string; input: string };
  /** Sums: the paths whose gradients add up. */
  paths?: { via: string; value: number }[];
}

export interface Verdict {
  ok: boolean;
  message: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

/** The names a formula reads (its node's inputs), found by cg's parser. */
function namesIn(formula: string, env: ReadonlyMap<string, Value>): string[] {
  return variablesInOrder(buildGraph(formula, env).graph);
}

function inputsText(names: string[], env: ReadonlyMap<string, Value>): string {
  return names.map((n) => `${n} = ${fmt(num(env.get(n)))}`).join(', ');
}

/** Every question of a run, in the order the passes meet them; null with a reason where practice cannot run. */
export function questions(x: Explored): Question[] | string {
  const s: Steps = x.steps;
  if (x.graph.nodes[x.graph.output].shape.length) return 'practice mode takes a scalar output';
  if (s.mode !== 'reverse') return 'practice mode follows the backward pass: choose reverse mode';
  for (const v of x.values.values()) if (typeof v !== 'number') return 'practice mode takes scalar values (the step-through page shows tensors)';
  // Every name's value: the inputs, then the intermediates as the forward pass computes them.
  const env = new Map<string, Value>([...x.values].filter(([k]) => x.graph.vars.has(k)));
  const formulas = new Map<string, string>();
  const out: Question[] = [];
  s.forward.forEach((f, k) => {
    const names = namesIn(f.formula, env);
    out.push({
      kind: 'value',
      prompt: `forward pass: ${f.name} = ${f.formula}. What is ${f.name}?`,
      name: f.name,
      expected: num(f.value),
      hint: `evaluate ${f.name} = ${f.formula} with ${inputsText(names, env)}`,
      solution: `${f.name} = ${f.formula} = ${fmt(num(f.value))}`,
      frame: 1 + k,
    });
    env.set(f.name, num(f.value));
    formulas.set(f.name, f.formula);
  });
  const base = 1 + s.forward.length;
  const consumerOf = (upstream: string) => upstream.slice(`∂${s.output}/∂`.length);
  s.lines.forEach((l, k) => {
    const frame = base + k;
    const lhs = l.text.split(' = ')[0];
    if (l.kind === 'edge' && l.upstream) {
      const consumer = consumerOf(l.upstream.name);
      const formula = formulas.get(consumer);
      if (l.local && formula !== undefined) {
        const names = namesIn(formula, env);
        const gate = l.gate ? `${l.gate}: ${gateMeaning(l.gate)}; ` : '';
        out.push({
          kind: 'local',
          prompt: `${l.local.name}: the local derivative of ${consumer} = ${formula} with respect to ${l.target}? (a number, or an expression in ${[...names, consumer].filter((n, i, a) => a.indexOf(n) === i).join(', ')})`,
          name: l.local.name,
          expected: num(l.local.value),
          hint: `${gate}differentiate ${consumer} = ${formula} with respect to ${l.target} alone, the other inputs held fixed; inputs ${inputsText(names, env)}`,
          solution: `${l.local.name} = ${l.local.text} = ${fmt(num(l.local.value))}`,
          frame,
          local: { consumer, formula, input: l.target },
        });
      }
      out.push({
        kind: 'gradient',
        prompt: `${lhs}: the gradient this edge carries back to ${l.target}?`,
        name: lhs,
        expected: num(l.value),
        hint: `gradient out = upstream × local: the upstream ${l.upstream.name} = ${fmt(num(l.upstream.value))}${l.local ? `, times the local ${l.local.name} = ${fmt(num(l.local.value))}` : `, through ${l.rule}`}`,
        solution: l.text,
        frame,
      });
    }
    if (l.kind === 'sum' && l.paths) {
      const paths = l.paths.map((p) => ({ via: p.via, value: num(p.value) }));
      out.push({
        kind: 'sum',
        prompt: `${l.target} is used ${paths.length} times (by ${paths.map((p) => p.via).join(', ')}): ${lhs}, its whole gradient?`,
        name: lhs,
        expected: num(l.value),
        hint: `the fan-out: a node used several times gets the sum (+=) of the gradients along every path: ${paths.map((p) => `via ${p.via} ${fmt(p.value)}`).join(', ')}`,
        solution: l.text,
        frame,
        paths,
      });
    }
  });
  return out;
}

/** A typed number's agreement: the rounding of a number copied at four or more digits passes. */
function closeNumber(a: number, want: number): boolean {
  return Math.abs(a - want) <= 1e-3 * Math.abs(want) + 1e-9;
}

/** An expression's agreement at one point: rounding only. */
function closeExact(a: number, want: number): boolean {
  return Math.abs(a - want) <= 1e-7 * Math.max(1, Math.abs(want));
}

/** The answer's value where `env` binds the names. */
function evaluateAnswer(program: string, env: ReadonlyMap<string, Value>): { value: number } {
  const { graph } = buildGraph(program, env);
  return { value: evaluate(graph, env)[graph.output] as number };
}

/** Points around `env` for `names`: the point itself, then three others (skipped where the rule is not finite there). */
function pointsAround(env: ReadonlyMap<string, Value>, names: string[]): Map<string, Value>[] {
  const pts: Map<string, Value>[] = [new Map(env)];
  for (const k of [1, 2, 3]) {
    const p = new Map(env);
    names.forEach((n, i) => {
      const v = num(env.get(n));
      p.set(n, v + (0.17 * k + 0.05 * i) * (Math.abs(v) + 0.5) * (k % 2 ? 1 : -1));
    });
    pts.push(p);
  }
  return pts;
}

/**
 * Judge a typed answer. Throws nothing: a parse error comes back as the message, with the
 * caret the CLI would draw.
 */
export function judgeAnswer(q: Question, text: string, x: Explored): Verdict {
  const answer = text.trim();
  if (!answer) return { ok: false, message: 'type a number or an expression' };
  const env = new Map<string, Value>([...x.values].filter(([k]) => x.graph.vars.has(k)));
  for (const f of x.steps.forward) env.set(f.name, num(f.value));
  try {
    if (q.kind !== 'local' || !q.local) {
      // A number (or arithmetic on numbers): the value at this point.
      const { graph } = buildGraph(answer, new Map());
      const a = evaluate(graph, new Map())[graph.output] as number;
      if (typeof a !== 'number') return { ok: false, message: 'type one number' };
      if (closeNumber(a, q.expected)) return { ok: true, message: `right: ${q.solution}` };
      if (q.kind === 'sum' && q.paths) {
        const one = q.paths.find((p) => closeNumber(a, p.value));
        if (one) return { ok: false, message: `that is only the path via ${one.via}. Hint: ${q.hint}` };
      }
      return { ok: false, message: `not ${fmt(a)}. Hint: ${q.hint}` };
    }
    return judgeLocal(q, answer, env);
  } catch (err) {
    if (err instanceof CgError && err.code === 'unbound') {
      return { ok: false, message: `${err.message}: ${q.kind === 'local' ? 'use the names of the node and its inputs' : 'type a number, the value at this point'}` };
    }
    if (err instanceof CgError) return { ok: false, message: err.message };
    throw err;
  }
}

function judgeLocal(q: Question, answer: string, env: Map<string, Value>): Verdict {
  const { consumer, formula, input } = q.local!;
  const names = namesIn(formula, env);
  const inputsEnv = new Map(names.map((n) => [n, env.get(n)!]));
  // The answer may name the node itself (s*(1 - s) for s = sigmoid(z)): the program binds it.
  const program = `${consumer} = ${formula}\n${answer}`;
  // The names the answer itself reads: none means a number, checked at this point only.
  const free = variablesInOrder(buildGraph(answer, new Map([...inputsEnv, [consumer, env.get(consumer)!]])).graph);
  const a0 = evaluateAnswer(program, inputsEnv).value;
  if (!free.length) {
    if (closeNumber(a0, q.expected)) return { ok: true, message: `right: ${q.solution}` };
    return { ok: false, message: `not ${fmt(a0)}. Hint: ${q.hint}` };
  }
  if (!closeExact(a0, q.expected)) return { ok: false, message: `${answer} is ${fmt(a0)} here, not the local derivative. Hint: ${q.hint}` };
  // x*x uses x twice: each edge's local derivative is the other factor, which no single
  // derivative of the formula gives; the point itself decides then.
  const once = formula.split(/[^A-Za-z0-9_]/).filter((t) => t === input).length <= 1;
  if (!once) return { ok: true, message: `right: ${q.solution}` };
  const ref = buildGraph(formula, inputsEnv).graph;
  for (const p of pointsAround(inputsEnv, names).slice(1)) {
    const want = gradient(ref, p, [input]).gradient.get(input) as number;
    if (!Number.isFinite(want)) continue;
    const got = evaluateAnswer(program, p).value;
    if (!closeExact(got, want)) {
      const at = names.map((n) => `${n} = ${fmt(num(p.get(n)))}`).join(', ');
      return { ok: false, message: `${answer} agrees here but not at ${at} (${fmt(got)}, the rule gives ${fmt(want)}): it is not the same function. Hint: ${q.hint}` };
    }
  }
  return { ok: true, message: `right: ${q.solution}` };
}
