import { performance } from 'node:perf_hooks';
import { CgError, formatError } from '../errors.js';
import { suggest } from '../util/suggest.js';
import { checkOutputPath } from '../util/files.js';
import { readExpression, numberOption } from './inputs.js';
import { inlineCase } from './check/inline.js';
import { makeReport, summaryLine } from './check/report.js';
import { problemCases, writeReport } from './check/problems.js';
import type { CaseResult, Report } from './check/result.js';
import { REPORTERS, render, type ReporterName } from './check/reporters/index.js';
import { prepare, type Prepared } from './check/prepare.js';
import { inlineFunctionCase, prepareFunction, refuseExec, runFunctionCase, type PreparedFunction } from './check/function-case.js';
import { runCase } from './check/run.js';
import { caseId, inShard, parseShard } from './check/shard.js';
import type { CheckCase } from './check/spec.js';
import { colorFor } from './output.js';
import type { OptionsOf } from './command.js';
import type { check as spec } from './commands/check.js';

/** The options as declared in commands/check.ts. */
export type CheckOptions = OptionsOf<typeof spec>;

/** Case files are named as such; an expression never ends in `.yaml` (a syntax error if it did). */
/** A case file's name, or `-`: the cases from stdin (`generate-cases | cg check -`). */
export const isCaseFile = (arg: string) => /\.(ya?ml|json)$/i.test(arg.trim()) || arg.trim() === '-';

interface Destination {
  name: ReporterName;
  /** A file, or undefined for stdout. */
  path?: string;
}

/** `--reporter name[=FILE]` (may repeat) and `--output FILE` to where each report goes. */
export function destinations(opts: CheckOptions): Destination[] {
  const specs = [...(opts.reporter ?? []), ...(opts.json ? ['json'] : [])];
  if (!specs.length) specs.push('text');
  const out = specs.map((s): Destination => {
    const eq = s.indexOf('=');
    const name = (eq < 0 ? s : s.slice(0, eq)).trim();
    const path = eq < 0 ? undefined : s.slice(eq + 1);
    if (!(REPORTERS as readonly string[]).includes(name)) {
      const guess = suggest(name, REPORTERS);
      throw new CgError('usage', `--reporter ${name}: unknown reporter`, { hint: guess ? `did you mean ${guess}?` : `one of ${REPORTERS.join(', ')}` });
    }
    if (path === '') throw new CgError('usage', `--reporter ${name}=: give a file after '='`);
    return { name: name as ReporterName, path };
  });
  const toStdout = out.filter((d) => d.path === undefined);
  if (opts.output !== undefined) {
    if (toStdout.length !== 1) throw new CgError('usage', '--output names one file: give one --reporter without =FILE, or name files as --reporter junit=FILE');
    toStdout[0].path = opts.output;
  } else if (toStdout.length > 1) {
    throw new CgError('usage', `${toStdout.map((d) => d.name).join(' and ')} would both print to stdout`, { hint: 'send one to a file: --reporter junit=report.xml' });
  }
  // Checked (their folders made) before any case runs, not after all of them.
  for (const d of out) if (d.path !== undefined) checkOutputPath(d.path, opts.output === d.path ? '--output' : `--reporter ${d.name}=`, true);
  return out;
}

async function emit(d: Destination, report: Report): Promise<void> {
  const text = await render(d.name, report, colorFor(d.path === undefined ? process.stdout : ({ isTTY: false } as NodeJS.WriteStream)));
  if (d.path === undefined) process.stdout.write(text);
  else writeReport(d.path, text);
}

/** Report problems found before running, all of them, then stop with exit 2. */
function badInput(errors: CgError[]): never {
  if (errors.length === 1) throw errors[0];
  const c = colorFor(process.stderr);
  for (const e of errors) {
    const text = formatError(e);
    process.stderr.write(`${c.red(text.slice(0, 6))}${text.slice(6)}\n`);
  }
  throw new CgError('value', `${errors.length} problems in the case files; no case was run`);
}

