/**
 * Hostile input, in process: 10,000 inputs from a fixed seed across expressions, --at values,
 * --at-file contents (names given twice), case files and specs (prototype keys, YAML aliases,
 * huge sizes, builtin data's classes and k, deep nesting, token soup).
 * Each must end in a result or a CgError (exit 1 or 2) whose message is one line, as the CLI
 * prints it; never an internal error (exit 3). Budget, stated and checked: every input within
 * 5 s, all of them within the test's 120 s timeout, and resident memory growing by less than
 * 1 GB over the run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCaseFile } from '../../src/cli/check/load.js';
import { prepare } from '../../src/cli/check/prepare.js';
import { runCase } from '../../src/cli/check/run.js';
import { computeGrad } from '../../src/cli/grad.js';
import { CgError, formatError } from '../../src/errors.js';
import { parseSpec } from '../../src/nn/spec.js';
import { parseAt } from '../../src/parse/index.js';
import { mulberry32 } from '../../src/util/random.js';
import { anyExpr } from '../graph/expressions.js';

const PER_INPUT_MS = 5000;
const MEMORY_BYTES = 1 << 30;

const rand = mulberry32(20261129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const NAMES = ['x', 'y', 'W', 'e', 'pi', ...PROTO];
const NUMBERS = ['1', '2.5', '0', '-1', '1e308', '1e-320', '1e400', 'NaN', 'Infinity', '0x10', '.5', '5.'];
const TOKENS = [...NAMES, ...NUMBERS, '+', '-', '*', '/', '^', '.*', './', '.^', "'", '(', ')', '[', ']', ',', ';', '=', '\n', ' ', 'sin(', 'exp(', 'log(', 'sum(', 'max(', 'min(', 'relu(', 'abs(', 'sqrt(', 'tanh(', 'softmax(', 'mean(', 'eval(', 'import(', 'f(', '"', '#', '@', 'é', '\u0000'];

function soup(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(TOKENS);
  return s;
}

function deep(): string {
  const k = pick([40, 500, 5000, 20000]);
  return pick([
    () => `${'('.repeat(k)}x${')'.repeat(k)}`,
    () => `${'['.repeat(k)}x${']'.repeat(k)}`,
    () => `${'-'.repeat(k)}x`,
    () => `${'sin('.repeat(k)}x${')'.repeat(k)}`,
    () => `${'('.repeat(k)}x`,
    () => Array(k).fill('x').join('^'),
  ])();
}

function atText(): string {
  return pick([
    () => `${pick(NAMES)}=${pick(NUMBERS)}`,
    () => `${pick(NAMES)}=${pick(NUMBERS)},${pick(NAMES)}=${pick(NUMBERS)}`,
    () => `x=${'['.repeat(int(1, 60))}1${']'.repeat(int(1, 60))}`,
    () => `x=[[1,2],[3]]`,
    () => `x=1,x=2`,
    () => `=${pick(NUMBERS)}`,
    () => `${pick(NAMES)}=`,
    () => `${pick(NAMES)}=${soup(int(1, 8))}`,
    () => soup(int(1, 12)),
    () => `W=[${Array(int(1, 5)).fill(`[${Array(int(1, 3)).fill(pick(NUMBERS)).join(',')}]`).join(';')}]`,
  ])();
}

/** Values that bind every name the generated expressions use. */
const BIND = ['x=0.5,y=-1.25,z=2', ...PROTO.map((p) => `x=0.5,y=2,z=3,${p}=1.5`)];

function expression(valid: string[]): { expr: string; at: string[] } {
  const kind = rand();
  if (kind < 0.45) return { expr: pick(valid), at: [pick(BIND)] };
  if (kind < 0.55) {
    // A valid expression with one variable renamed to a prototype key.
    return { expr: pick(valid).replace(/\bx\b/g, pick(PROTO)), at: [pick(BIND)] };
  }
  if (kind < 0.65) return { expr: deep(), at: ['x=1'] };
  return { expr: soup(int(1, 25)), at: rand() < 0.7 ? [atText()] : [] };
}

