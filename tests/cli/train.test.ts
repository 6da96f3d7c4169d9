import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { cg } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cg-train-'));
const jsonLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));
/** The model.json of a run folder's current checkpoint generation. */
const latestMeta = (out: string) => JSON.parse(readFileSync(join(out, readFileSync(join(out, 'LATEST'), 'utf8').trim(), 'model.json'), 'utf8'));

describe('cg train', () => {
  it('--json: one object per epoch, then a summary; checkpoint files written', () => {
    const out = tmp();
    const r = cg(['train', 'fixtures/models/xor.yaml', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(301);
    expect(Object.keys(lines[0])).toEqual(['type', 'epoch', 'loss', 'accuracy', 'mae', 'val_loss', 'val_accuracy', 'val_mae', 'samples_per_s', 'seconds']);
    expect(lines[0]).toMatchObject({ type: 'epoch', epoch: 1, mae: null, val_loss: null, val_accuracy: null });
    expect(lines[299].epoch).toBe(300);
    expect(lines[299].loss).toBeLessThan(lines[0].loss / 10);
    const s = lines[300];
    expect(s).toMatchObject({ type: 'summary', name: 'xor', status: 'finished', epochs: 300, epochs_run: 300, steps_run: 300, epochs_total: 300, steps: 300, dtype: 'float32', val: null, diverged: null });
    expect(s.train.accuracy).toBe(1);
    for (const f of s.files) expect(existsSync(f), f).toBe(true);
    const meta = latestMeta(out);
    expect(s.files).toEqual(['model.safetensors', 'state.safetensors', 'model.json'].map((f) => join(out, 'gen-000001', f)));
    expect(meta).toMatchObject({ format: 'cg-model', version: 2, status: 'finished', dtype: 'float32', optimizer_steps: 300 });
    expect(meta.cg_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.spec.optimizer).toEqual({ type: 'adam', lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 });
    expect(meta.data).toMatchObject({ task: 'classification', inputs: ['a', 'b'], classes: ['0', '1'], train_rows: 4, val_rows: 0 });
    expect(meta.data.normalization.mean).toEqual([0.5, 0.5]);
    expect(meta.history).toHaveLength(300);
    expect(r.stderr).toBe('');
  });

  it('piped: epoch lines, a metrics table, a loss curve; --plot writes an SVG that renders', () => {
    const out = tmp();
    const plot = join(out, 'loss.svg');
    const r = cg(['train', 'fixtures/models/spiral.yaml', '--out', out, '--epochs', '20', '--plot', plot]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^epoch  1\/20  loss [\d.]+  acc [\d.]+%  val_loss [\d.]+  val_acc [\d.]+%  [\d,]+ samples\/s$/);
    expect(r.stdout).toMatch(/^trained spiral: 20 epochs, 300 steps in [\d.]+ s \([\d,]+ samples\/s\), float32, backend \w+$/m);
    expect(r.stdout).toMatch(/^ metric\s+train\s+validation$/m);
    expect(r.stdout).toMatch(/^ accuracy\s+[\d.]+%\s+[\d.]+%$/m);
    expect(r.stdout).toMatch(/┤/);
    expect(r.stdout).toMatch(/• training loss {3}∘ validation loss/);
    expect(r.stdout).toContain(`saved ${join(out, 'gen-000001')} (model.safetensors, state.safetensors, model.json); plot ${plot}`);
    const svg = readFileSync(plot, 'utf8');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg.polyline).toHaveLength(2);
    expect(doc.svg.polyline[0]['@_points'].split(' ')).toHaveLength(20);
    const png = new Resvg(svg).render();
    expect(png.width).toBe(720);
  });

  it('the same spec and seed give the same losses, bit for bit', () => {
    const a = jsonLines(cg(['train', 'fixtures/models/iris.yaml', '--out', tmp(), '--json', '--epochs', '5']).stdout);
    const b = jsonLines(cg(['train', 'fixtures/models/iris.yaml', '--out', tmp(), '--json', '--epochs', '5']).stdout);
    expect(a.slice(0, 5).map((l) => [l.loss, l.val_loss])).toEqual(b.slice(0, 5).map((l) => [l.loss, l.val_loss]));
  });

  it('--check-grad checks the gradient in float64 first', () => {
    const r = cg(['train', 'fixtures/models/spiral.yaml', '--out', tmp(), '--epochs', '1', '--check-grad']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^gradient check \(float64, 8 rows, Ridders' extrapolated central differences along 16 random directions \(gᵀv\) and 8 sampled components, one-sided at kinks and domain edges\): all 24 ok, max rel err \S+$/);
    const j = jsonLines(cg(['train', 'fixtures/models/xor.yaml', '--out', tmp(), '--epochs', '1', '--check-grad', '--json']).stdout);
    expect(j[0]).toMatchObject({ type: 'check_grad', ok: true, dtype: 'float64', failed: 0, inconclusive: 0 });
    // xor has 33 parameters: one component each
    expect(j[0].components).toHaveLength(33);
  });

  it('bad specs: one line with file:line:col and a caret, exit 2', () => {
    const dir = tmp();
    const spec = join(dir, 'bad.yaml');
    writeFileSync(spec, readFileSync('fixtures/models/spiral.yaml', 'utf8').replace('units: 64, activation: relu}\n    - {units: 64', 'units: 64, activation: relu}\n    - {units: 0'));
    const r = cg(['train', spec, '--out', dir]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('error: bad.yaml:7:15: model.layers[1].units: must be > 0, got 0');
    expect(lines[1]).toBe('  7 |     - {units: 0, activation: relu}');
    expect(lines[2]).toBe('                    ^');
    expect(r.stdout).toBe('');
  });

  it('a CSV column that does not exist is an error at its place in the spec', () => {
    const dir = tmp();
    const spec = join(dir, 'iris.yaml');
    const abs = fileURLToPath(new URL('../../fixtures/data/iris.csv', import.meta.url));
    writeFileSync(spec, readFileSync('fixtures/models/iris.yaml', 'utf8').replace('../data/iris.csv', abs).replace('petal_width]', 'petal_widht]'));
    const r = cg(['train', spec]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: iris.yaml:5:53: data.inputs[3]: iris.csv has no column "petal_widht" (did you mean petal_width?)');
  });

  it('a last layer that does not fit the data is an error at its units', () => {
    const dir = tmp();
    const spec = join(dir, 's.yaml');
    writeFileSync(spec, readFileSync('fixtures/models/spiral.yaml', 'utf8').replace('{units: 3}', '{units: 4}'));
    const r = cg(['train', spec, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: s.yaml:8:15: model.layers[2].units: the last layer has 4 units but the data has 3 classes (arm0, arm1, arm2)');
  });

  it('a NaN loss stops training, names the layer and op, keeps the last good checkpoint, exit 1', () => {
    const dir = tmp();
    const spec = join(dir, 'nan.yaml');
    // log of a pre-activation: NaN at the first negative one, in the first step.
    writeFileSync(spec, readFileSync('fixtures/models/sine.yaml', 'utf8').replace('activation: tanh}\n    - {units: 32, activation: tanh}', 'activation: tanh}\n    - {units: 32, activation: log}'));
    const r = cg(['train', spec, '--out', join(dir, 'run'), '--json']);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    const s = lines[lines.length - 1];
    expect(s).toMatchObject({ type: 'summary', status: 'diverged', files: [] });
    expect(s.diverged).toMatchObject({ epoch: 1, step: 1, what: 'the loss', value: 'NaN', where: 'layer 2 (32 units, log): log' });
    expect(r.stderr).toBe('error: training diverged at epoch 1, step 1: the loss is NaN; the first NaN or infinity appeared in layer 2 (32 units, log): log; no checkpoint was written\n');
    expect(existsSync(join(dir, 'run', 'LATEST'))).toBe(false);
  });

  it('--schema prints the JSON Schema of the spec', () => {
    const r = cg(['train', '--schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync('fixtures/models/cg-model.schema.json', 'utf8')));
  });

  it('Ctrl-C stops after the current step, saves, and --resume finishes the run', async () => {
    const out = tmp();
    const bin = fileURLToPath(new URL('../../bin/cg.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'train', 'fixtures/models/sort.yaml', '--out', out, '--epochs', '100000', '--json'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        const first = stdout === '';
        stdout += d;
        if (first) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping after this step/);
    expect(stderr).toMatch(/interrupted at epoch \d+(, step \d+)?; saved to .* \(continue with --resume\)/);
    const s = jsonLines(stdout).at(-1);
    expect(s).toMatchObject({ type: 'summary', status: 'interrupted' });
    const meta = latestMeta(out);
    expect(meta.status).toBe('interrupted');
    const done = meta.progress.epoch;
    const r = cg(['train', 'fixtures/models/sort.yaml', '--out', out, '--epochs', String(done + 2), '--resume', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^resuming .* from epoch \d+/);
    const lines = jsonLines(r.stdout);
    expect(lines.at(-1)).toMatchObject({ status: 'finished', resumed_from: done, epochs: done + 2, epochs_run: 2, epochs_total: done + 2 });
    expect(lines.at(-1).steps_run).toBe(lines.at(-1).steps - meta.optimizer_steps);
    expect(lines[0].epoch).toBe(done + 1);
    const again = cg(['train', 'fixtures/models/sort.yaml', '--out', out, '--epochs', '1', '--resume']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--epochs 1: .* has trained \d+ epoch\(s\) already/);
  });

  it('--resume refuses a checkpoint trained with a different model', () => {
    const out = tmp();
    expect(cg(['train', 'fixtures/models/xor.yaml', '--out', out, '--epochs', '2']).code).toBe(0);
    const r = cg(['train', 'fixtures/models/circles.yaml', '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot resume .*: it was trained with a different data/);
  });
});

describe('cg predict and cg eval MODEL --data', () => {
  const model = tmp();
  const trained = cg(['train', 'fixtures/models/iris.yaml', '--out', model]);

  it('predicts classes with probabilities, from --input and --csv', () => {
    expect(trained.code).toBe(0);
    const r = cg(['predict', model, '--input', '[5.1, 3.5, 1.4, 0.2]', '--input', '[[6.7, 3.0, 5.2, 2.3]]', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.outputs).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(j.rows.map((x: { class: string }) => x.class)).toEqual(['setosa', 'virginica']);
    const p = j.rows[0].probabilities;
    expect(p.setosa + p.versicolor + p.virginica).toBeCloseTo(1, 6);
    const text = cg(['predict', model, '--input', '[5.1, 3.5, 1.4, 0.2]']);
    expect(text.stdout).toMatch(/^ 0\s+5\.1\s+3\.5\s+1\.4\s+0\.2\s+setosa\s+0\.\d+$/m);
    const csv = JSON.parse(cg(['predict', model, '--csv', 'fixtures/data/iris.csv', '--json']).stdout);
    expect(csv.rows).toHaveLength(150);
    expect(csv.rows.filter((x: { class: string }, i: number) => x.class === ['setosa', 'versicolor', 'virginica'][Math.floor(i / 50)]).length).toBeGreaterThan(140);
  });

  it('rejects input of the wrong width or a missing model, exit 2', () => {
    const r = cg(['predict', model, '--input', '[1, 2]']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --input [1, 2]: 2 value(s), but the model takes 4\n');
    const m = cg(['predict', join(model, 'nope'), '--input', '[1]']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^error: cannot read .*model\.json: no such file or folder/);
  });

  it('eval MODEL --data: metrics and a confusion matrix; eval EXPR still works', () => {
    const r = cg(['eval', model, '--data', 'fixtures/data/iris.csv', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.metrics.rows).toBe(150);
    expect(j.metrics.accuracy).toBeGreaterThan(0.93);
    expect(j.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(150);
    expect(j.confusion.map((row: number[], i: number) => row[i]).reduce((a: number, b: number) => a + b, 0) / 150).toBeCloseTo(j.metrics.accuracy, 12);
    const spec = cg(['eval', model, '--data', 'fixtures/models/iris.yaml']);
    expect(spec.code).toBe(0);
    expect(spec.stdout).toMatch(/^ accuracy\s+\d+\.\d\d%$/m);
    const e = cg(['eval', 'x + 1', '--at', 'x=2']);
    expect(e.code).toBe(0);
    expect(e.stdout.split('\n')[0]).toBe('f = 3');
  });
});
