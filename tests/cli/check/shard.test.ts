import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { caseId, inShard, parseShard, shardOf } from '../../../src/cli/check/shard.js';
import { cg } from '../run.js';
import { checkJson } from './helpers.js';

const FILES = ['failures.yaml', 'kinks.yaml', 'tensors.yaml', 'worked-examples.yaml'].map((f) => `fixtures/checks/${f}`);
const tmp = mkdtempSync(join(tmpdir(), 'cg-shard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const list = (args: string[]) => {
  const r = cg(['check', ...args, '--list']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
};

describe('shardOf', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => caseId(`checks/f${i % 7}.yaml`, `case ${i}`));

  it('puts every case in exactly one shard, the same one every time', () => {
    for (const n of [1, 2, 3, 8]) {
      const parts = Array.from({ length: n }, (_, k) => inShard(ids, (x) => x, { index: k + 1, total: n }));
      expect(parts.flat().sort()).toEqual([...ids].sort());
      for (const id of ids.slice(0, 50)) expect(shardOf(id, n)).toBe(shardOf(id, n));
    }
  });

  it('keeps each case in its shard when cases are added or reordered', () => {
    const before = inShard(ids.slice(0, 1000), (x) => x, { index: 2, total: 4 });
    const grown = [...ids.slice(1000), ...ids.slice(0, 1000).reverse()];
    const after = new Set(inShard(grown, (x) => x, { index: 2, total: 4 }));
    for (const id of before) expect(after.has(id)).toBe(true);
  });

  it('balances shards on average: 2000 cases in 4 shards of 500 ± 15%', () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[shardOf(id, 4) - 1]++;
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(75);
  });

  it('tells a case by its file and its name', () => {
    expect(caseId('a.yaml', 'x')).not.toBe(caseId('b.yaml', 'x'));
    expect(caseId(null, 'x')).toBe(caseId(undefined, 'x'));
  });

  it('reads K/N and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, total: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2', '1.5/2']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe('cg check --shard', () => {
  const all = list(FILES);

  it('--list prints every case as file:line and name; the shards of N split them exactly', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all).toContain('fixtures/checks/worked-examples.yaml:8\t(x+y)*z');
    for (const n of [2, 3, 5]) {
      const parts = Array.from({ length: n }, (_, k) => list([...FILES, '--shard', `${k + 1}/${n}`]));
      expect(parts.flat().sort()).toEqual([...all].sort());
      expect(new Set(parts.flat()).size).toBe(all.length);
    }
  });

  it('does not move a case to another shard when a case is added before it', () => {
    const original = readFileSync('fixtures/checks/tensors.yaml', 'utf8');
    const file = join(tmp, 'tensors.yaml');
    writeFileSync(file, original);
    const name = (line: string) => line.split('\t')[1];
    const before = [1, 2, 3].map((k) => list([file, '--shard', `${k}/3`]).map(name));
    const added = original.replace(/^cases:\n/m, 'cases:\n  - name: a new first case\n    expr: x^3\n    at: { x: 2 }\n');
    expect(added).not.toBe(original);
    writeFileSync(file, added);
    const after = [1, 2, 3].map((k) => list([file, '--shard', `${k}/3`]).map(name));
    for (let k = 0; k < 3; k++) expect(after[k].filter((n) => n !== 'a new first case')).toEqual(before[k]);
    expect(after.flat()).toContain('a new first case');
  });

  it("each shard's JUnit report is valid, and merged they hold what one run holds", () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) });
    const cases = (xml: string) => {
      expect(XMLValidator.validate(xml)).toBe(true);
      const root = parser.parse(xml).testsuites;
      const suites: any[] = root.testsuite ?? [];
      return { root, cases: suites.flatMap((s) => s.testcase.map((c: any) => ({ suite: s.name, name: c.name, classname: c.classname, failed: 'failure' in c }))) };
    };
    const whole = cg(['check', ...FILES, '--reporter', 'junit']);
    const one = cases(whole.stdout);
    const merged: any[] = [];
    let tests = 0;
    let failures = 0;
    let anyFailed = false;
    for (let k = 1; k <= 3; k++) {
      const r = cg(['check', ...FILES, '--shard', `${k}/3`, '--reporter', 'junit']);
      const part = cases(r.stdout);
      expect(part.root.name).toBe(`cg check (shard ${k}/3)`);
      expect(r.code).toBe(part.cases.some((c) => c.failed) ? 1 : 0);
      anyFailed ||= r.code === 1;
      tests += Number(part.root.tests);
      failures += Number(part.root.failures);
      merged.push(...part.cases);
    }
    const key = (c: any) => `${c.classname}|${c.name}|${c.failed}`;
    expect(merged.map(key).sort()).toEqual(one.cases.map(key).sort());
    expect(tests).toBe(Number(one.root.tests));
    expect(failures).toBe(Number(one.root.failures));
    expect(anyFailed).toBe(true);
  });

  it('reports its share in JSON and the summary line; an empty shard passes with 0 cases', () => {
    const ran = [1, 2].map((k) => checkJson(['x^2', '--at', 'x=3', '--shard', `${k}/2`]));
    expect(ran.map((r) => r.json.summary.cases).sort()).toEqual([0, 1]);
    for (const [k, r] of ran.entries()) {
      expect(r.code).toBe(0);
      expect(r.json.shard).toEqual({ index: k + 1, total: 2, cases: r.json.summary.cases, of: 1 });
    }
    expect(checkJson(['x^2', '--at', 'x=3']).json.shard).toBeNull();
    const text = cg(['check', FILES[3], '--shard', '1/2']);
    expect(text.stdout).toMatch(/\d+ cases? \(shard 1\/2; 8 in all\): \d+ passed/);
  });

  it('rejects a bad --shard with one line, exit 2', () => {
    const r = cg(['check', FILES[3], '--shard', '3/2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: --shard 3/2: K must be between 1 and N (2)');
  });
});
