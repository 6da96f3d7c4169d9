/**
 * The safetensors format, written and read by cg itself: an 8-byte little-endian header
 * length N, N bytes of JSON ({name: {dtype, shape, data_offsets: [begin, end]}, plus an
 * optional "__metadata__" of string → string}), then the tensors' bytes, little-endian,
 * back to back. The header is padded with spaces to a multiple of 8 so the data is aligned.
 * https://github.com/huggingface/safetensors
 */
import { createHash } from 'node:crypto';
import { CgError } from '../errors.js';

export type TensorDtype = 'F32' | 'F64';

export interface NamedTensor {
  dtype: TensorDtype;
  shape: number[];
  data: Float32Array | Float64Array;
}

const BYTES: Record<TensorDtype, number> = { F32: 4, F64: 8 };

export function dtypeOf(data: Float32Array | Float64Array): TensorDtype {
  return data instanceof Float32Array ? 'F32' : 'F64';
}

/** The metadata key that holds a tensor's checksum (sha256 of its little-endian bytes, hex). */
export const checksumKey = (name: string) => `sha256:${name}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes of a tensor as the file holds them (little-endian). */
function leBytes(t: NamedTensor): Uint8Array {
  const src = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (littleEndian) return src;
  const out = new Uint8Array(src.length);
  const v = new DataView(out.buffer);
  for (let i = 0; i < t.data.length; i++) setFloat(v, i * BYTES[t.dtype], t.data[i], t.dtype);
  return out;
}

/**
 * Tensors in the order given (that order is the file's). With `checksums`, the metadata
 * carries each tensor's sha256 (`sha256:NAME`), verified by `decodeSafetensors`.
 */
export function encodeSafetensors(tensors: ReadonlyMap<string, NamedTensor>, metadata: Record<string, string> = {}, checksums = false): Uint8Array {
  const header: Record<string, unknown> = Object.create(null);
  const meta: Record<string, string> = { ...metadata };
  if (checksums) for (const [name, t] of tensors) meta[checksumKey(name)] = sha256(leBytes(t));
  if (Object.keys(meta).length) header.__metadata__ = meta;
  let offset = 0;
  for (const [name, t] of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${name}: shape [${t.shape}] does not hold ${t.data.length} values`);
    if (dtypeOf(t.data) !== t.dtype) throw new Error(`tensor ${name}: data is not ${t.dtype}`);
    const bytes = count * BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const head = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let pos = 8 + head.length;
  for (const t of tensors.values()) {
    // Little-endian as the format says (leBytes converts on big-endian hosts).
    const src = leBytes(t);
    out.set(src, pos);
    pos += src.length;
  }
  return out;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function setFloat(v: DataView, at: number, x: number, dtype: TensorDtype): void {
  if (dtype === 'F32') v.setFloat32(at, x, true);
  else v.setFloat64(at, x, true);
}

export interface Safetensors {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parse a safetensors file; F32 and F64 tensors only (what cg writes). `name` is for
 * messages. Checksums in the metadata are verified; `requireChecksums` demands one per tensor.
 */
export function decodeSafetensors(bytes: Uint8Array, name = 'weights', requireChecksums = false): Safetensors {
  const bad = (why: string) => new CgError('value', `${name} is not a valid safetensors file: ${why}`);
  if (bytes.length < 8) throw bad('shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) throw bad(`header length ${n} runs past the end of the file`);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, n).toString('utf8'));
  } catch {
    throw bad('the header is not JSON');
  }
  if (!isObject(header)) throw bad('the header is not a JSON object');
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  const tensors = new Map<string, NamedTensor>();
  const metadata: Record<string, string> = Object.create(null);
  const meta = header.__metadata__;
  if (meta !== undefined) {
    if (!isObject(meta) || !Object.values(meta).every((v) => typeof v === 'string')) throw bad('__metadata__ is not a map of strings');
    Object.assign(metadata, meta);
  }
  for (const [key, entry] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    if (!isObject(entry)) throw bad(`tensor ${key} is not described by a JSON object`);
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== 'F32' && e.dtype !== 'F64') throw bad(`tensor ${key} has dtype ${String(e.dtype)} (cg reads F32 and F64)`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) throw bad(`tensor ${key} has no valid shape`);
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isInteger(o) && o >= 0) || offs[0] > offs[1] || offs[1] > dataLen) {
      throw bad(`tensor ${key} has data offsets outside the file`);
    }
    const count = (e.shape as number[]).reduce((a, b) => a * b, 1);
    const size = BYTES[e.dtype];
    if (offs[1] - offs[0] !== count * size) throw bad(`tensor ${key}: ${offs[1] - offs[0]} bytes for shape [${e.shape}]`);
    // Copy out (the file's bytes need not be aligned for a typed-array view; and a Buffer's
    // slice is a view, so copy explicitly).
    const raw = new Uint8Array(offs[1] - offs[0]);
    raw.set(bytes.subarray(dataStart + offs[0], dataStart + offs[1]));
    const sum = metadata[checksumKey(key)];
    if (sum === undefined && requireChecksums) throw bad(`tensor ${key} has no checksum`);
    if (sum !== undefined && sum !== sha256(raw)) throw bad(`tensor ${key}: checksum mismatch (its data was changed or damaged)`);
    let data: Float32Array | Float64Array;
    if (littleEndian) data = e.dtype === 'F32' ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
    else {
      const dv = new DataView(raw.buffer);
      data = e.dtype === 'F32' ? Float32Array.from({ length: count }, (_, i) => dv.getFloat32(i * 4, true)) : Float64Array.from({ length: count }, (_, i) => dv.getFloat64(i * 8, true));
    }
    tensors.set(key, { dtype: e.dtype, shape: e.shape as number[], data });
  }
  return { tensors, metadata };
}
