import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTorch, torchPython } from '../../nn/export/helpers.js';
import { checkJson, fixture } from './helpers.js';

/*
 * PyTorch autograd.Functions with hand-written backwards (fixtures/checks/exec/torch_functions.py),
 * correct and with seeded bugs, checked by cg through the Python adapter's serve_torch, and by
 * torch.autograd.gradcheck (float64, default tolerances) on the same functions at the same points.
 * Both results are asserted, so the README's side-by-side table stays true.
 */

const py = torchPython();
const script = fixture('exec/torch_functions.py');

describe('cg check on PyTorch custom backwards, beside torch.autograd.gradcheck', () => {
  if (!requireTorch(py, 'cg check on torch autograd.Functions')) return;

  it('catches every seeded bug, passes every correct function; gradcheck misses the small relative errors', () => {
    const list = JSON.parse(spawnSync(py!, [script, '--list'], { encoding: 'utf8' }).stdout) as Record<string, { at: unknown; bug: string | null; dtype: string }>;
    const dir = mkdtempSync(join(tmpdir(), 'cg-torch-'));
    const file = join(dir, 'torch.json');
    writeFileSync(file, JSON.stringify({ cases: Object.entries(list).map(([name, f]) => ({ name, exec: [py, script, name], at: f.at })) }));
    const r = checkJson([file, '--allow-exec']);
    const cgVerdict = Object.fromEntries(r.json.cases.map((c: any) => [c.name, c.status]));
    const gradcheck = JSON.parse(spawnSync(py!, [script, '--gradcheck'], { encoding: 'utf8' }).stdout) as Record<string, { passed: boolean }>;
    const gcVerdict = Object.fromEntries(Object.entries(gradcheck).map(([k, v]) => [k, v.passed ? 'passed' : 'failed']));

    // cg: a bug fails its case, a correct function passes (no errors, nothing inconclusive left over).
    const want = Object.fromEntries(Object.entries(list).map(([name, f]) => [name, f.bug ? 'failed' : 'passed']));
    expect(cgVerdict).toEqual(want);
    const c = Object.fromEntries(r.json.cases.map((k: any) => [k.name, k]));
    expect(c['layer-transposed'].failures.map((f: any) => f.component)).toEqual(['W[0,1]', 'W[0,2]', 'W[1,0]', 'W[1,2]', 'W[2,0]', 'W[2,1]']);
    expect(c['scaled-half'].failures.map((f: any) => f.component)).toEqual(['x[0]', 'x[1]', 'x[2]', 'x[3]']);
    // 10,000 entries: random directions, and bisection names the one wrong entry with its numbers.
    expect(c['sinx-sign'].function.wrong_entries.map((e: any) => e.component)).toEqual(['x[4321]']);
    expect(c['sinx-sign'].function.wrong_entries[0].analytic).toBeCloseTo(-c['sinx-sign'].function.wrong_entries[0].numeric, 8);
    expect(c.sinx.function.miss).toMatch(/16 random ±1 directions: an error in one entry of the gradient larger than .* is seen with certainty/);
    // The vector output is checked through uᵀJ; the 1e-6 relative error is seen.
    expect(c['mix-rel'].function.method).toMatch(/VJP/);
    // float32: tolerances from the measured noise, stated.
    expect(c.lognorm32.function.dtype).toBe('float32');
    expect(c.lognorm32.notes.map((n: any) => n.message).join('\n')).toMatch(/float32 function .*measured noise/);

    // gradcheck, recorded: it catches the gross bugs and passes the correct functions, and
    // misses the errors of 1e-6 and 3e-4 relative (its rtol is 1e-3).
    expect(gcVerdict).toEqual({ ...want, 'mix-rel': 'passed', 'lognorm32-off': 'passed' });
  }, 300_000);
});
