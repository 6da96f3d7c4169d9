import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitWords } from '../../../src/cli/check/function-case.js';
import { cg } from '../run.js';
import { checkJson, fixture, root } from './helpers.js';

const cases = fixture('exec/cases.yaml');
const byName = (json: any) => Object.fromEntries(json.cases.map((c: any) => [c.name, c]));
/** Running: exists and is not a zombie (a killed orphan stays one where pid 1 does not reap). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
};
const python = ['python3', '-c', 'import numpy'].every(Boolean) && spawnSync('python3', ['-c', 'import numpy']).status === 0;

describe('cg check: exec and module cases', () => {
  it('splits a command line as a shell would, expanding nothing', () => {
    expect(splitWords(`python3 'a b' "c \\"d\\"" e\\ f $HOME *.py`)).toEqual(['python3', 'a b', 'c "d"', 'e f', '$HOME', '*.py']);
    expect(() => splitWords('python3 "open')).toThrow(/unterminated "/);
  });

  it.runIf(python)('runs every case of the file: verdicts for working programs, an error naming what happened for the others', () => {
    const r = checkJson([cases, '--allow-exec']);
    expect(r.code).toBe(1);
    const c = byName(r.json);
    expect(c['numpy tanh layer'].status).toBe('passed');
    expect(c['numpy tanh layer'].checks).toBe(12);
    // The transposed weight gradient: exactly the off-diagonal entries of W fail.
    expect(c['numpy transposed weight gradient'].failures.map((f: any) => f.component)).toEqual(['W[0,1]', 'W[0,2]', 'W[1,0]', 'W[1,2]', 'W[2,0]', 'W[2,1]']);
    const crash = c.crashes;
    expect(crash.status).toBe('error');
    expect(crash.failures[0].message).toMatch(/exited with status 1 before answering the gradient request/);
    expect(crash.failures[0].message).toMatch(/ZeroDivisionError: division by zero/);
    expect(c['prints garbage'].failures[0].message).toMatch(/not the protocol.*"Loading model\.\.\. done"/);
    expect(c['wrong shape'].failures[0].message).toMatch(/gradient of x has the wrong shape: expected shape \[3\], got \[2\]/);
    expect(c['NaN gradient'].failures[0].message).toMatch(/the gradient x is NaN/);
    expect(c['spring energy'].status).toBe('passed');
    const slip = c['spring energy with a sign slip'].failures;
    expect(slip.map((f: any) => f.component)).toEqual(['x[0]']);
    expect(slip[0].analytic).toBeCloseTo(0.4, 12);
    expect(slip[0].numeric).toBeCloseTo(-0.4, 9);
    expect(r.json.summary).toMatchObject({ cases: 8, passed: 2, failed: 2, errors: 4 });
  }, 120_000);

  it.runIf(python)('reports exec cases like every case: JUnit errors and TAP lines', () => {
    const junit = cg(['check', cases, '--allow-exec', '--reporter', 'junit']);
    expect(junit.stdout).toMatch(/<testcase[^>]*name="crashes"[^>]*>\s*<error/);
    expect(junit.stdout).toMatch(/<testcase[^>]*name="numpy tanh layer"[^>]*\/>/);
    const gh = cg(['check', cases, '--allow-exec', '--reporter', 'github']);
    expect(gh.stdout).toMatch(/^::error file=fixtures\/checks\/exec\/cases\.yaml,line=9,.*crashes/m);
    const tap = cg(['check', cases, '--allow-exec', '--reporter', 'tap']);
    expect(tap.stdout).toMatch(/^\s*ok \d+ - numpy tanh layer/m);
    expect(tap.stdout).toMatch(/^\s*not ok \d+ - prints garbage/m);
  }, 120_000);

  it.runIf(python)('a program that hangs is an error after --timeout, leaves nothing running, and the next case still runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-exec-'));
    const pids = join(dir, 'pids');
    const file = join(dir, 'hang.yaml');
    writeFileSync(file, [
      'cases:',
      `  - {name: hangs, exec: [python3, ${JSON.stringify(fixture('exec/hang.py'))}, ${JSON.stringify(pids)}], at: {x: 1}}`,
      `  - {name: after it, module: ${JSON.stringify(`${fixture('exec/energy.mjs')}#energy`)}, at: {x: [0, 1.5], k: 3}}`,
    ].join('\n'));
    const t0 = Date.now();
    const r = checkJson([file, '--allow-exec', '--timeout', '2']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const c = byName(r.json);
    expect(c.hangs.status).toBe('error');
    expect(c.hangs.failures[0].message).toMatch(/did not answer the gradient request \(id 1\) within 2 s \(--timeout\)/);
    expect(c['after it'].status).toBe('passed');
    const [parent, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect([alive(parent), alive(child)]).toEqual([false, false]);
  }, 60_000);

  it.runIf(python)('Ctrl-C while a program runs: cg exits 130 and ends the program and its children', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-exec-'));
    const pids = join(dir, 'pids');
    const file = join(dir, 'hang.yaml');
    writeFileSync(file, `cases:\n  - {name: hangs, exec: [python3, ${JSON.stringify(fixture('exec/hang.py'))}, ${JSON.stringify(pids)}], at: {x: 1}}\n`);
    const child = spawn(process.execPath, [join(root, 'bin/cg.js'), 'check', file, '--allow-exec', '--timeout', '60'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    for (let i = 0; i < 200 && !existsSync(pids); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const [parent, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    await new Promise((r) => setTimeout(r, 200));
    expect([alive(parent), alive(sleeper)]).toEqual([false, false]);
  }, 60_000);

  it('without --allow-exec: exit 2 naming the case, and nothing runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-exec-'));
    const file = join(dir, 'cases.yaml');
    writeFileSync(file, [
      'cases:',
      '  - {name: harmless, expr: x^2, at: {x: 1}}',
      `  - {name: writes a file, exec: [node, -e, "require('fs').writeFileSync('ran', '')"], at: {x: 1}}`,
    ].join('\n'));
    const r = cg(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/case "writes a file" \(exec: node -e .*\) would run a program; cg check runs programs only with --allow-exec/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    // With it, the program runs in the case file's folder.
    cg(['check', file, '--allow-exec']);
    expect(existsSync(join(dir, 'ran'))).toBe(true);
  }, 60_000);

  it.runIf(python)('checks a program from the command line: --exec split as a shell would, --at-file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-exec-'));
    const point = join(dir, 'point.json');
    writeFileSync(point, JSON.stringify({ x: [0.5, -1, 2], W: [[0.1, 0.2, -0.3], [0.4, -0.5, 0.6], [0.7, 0.8, -0.9]] }));
    const script = fixture('exec/numpy_server.py');
    const ok = checkJson(['--exec', `python3 '${script}'`, '--at-file', point, '--allow-exec']);
    expect(ok.code).toBe(0);
    expect(ok.json.cases[0].gradient.x).toHaveLength(3);
    const bad = checkJson(['--exec', `python3 '${script}' half`, '--at-file', point, '--allow-exec']);
    expect(bad.code).toBe(1);
    expect(bad.json.cases[0].failures.map((f: any) => f.component)).toEqual(['x[0]', 'x[1]', 'x[2]']);
    expect(cg(['check', '--exec', `python3 '${script}'`, '--at-file', point]).code).toBe(2);
  }, 60_000);

  it('checks a JavaScript module from the command line', () => {
    const mod = `${fixture('exec/energy.mjs')}#energy`;
    const r = checkJson(['--module', mod, '--at', 'x=[0,1.2,2.1],k=2']);
    expect(r.code).toBe(0);
    expect(r.json.cases[0].value).toBeCloseTo((2 / 2) * (0.2 ** 2 + 0.1 ** 2), 12);
    const missing = cg(['check', '--module', `${fixture('exec/energy.mjs')}#nope`, '--at', 'x=1,k=1']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/has no exported function nope \(its functions: energy, energyBuggy\)/);
  });

  it('prints the Python adapter cg ships', () => {
    const r = cg(['check', '--print-adapter', 'python']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'adapters/cg_adapter.py'), 'utf8'));
  });
});
