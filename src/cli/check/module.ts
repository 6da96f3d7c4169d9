import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProviderError, type FunctionInput, type FunctionProvider } from '../../check/function.js';
import { flatten, nest } from './exec.js';

/**
 * A `module: FILE#NAME` case's function: the export NAME of a JavaScript module, loaded in
 * process (no protocol), called with an object of inputs (numbers and nested arrays) and
 * returning `{ value, gradient }` (or a promise of it), the gradient shaped like the inputs.
 */
export async function loadModule(
  file: string, name: string, cwd: string, at: { name: string; value: unknown; shape: number[] }[],
): Promise<FunctionProvider> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new ProviderError(`cannot load ${file}: no such file (looked in ${cwd})`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    const ts = /\.[cm]?ts$/.test(file) ? ' (a TypeScript file needs a Node that strips types, 22.6 or later, or compile it to .js)' : '';
    throw new ProviderError(`cannot load ${file}: ${(e as Error).message.split('\n')[0]}${ts}`);
  }
  const fn = mod[name];
  if (typeof fn !== 'function') {
    const fns = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new ProviderError(`${file} has no exported function ${name}${fns.length ? ` (its functions: ${fns.join(', ')})` : ''}`);
  }
  const inputs: FunctionInput[] = at.map(({ name: n, shape }) => ({ name: n, shape }));
  const x0 = Float64Array.from(at.flatMap((a) => flatten(a.value, a.shape, a.name)));
  const named = (flat: ArrayLike<number>) => {
    const out: Record<string, unknown> = {};
    let off = 0;
    for (const { name: n, shape } of inputs) {
      out[n] = nest(flat, shape, off);
      off += shape.reduce((a, b) => a * b, 1);
    }
    return out;
  };
  const call = async (flat: ArrayLike<number>, what: string) => {
    let r: unknown;
    try {
      r = await (fn as (x: unknown) => unknown)(named(flat));
    } catch (e) {
      throw new ProviderError(`${name} threw at ${what}: ${(e as Error)?.message ?? String(e)}`);
    }
    if (typeof r !== 'object' || r === null || typeof (r as { value?: unknown }).value !== 'number') {
      throw new ProviderError(`${name} must return { value, gradient } with a number as value; it returned ${JSON.stringify(r)?.slice(0, 80)}`);
    }
    return r as { value: number; gradient?: unknown };
  };
  return {
    signature: { inputs, output: [], dtype: 'float64' },
    at: x0,
    async values(lines) {
      const out: Float64Array[][] = [];
      for (const l of lines) {
        const row: Float64Array[] = [];
        for (const t of l.t) {
          const v = (await call(x0.map((x, i) => x + t * l.direction[i]), 'a point near the check\'s')).value;
          if (Number.isNaN(v)) throw new ProviderError(`${name} returned NaN near the point (t = ${t})`);
          row.push(Float64Array.of(v));
        }
        out.push(row);
      }
      return out;
    },
    async gradient() {
      const r = await call(x0, 'the point');
      const g = r.gradient;
      if (typeof g !== 'object' || g === null || Array.isArray(g)) throw new ProviderError(`${name} must return a gradient: an object of input name → value`);
      const flat: number[] = [];
      for (const { name: n, shape } of inputs) {
        let v = (g as Record<string, unknown>)[n];
        if (v === undefined) throw new ProviderError(`the gradient ${name} returns lacks ${n}`);
        if (ArrayBuffer.isView(v)) v = Array.from(v as unknown as ArrayLike<number>);
        flatten(v, shape, `the gradient of ${n}`, flat);
      }
      return { value: r.value, gradient: Float64Array.from(flat) };
    },
  };
}
