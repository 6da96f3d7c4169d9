import { z } from 'zod';
import { FunctionCaseFields } from './function-schema.js';

/**
 * The case-file format of `cg check`, as a zod schema. It is the one definition: the loader
 * validates with it, and `cg check --schema` prints it as JSON Schema
 * (fixtures/checks/cases.schema.json, kept in sync by tests/cli/check/schema.test.ts).
 */

const tolerance = (what: string, dflt: string) =>
  z.number().nonnegative().optional().describe(`${what} (default ${dflt})`);

/** A number, a constant expression ("pi/4"), or nested lists of them for a tensor. */
export const ValueSchema: z.ZodType<unknown> = z
  .lazy(() => z.union([z.number(), z.string(), z.array(ValueSchema)]))
  .meta({
    id: 'value',
    description: 'a number, a constant expression such as "pi/4", or nested lists of them for a vector or matrix',
  });

const RangeSchema = z
  .union(
    [
      z.tuple([z.number(), z.number()]).describe('[lo, hi]: uniform in that interval, the shape from `at` (a scalar if `at` does not give one)'),
      z
        .strictObject({
          range: z.tuple([z.number(), z.number()]).describe('[lo, hi]'),
          shape: z.array(z.int().positive()).describe('the variable\'s shape: [n] a vector, [r, c] a matrix').optional(),
        })
        .describe('uniform in [lo, hi], entry by entry, for a variable of the given shape'),
    ],
    { error: 'a range is [lo, hi] or { range: [lo, hi], shape: [...] }' },
  )
  .meta({ id: 'range' });

export const PointsSchema = z
  .strictObject({
    n: z.int().positive().max(100_000).describe('how many random points'),
    seed: z.int().nonnegative().optional().describe('seed of the random points (default 1): the same seed draws the same points'),
    ranges: z.record(z.string(), RangeSchema).describe('variable → range; variables without one keep their `at` value'),
  })
  .describe('check AD against finite differences at n seeded random points');

export const ExpectSchema = z
  .strictObject({
    value: ValueSchema.optional().describe('the output\'s value at `at`'),
    gradient: z
      .record(z.string(), ValueSchema)
      .optional()
      .describe('variable → expected gradient, shaped like the variable (nested lists for tensors); any subset of the variables'),
    hessian: z
      .array(z.array(z.union([z.number(), z.string()])))
      .optional()
      .describe('the expected Hessian: rows and columns follow the flattened components of `wrt` (default: the variables in order of first appearance, W[0,0], W[0,1], ...)'),
    rtol: tolerance('relative tolerance of these comparisons', "the case's rtol"),
    atol: tolerance('absolute tolerance of these comparisons', "the case's atol"),
  })
  .describe('expected values, compared with |cg − expected| ≤ atol + rtol·max(|cg|, |expected|)');

const SOURCE_KEYS = ['expr', 'program', 'exec', 'module'] as const;

export const CaseSchema = z
  .strictObject({
    name: z.string().min(1).describe('unique within the file; the test name in reports'),
    expr: z.string().optional().describe('the expression (give expr or program)'),
    program: z.string().optional().describe('a program: statements separated by ; or newlines, the last one the output (give expr or program)'),
    at: z.record(z.string(), ValueSchema).optional().describe('variable → value: the point of the check and of the expectations'),
    wrt: z.array(z.string()).optional().describe('differentiate with respect to these variables only (default: all)'),
    rtol: tolerance('relative tolerance', 'defaults.rtol, then --rtol, then 1e-6'),
    atol: tolerance('absolute tolerance: near-zero gradients are judged by it', 'defaults.atol, then --atol, then 1e-8'),
    check: z
      .boolean()
      .optional()
      .describe('check AD against finite differences at `at` (default true when `at` binds every variable)'),
    expect: ExpectSchema.optional(),
    points: PointsSchema.optional(),
    ...FunctionCaseFields,
  })
  .superRefine((c, ctx) => {
    const given = SOURCE_KEYS.filter((k) => c[k] !== undefined);
    if (given.length === 0) ctx.addIssue({ code: 'custom', message: 'a case needs `expr`, `program`, `exec` or `module`' });
    if (given.length > 1) {
      const which = given.length === 2 ? `\`${given[0]}\` or \`${given[1]}\`, not both` : `one of \`${given.join('`, `')}\``;
      ctx.addIssue({ code: 'custom', message: `give ${which}`, path: [given[1]] });
    }
  })
  .meta({ id: 'case', oneOf: SOURCE_KEYS.map((k) => ({ required: [k] })) })
  .describe('one named check');

export const CaseFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('the JSON Schema this file follows (for editors)'),
    defaults: z
      .strictObject({
        rtol: tolerance('relative tolerance for every case of the file', '--rtol, then 1e-6'),
        atol: tolerance('absolute tolerance for every case of the file', '--atol, then 1e-8'),
      })
      .optional(),
    cases: z.array(CaseSchema).min(1).describe('the cases, run in order'),
  })
  .meta({
    title: 'cg check case file',
    description: 'Named gradient checks for `cg check FILE.yaml`: expressions, values, expectations and random points.',
  });

export type CaseFile = z.infer<typeof CaseFileSchema>;
export type CaseInput = z.infer<typeof CaseSchema>;

/** The JSON Schema of the case-file format (draft 2020-12). */
export function caseFileJsonSchema(): unknown {
  return { ...(z.toJSONSchema(CaseFileSchema, { target: 'draft-2020-12' }) as object) };
}

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** The keys an object at `path` may have (for "did you mean"), walking the schema. */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let nodes: AnySchema[] = [CaseFileSchema as unknown as AnySchema];
  const unwrap = (s: AnySchema): AnySchema[] => {
    const d = s._zod.def;
    switch (d.type) {
      case 'optional':
      case 'default':
      case 'nullable':
        return unwrap(d.innerType as AnySchema);
      case 'lazy':
        return unwrap((d.getter as () => AnySchema)());
      case 'pipe':
        return unwrap(d.in as AnySchema);
      case 'union':
        return (d.options as AnySchema[]).flatMap(unwrap);
      default:
        return [s];
    }
  };
  for (const seg of path) {
    nodes = nodes.flatMap(unwrap).flatMap((s): AnySchema[] => {
      const d = s._zod.def;
      if (typeof seg === 'number' && d.type === 'array') return [d.element as AnySchema];
      if (typeof seg === 'string' && d.type === 'object') {
        const next = (d.shape as Record<string, AnySchema>)[seg];
        return next ? [next] : [];
      }
      if (typeof seg === 'string' && d.type === 'record') return [d.valueType as AnySchema];
      return [];
    });
  }
  return nodes.flatMap(unwrap).flatMap((s) => (s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : []));
}
