import { describe, expect, it } from 'vitest';
import { release } from '../../src/util/buffers.js';

describe('release', () => {
  it('detaches the buffers, so every view of them reads as empty', () => {
    const a = new Int32Array([1, 2, 3, 4]);
    const view = new Float64Array(a.buffer, 8, 1);
    const b = new Float64Array(3).fill(7);
    release(a, b);
    expect(a.length).toBe(0);
    expect(a.buffer.byteLength).toBe(0);
    expect(view.length).toBe(0);
    expect(b.length).toBe(0);
    expect(a[0]).toBeUndefined();
  });

  it('takes a buffer once however many views name it, and leaves empty, detached and shared buffers alone', () => {
    const a = new Uint8Array(16);
    const sub = a.subarray(4, 8);
    release(a, sub);
    expect(a.length + sub.length).toBe(0);
    // Already detached, empty, shared: nothing to transfer, and no error.
    const shared = new Int32Array(new SharedArrayBuffer(8));
    shared[1] = 5;
    expect(() => release(a, new Uint8Array(0), shared)).not.toThrow();
    expect(shared[1]).toBe(5);
  });

  it('leaves arrays on other buffers as they were', () => {
    const keep = new Int32Array([9, 8]);
    release(new Int32Array(4));
    expect([...keep]).toEqual([9, 8]);
  });
});
