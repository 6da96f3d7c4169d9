import { z } from 'zod';

/**
 * cg's protocol for `exec:` cases (version 1), as zod schemas: the one definition of
 * fixtures/checks/protocol.schema.json (kept in sync by tests/cli/check/protocol.test.ts, which
 * also validates a real session of the Python adapter against it). JSON lines: one JSON object
 * per line on the program's stdin (from cg) and stdout (from the program); stderr is free.
 */

/** A number, or nested lists of numbers shaped like an input or the output. */
const Nested: z.ZodType<unknown> = z
  .lazy(() => z.union([z.number(), z.array(Nested)]))
  .meta({ id: 'nested', description: 'a number, or nested lists of numbers (row-major), shaped as declared in the hello line' });
const Named = z.record(z.string(), Nested).describe('input name → value, shaped like that input');
const Id = z.int().positive().describe('the request\'s id, repeated in its answer');

export const CgHello = z
  .strictObject({
    cg: z.literal(1).describe('the protocol version'),
    at: Named.describe('the point of the check: every input with its value'),
  })
  .describe('cg → program, the first line');

export const ProgramHello = z
  .object({
    cg: z.literal(1).describe('the protocol version the program speaks'),
    inputs: z.record(z.string(), z.object({ shape: z.array(z.int().positive()).describe('[] a scalar, [n] a vector, [r, c] a matrix') })).describe('the function\'s inputs, the same names and shapes as `at`'),
    output: z.object({ shape: z.array(z.int().positive()) }).optional().describe('the output\'s shape (default [], a scalar); a vector output is checked through VJPs'),
    dtype: z.enum(['float64', 'float32']).optional().describe('the precision the function computes in (default float64); float32 tolerances come from the measured noise'),
    ops: z.array(z.enum(['values', 'gradient', 'vjp', 'jvp'])).optional().describe('the requests the program answers (default values and gradient)'),
  })
  .describe('program → cg, the answer to its hello line');

const Line = z.strictObject({
  direction: Named.describe('a direction in input space, shaped like the inputs'),
  t: z.array(z.number()).describe('the steps: the points are at + t·direction'),
});
const At = { at: Named.optional().describe('the point (default: the hello line\'s at)') };

export const Request = z
  .discriminatedUnion('op', [
    z.strictObject({ id: Id, op: z.literal('values'), lines: z.array(Line).describe('every point of every line, answered in one line'), ...At }),
    z.strictObject({ id: Id, op: z.literal('gradient'), ...At }).describe('scalar output: the value and the gradient'),
    z.strictObject({ id: Id, op: z.literal('vjp'), cotangent: Nested.describe('u, shaped like the output'), ...At }).describe('the value and uᵀJ'),
    z.strictObject({ id: Id, op: z.literal('jvp'), tangents: z.array(Named).describe('directions v, shaped like the inputs'), ...At }).describe('J·v for each v'),
  ])
  .describe('cg → program, after the hello lines; stdin ends when cg is done');

export const Answer = z
  .union([
    z.object({ id: Id, values: z.array(z.array(Nested)).describe('per line, per t: the output there') }),
    z.object({ id: Id, value: Nested, gradient: Named.describe('the gradient, shaped like the inputs') }),
    z.object({ id: Id, value: Nested, vjp: Named.describe('uᵀJ, shaped like the inputs') }),
    z.object({ id: Id, jvps: z.array(Nested).describe('J·v per tangent, shaped like the output') }),
    z.object({ id: Id.optional(), error: z.string().describe('what went wrong: cg reports the case as an error with it') }),
  ])
  .describe('program → cg, one line per request, in order');

export const ProtocolSchema = z
  .object({ cgHello: CgHello, programHello: ProgramHello, request: Request, answer: Answer })
  .partial()
  .meta({
    title: "cg check's exec protocol, version 1",
    description: 'JSON lines between cg check and a program it checks: cg sends cgHello, the program answers programHello, then each request gets one answer. Each property is one kind of line (cgHello, programHello, request, answer).',
  });

/** The JSON Schema of the protocol (draft 2020-12). */
export function protocolJsonSchema(): unknown {
  return z.toJSONSchema(ProtocolSchema, { target: 'draft-2020-12' });
}
