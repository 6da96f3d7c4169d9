import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { CgError } from '../../errors.js';
import { checkFunction, ProviderError, type FunctionCheck, type FunctionComponent, type FunctionProvider } from '../../check/function.js';
import { shapeOf, type Value } from '../../graph/tensor.js';
import { fmtErr, fmtNum } from '../output.js';
import { RULES, type CaseResult, type Failure, type Note } from './result.js';
import type { CaseInput } from './schema.js';
import { DEFAULT_RTOL, DEFAULT_ATOL } from '../../check/judge.js';
import { readAtFile } from '../inputs.js';
import { parseAt } from '../../parse/index.js';
import type { CheckCase, FunctionCase } from './spec.js';

/**
 * Cases that check the user's own code: `exec:` (a program speaking cg's protocol, exec.ts)
 * and `module:` (a JavaScript module's export, module.ts). The checking itself is
 * src/check/function.ts; this file turns a case into a provider and the check into a CaseResult.
 */

export type { FunctionCase };

/** Default seconds an exec program's answer may take. */
export const DEFAULT_TIMEOUT = 60;

/** The function part of a case from a file (undefined for an expression case); cwd is the file's folder. */
export function functionCase(c: CaseInput, file: string): FunctionCase | undefined {
  const cwd = resolve(dirname(file));
  if (c.exec !== undefined) return execCase(c.exec, cwd, `case "${c.name}": exec`, c.timeout);
  if (c.module !== undefined) return moduleCase(c.module, cwd);
  return undefined;
}

export function execCase(exec: string | string[], cwd: string, what: string, timeout?: number): FunctionCase {
  let argv: string[];
  if (Array.isArray(exec)) argv = exec;
  else {
    try {
      argv = splitWords(exec);
    } catch (e) {
      throw new CgError('value', `${what}: ${(e as Error).message}`);
    }
  }
  if (!argv.length || !argv[0]) throw new CgError('value', `${what}: no program named`);
  return { kind: 'exec', argv, cwd, source: `exec: ${argv.map(quote).join(' ')}`, timeout };
}

export function moduleCase(spec: string, cwd: string): FunctionCase {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0 || hash === spec.length - 1) throw new CgError('value', `module ${spec}: write FILE#NAME (the module and its export)`);
  return { kind: 'module', file: spec.slice(0, hash), name: spec.slice(hash + 1), cwd, source: `module: ${spec}` };
}

