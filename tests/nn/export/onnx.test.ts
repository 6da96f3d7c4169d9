import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONNX_ACTIVATIONS, OPSET } from '../../../src/nn/export/onnx.js';
import { ONNX_PROTO } from '../../../src/nn/export/onnx-schema.js';
import { activationNames } from '../../../src/nn/spec.js';
import { mulberry32 } from '../../../src/util/random.js';
import { cg } from '../../cli/run.js';
import { maxAbsDiff } from './helpers.js';

// The ONNX export run by ONNX Runtime (onnxruntime-web's wasm backend: no install step, so
// `npm ci` works offline) against `cg predict --json` on the same raw rows.

const tmp = mkdtempSync(join(tmpdir(), 'cg-onnx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ModelProto = protobuf.parse(ONNX_PROTO).root.lookupType('onnx.ModelProto');

interface Fixture {
  name: string;
  spec: string;
  epochs: number;
  /** Rows to predict: a CSV of the model's input columns. */
  csv: () => string;
}

/** A CSV of n seeded random rows in [lo, hi) with these column names. */
function randomCsv(name: string, columns: string[], n: number, lo: number, hi: number): string {
  const rand = mulberry32(7);
  const lines = [columns.join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map(() => String(lo + (hi - lo) * rand())).join(','));
  const path = join(tmp, `${name}-rows.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const FIXTURES: Fixture[] = [
  { name: 'iris', spec: 'fixtures/models/iris.yaml', epochs: 20, csv: () => 'fixtures/data/iris.csv' },
  { name: 'spiral', spec: 'fixtures/models/spiral.yaml', epochs: 10, csv: () => randomCsv('spiral', ['x', 'y'], 200, -1, 1) },
  { name: 'sort', spec: 'fixtures/models/sort.yaml', epochs: 2, csv: () => randomCsv('sort', ['x0', 'x1', 'x2', 'x3'], 200, 0, 1) },
  { name: 'circles', spec: 'fixtures/models/circles.yaml', epochs: 5, csv: () => randomCsv('circles', ['x', 'y'], 100, -1.2, 1.2) },
];

/** A float64 model: iris with dtype float64 (its CSV path made absolute). */
function float64Spec(): string {
  const text = readFileSync('fixtures/models/iris.yaml', 'utf8').replace('dtype: float32', 'dtype: float64').replace('../data/iris.csv', resolve('fixtures/data/iris.csv'));
  const path = join(tmp, 'iris64.yaml');
  writeFileSync(path, text);
  return path;
}

function csvRows(path: string): number[][] {
  const [, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  return lines.map((l) => l.split(',').map(Number).filter((v) => Number.isFinite(v)));
}

async function runOnnx(file: string, rows: number[][], dtype: 'float32' | 'float64', columns: number) {
  const session = await ort.InferenceSession.create(readFileSync(file));
  const flat = rows.flatMap((r) => r.slice(0, columns));
  const input = new ort.Tensor(dtype, dtype === 'float64' ? Float64Array.from(flat) : Float32Array.from(flat), [rows.length, columns]);
  return session.run({ input });
}

function cgPredict(model: string, csv: string) {
  const r = cg(['predict', model, '--csv', csv, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('cg export --format onnx, run in ONNX Runtime', () => {
  const models = new Map<string, string>();
  beforeAll(() => {
    for (const f of [...FIXTURES, { name: 'iris64', spec: float64Spec(), epochs: 20 }]) {
      const out = join(tmp, f.name);
      const r = cg(['train', f.spec, '--epochs', String(f.epochs), '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      models.set(f.name, out);
    }
  }, 120_000);

  for (const f of FIXTURES) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${f.name}, ${dtype}: the same outputs as cg predict on the same raw rows`, async () => {
        const file = join(tmp, `${f.name}-${dtype}.onnx`);
        const e = cg(['export', models.get(f.name)!, '--format', 'onnx', '-o', file, '--dtype', dtype, '--json']);
        expect(e.code, e.stderr).toBe(0);
        expect(JSON.parse(e.stdout)).toMatchObject({ format: 'onnx', opset: OPSET, dtype, from: 'model' });
        const csv = f.csv();
        const want = cgPredict(models.get(f.name)!, csv);
        const rows: number[][] = want.rows.map((r: any) => r.input);
        const out = await runOnnx(file, rows, dtype, want.inputs.length);
        const classify = want.task === 'classification';
        const expected = want.rows.flatMap((r: any) => Object.values(classify ? r.probabilities : r.values) as number[]);
        const got = Array.from((classify ? out.probabilities : out.values).data as Float32Array | Float64Array);
        const diff = maxAbsDiff(got, expected);
        process.stdout.write(`onnx ${f.name} ${dtype}: ${rows.length} rows, max |Δ| vs cg predict ${diff.toExponential(2)}\n`);
        // cg predicts in the model's float32: a float64 graph differs by float32 rounding too.
        expect(diff).toBeLessThan(2e-6);
        if (classify) {
          const names: string[] = want.outputs;
          const cls = Array.from(out.class.data as BigInt64Array).map((k) => names[Number(k)]);
          expect(cls).toEqual(want.rows.map((r: any) => r.class));
        }
      });
    }
  }

  it('a float64 model exported as float64 agrees with cg predict to float64 rounding', async () => {
    const file = join(tmp, 'iris64.onnx');
    expect(cg(['export', models.get('iris64')!, '--format', 'onnx', '-o', file]).code).toBe(0);
    const want = cgPredict(models.get('iris64')!, 'fixtures/data/iris.csv');
    const out = await runOnnx(file, want.rows.map((r: any) => r.input), 'float64', 4);
    const diff = maxAbsDiff(Array.from(out.probabilities.data as Float64Array), want.rows.flatMap((r: any) => Object.values(r.probabilities) as number[]));
    process.stdout.write(`onnx iris64 float64: max |Δ| vs cg predict ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-12);
  });

  it('states its opset, a dynamic batch axis and the element type; one session serves any batch size', async () => {
    const file = join(tmp, 'iris-float32.onnx');
    const m = ModelProto.toObject(ModelProto.decode(readFileSync(file)), { longs: Number }) as any;
    expect(m.opsetImport).toEqual([{ version: OPSET }]);
    expect(m.producerName).toBe('cg');
    const input = m.graph.input[0];
    expect(input.name).toBe('input');
    expect(input.type.tensorType.elemType).toBe(1);
    expect(input.type.tensorType.shape.dim).toEqual([{ dimParam: 'N' }, { dimValue: 4 }]);
    expect(m.graph.output.map((o: any) => o.name)).toEqual(['probabilities', 'class']);
    expect(Object.fromEntries(m.metadataProps.map((p: any) => [p.key, p.value]))['cg.classes']).toBe('["setosa","versicolor","virginica"]');
    const session = await ort.InferenceSession.create(readFileSync(file));
    for (const n of [1, 7, 300]) {
      const r = await session.run({ input: new ort.Tensor('float32', new Float32Array(n * 4).fill(1), [n, 4]) });
      expect(r.probabilities.dims).toEqual([n, 3]);
    }
  });

  it('exports a spec untrained (cg\'s initial weights): rows of probabilities that sum to 1', async () => {
    const file = join(tmp, 'spiral-init.onnx');
    const e = cg(['export', 'fixtures/models/spiral.yaml', '--format', 'onnx', '-o', file, '--json']);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).from).toBe('spec');
    const out = await runOnnx(file, [[0.5, -0.5]], 'float32', 2);
    const p = Array.from(out.probabilities.data as Float32Array);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('cg export --format onnx: errors', () => {
  it('maps every activation a spec may name', () => {
    expect(activationNames().filter((a) => !(a in ONNX_ACTIVATIONS))).toEqual([]);
  });

  it('rejects options of the other format and an unwritable output with one line, exit 2', () => {
    const data = cg(['export', 'fixtures/models/iris.yaml', '--format', 'onnx', '--data', 'x.csv']);
    expect(data.code).toBe(2);
    expect(data.stderr.trim()).toBe("error: --data is for --format torch; an ONNX graph holds no data");
    const dtype = cg(['export', 'fixtures/models/iris.yaml', '--format', 'torch', '--dtype', 'float64', '-o', join(tmp, 't')]);
    expect(dtype.code).toBe(2);
    expect(dtype.stderr.trim().split('\n')).toHaveLength(1);
    const nowhere = cg(['export', 'fixtures/models/iris.yaml', '--format', 'onnx', '-o', join(tmp, 'no', 'such', 'dir', 'm.onnx')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/^error: -o .*m\.onnx: its folder .* does not exist\n$/);
  });
});
