import type { Attrs } from '../builder.js';

/*
 * How an op prints, declared in its definition (`print` on OpDef) and read by every
 * printer: `cg diff`'s program and LaTeX (print.ts), the narration's formulas and the
 * pictures' formulas (render/names.ts, steps.ts) and the pictures' labels (render/view.ts).
 * Without a `print`, an op prints as a function call of its name (or `callAs`).
 */

/** Precedence, as cg's parser (and mathjs) reads it: + - < * / < unary - < ^ < ' < atoms. */
export const PREC = { add: 1, mul: 2, unary: 3, pow: 4, post: 5, atom: 6 } as const;

/**
 * A piece of a printed form: literal text, or input `k` printed at precedence ≥ need
 * (with `item`, that input's own input: the entries of an inline array literal).
 */
export type Piece = string | { k: number; need: number; item?: number };

export interface Form {
  prec: number;
  pieces: Piece[];
}

/** What a form may ask about the node's inputs, as the printer will write them. */
export interface FormContext {
  /** Input k's number of axes (0 for a scalar). */
  rank(k: number): number;
  /** Input k's precedence as printed (a named input is an atom), and whether it starts with '-'. */
  precOf(k: number): number;
  minusOf(k: number): boolean;
  /** How many inputs the node has. */
  arity: number;
  /** Input k's entries when it is an array literal of scalars written inline, else undefined (LaTeX matrices). */
  rowItems(k: number): number | undefined;
  /** The node's attributes (an index's selection, reshape's shape), where the printer knows them. */
  attrs?: Attrs;
  /** Input k's shape, where the printer knows it. */
  shapeOf?(k: number): readonly number[];
}

/** A piece of formula text and how tightly it binds, to decide on parentheses. */
export interface Term {
  text: string;
  prec: number;
}

export interface OpPrint {
  /** cg syntax (what `cg diff` prints and parses back). */
  text?: (c: FormContext) => Form;
  /** LaTeX: a function's name (`\sin`), or a form. */
  latex?: string | ((c: FormContext) => Form);
  /** The narration's and pictures' formula from the inputs' terms (`q*z`, `x^2`). */
  term?: (xs: readonly Term[], attrs: Attrs) => Term;
  /** The pictures' label in the node (`×`); the function's name by default. */
  label?: string;
  /** What the op does to a gradient, named beside the narration's lines (`add distributes`). */
  gate?: { name: string; meaning: string };
  /**
   * The local derivatives ∂y/∂x_k as a lecture writes them (`-1/p²`, `1 if z > 0 else 0`),
   * for the narration; absent, it writes the partials rule itself. `value` gives the same
   * numbers, and a test holds them to the partials rule, so the two cannot disagree.
   */
  local?: Local;
  /**
   * For ops narrated by their gradient rule (the losses): per input, the rule as a lecture
   * writes it, with functions a user can type into cg (`(sigmoid(Z) - Y)/4`), given the
   * inputs' terms and shapes and the upstream `g` (null where it is the seed 1); undefined
   * keeps the rule's own text. The number is always the rule's; a test re-parses these texts
   * and evaluates them against it.
   */
  rule?: (xs: readonly Term[], g: Term | null, shapes: readonly (readonly number[])[]) => (string | undefined)[];
}

/** Readable local derivatives: texts from the inputs' and output's terms, and their values. */
export interface Local {
  text: (xs: readonly Term[], y: Term) => (string | undefined)[];
  value: (xs: readonly number[], y: number) => number[];
}

export const ref = (k: number, need: number): Piece => ({ k, need });

/** Parenthesize a term that binds looser than `need`. */
export const wrapTerm = (t: Term, need: number) => (t.prec < need ? `(${t.text})` : t.text);

/** A binary infix op (`a + b`, `a*b`): left-associative, the right operand one level tighter. */
export function infix(symbol: string, prec: number, opts: { spaced?: boolean; label?: string; latex?: string } = {}): OpPrint {
  const sym = opts.spaced ? ` ${symbol} ` : symbol;
  const tex = opts.latex ?? sym;
  return {
    text: () => ({ prec, pieces: [ref(0, prec), sym, ref(1, prec + 1)] }),
    latex: () => ({ prec, pieces: [ref(0, prec), tex, ref(1, prec + 1)] }),
    term: ([a, b]) => ({ text: `${wrapTerm(a, prec)}${sym}${wrapTerm(b, prec + 1)}`, prec }),
    label: opts.label ?? symbol,
  };
}

/** A call `name(a, b)` in a term. */
export function callTerm(name: string, xs: readonly Term[]): Term {
  return { text: `${name}(${xs.map((x) => x.text).join(', ')})`, prec: PREC.atom };
}

/** The gate max and min (of two, or of a tensor's entries) are in the narration. */
export const routes = (name: 'max' | 'min') => ({
  name: `${name} routes`,
  meaning: `the upstream gradient goes to the ${name === 'max' ? 'larger' : 'smaller'} input (split equally at a tie)`,
});