function caseFile(): string {
  const name = pick([...PROTO, 'ok', 'a b', '']);
  const key = pick([...PROTO, 'x']);
  return pick([
    () => `cases:\n  - name: ${name}\n    expr: "${key} * y"\n    at: {${key}: 2, y: 3}\n    expect: {value: 6, gradient: {${key}: 3, y: 2}}\n`,
    () => `cases:\n  - name: c\n    expr: "x^2"\n    at: {x: ${pick(NUMBERS)}}\n`,
    () => `a: &a [1, 2]\ncases:\n  - name: c\n    expr: "sum(x)"\n    at: {x: *a}\n`,
    () => `cases:\n  - name: c\n    expr: *nope\n`,
    () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < int(2, 7); i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
      return `${levels.join('\n')}\ncases: []\n`;
    },
    () => `cases:\n  - name: c\n    expr: "x"\n    at: {x: ${'['.repeat(int(1, 3000))}1${']'.repeat(int(0, 3000))}}\n`,
    () => `cases:\n  - name: c\n    expr: "${soup(int(1, 15)).replace(/["\\\n]/g, '')}"\n    at: {x: 1, y: 2}\n`,
    () => `cases:\n  - {name: c, expr: "x", points: {n: ${pick(['1e9', '3', '-1', '0'])}, ranges: {${key}: [0, 1]}}}\n`,
    () => `${key}: 1\ncases: {}\n`,
    () => `cases:\n${soup(int(1, 20))}`,
    () => `- ${'- '.repeat(int(1, 2000))}x\n`,
  ])();
}

const SPEC = `data: {source: "builtin:xor", samples: 4}
model:
  layers:
    - {units: 8, activation: tanh}
    - {units: 1}
loss: bce
optimizer: {type: adam, lr: 0.05}
training: {epochs: 3, batch_size: 4, seed: 1}
`;

function spec(): string {
  return pick([
    () => SPEC.replace('units: 8', `units: ${pick(['1e15', '0', '-1', '3.5', '"8"', '1e9', '4096', '65536'])}`),
    () => SPEC.replace('samples: 4', `samples: ${pick(['1e8', '1e10', '1e20', '0', '5'])}`),
    () => SPEC.replace('builtin:xor", samples: 4', `builtin:random", samples: ${int(1, 1e9)}, features: ${pick(['1e6', '784', '1e9'])}`).replace('loss: bce', 'loss: cross_entropy').replace('{units: 1}', '{units: 10}'),
    () => `${SPEC}${pick(PROTO)}: 1\n`,
    () => SPEC.replace('model:', `model:\n  ${pick(PROTO)}: {}`),
    () => SPEC.replace('{type: adam, lr: 0.05}', `{type: ${pick([...PROTO, 'adam'])}, lr: 0.05}`),
    () => SPEC.replace('data: {', 'data: &d {').concat('x: *d\n'),
    () => SPEC.concat('name: *nope\n'),
    () => `a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n${SPEC}`,
    () => SPEC.replace('    - {units: 1}', `${Array(int(1, 300)).fill('    - {units: 2, activation: relu}').join('\n')}\n    - {units: 1}`),
    () => SPEC.slice(0, int(0, SPEC.length)),
    () => soup(int(1, 30)),
    () => `${'['.repeat(int(1, 5000))}`,
    () => 'null',
    // Sizes of builtin data (issue 25): bounded before anything is generated.
    () => SPEC.replace('builtin:xor", samples: 4', `builtin:spiral", classes: ${pick(['99999999999', '0x7fffffff', '1e6', '1001', '3', '2', '0', '-1', '2.5'])}`).replace('loss: bce', 'loss: cross_entropy').replace('{units: 1}', `{units: ${pick(['3', '1001', '1e6', '2'])}}`),
    () => SPEC.replace('builtin:xor", samples: 4', `builtin:sort", k: ${pick(['100000', '1e9', '4', '0', '1001'])}`).replace('loss: bce', 'loss: mse').replace('{units: 1}', `{units: ${pick(['4', '100000', '1001'])}}`),
    () => SPEC.replace('builtin:xor", samples: 4', `builtin:random", classes: ${pick(['1e12', '10', '5000'])}, samples: ${pick(['10', '1e7'])}`).replace('loss: bce', 'loss: cross_entropy').replace('{units: 1}', '{units: 10}'),
  ])();
}

/** --at-file contents (issue 25): names given twice, at the top or nested, and across --at. */
function atFileText(): { json: string; at: string[] } {
  const k = pick([...PROTO, 'x', 'y', 'z']);
  return pick([
    () => ({ json: `{"${k}": 1, "${k}": 2}`, at: [] as string[] }),
    () => ({ json: `{"x": 1, "y": 2, "z": 3}`, at: [`${pick(['x', 'y', 'q'])}=2`] }),
    () => ({ json: `{"x": {"x": 1, "x": 2}}`, at: [] as string[] }),
    () => ({ json: `{"x": 0.5,\n"y": [1, 2],\n"${k}": 3,\n"x": 4}`, at: [] as string[] }),
    () => ({ json: `{"x": 1, "y": 2, "z": 3, "a\\"b": 1, "a\\"b": 2}`, at: [] as string[] }),
    () => ({ json: `{${Array.from({ length: int(1, 2000) }, (_, i) => `"v${i % int(1, 2000)}": ${i}`).join(', ')}}`, at: [] as string[] }),
    () => ({ json: soup(int(1, 10)), at: [] as string[] }),
  ])();
}

