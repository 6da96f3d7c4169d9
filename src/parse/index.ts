import { CgError } from '../errors.js';
import { evaluate } from '../graph/engines/evaluate.js';
import type { Graph } from '../graph/graph.js';
import { shapeOf, type Shape, type Value } from '../graph/tensor.js';
import { parseBindings } from './bindings.js';
import { children, type Expr } from './ast.js';
import { checkSourceSize, CONSTANTS, lower, type Lowered } from './lower.js';
import { parseExpressionTape, parseProgram, parseProgramTape } from './parser.js';

export { CONSTANTS, DEFAULT_OUTPUT } from './lower.js';

/** Parse a program and build its graph, given the values bound from outside. */
export function buildGraph(source: string, values: ReadonlyMap<string, Value> = new Map()): Lowered {
  checkSourceSize(source);
  const bound = new Map<string, Shape>();
  for (const [name, v] of values) bound.set(name, shapeOf(v));
  const program = parseProgramTape(source);
  const lowered = lower(program, { bound });
  // The tape (about 17 bytes a syntax node) is garbage now; give its memory back before the engines allocate theirs.
  program.tape.release();
  lowered.graph.source = source;
  return lowered;
}

/** The value of a constant expression (`-2`, `pi/4`, `[[1,2],[3,4]]`). */
export function constantValue(source: string, what: string): Value {
  checkSourceSize(source);
  const { tape, statement } = parseExpressionTape(source);
  try {
    const { graph } = lower({ source, tape, statements: [statement] }, { bound: new Map() });
    return evaluate(graph, new Map())[graph.output];
  } catch (err) {
    if (err instanceof CgError && err.code === 'unbound') {
      throw new CgError('value', `${what} must be a number or a constant expression`, { span: err.span, source });
    }
    throw err;
  }
}

/**
 * `--at` arguments (each `a=1,b=pi/4,W=[[1,2],[3,4]]`) to values by name. A name given
 * twice is an error; errors point into the argument they come from.
 */
export function parseAt(args: readonly string[]): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const text of args) {
    for (const b of parseBindings(text)) {
      if (out.has(b.name)) throw new CgError('usage', `${b.name} is given twice in --at`, { span: b.nameSpan, source: text });
      const valueText = text.slice(b.value.span.start, b.value.span.end);
      try {
        const v = constantValue(valueText, `the value of ${b.name}`);
        const bad = typeof v === 'number' ? (Number.isFinite(v) ? undefined : v) : v.data.find((x) => !Number.isFinite(x));
        if (bad !== undefined) {
          throw new CgError('value', `the value of ${b.name} is ${bad}: values must be finite numbers`, {
            span: { start: 0, end: valueText.length }, source: valueText,
          });
        }
        out.set(b.name, v);
      } catch (err) {
        if (err instanceof CgError) throw err.withSource(text, b.value.span.start);
        throw err;
      }
    }
  }
  return out;
}

/** The graph's variables in the order they first appear in the source. */
export function variablesInOrder(g: Graph): string[] {
  return [...g.vars.entries()]
    .sort(([, a], [, b]) => (g.nodes[a].span?.start ?? 0) - (g.nodes[b].span?.start ?? 0))
    .map(([name]) => name);
}

/** `--wrt a,b` checked against the graph's variables; all of them when absent. */
export function pickWrt(wrt: string | undefined, variables: string[]): string[] {
  if (!wrt) return variables;
  const names = [...new Set(wrt.split(',').map((s) => s.trim()).filter(Boolean))];
  for (const n of names) {
    if (!variables.includes(n)) {
      throw new CgError('usage', `--wrt ${n}: not a variable of the expression`, { hint: `its variables are ${variables.join(', ') || 'none'}` });
    }
  }
  return names;
}

/** Names an expression uses that no assignment binds and that are no constants, in order of first use (iterative: deep nesting is fine). */
export function freeNames(source: string): string[] {
  const program = parseProgram(source);
  const assigned = new Set(program.statements.map((st) => st.name).filter((n) => n !== undefined));
  const seen = new Set<string>();
  const out: string[] = [];
  const stack: Expr[] = program.statements.map((st) => st.expr).reverse();
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'name') {
      if (!assigned.has(e.name) && !(e.name in CONSTANTS) && !seen.has(e.name)) {
        seen.add(e.name);
        out.push(e.name);
      }
    } else stack.push(...[...children(e)].reverse());
  }
  return out;
}
