import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser } from 'tap-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { cg } from './run.js';

// Every reporter's output, parsed back by a real parser (XML, TAP) or a strict line check
// (GitHub workflow commands), and compared with the JSON report of the same run.

const FILES = ['fixtures/checks/failures.yaml', 'fixtures/checks/kinks.yaml', 'fixtures/checks/worked-examples.yaml'];
const run = (reporter: string, files = FILES) => cg(['check', ...files, '--reporter', reporter]);
const json = JSON.parse(run('json').stdout);
const cases: any[] = json.cases;
const failedCases = cases.filter((c) => !c.ok);
const tmp = mkdtempSync(join(tmpdir(), 'cg-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('json', () => {
  it('holds every case with stable keys and a summary that adds up', () => {
    expect(Object.keys(json)).toEqual(['tool', 'version', 'ok', 'summary', 'rules', 'cases', 'shard']);
    expect(json.summary.cases).toBe(cases.length);
    expect(json.summary.passed + json.summary.failed + json.summary.errors).toBe(cases.length);
    expect(json.summary.checks).toBe(cases.reduce((s, c) => s + c.checks, 0));
    expect(Object.keys(cases[0])).toEqual([
      'name', 'file', 'line', 'column', 'expression', 'status', 'ok', 'checks', 'inconclusive', 'duration_ms', 'rtol', 'atol',
      'value', 'gradient', 'points', 'failures', 'notes', 'sweep',
    ]);
    const first = failedCases[0].failures[0];
    expect(Object.keys(first)).toEqual([
      'kind', 'component', 'point', 'at', 'analytic', 'numeric', 'expected', 'abs_err', 'rel_err', 'tol', 'rule',
      'decided_by', 'message', 'file', 'line', 'column',
    ]);
    const worked = cases.find((c) => c.name === '(x+y)*z');
    expect(worked).toMatchObject({ value: -12, gradient: { x: -4, y: -4, z: 3 }, ok: true, status: 'passed' });
  });
});

describe('junit', () => {
  const xml = run('junit').stdout;
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });

  it('counts what the JSON report counts, per file and in total', () => {
    const root = doc.testsuites;
    expect(Number(root.tests)).toBe(cases.length);
    expect(Number(root.failures)).toBe(json.summary.failed);
    expect(Number(root.errors)).toBe(0);
    expect(root.testsuite.map((s: any) => s.name)).toEqual(FILES);
    for (const s of root.testsuite) {
      const mine = cases.filter((c) => c.file === s.name);
      expect(Number(s.tests)).toBe(mine.length);
      expect(s.testcase).toHaveLength(mine.length);
      expect(Number(s.failures)).toBe(mine.filter((c) => !c.ok).length);
      expect(Number(s.assertions)).toBe(mine.reduce((t, c) => t + c.checks, 0));
      expect(Number(s.time)).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives each case its name, file and line, and failures their first message and kinds', () => {
    const all = doc.testsuites.testsuite.flatMap((s: any) => s.testcase);
    all.forEach((t: any, i: number) => {
      const c = cases[i];
      expect(t.name).toBe(c.name);
      expect(t.file).toBe(c.file);
      expect(Number(t.line)).toBe(c.line);
      expect(Number(t.assertions)).toBe(c.checks);
      if (c.ok) expect(t.failure).toBeUndefined();
      else {
        const more = c.failures.length > 1 ? ` (and ${c.failures.length - 1} more)` : '';
        expect(t.failure.message).toBe(c.failures[0].message + more);
        expect(t.failure.type).toBe([...new Set(c.failures.map((f: any) => f.kind))].join(','));
        // The body lists every failure with its rule and place.
        for (const f of c.failures) expect(t.failure['#text']).toContain(f.message);
      }
      if (c.notes.length) expect(t['system-out']).toContain(c.notes[0].message);
    });
  });

  it('escapes what XML cannot hold as is', async () => {
    const { renderJunit } = await import('../../src/cli/check/reporters/junit.js');
    const nasty = 'a <b> & "c" \'d\'\u0001 e]]>';
    const report: any = {
      summary: { cases: 1, passed: 0, failed: 1, errors: 0, checks: 1, duration_ms: 1 },
      cases: [{ name: nasty, file: 'x&y.yaml', line: 1, column: 1, checks: 1, duration_ms: 1, status: 'failed', ok: false, notes: [],
        failures: [{ kind: 'value', message: `${nasty}\nline two`, rule: null, file: null }] }],
    };
    const out = renderJunit(report);
    expect(XMLValidator.validate(out)).toBe(true);
    const back = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true }).parse(out);
    const t = back.testsuites.testsuite.testcase;
    expect(t.name).toBe(nasty.replace('\u0001', '\uFFFD'));
    expect(back.testsuites.testsuite.file).toBe('x&y.yaml');
  });
});

