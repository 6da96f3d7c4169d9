import type { Value } from '../../graph/tensor.js';

/**
 * Default tolerances of a case: its expected values are written by hand to 6–8 digits, so
 * 1e-6 relative. The finite-difference check uses them too: its own error estimate widens
 * the bound only where the extrapolation is unsure.
 */
export const CASE_RTOL = 1e-6;
export const CASE_ATOL = 1e-8;

/** A case checking the user's own code: a program speaking cg's protocol, or a JavaScript module's export. */
export type FunctionCase =
  | { kind: 'exec'; argv: string[]; cwd: string; source: string; timeout?: number }
  | { kind: 'module'; file: string; name: string; cwd: string; source: string };

/** A place in a case file, 1-based as editors and CI annotations count. */
export interface Where {
  file: string;
  line: number;
  column: number;
  /** The line's text and the width of what is meant, for a caret under it in messages. */
  text?: string;
  width?: number;
}

/** A range to draw one variable from at random points; `shape` when `at` does not give one. */
export interface Range {
  lo: number;
  hi: number;
  shape?: number[];
  where?: Where;
}

/**
 * One case, resolved from a file or from the command line: plain values, no YAML or zod.
 * `where*` say where each part was written, for messages and annotations.
 */
export interface CheckCase {
  name: string;
  /** The expression or program. */
  source: string;
  at: Map<string, Value>;
  wrt?: string[];
  rtol: number;
  atol: number;
  /** Check AD against finite differences at `at` (needs every variable bound there). */
  finiteDifferences: boolean;
  expect?: {
    value?: Value;
    gradient?: Map<string, Value>;
    /** Rows and columns follow the flattened components of `wrt`. */
    hessian?: number[][];
    rtol: number;
    atol: number;
    where: { value?: Where; gradient: Map<string, Where>; hessian?: Where };
  };
  points?: { n: number; seed: number; ranges: Map<string, Range>; where?: Where };
  /** Print the error against step size (`--sweep`). */
  sweep: boolean;
  where?: Where;
  sourceWhere?: Where;
  /** A case checking the user's own code (`exec:` or `module:`) rather than an expression. */
  fn?: FunctionCase;
  /** Offset of the source text in the file, when it maps one to one (for carets in the file). */
  sourceOffset?: (offset: number) => Where | undefined;
}
