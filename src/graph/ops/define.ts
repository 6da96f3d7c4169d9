import type { Attrs, Builder, Z } from '../builder.js';
import { binaryKernel, hasBinaryKernel, hasUnaryKernel, unaryKernel } from '../kernels.js';
import { broadcastShapes, fmtShape, map, zip, type Shape, type Value } from '../tensor.js';
import type { C } from '../../util/complex.js';
import type { OpPrint } from './printing.js';

export type { Attrs };

/** What a reverse rule sees: inputs x, output y, upstream adjoint g, which inputs need one. */
export interface VjpArgs<T> {
  x: T[];
  y: T;
  g: T;
  attrs: Attrs;
  needs: readonly boolean[];
}

/** What a forward rule sees: inputs x, output y, input tangents dx (undefined = zero). */
export interface JvpArgs<T> {
  x: T[];
  y: T;
  dx: Z<T>[];
  attrs: Attrs;
}

/**
 * One op, one place: forward rule, both derivative rules, shape rule and test domain.
 * Rules are written against a Builder so one rule serves numbers and graphs alike.
 */
export interface OpDef {
  name: string;
  /** How many inputs the op takes (a range for functions with optional arguments). */
  arity: number | readonly [number, number];
  /** Output shape from input shapes; throws a message (no location) when they do not fit. */
  shape: (shapes: Shape[], attrs: Attrs) => Shape;
  eval: (x: Value[], attrs: Attrs) => Value;
  vjp?: <T>(b: Builder<T>, a: VjpArgs<T>) => Z<T>[];
  jvp?: <T>(b: Builder<T>, a: JvpArgs<T>) => Z<T>;
  /**
   * Lowering of a call written in an expression, when it is not simply this op applied to
   * the arguments (optional arguments, variadic folds, composites).
   */
  call?: <T>(b: Builder<T>, args: T[]) => T;
  /** True when inputs broadcast: the engines sum adjoints back down to each input's shape. */
  broadcasts?: boolean;
  /**
   * Where the op is not differentiable: a function whose sign flips across a kink (relu: x,
   * max: a - b). The checker uses it to spot stencils that straddle one; the CLI to say
   * when a point sits exactly on one, and which convention gave the derivative there.
   */
  kink?: { at: (x: Value[]) => Value; convention: string };
  /** Where the op's value or derivative leaves the reals (`log needs x > 0`): said when a NaN or infinity starts here. */
  domainNote?: { value: string; derivative: string };
  /** Sampling range for tests, one per input (or one for all). */
  domain?: readonly [number, number] | readonly (readonly [number, number])[];
  /** Input shapes and attributes the registry test uses (scalars when absent). */
  sample?: { shapes: Shape[]; attrs?: Attrs };
  /** Further input shapes for the registry test (matmul's vector cases, say). */
  moreSamples?: Shape[][];
  /**
   * Elementwise ops only: the function on numbers, and the local partial derivatives
   * ∂y/∂x_k as functions of inputs and output. `elementwise()` derives eval, vjp and jvp
   * from them, and the scalar engine uses them directly.
   */
  scalar?: (...x: number[]) => number;
  partials?: <T>(b: Builder<T>, x: T[], y: T, needs?: readonly boolean[]) => (Z<T> | number)[];
  /**
   * Elementwise ops that are analytic: the function on complex numbers (src/util/complex.ts),
   * the reference of the complex-step check, Im f(x + ih)/h. Written from the function, never
   * from `partials`, so that it is an independent oracle; absent on non-analytic ops (abs,
   * max, relu, comparisons), where the checker falls back to differences.
   */
  complex?: (...z: C[]) => C;
  /**
   * How the complex step passes through an op that is not elementwise: 'linear' ops (sum,
   * transpose, stack...) act on the real and imaginary parts apart, op(a + ib) = op(a) + i·op(b),
   * jointly in all inputs; 'bilinear' ones (matmul, dot, outer) multiply them out,
   * (a + ib)(c + id) = ac − bd + i(ad + bc). Either is exact complex arithmetic on the op's
   * own `eval`, so the reference stays independent of the derivative rules.
   */
  linearity?: 'linear' | 'bilinear';
  /** Usable as a model layer's activation (`activation: tanh` in a spec): an elementwise function of one argument. */
  activation?: boolean;
  /**
   * The partials do not depend on the values (add, sub, neg): the scalar engine works them
   * out once per op instead of at every node, calling `partials` with no arguments.
   */
  constantPartials?: boolean;
  /**
   * The training executor may compute g·∂y/∂x (what `partials` builds, times the upstream g)
   * in one loop: the named kernel of src/nn/kernels.ts, reading the op's output y or input x.
   * It fuses only where the graph holds exactly what `partials` builds.
   */
  fusedVjp?: { kernel: 'mulSign' | 'mulPositive' | 'mulOneMinusSquare' | 'mulYOneMinusY'; reads: 'x' | 'y' };
  /** Not callable from expressions (internal helpers such as sum_to). */
  internal?: boolean;
  /** The symbol a user writes between the operands (`+`): random test expressions and pictures' gates use it. */
  infix?: string;
  /** How the op prints (cg syntax, LaTeX, formulas, labels): a function call of its name when absent. */
  print?: OpPrint;
  /** Internal ops a call lowers to: the function that writes them (`maxall` is `max(A)`). */
  callAs?: string;
  /**
   * Other internal ops: the same value built from ops a user can write, so printed
   * derivatives (`cg diff`) parse back. `constant` makes a constant (a tensor of ones).
   */
  callable?: <T>(b: Builder<T>, x: T[], attrs: Attrs, constant: (v: Value) => T) => T;
}

