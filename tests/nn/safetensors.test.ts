import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../../src/nn/safetensors.js';

describe('safetensors', () => {
  it('writes the documented layout: u64 LE header length, JSON header padded to 8, LE data', () => {
    const t = new Map<string, NamedTensor>([['W', { dtype: 'F32', shape: [2], data: Float32Array.of(1.5, -2) }]]);
    const bytes = Buffer.from(encodeSafetensors(t, { step: '3' }));
    const n = Number(bytes.readBigUInt64LE(0));
    expect((8 + n) % 8).toBe(0);
    const header = bytes.subarray(8, 8 + n).toString('utf8');
    expect(JSON.parse(header)).toEqual({ __metadata__: { step: '3' }, W: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect(header.trimEnd()).toBe(header.trimEnd().trim()); // padding is trailing spaces only
    expect(bytes.length).toBe(8 + n + 8);
    expect(bytes.readFloatLE(8 + n)).toBe(1.5);
    expect(bytes.readFloatLE(8 + n + 4)).toBe(-2);
  });

  it('round-trips F32 and F64 tensors, in order, with metadata', () => {
    const t = new Map<string, NamedTensor>([
      ['b', { dtype: 'F64', shape: [3], data: Float64Array.of(Math.PI, -0, 1e-300) }],
      ['a', { dtype: 'F32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }],
      ['empty', { dtype: 'F32', shape: [0], data: new Float32Array(0) }],
    ]);
    const back = decodeSafetensors(encodeSafetensors(t, { k: 'v' }));
    expect([...back.tensors.keys()]).toEqual(['b', 'a', 'empty']);
    expect(back.metadata).toEqual({ k: 'v' });
    expect(back.tensors.get('b')).toEqual(t.get('b'));
    expect(back.tensors.get('a')!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(back.tensors.get('a')!.data)).toEqual([1, 2, 3, 4]);
  });

  it('rejects damaged files with a reason', () => {
    const good = encodeSafetensors(new Map([['W', { dtype: 'F64', shape: [2], data: Float64Array.of(1, 2) }]]));
    expect(() => decodeSafetensors(good.subarray(0, 4), 'w')).toThrow('w is not a valid safetensors file: shorter than its 8-byte header length');
    expect(() => decodeSafetensors(good.subarray(0, good.length - 8), 'w')).toThrow('tensor W has data offsets outside the file');
    const bad = Buffer.from(good);
    bad.writeBigUInt64LE(10n ** 9n, 0);
    expect(() => decodeSafetensors(bad, 'w')).toThrow('runs past the end of the file');
    const i16 = Buffer.from(good);
    i16.write('"I16"', i16.indexOf('"F64"'));
    expect(() => decodeSafetensors(i16, 'w')).toThrow('tensor W has dtype I16');
  });
});
