/**
 * Hand a typed array's memory back without waiting for a full collection. A large array
 * that lived a while sits in V8's old generation, and its memory returns only at the next
 * mark-compact, which may come after a command's peak or never: a million-node build leaves
 * some 60 MB of such arrays (the parse tape, the tables it outgrew). Transferring the
 * buffer detaches it (every view of it reads as empty from then on) and moves its memory to
 * a fresh, unreferenced ArrayBuffer, which the next minor collection frees. No copy is made.
 *
 * Only for arrays their owner is done with and has shared with no one.
 */
export function release(...arrays: ArrayBufferView[]): void {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const b = a.buffer;
    // A SharedArrayBuffer cannot be transferred; an empty buffer is detached already (or nothing to free).
    if (b instanceof ArrayBuffer && b.byteLength > 0) buffers.add(b);
  }
  if (buffers.size) structuredClone(null, { transfer: [...buffers] });
}
