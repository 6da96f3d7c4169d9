import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Answer, CgHello, ProgramHello, protocolJsonSchema, Request } from '../../../src/cli/check/protocol.js';
import { join } from 'node:path';
import { fixture, root } from './helpers.js';

const FILE = fixture('protocol.schema.json');
const python = spawnSync('python3', ['-c', 'import numpy']).status === 0;

describe("the exec protocol's JSON Schema", () => {
  it('fixtures/checks/protocol.schema.json is the zod schema, exported', () => {
    const now = `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`;
    // CG_UPDATE_SCHEMA=1 rewrites it.
    if (process.env.CG_UPDATE_SCHEMA === '1') writeFileSync(FILE, now);
    expect(readFileSync(FILE, 'utf8'), 'stale: run CG_UPDATE_SCHEMA=1 npx vitest run tests/cli/check/protocol.test.ts').toBe(now);
  });

  it.runIf(python)("a session with the Python adapter follows it, line by line, with the adapter's numbers", () => {
    const at = { x: [0.5, -1, 2], W: [[0.1, 0.2, -0.3], [0.4, -0.5, 0.6], [0.7, 0.8, -0.9]] };
    const sent = [
      { cg: 1, at },
      { id: 1, op: 'gradient' },
      { id: 2, op: 'values', lines: [{ direction: { x: [1, 0, 0], W: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] }, t: [0, 0.5] }] },
      { id: 3, op: 'jvp', tangents: [] },
    ];
    expect(CgHello.safeParse(sent[0]).success).toBe(true);
    for (const r of sent.slice(1)) expect(Request.safeParse(r).success).toBe(true);
    const r = spawnSync('python3', [fixture('exec/numpy_server.py')], { input: sent.map((m) => JSON.stringify(m)).join('\n') + '\n', encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(ProgramHello.parse(lines[0])).toEqual({ cg: 1, inputs: { x: { shape: [3] }, W: { shape: [3, 3] } }, output: { shape: [] }, dtype: 'float64', ops: ['values', 'gradient'] });
    for (const a of lines.slice(1)) expect(Answer.safeParse(a).success).toBe(true);
    // f = Σ tanh(Wx) + x·x/2 at the point and half a step along x[0].
    const f = (x: number[]) => at.W.reduce((s, row) => s + Math.tanh(row.reduce((t, w, j) => t + w * x[j], 0)), 0) + x.reduce((s, v) => s + v * v, 0) / 2;
    expect(lines[1].value).toBeCloseTo(f(at.x), 14);
    expect(lines[2].values[0][1]).toBeCloseTo(f([1, -1, 2]), 14);
    expect(lines[3]).toEqual({ id: 3, error: "op 'jvp' is not served (this server offers values, gradient)" });
  });

  it('the adapter needs only the standard library: with numpy unimportable, inputs arrive as nested lists', () => {
    const server = [
      'import sys',
      "sys.modules['numpy'] = None  # import numpy now fails",
      `sys.path.insert(0, ${JSON.stringify(join(root, 'adapters'))})`,
      'from cg_adapter import serve',
      "serve(lambda p: sum(r[0] * r[1] for r in p['W']), lambda p: {'W': [[r[1], r[0]] for r in p['W']]})",
    ].join('\n');
    const sent = [{ cg: 1, at: { W: [[1, 2], [3, 4]] } }, { id: 1, op: 'gradient' }, { id: 2, op: 'values', lines: [{ direction: { W: [[1, 0], [0, 0]] }, t: [0.5] }] }];
    const r = spawnSync('python3', ['-c', server], { input: sent.map((m) => JSON.stringify(m)).join('\n') + '\n', encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].inputs).toEqual({ W: { shape: [2, 2] } });
    expect(lines[1]).toEqual({ id: 1, value: 14, gradient: { W: [[2, 1], [4, 3]] } });
    expect(lines[2]).toEqual({ id: 2, values: [[15]] });
  });

  it('refuses what is not a request', () => {
    expect(Request.safeParse({ id: 1, op: 'values', lines: [{ direction: { x: 1 } }] }).success).toBe(false);
    expect(Request.safeParse({ id: 0, op: 'gradient' }).success).toBe(false);
    expect(ProgramHello.safeParse({ cg: 2, inputs: {} }).success).toBe(false);
  });
});