export async function check(parts: string[], opts: CheckOptions): Promise<number> {
  const started = performance.now();
  if (opts.schema) {
    const { caseFileJsonSchema } = await import('./check/schema.js');
    process.stdout.write(`${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (opts.printAdapter) {
    const { adapterText } = await import('./check/adapter.js');
    process.stdout.write(adapterText(opts.printAdapter));
    return 0;
  }
  // From here on a SIGTERM (Ctrl-C, a hangup) stops the run at the next turn of the event
  // loop, and the reports of the cases that finished are still written.
  const stop = watchSignals();
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const dests = opts.list ? [] : destinations(opts);
  const rtol = numberOption(opts.rtol, '--rtol');
  const atol = numberOption(opts.atol, '--atol');
  const files = opts.file === undefined && parts.length > 0 && parts.every(isCaseFile);
  let cases: CheckCase[];
  const errors: CgError[] = [];
  if (files) {
    for (const flag of ['at', 'atFile', 'expect', 'wrt'] as const) {
      if (opts[flag] !== undefined) {
        throw new CgError('usage', `--${flag === 'atFile' ? 'at-file' : flag} is for a single expression; case files give values per case`);
      }
    }
    const { loadCaseFiles } = await import('./check/load.js');
    const loaded = loadCaseFiles(parts.map((p) => p.trim()), { rtol, atol, sweep: opts.sweep });
    cases = loaded.cases;
    errors.push(...loaded.errors);
  } else if (opts.exec !== undefined || opts.module !== undefined) {
    cases = [inlineFunctionCase(parts, opts, { rtol, atol })];
  } else {
    if (parts.some(isCaseFile) && parts.length > 1) {
      throw new CgError('usage', 'give either one expression or case files (.yaml, .yml, .json), not both');
    }
    const expr = readExpression(parts, opts.file, opts.at === undefined && opts.atFile === undefined);
    cases = [inlineCase(expr, opts, { rtol, atol })];
  }
  const prepared: (Prepared | PreparedFunction)[] = [];
  let turn = performance.now();
  for (const c of cases) {
    if (performance.now() - turn > 50) {
      await new Promise((r) => setImmediate(r));
      turn = performance.now();
    }
    if (stop.signal) break;
    try {
      prepared.push(c.fn ? prepareFunction(c) : prepare(c));
    } catch (e) {
      if (e instanceof CgError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length) {
    // Every reporter still reports (CI publishes the JUnit file, annotates file:line); text
    // on stdout would repeat stderr.
    const report = makeReport(problemCases(errors), started);
    for (const d of dests) if (d.path !== undefined || d.name !== 'text') await emit(d, report);
    badInput(errors);
  }
  // Every case is validated above, whichever shard it falls in: bad input stops every job alike.
  const mine = shard ? inShard(prepared, (p) => caseId(p.c.where?.file, p.c.name), shard) : prepared;
  if (opts.list) {
    for (const p of mine) process.stdout.write(`${p.c.where ? `${p.c.where.file}:${p.c.where.line}\t` : ''}${p.c.name}\n`);
    if (shard) process.stderr.write(`shard ${shard.index}/${shard.total}: ${mine.length} of ${prepared.length} cases\n`);
    return 0;
  }

  // A case file with exec: is code: nothing runs unless asked (before any case, of any shard, runs).
  if (!opts.allowExec) refuseExec(prepared);
  const timeout = numberOption(opts.timeout, '--timeout');
  const results = await runAll(stop.signal ? [] : mine, { strict: opts.strict, timeout }, stop);
  const signal = stop.signal;
  stop.off();
  const report = makeReport(results, started, shard ? { ...shard, cases: mine.length, of: prepared.length } : null);
  if (signal) {
    report.incomplete = { signal, ran: results.length, of: prepared.length < cases.length ? cases.length : mine.length };
    report.ok = false;
  }
  for (const d of dests) await emit(d, report);
  if (dests.every((d) => d.path !== undefined)) {
    // Every report went to a file: the log still gets the result.
    const c = colorFor(process.stdout);
    const text = dests.some((d) => d.name === 'text') ? summaryLine(report) : undefined;
    process.stdout.write(text !== undefined ? `${report.ok ? c.green(text) : c.red(text)}\n` : await render('text', report, c));
  }
  if (signal) return signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
  return report.ok ? 0 : 1;
}

/**
 * The cases, one after another; the event loop gets a turn every 50 ms so that SIGTERM (or
 * Ctrl-C, a hangup) stops the run between cases and the reports of those that finished are
 * still written, marked incomplete. A second signal quits at once.
 */
async function runAll(
  cases: (Prepared | PreparedFunction)[],
  opts: { strict?: boolean; timeout?: number },
  stop: { signal?: NodeJS.Signals },
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let turn = performance.now();
  for (const p of cases) {
    if (performance.now() - turn > 50) {
      await new Promise((r) => setImmediate(r));
      turn = performance.now();
    }
    if (stop.signal) break;
    const r = 'fn' in p ? await runFunctionCase(p, opts) : runCase(p, { strict: opts.strict });
    // A program the signal ended mid-case has no verdict: the case is left out, not an error.
    if (stop.signal && 'fn' in p) break;
    results.push(r);
  }
  return results;
}

/** The first of SIGTERM, SIGINT, SIGHUP once it arrives; a second quits at once. */
function watchSignals(): { signal?: NodeJS.Signals; off(): void } {
  const sigs = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  const state: { signal?: NodeJS.Signals; off(): void } = { off: () => sigs.forEach((x) => process.off(x, on)) };
  function on(sig: NodeJS.Signals) {
    if (state.signal) process.exit(sig === 'SIGTERM' ? 143 : sig === 'SIGHUP' ? 129 : 130);
    state.signal = sig;
  }
  for (const x of sigs) process.on(x, on);
  return state;
}
