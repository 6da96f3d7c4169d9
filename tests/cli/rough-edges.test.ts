// Issue 25: the rough edges a user hits (concurrent runs, output paths, sizes, a failing
// stdout, signals, messages), each with the command, its exit status and its message.
// Symlinks and FIFOs live in temporary folders; no test writes to a device node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/nn/checkpoint.js';
import { cg } from './run.js';

const bin = fileURLToPath(new URL('../../bin/cg.js', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'cg-edges-'));
const XOR = 'fixtures/models/xor.yaml';
const KINKS = 'fixtures/checks/kinks.yaml';
const env = { ...process.env, NO_COLOR: '1', CG_DEBUG: '' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start `cg` in the background; resolves its exit status (or the signal's 128 + n). */
function start(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('1. one run at a time in an --out folder', () => {
  it('a second run exits 2 naming the first run\'s process; a killed run\'s lock is taken over, and said so', async () => {
    const out = join(tmp(), 'D');
    const first = start(['train', XOR, '--out', out, '--epochs', '1000000']);
    await until(() => existsSync(join(out, '.cg-lock')));
    const second = cg(['train', 'fixtures/models/circles.yaml', '--out', out, '--epochs', '2', '--force']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^error: --out .*D is in use by another cg run \\(process ${first.child.pid}, started .*\\)`));
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    first.child.kill('SIGKILL');
    await first.done;
    // The killed run's lock is still there: the next run takes it over and says so.
    expect(existsSync(join(out, '.cg-lock'))).toBe(true);
    const third = cg(['train', XOR, '--out', out, '--epochs', '2', '--force']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(new RegExp(`warning: .*D was locked by process ${first.child.pid} .*no longer running: taking the lock over`));
    expect(loadModel(out).meta.optimizer_steps).toBe(2);
    // Released at the end.
    expect(existsSync(join(out, '.cg-lock'))).toBe(false);
  }, 60_000);
});

describe('2. output paths: symlinks written through, FIFOs and /dev/stdout written directly', () => {
  it('-o and --reporter FMT=PATH through a symlink replace the target; the link stays a link', () => {
    const d = tmp();
    writeFileSync(join(d, 'real.xml'), 'old');
    symlinkSync('real.xml', join(d, 'link.xml'));
    const r = cg(['check', KINKS, '--reporter', `junit=${join(d, 'link.xml')}`]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'link.xml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites name="cg check"/);
    // A dangling symlink names the file it creates (as a shell's `>` does).
    symlinkSync('made.txt', join(d, 'dangling.txt'));
    expect(cg(['check', KINKS, '-o', join(d, 'dangling.txt')]).code).toBe(0);
    expect(lstatSync(join(d, 'dangling.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'made.txt'), 'utf8')).toMatch(/cases: .* passed/);
  });

  it('a FIFO is written, not replaced: its reader gets the report', async () => {
    const d = tmp();
    const fifo = join(d, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b) => (got += b));
    const readerDone = new Promise((r) => reader.on('close', r));
    const w = start(['check', KINKS, '--reporter', `json=${fifo}`]);
    expect((await w.done).code).toBe(0);
    await readerDone;
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(got).summary.cases).toBeGreaterThan(0);
  });

  it('/dev/stdout is written as stdout, never renamed over', () => {
    const r = cg(['check', KINKS, '--reporter', 'json=/dev/stdout', '--reporter', 'text=/dev/null']);
    expect(r.code, r.stderr).toBe(0);
    // The report, then (every report having gone to a "file") the summary line.
    const [report, summary] = r.stdout.split(/\n(?=\d+ cases:)/);
    expect(JSON.parse(report).tool).toBe('cg check');
    expect(summary).toMatch(/^\d+ cases: \d+ passed/);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('--plot and cg graph -o through symlinks', () => {
    const d = tmp();
    writeFileSync(join(d, 'p.svg'), 'old');
    symlinkSync(join(d, 'p.svg'), join(d, 'plot-link.svg'));
    expect(cg(['train', XOR, '--out', join(d, 'run'), '--epochs', '3', '--plot', join(d, 'plot-link.svg')]).code).toBe(0);
    expect(lstatSync(join(d, 'plot-link.svg')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'p.svg'), 'utf8')).toMatch(/^<svg/);
    symlinkSync('g.dot', join(d, 'g-link.dot'));
    expect(cg(['graph', 'x*y', '--at', 'x=1,y=2', '--format', 'dot', '-o', join(d, 'g-link.dot')]).code).toBe(0);
    expect(lstatSync(join(d, 'g-link.dot')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'g.dot'), 'utf8')).toMatch(/digraph/);
  });
});

describe('3. --out and --plot checked before training', () => {
  it('a dangling symlink, a loop, a regular file: exit 2 at once, in words', () => {
    const d = tmp();
    symlinkSync(join(d, 'nowhere'), join(d, 'dangling'));
    symlinkSync(join(d, 'loop'), join(d, 'loop'));
    writeFileSync(join(d, 'file'), 'x');
    for (const [out, msg] of [
      ['dangling', /--out .*dangling: a symlink to .*nowhere, which does not exist/],
      ['loop', /--out .*loop: a symlink loop/],
      ['file', /--out .*file: is a file, not a folder/],
    ] as const) {
      const t0 = Date.now();
      const r = cg(['train', XOR, '--out', join(d, out), '--epochs', '100000']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
      expect(Date.now() - t0).toBeLessThan(8000);
    }
  });

  it('--plot in a missing folder: the folder is made before training, the plot written', () => {
    const d = tmp();
    const r = cg(['train', XOR, '--out', join(d, 'run'), '--epochs', '3', '--plot', join(d, 'plots', 'xor.svg')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(d, 'plots', 'xor.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('--plot naming a folder is refused before training', () => {
    const d = tmp();
    const r = cg(['train', XOR, '--out', join(d, 'run'), '--epochs', '3', '--plot', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--plot .*: is a folder; give a file/);
    expect(existsSync(join(d, 'run', 'LATEST'))).toBe(false);
  });
});

describe('4. leftovers and the I/O exit status', () => {
  it('a temp file of a killed writer is removed at the next save', () => {
    const out = join(tmp(), 'run');
    expect(cg(['train', XOR, '--out', out, '--epochs', '2']).code).toBe(0);
    // pid 2^22 + 1 is above Linux's pid_max: no such process.
    const stale = join(out, `.LATEST.${2 ** 22 + 1}.deadbeef.tmp`);
    writeFileSync(stale, 'gen-000009\n');
    expect(cg(['train', XOR, '--out', out, '--epochs', '3', '--resume']).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a full disk after LATEST is replaced: saved, with a warning about the flush; exit 0', () => {
    const base = join(tmp(), 'run');
    expect(cg(['train', XOR, '--out', base, '--epochs', '2']).code).toBe(0);
    let seen = false;
    for (let n = 1; n < 40 && !seen; n++) {
      const out = join(tmp(), 'run');
      spawnSync('cp', ['-r', base, out]);
      const r = cg(['train', XOR, '--out', out, '--epochs', '5', '--resume'], { CG_FAULT: `enospc@${n}` });
      if (r.code === 0) {
        // The first point where a full disk no longer fails the run: the folder's flush after the commit.
        expect(r.stderr).toMatch(/warning: .*LATEST is written, but flushing its folder to disk failed \(no space left on device/);
        expect(r.stdout).toMatch(/saved .*gen-000002/);
        expect(loadModel(out).meta.optimizer_steps).toBe(5);
        seen = true;
      } else {
        expect(r.code, r.stderr).toBe(4);
        expect(r.stderr).toMatch(/^error: cannot (write|create) .*: no space left on device/m);
        expect(loadModel(out).meta.optimizer_steps).toBe(2);
      }
    }
    expect(seen).toBe(true);
  }, 120_000);
});

/**
 * `cg ARGS` with a stdout that fails, safely (no device node): 'fsize', a file the process may
 * not grow (RLIMIT_FSIZE 0, SIGXFSZ ignored: every write fails with EFBIG, as a full disk
 * would; it limits every file the process writes); 'readonly', a file opened for reading only
 * (every write to stdout fails with EBADF, and nothing else is touched).
 */
function withFailingStdout(args: string[], how: 'fsize' | 'readonly') {
  const file = join(tmp(), 'out.txt');
  writeFileSync(file, '');
  const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = how === 'fsize' ? `trap '' XFSZ; ulimit -f 0; exec ${quoted} > '${file}'` : `exec ${quoted} 1< '${file}'`;
  const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('5. a failing stdout: one line, exit 4', () => {
  it('cg grad', () => {
    const r = withFailingStdout(['grad', 'x^2', '--at', 'x=3'], 'fsize');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: cannot write to stdout: file too large\n');
  });

  it('cg train: saved, then one line and exit 4', () => {
    const out = join(tmp(), 'run');
    const r = withFailingStdout(['train', XOR, '--out', out, '--epochs', '3'], 'readonly');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: cannot write to stdout: not open for writing\n');
    expect(loadModel(out).meta.optimizer_steps).toBe(3);
  });

  it('a reader that closes early (| head) is still no error', () => {
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${bin}' grad 'x^2' --at x=3 | true; echo "\${PIPESTATUS[0]}"`], { env, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
  });
});

describe('6. signals', () => {
  it('SIGHUP during training: it saves at the signal, as SIGTERM', async () => {
    const out = join(tmp(), 'run');
    const run = start(['train', XOR, '--out', out, '--epochs', '1000000']);
    await until(() => existsSync(join(out, 'LATEST')));
    run.child.kill('SIGHUP');
    const r = await run.done;
    expect(r.signal).toBe(null);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/hangup: saving after this step/);
    expect(loadModel(out).meta.status).toBe('interrupted');
  }, 60_000);

  it('SIGTERM to cg check: the reports of the finished cases, marked incomplete; exit 143', async () => {
    const d = tmp();
    // 60 components a case, so that 5,000 cases outlast the 9 s before the signal (about 40 s in all).
    const v = Array.from({ length: 60 }, (_, k) => 0.1 + (k % 13) / 10).join(', ');
    const cases = Array.from({ length: 5000 }, (_, i) => `  - name: c${i}\n    expr: sum(sin(v) .* exp(v)) + sum(v.^${(i % 5) + 2})\n    at: { v: [${v}] }\n`).join('');
    writeFileSync(join(d, 'many.yaml'), `cases:\n${cases}`);
    const junit = join(d, 'r.xml');
    const run = start(['check', join(d, 'many.yaml'), '--reporter', `junit=${junit}`, '--reporter', `json=${join(d, 'r.json')}`]);
    await sleep(9000);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    const json = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8'));
    expect(json.incomplete.signal).toBe('SIGTERM');
    expect(json.incomplete.of).toBe(5000);
    expect(json.cases.length).toBe(json.incomplete.ran);
    expect(json.ok).toBe(false);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="cg check \(incomplete: stopped by SIGTERM after \d+ of 5000 cases\)"/);
  }, 60_000);
});

describe('7. Hessian and Jacobian sizes refused before any work', () => {
  it('a 70,000-variable Hessian and a 1000×1000 W*v Jacobian: exit 2, the size and what to use instead', () => {
    const d = tmp();
    writeFileSync(join(d, 'v.json'), JSON.stringify({ v: Array.from({ length: 70_000 }, (_, i) => i / 70_000) }));
    let t0 = Date.now();
    const h = cg(['hessian', 'sum(v.^3)', '--at-file', join(d, 'v.json')]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/^error: a 70,000×70,000 Hessian would hold 4,900,000,000 entries \(39\.2 GB as float64, 70,000 sweeps of the graph\); the limit is 4,000,000 \(use fewer variables with --wrt/);
    expect(Date.now() - t0).toBeLessThan(8000);
    const W = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, () => 0.5));
    writeFileSync(join(d, 'w.json'), JSON.stringify({ W, v: Array.from({ length: 1000 }, () => 1) }));
    t0 = Date.now();
    const j = cg(['jacobian', 'W*v', '--at-file', join(d, 'w.json')]);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/^error: a 1,000×1,001,000 Jacobian of .* would hold 1,001,000,000 entries .*; the limit is 4,000,000 \(use fewer columns with --wrt/);
    expect(Date.now() - t0).toBeLessThan(15000);
    // Within the limit with --wrt.
    const ok = cg(['jacobian', 'W*v', '--at-file', join(d, 'w.json'), '--wrt', 'v', '--no-check', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).jacobian[3][7]).toBe(0.5);
  }, 60_000);
});

describe('8. spec sizes bounded before allocation, short messages', () => {
  const spec = (data: string, units: number, loss = 'cross_entropy') =>
    `name: s\ndata: ${data}\nmodel: { layers: [ { units: 8, activation: relu }, { units: ${units} } ] }\nloss: ${loss}\noptimizer: { type: adam, lr: 0.01 }\ntraining: { epochs: 2 }\n`;
  it.each([
    ['spiral, classes 99999999999', '{ source: "builtin:spiral", classes: 99999999999 }', 3, 'cross_entropy', /data\.classes: builtin:spiral makes 99,999,999,999 classes, but the last layer has 3 units/],
    ['spiral, classes 0x7fffffff', '{ source: "builtin:spiral", classes: 0x7fffffff }', 3, 'cross_entropy', /builtin:spiral makes 2,147,483,647 classes/],
    ['sort, k 100000', '{ source: "builtin:sort", k: 100000 }', 4, 'mse', /data\.k: builtin:sort makes 100,000 target columns \(k\), but the last layer has 4 units/],
  ])('%s: exit 2 within seconds', (_, data, units, loss, msg) => {
    const d = tmp();
    writeFileSync(join(d, 's.yaml'), spec(data, units, loss));
    const t0 = Date.now();
    const r = cg(['train', join(d, 's.yaml'), '--out', join(d, 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.length).toBeLessThan(400);
    expect(Date.now() - t0).toBeLessThan(8000);
  });
});

describe('11. a name given twice', () => {
  it('in --at-file: refused with both places', () => {
    const d = tmp();
    writeFileSync(join(d, 'a.json'), '{"x": 1,\n "y": 2,\n "x": 2}');
    const r = cg(['grad', 'x*y', '--at-file', join(d, 'a.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*a\.json: x is given twice, at line 1, column 2 and line 3, column 2 \(keep one\)$/m);
  });

  it('in --at and --at-file: refused, both named', () => {
    const d = tmp();
    writeFileSync(join(d, 'e.json'), '{"x": 1}');
    const r = cg(['grad', 'x^2', '--at-file', join(d, 'e.json'), '--at', 'x=3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: x is given twice: in --at and in --at-file .*e\.json/);
  });

  it('nested objects with equal keys are no duplicate at the top', () => {
    const d = tmp();
    writeFileSync(join(d, 'n.json'), '{"x": 2, "y": [1, 2]}');
    expect(cg(['grad', 'x*sum(y)', '--at-file', join(d, 'n.json')]).code).toBe(0);
  });
});

describe('13. file errors in words', () => {
  it.each([
    [['train', 'nope.yaml'], 'error: cannot read spec nope.yaml: no such file or folder'],
    [['grad', 'x', '--at-file', '/'], 'error: cannot read --at-file /: is a folder'],
  ])('%j', (args, line) => {
    const r = cg(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(line);
  });
});

describe('14. messages that say what was meant', () => {
  it.each([
    [['grad', 'x*y', '--at', 'x=1,yy=2'], /^error: name without a value: y \(yy was given a value but is not used: did you mean y=\.\.\.\?\)$/m],
    [['grad', 'x*y', '--at', 'x=1;y=2'], /^error: bindings in --at are separated by commas, not ';' \(separate values with commas: x=1,y=2\)$/m],
    [['grad', 'sum(W*x)', '--at', 'W=[[1,2],[3,4]],x=[1,2,3]'], /^error: shape mismatch in W\*x: \[2,2\] \* \[3\]: the left side has 2 columns, the right side 3 entries$/m],
    [['grad', 'x^2', '--at', 'x=1', '--mode', 'backward'], /Allowed choices are reverse, forward, both\. Did you mean reverse\?/],
  ])('%j', (args, msg) => {
    const r = cg(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it('activation tahn: tanh (a valid value); an unclosed flow map: at its opening brace', () => {
    const d = tmp();
    const base = 'data: {source: "builtin:xor"}\nmodel: {layers: [{units: 4, activation: tahn}, {units: 2}]}\nloss: cross_entropy\noptimizer: {type: adam, lr: 0.1}\ntraining: {epochs: 2}\n';
    writeFileSync(join(d, 'a.yaml'), base);
    const a = cg(['train', join(d, 'a.yaml'), '--out', join(d, 'r')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown activation "tahn" \(did you mean tanh\?\)/);
    writeFileSync(join(d, 'b.yaml'), base.replace('"builtin:xor"}', '"builtin:xor"').replace('tahn', 'tanh'));
    const b = cg(['train', join(d, 'b.yaml'), '--out', join(d, 'r')]);
    expect(b.code).toBe(2);
    expect(b.stderr.split('\n').slice(0, 3).join('\n')).toBe('error: b.yaml:1:7: this flow map is not closed: add the \'}\'\n  1 | data: {source: "builtin:xor"\n            ^');
  });
});

describe('18. help and hints', () => {
  it('cg export --help has examples; cg graph -o out.png points at nothing unshipped', () => {
    const h = cg(['export', '--help']);
    expect(h.stdout).toMatch(/Examples:[\s\S]*cg export runs\/iris --format torch -o iris-torch/);
    const g = cg(['graph', 'x*y', '--at', 'x=1,y=2', '-o', join(tmp(), 'out.png')]);
    expect(g.code).toBe(2);
    expect(g.stderr).not.toMatch(/scripts\//);
    expect(g.stderr).toMatch(/write an \.svg/);
  });

  it('the torchrun hint carries --redirects 1 --tee 1 where Debian\'s torch 1.13 is installed', () => {
    const d = tmp();
    const r = cg(['export', XOR, '--format', 'torch', '-o', join(d, 't')]);
    expect(r.code, r.stderr).toBe(0);
    let debianTorch = false;
    try {
      debianTorch = /__version__\s*=\s*'1\.13/.test(readFileSync('/usr/lib/python3/dist-packages/torch/version.py', 'utf8'));
    } catch {
      // no Debian torch here
    }
    expect(r.stdout).toMatch(debianTorch ? /torchrun --nproc_per_node=2 --redirects 1 --tee 1 / : /torchrun --nproc_per_node=2 (?!--redirects)/);
  });

  it('cg check -o: stdout gets the summary line for a text report, the text report for another format (as --help and the README say)', () => {
    const d = tmp();
    const a = cg(['check', KINKS, '-o', join(d, 'r.txt')]);
    expect(a.stdout.trim().split('\n')).toHaveLength(1);
    expect(a.stdout).toMatch(/^\d+ cases: \d+ passed/);
    const b = cg(['check', KINKS, '--reporter', 'junit', '-o', join(d, 'r.xml')]);
    expect(b.stdout.trim().split('\n').length).toBeGreaterThan(2);
    const help = cg(['check', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/stdout then gets the summary line \(the text report when the file holds another format\)/);
  });
});

describe('12. cg check - reads the cases from stdin', () => {
  it('the cases run, named as stdin:LINE', () => {
    const text = 'cases:\n  - name: ok\n    expr: x^2\n    at: {x: 3}\n    expect: {gradient: {x: 6}}\n  - name: bad\n    expr: x^2\n    at: {x: 1}\n    expect: {gradient: {x: 3}}\n';
    const r = spawnSync(process.execPath, [bin, 'check', '-', '--json'], { env, input: text, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toMatchObject({ cases: 2, passed: 1, failed: 1 });
    expect(j.cases.map((c: { file: string; line: number }) => `${c.file}:${c.line}`)).toEqual(['stdin:2', 'stdin:6']);
  });
});

describe('17. which numbers are which', () => {
  it('the summary says its table is the final weights on every row, the epoch lines the means over batches', () => {
    const r = cg(['train', XOR, '--out', join(tmp(), 'r'), '--epochs', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\(this table: the final weights on every row; the epoch lines: each epoch's mean over its batches, as the weights changed\)$/m);
  });
});

describe('16. cg eval MODEL --data SPEC --split', () => {
  it('the validation split by default where the spec holds rows out, said in the output; train and all on asking', () => {
    const d = tmp();
    const IRIS = 'fixtures/models/iris.yaml';
    expect(cg(['train', IRIS, '--out', join(d, 'iris'), '--epochs', '2']).code).toBe(0);
    const text = cg(['eval', join(d, 'iris'), '--data', IRIS]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/, the validation split \(30 rows, as training split them; --split all for every row\)$/);
    const rows = (split: string) => JSON.parse(cg(['eval', join(d, 'iris'), '--data', IRIS, '--split', split, '--json']).stdout);
    const [v, t, a] = [rows('validation'), rows('train'), rows('all')];
    expect([v.split, t.split, a.split]).toEqual(['validation', 'train', 'all']);
    expect([v.metrics.rows, t.metrics.rows, a.metrics.rows]).toEqual([30, 120, 150]);
    // The parts make the whole: the row-weighted losses add up to all rows' loss.
    expect((v.metrics.loss * 30 + t.metrics.loss * 120) / 150).toBeCloseTo(a.metrics.loss, 5);
    const bad = cg(['eval', join(d, 'iris'), '--data', IRIS, '--split', 'valid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--split valid: give validation, train or all \(did you mean validation\?\)/);
  }, 60_000);
});