describe('tap', () => {
  function parse(text: string) {
    const top: any[] = [];
    const children: Record<string, any[]> = {};
    let result: any;
    const p = new Parser();
    p.on('assert', (a: any) => top.push(a));
    p.on('child', (child: any) => {
      const list: any[] = [];
      child.on('assert', (a: any) => list.push(a));
      child.on('complete', () => {
        children[child.name] = list;
      });
    });
    p.on('complete', (r: any) => {
      result = r;
    });
    p.end(text);
    return { top, children, result };
  }

  it('is TAP 14 with a subtest per file that tap-parser reads back', () => {
    const out = run('tap').stdout;
    expect(out.split('\n')[0]).toBe('TAP version 14');
    const { top, children, result } = parse(out);
    expect(result.ok).toBe(false);
    expect(result.plan).toMatchObject({ start: 1, end: FILES.length });
    expect(top.map((a) => a.name)).toEqual(FILES);
    expect(top.map((a) => a.ok)).toEqual(FILES.map((f) => cases.filter((c) => c.file === f).every((c) => c.ok)));
    for (const f of FILES) {
      const mine = cases.filter((c) => c.file === f);
      const points = children[f];
      expect(points.map((a) => a.name)).toEqual(mine.map((c) => c.name));
      points.forEach((a, i) => {
        const c = mine[i];
        expect(a.ok).toBe(c.ok);
        expect(a.id).toBe(i + 1);
        if (!c.ok) {
          expect(a.diag.severity).toBe('fail');
          expect(a.diag.at).toEqual({ file: c.file, line: c.line, column: c.column });
          expect(a.diag.failures).toHaveLength(c.failures.length);
          const f0 = a.diag.failures[0];
          expect(f0.kind).toBe(c.failures[0].kind);
          expect(f0.component).toBe(c.failures[0].component);
          if (typeof c.failures[0].analytic === 'number') expect(f0.analytic).toBe(c.failures[0].analytic);
          else expect(Number.isNaN(f0.analytic) || !Number.isFinite(f0.analytic)).toBe(true);
        }
      });
    }
  });

  it('escapes # in descriptions and runs flat for a command-line case', () => {
    const out = cg(['check', 'x^2 # a comment', '--at', 'x=3', '--reporter', 'tap']).stdout;
    const { top, result } = parse(out);
    expect(result.ok).toBe(true);
    expect(top).toHaveLength(1);
    expect(top[0].name).toBe('x^2 # a comment');
    expect(out).toContain('ok 1 - x^2 \\# a comment');
  });
});

describe('github', () => {
  // ::error|warning|notice [key=value,...]::message — keys escaped (%, CR, LF, ':' and ','), message escaped (%, CR, LF).
  const prop = '(?:[^%:,\\r\\n]|%25|%0D|%0A|%3A|%2C)*';
  const LINE = new RegExp(`^::(error|warning|notice)(?: (?:file=${prop},line=\\d+,col=\\d+,)?title=${prop})?::(?:[^%\\r\\n]|%25|%0D|%0A)+$`);
  const out = run('github').stdout;
  const lines = out.replace(/\n$/, '').split('\n');

  it('is workflow commands only, one per line, strictly formed', () => {
    for (const l of lines) expect(l).toMatch(LINE);
  });

  it('has one ::error at the YAML line of each failure, and a closing summary notice', () => {
    const errors = lines.filter((l) => l.startsWith('::error'));
    const failures = cases.flatMap((c) => c.failures.map((f: any) => ({ c, f })));
    expect(errors).toHaveLength(failures.length);
    errors.forEach((l, i) => {
      const { c, f } = failures[i];
      const m = l.match(/^::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)$/)!;
      expect(m[1]).toBe(f.file);
      expect(Number(m[2])).toBe(f.line);
      expect(Number(m[3])).toBe(f.column);
      const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
      expect(unescape(m[4])).toBe(`cg check: ${c.name} (${f.kind})`);
      expect(unescape(m[5]).split('\n')[0]).toBe(f.message);
    });
    const notices = lines.filter((l) => l.startsWith('::notice file='));
    expect(notices).toHaveLength(cases.reduce((s, c) => s + c.notes.filter((n: any) => n.kind !== 'unused').length, 0));
    expect(lines[lines.length - 1]).toMatch(/^::notice title=cg check::\d+ cases: \d+ passed, \d+ failed; \d+ checks in \d+ ms$/);
  });
});

