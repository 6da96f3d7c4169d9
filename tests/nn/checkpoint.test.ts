import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CgError } from '../../src/errors.js';
import { metaChecksum } from '../../src/nn/checkpoint-meta.js';
import { checkpointMeta, fallbackWarning, loadModel, saveCheckpoint } from '../../src/nn/checkpoint.js';
import { loadSpecData } from '../../src/nn/data.js';
import { readSpecFile } from '../../src/nn/spec.js';
import { Trainer } from '../../src/nn/trainer.js';
import { resetFaults } from '../../src/util/files.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cg-ckpt-'));

async function trained(epochs: number): Promise<Trainer> {
  const sf = readSpecFile('fixtures/models/xor.yaml');
  const tr = new Trainer(sf.spec, loadSpecData(sf), { epochs });
  await tr.run();
  return tr;
}

const save = (dir: string, tr: Trainer, keep = 2) => saveCheckpoint(dir, tr, checkpointMeta(tr, 'finished', null), keep);
const current = (dir: string) => join(dir, readFileSync(join(dir, 'LATEST'), 'utf8').trim());

/** The error loadModel throws (a CgError, exit 2), or undefined when it loads. */
function loadError(dir: string): CgError | undefined {
  try {
    loadModel(dir);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(CgError);
    expect((e as CgError).exitCode).toBe(2);
    expect((e as CgError).message).not.toContain('\n');
    return e as CgError;
  }
}

afterEach(() => {
  delete process.env.CG_FAULT;
  resetFaults();
});

describe('checkpoint generations', () => {
  it('keeps the newest --keep generations; LATEST names the newest', async () => {
    const dir = tmp();
    const tr = await trained(3);
    for (let i = 0; i < 4; i++) save(dir, tr, 2);
    expect(readdirSync(dir).sort()).toEqual(['LATEST', 'gen-000003', 'gen-000004']);
    expect(loadModel(dir).dir).toBe(join(dir, 'gen-000004'));
    save(dir, tr, 1);
    expect(readdirSync(dir).sort()).toEqual(['LATEST', 'gen-000005']);
  });

  it('a full disk at any write of a checkpoint leaves the previous (or the new) one loadable', async () => {
    const old = await trained(2);
    const next = await trained(5);
    let completed = false;
    let faults = 0;
    for (let n = 1; !completed; n++) {
      const dir = tmp();
      save(dir, old);
      resetFaults();
      process.env.CG_FAULT = `enospc@${n}`;
      try {
        save(dir, next);
        completed = true;
      } catch (e) {
        expect(e).toBeInstanceOf(CgError);
        expect((e as CgError).message).toMatch(/^cannot (write|create) .*: no space left on device \(injected at .*\)$/);
        faults++;
      }
      delete process.env.CG_FAULT;
      const m = loadModel(dir);
      expect([2, 5], `fault at write ${n}`).toContain(m.meta.optimizer_steps);
      if (!completed) expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
      expect(n).toBeLessThan(100);
    }
    // Every operation of the write was hit once: mkdir, 3 × (open, write, fsync), fsyncs, renames.
    expect(faults).toBeGreaterThanOrEqual(14);
  });

  it('a damaged newest generation falls back to the previous one, saying why', async () => {
    const dir = tmp();
    save(dir, await trained(2));
    save(dir, await trained(4));
    const w = join(current(dir), 'model.safetensors');
    const bytes = readFileSync(w);
    bytes[bytes.length - 1] ^= 0x40;
    writeFileSync(w, bytes);
    const m = loadModel(dir);
    expect(m.meta.optimizer_steps).toBe(2);
    expect(fallbackWarning(m)).toMatch(/gen-000002\/model\.safetensors: checksum mismatch with model\.json .*; using the previous checkpoint .*gen-000001 \(step 2\)$/);
    // A pointer that names nothing: the newest generation that loads.
    writeFileSync(join(dir, 'LATEST'), 'garbage');
    expect(loadModel(dir).meta.optimizer_steps).toBe(2);
    expect(fallbackWarning(loadModel(dir))).toMatch(/LATEST does not name a generation/);
  });
});

