import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseFileJsonSchema, keysAt } from '../../../src/cli/check/schema.js';

const FILE = new URL('../../../fixtures/checks/cases.schema.json', import.meta.url);

describe('the case-file JSON Schema', () => {
  // The file is generated from the zod schema; CG_UPDATE_SCHEMA=1 rewrites it.
  it('fixtures/checks/cases.schema.json is the zod schema, exported', () => {
    const now = `${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`;
    if (process.env.CG_UPDATE_SCHEMA === '1') writeFileSync(FILE, now);
    expect(readFileSync(FILE, 'utf8'), 'stale: run CG_UPDATE_SCHEMA=1 npx vitest run tests/cli/check/schema.test.ts').toBe(now);
  });

  it('says what a case file is: closed objects, expr, program, exec or module, recursive values', () => {
    const s = caseFileJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['cases']);
    expect(s.additionalProperties).toBe(false);
    const c = s.$defs.case;
    expect(c.additionalProperties).toBe(false);
    expect(c.required).toEqual(['name']);
    expect(c.oneOf).toEqual([{ required: ['expr'] }, { required: ['program'] }, { required: ['exec'] }, { required: ['module'] }]);
    expect(Object.keys(c.properties)).toEqual(['name', 'expr', 'program', 'at', 'wrt', 'rtol', 'atol', 'check', 'expect', 'points', 'exec', 'module', 'timeout']);
    expect(c.properties.expect.additionalProperties).toBe(false);
    expect(c.properties.points.required).toEqual(['n', 'ranges']);
    // Values nest: a number, a string (constant expression) or a list of values.
    expect(s.$defs.value.anyOf.map((a: any) => a.type ?? a.$ref)).toEqual(['number', 'string', 'array']);
    expect(s.$defs.value.anyOf[2].items.$ref).toBe('#/$defs/value');
  });

  it('knows the keys allowed at each place (for "did you mean")', () => {
    expect(keysAt([])).toEqual(['$schema', 'defaults', 'cases']);
    expect(keysAt(['cases', 3])).toContain('expect');
    expect(keysAt(['cases', 0, 'expect'])).toEqual(['value', 'gradient', 'hessian', 'rtol', 'atol']);
    expect(keysAt(['cases', 0, 'points'])).toEqual(['n', 'seed', 'ranges']);
    expect(keysAt(['cases', 0, 'points', 'ranges', 'W'])).toEqual(['range', 'shape']);
    expect(keysAt(['cases', 0, 'at'])).toEqual([]);
  });
});
