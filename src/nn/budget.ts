/**
 * What a spec will cost in memory, estimated from its sizes before anything is allocated, so
 * that `units: 1e15` or `samples: 1e10` is a clear error naming the size and the limit rather
 * than an invalid array length or the process dying out of memory.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Generator } from './names.js';

/** Rows a builtin generator makes when `samples` is not given (as data.ts). */
export const DEFAULT_SAMPLES: Record<Generator, number> = { xor: 4, circles: 400, spiral: 600, sine: 400, sort: 2000, random: 1024 };

/** The input columns of a builtin data set. */
export function builtinInputs(name: Generator, d: { k?: number; features?: number }): number {
  return name === 'sort' ? (d.k ?? 4) : name === 'random' ? (d.features ?? 784) : name === 'sine' ? 1 : 2;
}

/** The largest typed array cg allocates in one piece (elements). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

export interface Budget {
  /** Bytes of typed arrays (data, parameters, optimizer state, activations). */
  bytes: number;
  /** Bytes of the JavaScript heap (per-row bookkeeping). */
  heap: number;
  /** The largest single array, in elements, and what it is. */
  largest: { elements: number; what: string };
}

export interface SpecSizes {
  rows?: number;
  inputs?: number;
  units: number[];
  batch: number;
  dtypeBytes: number;
}

export function estimate(s: SpecSizes): Budget {
  const d = s.inputs ?? 1;
  const c = s.units[s.units.length - 1];
  const rows = s.rows ?? 0;
  let params = 0;
  let largest = { elements: rows * (d + c), what: `the data (${rows} rows × ${d + c} columns)` };
  let fanIn = d;
  s.units.forEach((u, i) => {
    params += fanIn * u + u;
    if (fanIn * u > largest.elements) largest = { elements: fanIn * u, what: `layer ${i + 1}'s weights (${fanIn} × ${u})` };
    fanIn = u;
  });
  const b = Math.min(s.batch, Math.max(rows, 1));
  const acts = b * s.units.reduce((a, u) => a + u, 0);
  // Generated or read as float64, then a copy in the dtype; parameters, their gradient and
  // up to two optimizer moments; activations and their gradients for two batch sizes.
  const bytes = rows * (d + c) * (8 + s.dtypeBytes) + params * s.dtypeBytes * 5 + acts * s.dtypeBytes * 8;
  return { bytes, heap: rows * 200, largest };
}

/** The limits: half of this machine's memory, half of the JavaScript heap. */
export function limits(): { bytes: number; heap: number } {
  return { bytes: totalmem() / 2, heap: getHeapStatistics().heap_size_limit / 2 };
}

export function fmtBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n >= 100 || !Number.isFinite(n) ? n.toExponential(2).replace('e+', 'e') : n.toFixed(1)} ${units[i]}`;
}

/** Why a spec does not fit, or undefined when it does. */
export function overBudget(s: SpecSizes): string | undefined {
  const e = estimate(s);
  const lim = limits();
  if (e.largest.elements > MAX_ELEMENTS) return `${e.largest.what} would be ${e.largest.elements.toExponential(2)} values; the limit is ${MAX_ELEMENTS} values per array`;
  if (e.bytes > lim.bytes) return `training would need about ${fmtBytes(e.bytes)} of memory; the limit is ${fmtBytes(lim.bytes)} (half of this machine's memory)`;
  if (e.heap > lim.heap) return `${s.rows} rows would need about ${fmtBytes(e.heap)} of JavaScript heap; the limit is ${fmtBytes(lim.heap)} (half of Node's heap)`;
  return undefined;
}
