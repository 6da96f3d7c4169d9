/**
 * Float64Array buffers reused across a reverse sweep, and who may touch them.
 *
 * The pool holds buffers nobody references: a buffer goes in only from a sweep that made or
 * took it and can account for every reference to it, and comes out to one taker at a time.
 * A sweep's `SweepBuffers` counts the references it hands out (the adjoint slots, the parts
 * of a rule held before they are stored) per ArrayBuffer, so views and aliases of one buffer
 * count together. Everything else is outside its reach, and so never written or recycled:
 * forward values, seeds, constants, arrays an op's own eval made, and any buffer the sweep
 * handed out (`escape`: what `onEdge` reports, what the sweep returns).
 */

/** Free buffers by length. Bounded: past `capBytes` a given-back buffer is left to the GC. */
export class BufferPool {
  private readonly free = new Map<number, Float64Array[]>();
  private readonly inPool = new WeakSet<ArrayBufferLike>();
  private held = 0;
  /** Fresh buffers made by `take` (a pool miss) since the process started: bytes and count. */
  freshBytes = 0;
  freshCount = 0;

  /**
   * Buffers shorter than this are made fresh and left to the GC: for a few dozen numbers the
   * bookkeeping costs more than the allocation it saves.
   */
  minLength: number;

  constructor(
    readonly capBytes: number,
    minLength = 256,
  ) {
    this.minLength = minLength;
  }

  /** A buffer of n entries, contents unspecified: the taker writes every entry or zeroes it. */
  take(n: number): Float64Array {
    const list = this.free.get(n);
    const a = list?.pop();
    if (a) {
      this.inPool.delete(a.buffer);
      this.held -= a.byteLength;
      return a;
    }
    this.freshBytes += n * 8;
    this.freshCount++;
    return new Float64Array(n);
  }

  /** Give back a buffer nothing references any more (its own whole ArrayBuffer). */
  give(a: Float64Array): void {
    // A second give would hand one buffer to two takers: a broken ownership count, never a
    // case to tolerate quietly.
    if (this.inPool.has(a.buffer)) throw new Error('buffer given back to the pool twice');
    if (a.length === 0 || this.held + a.byteLength > this.capBytes) return;
    this.inPool.add(a.buffer);
    this.held += a.byteLength;
    let list = this.free.get(a.length);
    if (!list) this.free.set(a.length, (list = []));
    list.push(a);
  }

  /** Bytes waiting in the pool. */
  get bytes(): number {
    return this.held;
  }

  /** Forget every free buffer (tests; a caller done with big tensors). */
  clear(): void {
    this.free.clear();
    this.held = 0;
  }
}

/** The process's pool: a sweep's freed adjoints and temporaries serve the next op and the next sweep. */
export const pool = new BufferPool(64 * 1024 * 1024);

interface Entry {
  data: Float64Array;
  /** References the sweep has handed out and not taken back. */
  refs: number;
}

/** A Tensor-like value: only its data's ArrayBuffer matters here. */
type Held = { data: Float64Array } | number | undefined;

/** One sweep's owned buffers and their reference counts. */
export class SweepBuffers {
  private readonly owned = new Map<ArrayBufferLike, Entry>();
  /** Buffers taken since the last `endStep`: the step's temporaries unless something holds them. */
  private step: Entry[] = [];

  constructor(private readonly from: BufferPool = pool) {}

  /**
   * A buffer of n entries owned by this sweep, referenced by nothing yet; below the pool's
   * `minLength`, a fresh array the sweep does not own (never written in place nor recycled).
   */
  take(n: number): Float64Array {
    if (n < this.from.minLength) return new Float64Array(n);
    const data = this.from.take(n);
    const e = { data, refs: 0 };
    this.owned.set(data.buffer, e);
    this.step.push(e);
    return data;
  }

  /** The pool's: shorter buffers are not pooled. */
  get minLength(): number {
    return this.from.minLength;
  }

  private entry(v: Held): Entry | undefined {
    // Owning nothing (small tensors only), the sweep has nothing to look up.
    return typeof v === 'object' && this.owned.size > 0 ? this.owned.get(v.data.buffer) : undefined;
  }

  /** One more reference to v's buffer (an adjoint slot, a part waiting to be stored). */
  hold(v: Held): void {
    const e = this.entry(v);
    if (e) e.refs++;
  }

  /** One reference fewer, the buffer kept even when none is left (it is about to be stored or used). */
  unhold(v: Held): void {
    const e = this.entry(v);
    if (e) e.refs--;
  }

  /** One reference fewer; with none left the buffer goes back to the pool. */
  drop(v: Held): void {
    const e = this.entry(v);
    if (e && --e.refs === 0) this.recycle(e);
  }

  /** v's buffer leaves the sweep's hands (reported, returned): never written or recycled again. */
  escape(v: Held): void {
    if (typeof v === 'object' && this.owned.size > 0) this.owned.delete(v.data.buffer);
  }

  /** True when v is the only reference to a buffer this sweep owns: it may be written in place. */
  exclusive(v: Held): boolean {
    return this.entry(v)?.refs === 1;
  }

  /** True when v's buffer is owned and referenced by nothing the sweep handed out (a temporary). */
  unreferenced(v: Held): boolean {
    return this.entry(v)?.refs === 0;
  }

  /** Between two nodes: what this step took and nothing holds goes back to the pool. */
  endStep(): void {
    for (const e of this.step) if (e.refs === 0 && this.owned.get(e.data.buffer) === e) this.recycle(e);
    this.step = [];
  }

  private recycle(e: Entry): void {
    this.owned.delete(e.data.buffer);
    this.from.give(e.data);
  }
}