const quote = (w: string) => (/^[\w./=:@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

/** A command line split as a POSIX shell splits words (quotes, backslashes), expanding nothing: no shell ever runs it. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${JSON.stringify(text)}`);
      word += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      inWord = true;
      for (i++; ; i++) {
        if (i >= text.length) throw new Error(`unterminated " in ${JSON.stringify(text)}`);
        if (text[i] === '"') break;
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) i++;
        word += text[i];
      }
    } else if (ch === '\\') {
      if (i + 1 < text.length) word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}

export interface PreparedFunction {
  c: CheckCase;
  fn: FunctionCase;
}

/** What a function case may not have, and what it must: a value for every input. */
export function prepareFunction(c: CheckCase): PreparedFunction {
  const where = c.where ? `${c.where.file}:${c.where.line}:${c.where.column}: case "${c.name}": ` : '';
  if (c.expect || c.points || c.wrt) {
    throw new CgError('usage', `${where}${c.expect ? 'expect' : c.points ? 'points' : 'wrt'} is for expression cases; an ${c.fn!.kind} case is checked against differences of its own values at \`at\``);
  }
  if (!c.at.size) throw new CgError('unbound', `${where}an ${c.fn!.kind} case needs its point: give every input a value in at`);
  return { c, fn: c.fn! };
}

/** The case's point, input by input, as nested lists. */
const pointOf = (at: Map<string, Value>) => [...at].map(([name, v]) => ({ name, value: typeof v === 'number' ? v : v.toNested(), shape: [...shapeOf(v)] }));

export interface RunFunctionOptions {
  strict?: boolean;
  /** Seconds, from --timeout (a case's own timeout wins). */
  timeout?: number;
  unbatched?: boolean;
}

/** Run one function case to its result; a program that misbehaves makes the case an error, never a pass. */
export async function runFunctionCase(p: PreparedFunction, opts: RunFunctionOptions = {}): Promise<CaseResult> {
  const t0 = performance.now();
  const { c, fn } = p;
  const failures: Failure[] = [];
  const notes: Note[] = [];
  const w = { file: c.where?.file ?? null, line: c.where?.line ?? null, column: c.where?.column ?? null };
  const result: CaseResult = {
    name: c.name, ...w, expression: fn.source, status: 'passed', ok: true, checks: 0, inconclusive: 0, duration_ms: 0,
    rtol: c.rtol, atol: c.atol, value: null, gradient: null, points: null, failures, notes, sweep: null,
  };
  let provider: (FunctionProvider & { close?: () => Promise<void>; stderrTail?: () => string; startupMs?: number }) | undefined;
  try {
    const at = pointOf(c.at);
    if (fn.kind === 'exec') {
      const { startExec } = await import('./exec.js');
      const seconds = fn.timeout ?? opts.timeout ?? DEFAULT_TIMEOUT;
      // CG_EXEC_UNBATCHED=1: one point per request, only to measure what batching saves (bench/check-exec.mjs).
      provider = await startExec({ argv: fn.argv, cwd: fn.cwd, at, timeoutMs: seconds * 1000, unbatched: opts.unbatched ?? process.env.CG_EXEC_UNBATCHED === '1' });
    } else {
      const { loadModule } = await import('./module.js');
      provider = await loadModule(fn.file, fn.name, fn.cwd, at);
    }
    const r = await checkFunction(provider, { rtol: c.rtol, atol: c.atol });
    report(r, result, provider, opts.strict ?? false);
  } catch (e) {
    const err = e as Error;
    const tail = provider?.stderrTail?.();
    const message = e instanceof ProviderError
      ? `${fn.kind === 'exec' ? fn.argv.join(' ') : fn.file}: ${err.message}${tail && !err.message.includes('stderr ends') ? `; its stderr ends:\n${tail}` : ''}`
      : e instanceof CgError ? err.message : `internal error: ${err?.message ?? String(e)}`;
    failures.push({
      kind: 'error', component: '', point: null, at: null, analytic: null, numeric: null, expected: null,
      abs_err: null, rel_err: null, tol: null, rule: null, decided_by: null, message, ...w,
    });
    result.status = 'error';
  } finally {
    const t = performance.now();
    await provider?.close?.();
    if (result.function) result.function.shutdown_ms = provider?.close ? performance.now() - t : null;
  }
  result.ok = failures.length === 0;
  if (result.status !== 'error' && !result.ok) result.status = 'failed';
  result.duration_ms = performance.now() - t0;
  return result;
}

/** A FunctionCheck into the case's failures, notes and numbers. */
function report(r: FunctionCheck, result: CaseResult, p: FunctionProvider, strict: boolean): void {
  const inputs = p.signature.inputs;
  result.rtol = r.rtol;
  result.atol = r.atol;
  result.value = typeof r.value === 'number' ? r.value : Array.from(r.value);
  if (r.gradient.length <= 1000) {
    const g: Record<string, unknown> = {};
    let off = 0;
    for (const { name, shape } of inputs) {
      const n = shape.reduce((a, b) => a * b, 1);
      g[name] = shape.length ? Array.from(r.gradient.subarray(off, off + n)) : r.gradient[off];
      off += n;
    }
    result.gradient = g;
  }
  result.function = {
    dtype: r.dtype, method: r.method, noise: r.noise, evaluations: r.evaluations, requests: r.requests, miss: r.miss,
    startup_ms: (p as { startupMs?: number }).startupMs ?? null,
    shutdown_ms: null,
    cotangent: r.cotangent ? 'u of ±1, seeded' : null,
    wrong_entries: r.entries.map((e) => ({ component: e.label, analytic: e.analytic, numeric: e.numeric, abs_err: e.absErr })),
  };
  const all = [...r.components, ...r.entries];
  result.checks = all.length;
  const fdFailure = (k: FunctionComponent, undecided: boolean) => {
    const scale = Math.max(Math.abs(k.analytic), Math.abs(k.numeric));
    const estimate = Math.max(0, k.tol - r.atol - r.rtol * scale);
    const terms = { atol: r.atol, rtol: r.rtol * scale, estimate } as const;
    const decided = (Object.keys(terms) as (keyof typeof terms)[]).reduce((a, b) => (terms[b] > terms[a] ? b : a));
    const what = k.kind === 'direction' ? ' (a random ±1 direction: gᵀv)' : k.kind === 'jvp' ? ' (uᵀ(Jv) from the jvp answer)' : k.kind === 'entry' ? ' (found by bisection)' : '';
    result.failures.push({
      kind: 'finite-difference', component: k.label, point: null, at: null, analytic: k.analytic, numeric: k.numeric, expected: null,
      abs_err: k.absErr, rel_err: k.relErr, tol: k.tol, error_estimate: k.estimate,
      rule: `${RULES.finite_differences.split(';')[0]}: ${fmtErr(k.absErr)} ${k.absErr <= k.tol ? '≤' : '>'} ${fmtNum(r.atol)} + ${fmtNum(r.rtol)}·${fmtNum(scale, 6)} + ${fmtErr(estimate)} = ${fmtErr(k.tol)}`,
      decided_by: decided,
      message: undecided
        ? `${k.label}${what}: inconclusive (--strict): ${k.note ?? 'the error estimate is too large to decide'}; analytic ${fmtNum(k.analytic)}, numeric ${fmtNum(k.numeric)} ± ${fmtErr(k.estimate)}`
        : `${k.label}${what}: analytic ${fmtNum(k.analytic)}, numeric ${fmtNum(k.numeric)} ± ${fmtErr(k.estimate)}; abs err ${fmtErr(k.absErr)}, rel err ${fmtErr(k.relErr)} > tol ${fmtErr(k.tol)}`,
      file: result.file, line: result.line, column: result.column,
    });
  };
  for (const k of all) {
    if (k.verdict === 'fail') fdFailure(k, false);
    else if (k.verdict === 'inconclusive') {
      result.inconclusive++;
      if (strict) fdFailure(k, true);
      else result.notes.push({ kind: 'inconclusive', component: k.label, point: null, message: `${k.label}: inconclusive: ${k.note ?? 'the error estimate is too large to decide'}` });
    }
  }
  if (r.entries.length) {
    result.notes.push({ kind: 'directions', component: null, point: null, message: `bisection of the failed directions names ${r.entries.length} wrong ${r.entries.length === 1 ? 'entry' : 'entries'}: ${r.entries.map((e) => e.label).join(', ')}` });
  } else if (r.components.some((k) => k.kind === 'direction' && k.verdict === 'fail')) {
    result.notes.push({ kind: 'directions', component: null, point: null, message: 'bisection found no single wrong entry: the error is spread over several entries that do not fail alone' });
  }
  if (r.miss) result.notes.push({ kind: 'directions', component: null, point: null, message: r.miss });
  if (r.dtype === 'float32') {
    result.notes.push({
      kind: 'precision', component: null, point: null,
      message: `float32 function (its hello line): tolerances from its measured noise σ = ${fmtErr(r.noise)}: rtol ${fmtErr(r.rtol)}, atol ${fmtErr(r.atol)}`,
    });
  }
}

/** `cg check --exec CMD` / `--module FILE#NAME` with `--at` / `--at-file`: one case, run in the working folder. */
export function inlineFunctionCase(
  parts: string[], opts: { exec?: string; module?: string; at?: string[]; atFile?: string },
  tol: { rtol?: number; atol?: number },
): CheckCase {
  if (parts.length) throw new CgError('usage', `--${opts.exec !== undefined ? 'exec' : 'module'} checks a program or module: give no expression or case file (${parts.join(' ')})`);
  if (opts.exec !== undefined && opts.module !== undefined) throw new CgError('usage', 'give --exec or --module, not both');
  const fn = opts.exec !== undefined ? execCase(opts.exec, process.cwd(), '--exec') : moduleCase(opts.module!, process.cwd());
  const at = opts.atFile ? readAtFile(opts.atFile) : new Map<string, Value>();
  for (const [name, v] of parseAt(opts.at ?? [])) at.set(name, v);
  return { name: fn.source, source: fn.source, at, rtol: tol.rtol ?? DEFAULT_RTOL, atol: tol.atol ?? DEFAULT_ATOL, finiteDifferences: true, sweep: false, fn };
}

/** Without --allow-exec: exit 2 naming every exec case, before anything runs. */
export function refuseExec(cases: { c: CheckCase }[]): void {
  const exec = cases.filter((p) => p.c.fn?.kind === 'exec');
  if (!exec.length) return;
  const named = exec.map((p) => (p.c.where ? `${p.c.where.file}:${p.c.where.line}: case "${p.c.name}" (${p.c.fn!.source})` : p.c.fn!.source));
  throw new CgError('usage', `${named.length === 1 ? named[0] : `${named.length} exec cases: ${named.join('; ')}`} would run a program; cg check runs programs only with --allow-exec`, {
    hint: 'a case file with exec: is code: pass --allow-exec where you trust it (nothing was run)',
  });
}