/** What the CLI's handler would make of an outcome: 0 a result, 1/2 a CgError, 3 anything else. */
function exitOf(run: () => unknown): { code: number; why?: string } {
  try {
    run();
    return { code: 0 };
  } catch (e) {
    if (e instanceof CgError) {
      const first = formatError(e).split('\n')[0];
      if (e.message.includes('\n')) return { code: 3, why: `a message of more than one line: ${JSON.stringify(e.message.slice(0, 200))}` };
      if (first.length > 2000) return { code: 3, why: `a message of ${first.length} characters` };
      return { code: e.exitCode };
    }
    if (e instanceof RangeError && /call stack/.test(e.message)) return { code: 2 };
    return { code: 3, why: `${(e as Error)?.name}: ${(e as Error)?.message}` };
  }
}

describe('fuzz: hostile input never crashes cg', () => {
  beforeAll(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('10,000 inputs end in a result or exit 1/2 with one line, within budget', () => {
    const valid = fc.sample(anyExpr(3), { seed: 7, numRuns: 300 });
    const inputs: { kind: string; text: string; run: () => unknown }[] = [];
    for (let i = 0; i < 3500; i++) {
      const { expr, at } = expression(valid);
      inputs.push({ kind: 'expression', text: `${expr.slice(0, 300)} --at ${at.join(' ')}`, run: () => computeGrad(expr, { at, mode: 'both' }) });
    }
    const dir = mkdtempSync(join(tmpdir(), 'cg-fuzz-'));
    for (let i = 0; i < 300; i++) {
      const { json, at } = atFileText();
      const file = join(dir, `at${i}.json`);
      writeFileSync(file, json);
      const expr = pick(['x * y + z', 'sum(y) * x', 'x']);
      inputs.push({ kind: '--at-file', text: `${json.slice(0, 300)} --at ${at.join(' ')}`, run: () => computeGrad(expr, { atFile: file, at: at.length ? at : undefined, mode: 'both' }) });
    }
    for (let i = 0; i < 3700; i++) {
      const at = atText();
      inputs.push({ kind: '--at', text: at.slice(0, 300), run: () => parseAt([at]) });
    }
    for (let i = 0; i < 1500; i++) {
      const text = caseFile();
      inputs.push({
        kind: 'case file',
        text: text.slice(0, 300),
        run: () => {
          const loaded = loadCaseFile('fuzz.yaml', text);
          if (loaded.errors.length) throw loaded.errors[0];
          for (const c of loaded.cases) runCase(prepare(c));
        },
      });
    }
    for (let i = 0; i < 1000; i++) {
      const text = spec();
      inputs.push({ kind: 'spec', text: text.slice(0, 300), run: () => parseSpec(text, 'fuzz.yaml') });
    }
    expect(inputs.length).toBe(10_000);

    const rss0 = process.memoryUsage().rss;
    const crashes: string[] = [];
    const slow: string[] = [];
    const codes = [0, 0, 0, 0];
    const spent = new Map<string, number>();
    for (const input of inputs) {
      const t0 = performance.now();
      const r = exitOf(input.run);
      const ms = performance.now() - t0;
      spent.set(input.kind, (spent.get(input.kind) ?? 0) + ms);
      codes[r.code]++;
      if (r.code === 3) crashes.push(`${input.kind}: ${JSON.stringify(input.text)} → ${r.why}`);
      if (ms > PER_INPUT_MS) slow.push(`${input.kind}: ${JSON.stringify(input.text)} took ${ms.toFixed(0)} ms`);
    }
    const grown = process.memoryUsage().rss - rss0;
    if (process.env.CG_FUZZ_REPORT) console.log(codes, [...spent].map(([k, v]) => `${k} ${v.toFixed(0)} ms`), `${(grown / 2 ** 20).toFixed(0)} MB`);
    expect(crashes.slice(0, 10)).toEqual([]);
    expect(slow.slice(0, 10)).toEqual([]);
    expect(grown).toBeLessThan(MEMORY_BYTES);
    // The generators reach both sides: results and rejections.
    expect(codes[0]).toBeGreaterThan(1500);
    expect(codes[2]).toBeGreaterThan(4000);
  }, 120_000);
});