/** Rewrite a generation's files as a consistent writer would (checksums recomputed), after `edit`. */
function rechecksum(gen: string): void {
  const metaPath = join(gen, 'model.json');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  if (meta && typeof meta === 'object' && meta.files && typeof meta.files === 'object') {
    for (const k of ['weights', 'state'] as const) {
      try {
        meta.files[`${k}_sha256`] = createHash('sha256').update(readFileSync(join(gen, meta.files[k]))).digest('hex');
      } catch {
        // a file the corruption removed
      }
    }
  }
  if (meta && typeof meta === 'object') meta.sha256 = metaChecksum(meta);
  writeFileSync(metaPath, JSON.stringify(meta));
}

/** A safetensors file with its header replaced by `edit(header)`. */
function editHeader(path: string, edit: (h: any) => unknown): void {
  const bytes = readFileSync(path);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const text = Buffer.from(JSON.stringify(edit(header)));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  writeFileSync(path, Buffer.concat([len, text, bytes.subarray(8 + n)]));
}

const editMeta = (gen: string, edit: (m: any) => unknown) => {
  const p = join(gen, 'model.json');
  writeFileSync(p, JSON.stringify(edit(JSON.parse(readFileSync(p, 'utf8')))));
};

describe('corrupt checkpoints: exit 2, one line naming the file and what is wrong', () => {
  const W = 'model.safetensors';
  const S = 'state.safetensors';
  // Each kind: how to damage a generation; whether checksums are then made consistent
  // (as a tool that rewrote the files would) so that the field check itself is reached.
  const kinds: [string, (gen: string) => void, boolean, RegExp][] = [
    ['null header', (g) => editHeader(join(g, W), () => null), true, /model\.safetensors is not a valid safetensors file: the header is not a JSON object/],
    ['null __metadata__', (g) => editHeader(join(g, W), (h) => ({ ...h, __metadata__: null })), true, /model\.safetensors .*__metadata__ is not a map of strings/],
    ['null tensor entry', (g) => editHeader(join(g, W), (h) => ({ ...h, W1: null })), true, /model\.safetensors .*tensor W1 is not described by a JSON object/],
    ['transposed shape, same size', (g) => editHeader(join(g, W), (h) => ({ ...h, W1: { ...h.W1, shape: [...h.W1.shape].reverse() } })), true, /model\.safetensors: tensor W1 has shape \[8,2\], but the model needs \[2,8\]/],
    ['dtype F64 in a float32 model', (g) => editHeader(join(g, W), (h) => ({ ...h, b2: { ...h.b2, dtype: 'F64', data_offsets: [h.b2.data_offsets[0], h.b2.data_offsets[0] + 8] } })), true, /model\.safetensors.*tensor b2/],
    ['dtype F16', (g) => editHeader(join(g, W), (h) => ({ ...h, b2: { ...h.b2, dtype: 'F16' } })), true, /model\.safetensors .*tensor b2 has dtype F16/],
    ['flipped data byte', (g) => { const b = readFileSync(join(g, W)); b[b.length - 3] ^= 1; writeFileSync(join(g, W), b); }, false, /model\.safetensors: checksum mismatch with model\.json/],
    ['flipped data byte, file checksum redone', (g) => { const b = readFileSync(join(g, W)); b[b.length - 3] ^= 1; writeFileSync(join(g, W), b); }, true, /model\.safetensors .*tensor b2: checksum mismatch/],
    ['truncated weights', (g) => { const b = readFileSync(join(g, W)); writeFileSync(join(g, W), b.subarray(0, b.length - 10)); }, true, /model\.safetensors .*data offsets outside the file/],
    ['empty weights', (g) => writeFileSync(join(g, W), ''), true, /model\.safetensors .*shorter than its 8-byte header/],
    ['missing weights', (g) => rmSync(join(g, W)), false, /cannot read .*model\.safetensors: no such file or folder/],
    ['missing state', (g) => rmSync(join(g, S)), false, /cannot read .*state\.safetensors: no such file or folder/],
    ['weights of another step', (g) => editHeader(join(g, W), (h) => ({ ...h, __metadata__: { ...h.__metadata__, step: '1' } })), true, /model\.safetensors holds the weights of step 1, but model\.json is at step 3/],
    ['state missing a tensor', (g) => editHeader(join(g, S), (h) => { const { m: _, ...rest } = h; return rest; }), true, /state\.safetensors: tensor m is missing \(adam keeps m and v\)/],
    ['model.json not JSON', (g) => writeFileSync(join(g, 'model.json'), '{"format": "cg-mo'), false, /model\.json is not valid JSON/],
    ['model.json null', (g) => writeFileSync(join(g, 'model.json'), 'null'), false, /model\.json is not a cg model file/],
    ['model.json edited, checksum not', (g) => editMeta(g, (m) => ({ ...m, dtype: 'float64' })), false, /model\.json: checksum mismatch/],
    ['model.json without its checksum', (g) => editMeta(g, (m) => ({ ...m, sha256: undefined })), false, /model\.json: sha256: missing/],
    ['null model', (g) => editMeta(g, (m) => ({ ...m, model: null })), true, /model\.json: model: expected object, received null/],
    ['null layers', (g) => editMeta(g, (m) => ({ ...m, model: { ...m.model, layers: null } })), true, /model\.json: model\.layers: expected array/],
    ['null data', (g) => editMeta(g, (m) => ({ ...m, data: null })), true, /model\.json: data: expected object/],
    ['null normalization', (g) => editMeta(g, (m) => ({ ...m, data: { ...m.data, normalization: null } })), true, /model\.json: data\.normalization: expected object/],
    ['short normalization', (g) => editMeta(g, (m) => ({ ...m, data: { ...m.data, normalization: { mean: [0], std: [1] } } })), true, /model\.json: data\.normalization\.mean: 1 entries for 2 inputs/],
    ['null progress', (g) => editMeta(g, (m) => ({ ...m, progress: null })), true, /model\.json: progress: expected object/],
    ['null history', (g) => editMeta(g, (m) => ({ ...m, history: null })), true, /model\.json: history: expected array/],
    ['dtype float16', (g) => editMeta(g, (m) => ({ ...m, dtype: 'float16' })), true, /model\.json: dtype: .*float32.*float64/],
    ['dtype float64 against the tensors', (g) => editMeta(g, (m) => ({ ...m, dtype: 'float64', spec: { ...m.spec, dtype: 'float64' } })), true, /model\.safetensors: tensor \w+ is F32, but the model is float64/],
    ['layers not the spec', (g) => editMeta(g, (m) => ({ ...m, model: { ...m.model, layers: [{ units: 9, activation: 'tanh' }, { units: 1 }] } })), true, /model\.json: model\.layers: not the layers of the spec/],
    ['a weights file outside the folder', (g) => editMeta(g, (m) => ({ ...m, files: { ...m.files, weights: '../../etc/passwd' } })), true, /model\.json: files\.weights: must be a plain file name/],
    ['a spec that is not one', (g) => editMeta(g, (m) => ({ ...m, spec: { ...m.spec, loss: 'hinge' } })), true, /model\.json: spec: loss/],
    ['negative steps', (g) => editMeta(g, (m) => ({ ...m, optimizer_steps: -1 })), true, /model\.json: optimizer_steps/],
  ];

  it.each(kinds)('%s', async (_name, damage, consistent, message) => {
    const dir = tmp();
    save(dir, await trained(3), 1);
    const gen = current(dir);
    damage(gen);
    if (consistent) rechecksum(gen);
    const e = loadError(dir);
    expect(e, 'accepted silently').toBeDefined();
    expect(e!.message).toMatch(message);
  });
});
