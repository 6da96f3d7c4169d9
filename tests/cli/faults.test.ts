import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/nn/checkpoint.js';
import { cg } from './run.js';

const bin = fileURLToPath(new URL('../../bin/cg.js', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'cg-faults-'));
const XOR = 'fixtures/models/xor.yaml';
const env = { ...process.env, NO_COLOR: '1', CG_DEBUG: '' };

/** The step of the checkpoint `cg predict` loads from `dir`, or the error it gives. */
function loadable(dir: string): { steps?: number; error?: string } {
  const r = cg(['predict', dir, '--input', '[0, 1]', '--json']);
  if (r.code !== 0) return { error: r.stderr };
  const latest = readFileSync(join(dir, 'LATEST'), 'utf8').trim();
  const gen = r.stderr.includes('using the previous checkpoint') ? /using the previous checkpoint (\S+)/.exec(r.stderr)![1] : join(dir, latest);
  return { steps: JSON.parse(readFileSync(join(gen, 'model.json'), 'utf8')).optimizer_steps };
}

describe('training killed or out of disk while a checkpoint is written', () => {
  it('SIGKILL at every file operation of the final checkpoint leaves the new or the previous one loadable', () => {
    const base = tmp();
    expect(cg(['train', XOR, '--out', join(base, 'run'), '--epochs', '2']).code).toBe(0);
    let finished = false;
    let kills = 0;
    for (let n = 1; !finished; n++) {
      const out = join(tmp(), 'run');
      cpSync(join(base, 'run'), out, { recursive: true });
      const r = spawnSync(process.execPath, [bin, 'train', XOR, '--out', out, '--epochs', '5', '--resume'], { env: { ...env, CG_FAULT: `kill@${n}` } });
      if (r.signal === 'SIGKILL') kills++;
      else {
        expect(r.status, r.stderr.toString()).toBe(0);
        finished = true;
      }
      // Loaded in process (what predict, eval and --resume do), checksums and all.
      const steps = loadModel(out).meta.optimizer_steps;
      expect([2, 5], `killed at operation ${n}`).toContain(steps);
      if (finished) expect(steps).toBe(5);
      expect(n).toBeLessThan(60);
    }
    expect(kills).toBeGreaterThanOrEqual(14);
  }, 120_000);

  it('a full disk at a write ends with the I/O exit status 4 naming the file in words, the previous checkpoint kept', () => {
    const out = join(tmp(), 'run');
    expect(cg(['train', XOR, '--out', out, '--epochs', '2']).code).toBe(0);
    const r = cg(['train', XOR, '--out', out, '--epochs', '5', '--resume'], { CG_FAULT: 'enospc@7' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: cannot write .*gen-000002\.partial\/state\.safetensors: no space left on device \(injected at write .*\)\n$/m);
    expect(loadable(out).steps).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['LATEST', 'gen-000001']);
  });
});

