import { CgError } from '../errors.js';
import { Tensor, type Shape, type Value } from '../graph/tensor.js';
import { mulberry32, normal } from '../util/random.js';
import { children, type Expr } from './ast.js';
import { parseProgram } from './parser.js';

/*
 * Shapes for `cg diff`: `--shape W=3x2,x=2` declares them without values (a seeded random
 * point then stands in for values, so the printed matrix formula is still checked), and
 * without any shapes a name the expression uses as a tensor gets a note: cg assumed scalars.
 */

/** `W=3x2,x=2,s=scalar` → name → shape. `scalar` (or `()`) is a scalar. */
export function parseShapes(text: string): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(part);
    if (!m) throw new CgError('usage', `--shape ${text}: '${part}' is not NAME=SHAPE`, { hint: 'for example --shape W=3x2,x=2,s=scalar' });
    const [, name, dims] = m;
    if (out.has(name)) throw new CgError('usage', `--shape ${text}: ${name} is given twice`);
    if (dims === 'scalar' || dims === '()') {
      out.set(name, []);
      continue;
    }
    const sizes = dims.split(/[x×]/).map((d) => d.trim());
    if (!sizes.every((d) => /^[1-9]\d{0,5}$/.test(d))) {
      throw new CgError('usage', `--shape ${text}: the shape of ${name} must be sizes joined by x (3x2, 4), or scalar; got '${dims}'`);
    }
    out.set(name, sizes.map(Number));
  }
  return out;
}

/** A value of `shape` with seeded normal entries (a scalar for `[]`). */
function randomValue(shape: Shape, draw: () => number): Value {
  if (!shape.length) return draw();
  const t = Tensor.zeros(shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = draw();
  return t;
}

/**
 * Values for every free name: those given (`--at`) as they are, the rest random of their
 * declared shape (a scalar where none is declared). A declared shape that disagrees with a
 * given value is an error.
 */
export function valuesForShapes(names: readonly string[], shapes: ReadonlyMap<string, Shape>, given: ReadonlyMap<string, Value> | undefined, seed = 1): Map<string, Value> {
  for (const name of shapes.keys()) {
    if (!names.includes(name)) throw new CgError('usage', `--shape names ${name}, which the expression does not use`);
  }
  const draw = normal(mulberry32(seed));
  const out = new Map<string, Value>(given ?? []);
  for (const name of names) {
    const shape = shapes.get(name) ?? [];
    const v = out.get(name);
    if (v !== undefined) {
      const has = typeof v === 'number' ? [] : v.shape;
      if (shapes.has(name) && (has.length !== shape.length || has.some((d, i) => d !== shape[i]))) {
        throw new CgError('shape', `--shape ${name}=${shape.join('x') || 'scalar'} disagrees with its --at value (${has.join('x') || 'scalar'})`);
      }
      continue;
    }
    out.set(name, randomValue(shape, draw));
  }
  return out;
}

/** Calls and operators that only mean something for tensors (a scalar makes them trivial). */
const TENSOR_CALLS = new Set(['sum', 'mean', 'norm', 'logsumexp', 'softmax', 'dot', 'outer', 'transpose', 'mse', 'softmax_cross_entropy']);
const TENSOR_OPS = new Set(['.*', './', '.^']);

/**
 * The free names the expression uses as tensors (inside sum(...), dot, `'`, `.*`, ...),
 * in order of first use. Without shapes they were taken as scalars: the note says so.
 */
export function namesUsedAsTensors(source: string, free: readonly string[]): string[] {
  const freeSet = new Set(free);
  const found = new Set<string>();
  const program = parseProgram(source);
  // Names an assignment binds stand for their expression: a tensor context reaches through them.
  const bound = new Map(program.statements.filter((s) => s.name !== undefined).map((s) => [s.name!, s.expr]));
  const stack: { e: Expr; inTensor: boolean }[] = program.statements.map((s) => ({ e: s.expr, inTensor: false })).reverse();
  const visited = new Set<string>();
  while (stack.length) {
    const { e, inTensor } = stack.pop()!;
    if (e.kind === 'name') {
      if (inTensor && freeSet.has(e.name)) found.add(e.name);
      const def = bound.get(e.name);
      if (inTensor && def && !visited.has(e.name)) {
        visited.add(e.name);
        stack.push({ e: def, inTensor: true });
      }
      continue;
    }
    const here = inTensor || e.kind === 'transpose' || e.kind === 'array' || (e.kind === 'call' && TENSOR_CALLS.has(e.fn)) || (e.kind === 'binary' && TENSOR_OPS.has(e.op));
    for (const c of [...children(e)].reverse()) stack.push({ e: c, inTensor: here });
  }
  return free.filter((n) => found.has(n));
}

/** The note printed when shapes are unknown and the expression looks like it is about tensors. */
export function scalarsAssumedNote(names: readonly string[]): string {
  const list = names.join(', ');
  return `shapes unknown: ${list} ${names.length > 1 ? 'were' : 'was'} taken as scalar${names.length > 1 ? 's' : ''}, so this is the scalar derivative; for the matrix formula give --shape ${names[0]}=3x2,... or --at values`;
}