describe('text', () => {
  it('lists every case with a mark, then the failures with their numbers, then a summary', () => {
    const r = run('text');
    const out = r.stdout;
    expect(r.code).toBe(1);
    for (const c of cases) {
      const row = out.split('\n').find((l) => l.includes(` ${c.name} `) && /^ [✓✗]/.test(l));
      expect(row, c.name).toBeDefined();
      expect(row!.trimStart().startsWith(c.ok ? '✓' : '✗')).toBe(true);
      expect(row).toContain(`line ${c.line}`);
    }
    expect(out).toMatch(/^ {3}W\[1,2\] +gradient +3 +4 +1\.0e0 +2\.5e-1 +4\.0e-6 +rtol +line \d+ *$/m);
    expect(out).toContain('rule: |analytic − expected| ≤ atol + rtol·max(|analytic|, |expected|)');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^\d+ cases: \d+ passed, 7 failed; \d+ checks in \d+ ms$/);
    expect(out).not.toMatch(/\u001b\[/); // no colour when piped
  });
});

describe('--output and several reporters', () => {
  it('writes the report atomically to the file, leaves no temp file, and prints the text report', () => {
    const file = join(tmp, 'report.xml');
    writeFileSync(file, 'old');
    const r = cg(['check', 'fixtures/checks/worked-examples.yaml', '--reporter', 'junit', '--output', file]);
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(readFileSync(file, 'utf8'))).toBe(true);
    expect(readdirSync(tmp)).toEqual(['report.xml']);
    expect(r.stdout).toMatch(/8 cases: 8 passed; \d+ checks in \d+ ms\n$/);
  });

  it('sends each reporter to its place: github to stdout, junit and json to files', () => {
    const xml = join(tmp, 'a.xml');
    const js = join(tmp, 'a.json');
    const r = cg(['check', 'fixtures/checks/kinks.yaml', '--reporter', 'github', '--reporter', `junit=${xml}`, '--reporter', `json=${js}`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^::notice file=fixtures\/checks\/kinks.yaml,line=\d+/);
    expect(XMLValidator.validate(readFileSync(xml, 'utf8'))).toBe(true);
    expect(JSON.parse(readFileSync(js, 'utf8')).summary.cases).toBe(6);
  });

  it('refuses two reports on stdout and a file it cannot write', () => {
    const two = cg(['check', 'fixtures/checks/kinks.yaml', '--reporter', 'tap', '--reporter', 'junit']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^error: tap and junit would both print to stdout/);
    // A report's folder is created (CI steps name reports/...); a path that cannot be a folder fails.
    const made = cg(['check', 'fixtures/checks/kinks.yaml', '--reporter', 'junit', '--output', join(tmp, 'no/such/dir/r.xml')]);
    expect(made.code).toBe(0);
    expect(existsSync(join(tmp, 'no/such/dir/r.xml'))).toBe(true);
    const bad = cg(['check', 'fixtures/checks/kinks.yaml', '--reporter', 'junit', '--output', join(tmp, 'no/such/dir/r.xml/x.xml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: cannot write .*x\.xml: (a part of the path is not a folder|already exists)\n$/);
  });
});

describe('inconclusive comparisons, counted in every reporter', () => {
  // 1e-12 from acos's domain edge (abs on the path keeps the complex step off) no difference quotient can decide: inconclusive, not failed.
  const dir = mkdtempSync(join(tmpdir(), 'cg-edge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'edge.yaml');
  writeFileSync(file, 'cases:\n  - name: acos at its edge\n    expr: acos(abs(x))\n    at: { x: 0.999999999999 }\n  - name: plain\n    expr: x^2\n    at: { x: 3 }\n');
  const one = (reporter: string) => cg(['check', file, '--reporter', reporter]);

  it('json: per case and in the summary; not a failure', () => {
    const r = one('json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toMatchObject({ cases: 2, passed: 2, failed: 0, inconclusive: 1 });
    expect(j.cases.map((c: any) => c.inconclusive)).toEqual([1, 0]);
    expect(j.cases[0].notes.map((n: any) => n.kind)).toContain('inconclusive');
  });

  it('text, tap, junit and github each say how many', () => {
    const text = one('text').stdout;
    expect(text).toMatch(/acos at its edge +2 checks, 1 inconclusive/);
    expect(text.trimEnd().split('\n').pop()).toMatch(/^2 cases: 2 passed; 4 checks \(1 inconclusive\) in \d+ ms$/);
    expect(one('tap').stdout).toMatch(/^ +inconclusive: 1$/m);
    const junit = one('junit').stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<property name="inconclusive" value="1"/>');
    const gh = one('github').stdout;
    expect(gh).toMatch(/^::warning .*title=cg check%3A acos at its edge \(inconclusive\)::x: inconclusive: /m);
    expect(gh).toMatch(/::notice title=cg check::2 cases: 2 passed; 4 checks \(1 inconclusive\)/);
  });

  it('--strict makes them failures', () => {
    const r = cg(['check', file, '--strict', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ passed: 1, failed: 1, inconclusive: 1 });
  });
});
