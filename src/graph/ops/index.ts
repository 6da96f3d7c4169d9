import * as activations from './activations.js';
import * as aliases from './aliases.js';
import * as arith from './arith.js';
import type { OpDef } from './define.js';
import * as linalg from './linalg.js';
import * as linalgMore from './linalg-more.js';
import * as loss from './loss.js';
import * as piecewise from './piecewise.js';
import * as reduce from './reduce.js';
import * as reduceDim from './reduce-dim.js';
import * as shape from './shape.js';
import * as special from './special.js';
import * as unary from './unary.js';

/** The op table: every op cg knows, by name. Families are added here and nowhere else. */
const table = new Map(
  [arith, unary, linalg, reduce, loss, special, activations, piecewise, aliases, shape, linalgMore, reduceDim].flatMap((family) => Object.values(family).map((op: OpDef) => [op.name, op] as const)),
);
export const OPS: ReadonlyMap<string, OpDef> = table;

/**
 * Adds an op defined outside the families (a test's throwaway op, an embedder's own);
 * parser, engines, printers and renderers find it like any other. Returns its removal.
 */
export function registerOp(def: OpDef): () => void {
  if (table.has(def.name)) throw new Error(`an op named ${def.name} exists already`);
  table.set(def.name, def);
  return () => void table.delete(def.name);
}

export function getOp(name: string): OpDef {
  const op = OPS.get(name);
  if (!op) throw new Error(`no op named ${name}`);
  return op;
}

export type { OpDef } from './define.js';
