// The benchmark programs, shared by bench/grad.mjs and bench/build.mjs and written to files
// for whole-process runs: `node bench/program.mjs 170000 > prog.txt` (806k nodes) plus its
// --at-file from `node bench/program.mjs --at`.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../dist/lib.mjs';

export const NVARS = 100;

/** A sum of terms like 0.37*sin(x12*x7)*exp(x3), with fixed-seed random indices and coefficients. */
export function program(terms, seed = 1) {
  const rand = mulberry32(seed);
  const v = () => `x${Math.floor(rand() * NVARS)}`;
  const fns = ['sin', 'cos', 'tanh', 'exp', 'sigmoid'];
  const parts = [];
  for (let i = 0; i < terms; i++) {
    const f = fns[Math.floor(rand() * fns.length)];
    parts.push(`${(rand() * 2 - 1).toFixed(6)}*${f}(${v()}*${v()})*exp(0.1*${v()})`);
  }
  return parts.join(' + ');
}

/** The variables' values: x_i = sin(i + 1). */
export function values() {
  return new Map(Array.from({ length: NVARS }, (_, i) => [`x${i}`, Math.sin(i + 1)]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  if (arg === '--at') process.stdout.write(`${JSON.stringify(Object.fromEntries(values()))}\n`);
  else process.stdout.write(`${program(Number(arg ?? 170000))}\n`);
}
