import { z } from 'zod';

/**
 * The case-file keys of cases that check the user's own code (`exec:` a program speaking cg's
 * protocol, `module:` a JavaScript module's export); schema.ts spreads them into a case.
 */
export const FunctionCaseFields = {
  exec: z
    .union([z.string().min(1), z.array(z.string()).min(1)])
    .optional()
    .describe("a program speaking cg's protocol (JSON lines on stdin/stdout): an argv list, or a string split as a shell would (no shell runs it); run in the case file's folder, only with --allow-exec"),
  module: z
    .string()
    .regex(/^.+#[A-Za-z_$][\w$]*$/, { error: 'module is FILE#NAME: a JavaScript module and the name of its export' })
    .optional()
    .describe("FILE#NAME: a JavaScript module's export, (inputs) => { value, gradient }, loaded in process; FILE relative to the case file's folder"),
  timeout: z.number().positive().optional().describe('seconds each answer of an exec program may take (default --timeout, then 60)'),
};
