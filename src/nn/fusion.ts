import { Builder } from '../graph/builder.js';
import type { Graph, Node } from '../graph/graph.js';
import type { Attrs, OpDef } from '../graph/ops/define.js';
import { sameShape, type Shape } from '../graph/tensor.js';
import { ACT, type ActKind } from '../native/index.js';
import { FUSED, type FloatArray } from './kernels.js';

/** Activations with a fused bias kernel (and a native forward), by op name. */
export const ACT_OF: Record<string, ActKind | undefined> = { relu: ACT.relu, tanh: ACT.tanh, sigmoid: ACT.sigmoid };

/** The activation each fused kernel belongs to (the native kernels' code for it). */
const ACT_OF_KERNEL: Record<NonNullable<OpDef['fusedVjp']>['kernel'], ActKind> = {
  mulPositive: ACT.relu,
  mulSign: ACT.sign,
  mulOneMinusSquare: ACT.tanh,
  mulYOneMinusY: ACT.sigmoid,
};

/*
 * Which g·∂y/∂x products the training executor may compute in one loop. An op declares
 * `fusedVjp` (its kernel, and whether it reads the output y or the input x); a product
 * mul(g, inner) is fused where `inner` is exactly what the op's own `partials` rule builds,
 * checked by running the rule with a builder that writes a pattern instead of nodes.
 */

type Pattern = { leaf: 'x' | 'y' } | { value: number } | { op: string; inputs: Pattern[]; attrs?: Attrs };

class PatternBuilder extends Builder<Pattern> {
  lift(v: number): Pattern {
    return { value: v };
  }
  apply(op: string, xs: Pattern[], attrs?: Attrs): Pattern {
    return { op, inputs: xs, attrs };
  }
  shape(): Shape {
    return [];
  }
}

const patterns = new Map<OpDef, Pattern | undefined>();

/** What op `def`'s partial builds, in terms of x and y; undefined if it is a structural zero or a number. */
function patternOf(def: OpDef): Pattern | undefined {
  if (!patterns.has(def)) {
    const d = def.partials!(new PatternBuilder(), [{ leaf: 'x' }], { leaf: 'y' })[0];
    patterns.set(def, typeof d === 'object' ? d : undefined);
  }
  return patterns.get(def);
}

/** Whether node `n` is pattern `p` with x and y bound, every op node of it shaped like `shape`. */
function matches(g: Graph, n: Node, p: Pattern, x: number, y: number, shape: Shape): boolean {
  if ('leaf' in p) return n.id === (p.leaf === 'x' ? x : y);
  if ('value' in p) return n.op === 'const' && n.value === p.value;
  if (n.op !== p.op || n.inputs.length !== p.inputs.length || p.attrs !== undefined || !sameShape(n.shape, shape)) return false;
  return p.inputs.every((q, k) => matches(g, g.nodes[n.inputs[k]], q, x, y, shape));
}

/** The nodes an expression reads, a few levels down (where an activation's output or input can sit). */
function near(g: Graph, n: Node, depth: number, out: Set<number>): void {
  out.add(n.id);
  if (depth > 0) for (const j of n.inputs) near(g, g.nodes[j], depth - 1, out);
}

/**
 * For `inner` in mul(g, inner): the activation whose declared fused derivative it is, as the
 * value its kernel reads and the kernel; undefined when it is none.
 */
export function matchDerivative(
  g: Graph,
  inner: Node,
  owners: ReadonlyMap<number, readonly Node[]> = ownersOf(g),
): { y: number; act: ActKind; loop: (g: FloatArray, y: FloatArray, o: FloatArray, n: number) => void } | undefined {
  const around = new Set<number>();
  near(g, inner, 3, around);
  for (const id of around) {
    for (const a of owners.get(id) ?? []) {
      const def = a.def!;
      const p = patternOf(def);
      if (p && matches(g, inner, p, a.inputs[0], a.id, inner.shape)) {
        const k = def.fusedVjp!.kernel;
        return { y: def.fusedVjp!.reads === 'y' ? a.id : a.inputs[0], act: ACT_OF_KERNEL[k], loop: FUSED[k] };
      }
    }
  }
  return undefined;
}

/** Activation nodes with a fused derivative, by the node their kernel reads. */
export function ownersOf(g: Graph): Map<number, Node[]> {
  const out = new Map<number, Node[]>();
  for (const n of g.nodes) {
    const f = n.def?.fusedVjp;
    if (!f || !n.def!.partials || n.inputs.length !== 1) continue;
    const at = f.reads === 'y' ? n.id : n.inputs[0];
    out.set(at, [...(out.get(at) ?? []), n]);
  }
  return out;
}
