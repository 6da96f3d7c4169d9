import { describe, expect, it } from 'vitest';
import { BufferPool, SweepBuffers } from '../../../src/graph/engines/buffers.js';
import { PooledBuilder } from '../../../src/graph/engines/pooled.js';
import { Tensor } from '../../../src/graph/tensor.js';

/*
 * Who owns which buffer in a sweep that reuses them: the pool hands each free buffer to one
 * taker, the sweep recycles only what it took and holds no reference to, and what it
 * handed out (escape) is never touched again.
 */

const t = (data: Float64Array, shape = [data.length]) => new Tensor(shape, data);

describe('BufferPool', () => {
  it('hands a given-back buffer to the next taker of that length, once', () => {
    const p = new BufferPool(1 << 20, 1);
    const a = p.take(4);
    expect(p.freshCount).toBe(1);
    p.give(a);
    expect(p.bytes).toBe(32);
    expect(p.take(3)).not.toBe(a);
    expect(p.take(4)).toBe(a);
    expect(p.take(4)).not.toBe(a);
    expect(p.freshCount).toBe(3);
  });

  it('refuses a buffer given back twice (two takers would share it)', () => {
    const p = new BufferPool(1 << 20, 1);
    const a = p.take(4);
    p.give(a);
    expect(() => p.give(a)).toThrow(/twice/);
  });

  it('keeps no more than its cap', () => {
    const p = new BufferPool(100, 1);
    p.give(new Float64Array(10));
    p.give(new Float64Array(10));
    expect(p.bytes).toBe(80);
    p.clear();
    expect(p.bytes).toBe(0);
  });
});

describe('SweepBuffers', () => {
  it('recycles a buffer when its last reference is dropped, not before', () => {
    const p = new BufferPool(1 << 20, 1);
    const s = new SweepBuffers(p);
    const a = t(s.take(4));
    s.hold(a);
    s.hold(a);
    expect(s.exclusive(a)).toBe(false);
    s.drop(a);
    expect(s.exclusive(a)).toBe(true);
    expect(p.bytes).toBe(0);
    s.drop(a);
    expect(p.bytes).toBe(32);
    // Gone from the sweep: no longer its to write.
    expect(s.exclusive(a)).toBe(false);
    expect(s.unreferenced(a)).toBe(false);
  });

  it('a view of an owned buffer counts as a reference to it', () => {
    const p = new BufferPool(1 << 20, 1);
    const s = new SweepBuffers(p);
    const data = s.take(6);
    const whole = t(data, [2, 3]);
    const row = t(data.subarray(3), [3]);
    s.hold(whole);
    s.hold(row);
    s.drop(whole);
    expect(p.bytes).toBe(0);
    s.drop(row);
    expect(p.bytes).toBe(48);
  });

  it('endStep recycles what the step took and nothing holds; escaped buffers stay out', () => {
    const p = new BufferPool(1 << 20, 1);
    const s = new SweepBuffers(p);
    const kept = t(s.take(2));
    const temp = t(s.take(3));
    const shown = t(s.take(5));
    s.hold(kept);
    s.escape(shown);
    s.endStep();
    expect(p.bytes).toBe(24);
    expect(p.take(3)).toBe(temp.data);
    // Escaped: dropping or holding it does nothing, it is never recycled.
    s.drop(shown);
    s.endStep();
    expect(p.bytes).toBe(0);
    expect(s.exclusive(kept)).toBe(true);
  });

  it('below the pool\'s minLength a buffer is fresh and not the sweep\'s', () => {
    const p = new BufferPool(1 << 20, 8);
    const s = new SweepBuffers(p);
    const small = t(s.take(4));
    const big = t(s.take(8));
    expect(s.unreferenced(small)).toBe(false);
    expect(s.unreferenced(big)).toBe(true);
    s.endStep();
    expect(p.bytes).toBe(64);
  });

  it('values the sweep did not take are never its own', () => {
    const s = new SweepBuffers(new BufferPool(1 << 20, 1));
    const value = t(new Float64Array(3));
    s.hold(value);
    expect(s.exclusive(value)).toBe(false);
    expect(s.unreferenced(value)).toBe(false);
    s.hold(2);
    s.drop(undefined);
  });
});

describe('PooledBuilder.accumulate', () => {
  it('writes in place only into a buffer it holds the one reference to', () => {
    const b = new PooledBuilder(new BufferPool(1 << 20, 1));
    const prev = b.apply('mul', [t(Float64Array.of(1, 2)), 3]) as Tensor;
    const c = b.apply('mul', [t(Float64Array.of(10, 20)), 1]) as Tensor;
    b.buffers.hold(prev);
    b.buffers.hold(prev);
    b.buffers.hold(c);
    // prev twice referenced, c once: a new buffer, both operands intact.
    const sum = b.accumulate(prev, c) as Tensor;
    expect([sum !== prev, sum !== c]).toEqual([true, true]);
    expect(Array.from(sum.data)).toEqual([13, 26]);
    expect(Array.from(prev.data)).toEqual([3, 6]);
    expect(Array.from(c.data)).toEqual([10, 20]);
    // Once prev is the only holder's, it takes the sum itself.
    b.buffers.drop(prev);
    expect(b.accumulate(prev, c)).toBe(prev);
    expect(Array.from(prev.data)).toEqual([13, 26]);
  });

  it('follows num.add on zeros and numbers', () => {
    const b = new PooledBuilder(new BufferPool(1 << 20, 1));
    const c = t(Float64Array.of(-0, 1));
    expect(b.accumulate(0, c)).toBe(c);
    expect(b.accumulate(c, 0)).toBe(c);
    expect(b.accumulate(2, 3)).toBe(5);
    expect(Object.is(b.accumulate(-0, -0), -0)).toBe(true);
  });
});