describe('signals and pipes', () => {
  it('Ctrl-C arriving while the last checkpoint is written: it is written, the summary printed', () => {
    for (const n of [1, 4, 9]) {
      const out = join(tmp(), 'run');
      const r = cg(['train', XOR, '--out', out, '--epochs', '30', '--json'], { CG_FAULT: `sigint@${n}` });
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/error/);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', status: 'finished', steps: 30 });
      expect(loadable(out).steps).toBe(30);
    }
  });

  it('Ctrl-C after the last epoch line: the run is saved and summed up', async () => {
    const out = join(tmp(), 'run');
    const child = spawn(process.execPath, [bin, 'train', 'fixtures/models/iris.yaml', '--out', out, '--epochs', '3', '--json'], { env });
    let stdout = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/"epoch":3,/.test(stdout) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    // A Ctrl-C that lands while Node tears the finished process down (its handlers gone) ends it
    // by the signal itself: allowed, since by then the summary is out and the run saved.
    if (code === null) expect(child.signalCode).toBe('SIGINT');
    else expect([0, 130]).toContain(code);
    const s = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(s.type).toBe('summary');
    expect(s.epochs_run).toBe(3);
    expect(existsSync(join(out, 'LATEST'))).toBe(true);
    expect(cg(['predict', out, '--input', '[5.1, 3.5, 1.4, 0.2]']).code).toBe(0);
  });

  it('| head -1: training goes on and saves; the exit status is its own', () => {
    const out = join(tmp(), 'run');
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${bin} train ${XOR} --out ${out} --epochs 400 | head -1`], { env, encoding: 'utf8' });
    expect(r.stdout).toMatch(/^epoch {3}1\/400 {2}loss/);
    expect(r.status).toBe(0);
    expect(loadable(out).steps).toBe(400);
  });

  it('-f - and process substitution read a slow writer to the end', () => {
    const slow = spawnSync('bash', ['-c', `(sleep 0.4; echo "x^2 +"; sleep 0.3; echo " y") | node ${bin} grad -f - --at x=3,y=1 --json`], { env, encoding: 'utf8' });
    expect(slow.stderr).toBe('');
    expect(JSON.parse(slow.stdout)).toMatchObject({ value: 10, gradient: { x: 6, y: 1 } });
    const sub = spawnSync('bash', ['-c', `node ${bin} grad -f <(sleep 0.4; echo "x^3") --at x=2 --json`], { env, encoding: 'utf8' });
    expect(JSON.parse(sub.stdout)).toMatchObject({ value: 8, gradient: { x: 12 } });
  });
});

describe('--out, --keep and damaged checkpoints from the command line', () => {
  it('refuses a folder holding another run unless --force; a damaged latest falls back with a warning', () => {
    const out = join(tmp(), 'run');
    expect(cg(['train', XOR, '--out', out, '--epochs', '2']).code).toBe(0);
    const other = cg(['train', 'fixtures/models/circles.yaml', '--out', out, '--epochs', '1']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error: --out .* holds another run \(xor, a different data\) \(give another --out, --resume to continue it, or --force to replace it\)\n$/);
    const notRun = tmp();
    writeFileSync(join(notRun, 'notes.txt'), 'mine');
    expect(cg(['train', XOR, '--out', notRun, '--epochs', '1']).stderr).toMatch(/is not empty and holds no cg run/);
    // The same spec again starts afresh beside the old checkpoint.
    expect(cg(['train', XOR, '--out', out, '--epochs', '3', '--keep', '3']).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['LATEST', 'gen-000001', 'gen-000002']);
    const forced = cg(['train', 'fixtures/models/circles.yaml', '--out', out, '--epochs', '1', '--force']);
    expect(forced.code).toBe(0);
    // --force drops the other run's checkpoints: no fallback to a different model.
    expect(readdirSync(out).sort()).toEqual(['LATEST', 'gen-000003']);
    expect(cg(['train', 'fixtures/models/circles.yaml', '--out', out, '--epochs', '2']).code).toBe(0);
    const w = join(out, 'gen-000004', 'model.safetensors');
    const b = readFileSync(w);
    b[b.length - 1] ^= 0xff;
    writeFileSync(w, b);
    const p = cg(['predict', out, '--input', '[0.1, 0.2]']);
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/^warning: .*gen-000004\/model\.safetensors: checksum mismatch with model\.json .*; using the previous checkpoint .*gen-000003 \(step \d+\)\n$/);
  });
});

describe('hostile input: exit 2, one line, never an internal error', () => {
  const one = (r: { code: number; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/internal error/);
  };

  it('YAML aliases: a billion laughs and an alias with no anchor', () => {
    const dir = tmp();
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`), 'cases: [*f]'].join('\n');
    writeFileSync(join(dir, 'laughs.yaml'), laughs);
    const r = cg(['check', join(dir, 'laughs.yaml')]);
    one(r);
    expect(r.stderr).toMatch(/too many alias expansions \(the limit is 1000\)/);
    writeFileSync(join(dir, 'spec.yaml'), `${readFileSync(XOR, 'utf8')}\nname: *nope\n`);
    const s = cg(['train', join(dir, 'spec.yaml')]);
    one(s);
    expect(s.stderr).toMatch(/^error: spec\.yaml: invalid YAML: an alias with no anchor .*: nope/);
  });

  it('sizes beyond memory are refused before allocating, with the size and the limit', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'units.yaml'), readFileSync(XOR, 'utf8').replace('units: 8', 'units: 1e15'));
    const u = cg(['train', join(dir, 'units.yaml'), '--out', join(dir, 'u')]);
    one(u);
    expect(u.stderr).toMatch(/^error: units\.yaml:6:15: model\.layers\[0\]\.units: layer 1's weights \(2 × 1000000000000000\) would be 2\.00e\+15 values; the limit is 2147483647 values per array/);
    writeFileSync(join(dir, 'rows.yaml'), readFileSync(XOR, 'utf8').replace('samples: 4', 'samples: 1e8').replace('builtin:xor', 'builtin:circles'));
    const r = cg(['train', join(dir, 'rows.yaml'), '--out', join(dir, 'r')]);
    one(r);
    expect(r.stderr).toMatch(/^error: rows\.yaml:3:\d+: data\.samples: .*; the limit is .*\((half of this machine's memory|half of Node's heap)\)/);
  });

  it('names that are Object.prototype keys are ordinary variables', () => {
    const r = cg(['grad', 'constructor*x + __proto__ + toString*hasOwnProperty', '--at', 'x=2,constructor=3,__proto__=1,toString=4,hasOwnProperty=5', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ value: 27, gradient: { constructor: 2, x: 3, __proto__: 1, toString: 5, hasOwnProperty: 4 } });
    const unbound = cg(['grad', 'constructor*x', '--at', 'x=2']);
    one(unbound);
    expect(unbound.stderr.split('\n')[0]).toBe('error: name without a value: constructor (give it a value with --at constructor=...)');
  });

  it('deep nesting and huge programs are refused early, naming the limit', () => {
    const deep = cg(['grad', 'x', '--at', `x=${'['.repeat(20000)}1${']'.repeat(20000)}`]);
    one(deep);
    expect(deep.stderr.split('\n')[0]).toBe('error: arrays nested more than 32 deep (a tensor has at most 32 dimensions)');
    expect(deep.stderr.split('\n')[1].length).toBeLessThan(120);
    const dir = tmp();
    writeFileSync(join(dir, 'big.txt'), Array(4_500_001).fill('x').join('+'));
    const big = cg(['grad', '-f', join(dir, 'big.txt'), '--at', 'x=1']);
    one(big);
    expect(big.stderr).toBe('error: the input is 9,000,001 characters; the limit is 8,000,000 (split the program, or raise the limit with CG_MAX_INPUT=N (characters))\n');
    // Under the character limit but over 4M terms (2M graph nodes, over 1 GB): refused after parsing.
    writeFileSync(join(dir, 'long.txt'), Array(2_000_001).fill('x').join('+'));
    const long = cg(['grad', '-f', join(dir, 'long.txt'), '--at', 'x=1']);
    one(long);
    expect(long.stderr).toBe('error: the program has 4,000,001 terms; the limit is 4,000,000 (split the program into smaller ones)\n');
    // Many names without values: one line, the first few named.
    writeFileSync(join(dir, 'names.txt'), Array.from({ length: 5000 }, (_, i) => `v${i}`).join('+'));
    const names = cg(['grad', '-f', join(dir, 'names.txt')]);
    one(names);
    expect(names.stderr.split('\n')[0]).toBe('error: names without a value: v0, v1, v2, v3, v4, v5, v6, v7 and 4,992 more (give them values with --at v0=...,v1=...,v2=...,v3=...,v4=...,v5=...,v6=...,v7=...,...)');
  });

  it('a folder where an expression is expected says what to give', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'checks'));
    const run = spawnSync(process.execPath, [bin, 'check', 'checks'], { cwd: dir, env, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error: checks is a folder; an expression or a file was expected (give an expression, --file FILE, or case files (.yaml, .yml, .json))\n');
    const out = join(dir, 'model');
    expect(cg(['train', XOR, '--out', out, '--epochs', '1']).code).toBe(0);
    const e = cg(['eval', out]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/^error: .*model is a model folder, not an expression \(evaluate it on data with: cg eval .*model --data FILE/);
  });
});

describe('cg check with bad case files still feeds CI', () => {
  it('JUnit gets one error testcase per problem, GitHub an annotation at file:line; folders created; exit 2', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'cases:\n  - name: one\n    expr: "x^^2"\n    at: {x: 1}\n  - name: two\n    expr: "y"\n');
    writeFileSync(join(dir, 'b.yaml'), 'cases:\n  - expr: "x"\n');
    const junit = join(dir, 'reports', 'deep', 'cg.xml');
    const r = spawnSync(process.execPath, [bin, 'check', 'a.yaml', 'b.yaml', '--reporter', 'github', '--reporter', `junit=${junit}`], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<error /g)).toHaveLength(3);
    expect(xml).toContain('errors="3"');
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ann.map((l) => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(':')).sort()).toEqual(['a.yaml:3', 'a.yaml:6', 'b.yaml:2']);
    expect(r.stderr).toMatch(/error: 3 problems in the case files; no case was run\n$/);
  });
});
