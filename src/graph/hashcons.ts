/**
 * The hash-consing tables of a graph: open addressing on typed arrays, keys stored in the
 * slots beside the ids. No key objects and no boxed numbers (a key like a*2^26+b leaves the
 * small-integer range and becomes a heap number per lookup), and a probe touches one cache
 * line, not a node object, so building a million-node graph stays linear and light on the
 * collector.
 */
import { release } from '../util/buffers.js';

/** A mix of three int32s (murmur-style multiply and xor-shift). */
function mix(op: number, a: number, b: number): number {
  let h = Math.imul(a ^ 0x2545f491, 0x9e3779b1) ^ Math.imul(b ^ 0x5851f42d, 0x85ebca77) ^ Math.imul(op, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** (op code, input a, input b) → node id; a and b are -1 where there is no such input. */
export class NodeKeys {
  /** Per slot: id + 1 (0: empty), op code, a, b. */
  private slots = new Int32Array(4 * 1024);
  private count = 0;

  /** The slot holding this key, or the empty slot where it belongs. */
  find(op: number, a: number, b: number): number {
    const s = this.slots;
    const mask = (s.length >> 2) - 1;
    let i = mix(op, a, b) & mask;
    while (s[4 * i] !== 0 && !(s[4 * i + 1] === op && s[4 * i + 2] === a && s[4 * i + 3] === b)) i = (i + 1) & mask;
    return i;
  }

  /** The id at a slot `find` gave, or -1 when it is empty. */
  idAt(slot: number): number {
    return this.slots[4 * slot] - 1;
  }

  /** Store a key `find` did not find, in the slot it gave. */
  insert(slot: number, op: number, a: number, b: number, id: number): void {
    const s = this.slots;
    s[4 * slot] = id + 1;
    s[4 * slot + 1] = op;
    s[4 * slot + 2] = a;
    s[4 * slot + 3] = b;
    if (++this.count * 4 > 3 * (s.length >> 2)) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const s = (this.slots = new Int32Array(old.length * 2));
    for (let k = 0; k < old.length; k += 4) {
      if (old[k] === 0) continue;
      const i = 4 * this.find(old[k + 1], old[k + 2], old[k + 3]);
      s[i] = old[k];
      s[i + 1] = old[k + 1];
      s[i + 2] = old[k + 2];
      s[i + 3] = old[k + 3];
    }
    release(old);
  }
}

/** Plain numbers (not -0) → constant node id; every NaN is the same key. */
export class NumberKeys {
  /** Per slot: the value, and id + 1 (0: empty). */
  private values = new Float64Array(1024);
  private ids = new Int32Array(1024);
  private count = 0;

  find(v: number): number {
    const { values, ids } = this;
    const mask = ids.length - 1;
    let h: number;
    if (v !== v) h = 0x7ff80000;
    else {
      F64[0] = v;
      h = mix(0, U32[0] | 0, U32[1] | 0);
    }
    let i = h & mask;
    for (; ids[i] !== 0; i = (i + 1) & mask) {
      const w = values[i];
      if (w === v || (w !== w && v !== v)) break;
    }
    return i;
  }

  idAt(slot: number): number {
    return this.ids[slot] - 1;
  }

  insert(slot: number, v: number, id: number): void {
    this.values[slot] = v;
    this.ids[slot] = id + 1;
    if (++this.count * 4 > 3 * this.ids.length) this.grow();
  }

  private grow(): void {
    const { values, ids } = this;
    this.values = new Float64Array(values.length * 2);
    this.ids = new Int32Array(ids.length * 2);
    for (let k = 0; k < ids.length; k++) {
      if (ids[k] === 0) continue;
      const i = this.find(values[k]);
      this.values[i] = values[k];
      this.ids[i] = ids[k];
    }
    release(values, ids);
  }
}