export function defineOp(def: OpDef): OpDef {
  return def;
}

/**
 * An elementwise op from its function on numbers and its partial derivatives:
 * vjp_k = g·∂y/∂x_k, jvp = Σ dx_k·∂y/∂x_k. Inputs broadcast.
 */
export function elementwiseOp(
  def: Omit<OpDef, 'shape' | 'eval' | 'scalar' | 'partials'> & Required<Pick<OpDef, 'scalar' | 'partials'>> & Pick<OpDef, 'complex'>,
): OpDef {
  const f = def.scalar;
  const name = def.name;
  // Tensors go through the typed-array kernels where the op has one (kernels.ts).
  const unary = hasUnaryKernel(name);
  const binary = hasBinaryKernel(name);
  // The derived rules look partials up on the op at call time, so there is one rule to read.
  const op: OpDef = {
    shape: elementwise,
    broadcasts: true,
    eval: (xs) => {
      const [a, b] = xs;
      if (xs.length === 1) return typeof a === 'number' ? f(a) : unary ? unaryKernel(name, a) : map(a, f);
      if (typeof a === 'number' && typeof b === 'number') return f(a, b);
      return binary ? binaryKernel(name, a, b) : zip(a, b, f);
    },
    vjp: (b, { x, y, g, needs }) => op.partials!(b, x, y, needs).map((d, k) => (needs[k] ? b.mul(g, d) : undefined)),
    jvp: <T>(b: Builder<T>, { x, y, dx }: JvpArgs<T>) => {
      const needs = dx.map((d) => d !== undefined);
      const ds = op.partials!(b, x, y, needs);
      let t: Z<T>;
      for (let k = 0; k < ds.length; k++) if (needs[k]) t = b.add(t, b.mul(dx[k], ds[k]));
      return t;
    },
    ...def,
  };
  return op;
}

export const elementwise = (shapes: Shape[]): Shape => {
  let out: Shape = shapes[0];
  for (let i = 1; i < shapes.length; i++) {
    const s = broadcastShapes(out, shapes[i]);
    if (!s) throw new Error(`shapes ${shapes.map(fmtShape).join(' and ')} do not broadcast`);
    out = s;
  }
  return out;
};
