import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CgError } from '../../errors.js';
import { fsReason, readAllSync } from '../../util/files.js';
import { CASE_ATOL, CASE_RTOL } from './spec.js';
import { DEFAULT_ATOL, DEFAULT_RTOL } from '../../check/judge.js';
import { Tensor, type Value } from '../../graph/tensor.js';
import { constantValue } from '../../parse/index.js';
import { suggest } from '../../util/suggest.js';
import { Positions } from './positions.js';
import { CaseFileSchema, keysAt, type CaseInput } from './schema.js';
import type { CheckCase, Range, Where } from './spec.js';
import { errorAt } from './where.js';
import { functionCase } from './function-case.js';
import { MAX_ALIASES, yamlProblem } from '../../util/yaml.js';

export interface LoadOptions {
  /** From --rtol/--atol: the tolerances of cases that set none (and whose file sets none). */
  rtol?: number;
  atol?: number;
  sweep?: boolean;
}

export interface Loaded {
  cases: CheckCase[];
  /** Every problem found, each pointing into its file; nothing runs when there are any. */
  errors: CgError[];
}

/** A path as CI annotations and people want it: relative to the working folder, with '/'. */
export function displayPath(path: string): string {
  const rel = isAbsolute(path) ? relative(process.cwd(), path) : path;
  const shown = rel.startsWith('..') ? path : rel;
  return shown.split(sep).join('/');
}

/** Read, parse and validate case files; collect every error rather than stopping at the first. */
export function loadCaseFiles(paths: readonly string[], opts: LoadOptions = {}): Loaded {
  const out: Loaded = { cases: [], errors: [] };
  for (const path of paths) {
    let text: string;
    try {
      text = path === '-' ? readAllSync(0).toString('utf8') : readFileSync(path, 'utf8');
    } catch (e) {
      out.errors.push(new CgError('io', `cannot read ${path}: ${fsReason(e)}`));
      continue;
    }
    const file = loadCaseFile(path === '-' ? 'stdin' : displayPath(path), text, opts);
    out.cases.push(...file.cases);
    out.errors.push(...file.errors);
  }
  return out;
}

export function loadCaseFile(file: string, text: string, opts: LoadOptions = {}): Loaded {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const pos = new Positions(file, text, counter, doc);
  if (doc.errors.length) {
    return {
      cases: [],
      // The first error only: the ones after it are mostly its echoes.
      errors: [errorAt(pos.at(doc.errors[0].pos[0]), 'syntax', `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`)],
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { cases: [], errors: [errorAt(pos.at(0), 'value', yamlProblem(e))] };
  }
  const parsed = CaseFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { cases: [], errors: parsed.error.issues.flatMap((issue) => issueErrors(issue, pos, raw)) };
  }
  const data = parsed.data;
  const errors: CgError[] = [];
  const cases: CheckCase[] = [];
  const seen = new Map<string, number>();
  data.cases.forEach((c, i) => {
    restoreNamedKeys(c, (raw as { cases: unknown[] }).cases[i]);
    const path = ['cases', i];
    const prev = seen.get(c.name);
    if (prev !== undefined) {
      const first = pos.near([...path.slice(0, 1), prev, 'name'])!;
      errors.push(errorAt(pos.near([...path, 'name']), 'value', `a second case named "${c.name}"`, { hint: `the first is at line ${first.line}` }));
      return;
    }
    seen.set(c.name, i);
    try {
      cases.push(toCase(c, path, pos, {
        // Nothing in an exec/module case is written by hand: the checker's own defaults (1e-8, 1e-12).
        rtol: c.rtol ?? data.defaults?.rtol ?? opts.rtol ?? (c.exec ?? c.module ? DEFAULT_RTOL : CASE_RTOL),
        atol: c.atol ?? data.defaults?.atol ?? opts.atol ?? (c.exec ?? c.module ? DEFAULT_ATOL : CASE_ATOL),
        sweep: opts.sweep ?? false,
      }));
    } catch (e) {
      if (e instanceof CgError) errors.push(e);
      else throw e;
    }
  });
  return { cases, errors };
}

/**
 * zod builds records by assignment, which drops a `__proto__` key (it sets the prototype
 * instead): maps keyed by variable names are taken from the YAML as read (own keys, values
 * validated by the schema already), so every name is an ordinary key.
 */
function restoreNamedKeys(c: CaseInput, raw: unknown): void {
  const own = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (Object.assign(Object.create(null), v) as Record<string, never>) : undefined);
  const r = raw as { at?: unknown; expect?: { gradient?: unknown }; points?: { ranges?: unknown } };
  if (c.at) c.at = own(r.at) ?? c.at;
  if (c.expect?.gradient) c.expect.gradient = own(r.expect?.gradient) ?? c.expect.gradient;
  if (c.points?.ranges) c.points.ranges = own(r.points?.ranges) ?? c.points.ranges;
}

/** A validated case to the plain form the runner takes; values are parsed here. */
function toCase(c: CaseInput, path: (string | number)[], pos: Positions, t: { rtol: number; atol: number; sweep: boolean }): CheckCase {
  const fn = functionCase(c, pos.file);
  const key = c.expr !== undefined ? 'expr' : c.program !== undefined ? 'program' : c.exec !== undefined ? 'exec' : 'module';
  const source = fn?.source ?? (c.expr ?? c.program)!;
  const at = new Map<string, Value>();
  const what = (s: string) => `case "${c.name}": ${s}`;
  for (const [name, v] of Object.entries(c.at ?? {})) at.set(name, toValue(v, [...path, 'at', name], pos, what(`the value of ${name}`)));
  const out: CheckCase = {
    name: c.name,
    source,
    at,
    wrt: c.wrt,
    rtol: t.rtol,
    atol: t.atol,
    finiteDifferences: c.check ?? true,
    sweep: t.sweep,
    where: pos.ofNode(pos.node(path)),
    sourceWhere: pos.near([...path, key]),
    sourceOffset: fn ? undefined : pos.sourceMap([...path, key]),
    fn,
  };
  if (c.expect) {
    const e = c.expect;
    const ep = [...path, 'expect'];
    const gradient = new Map<string, Value>();
    const gradWhere = new Map<string, Where>();
    for (const [name, v] of Object.entries(e.gradient ?? {})) {
      gradient.set(name, toValue(v, [...ep, 'gradient', name], pos, what(`the expected gradient of ${name}`)));
      gradWhere.set(name, pos.key([...ep, 'gradient'], name)!);
    }
    out.expect = {
      value: e.value === undefined ? undefined : toValue(e.value, [...ep, 'value'], pos, what('the expected value')),
      gradient: e.gradient ? gradient : undefined,
      hessian: e.hessian?.map((row, r) => row.map((x, k) => toNumber(x, [...ep, 'hessian', r, k], pos, what('a Hessian entry')))),
      rtol: e.rtol ?? t.rtol,
      atol: e.atol ?? t.atol,
      where: {
        value: e.value === undefined ? undefined : pos.key(ep, 'value'),
        gradient: gradWhere,
        hessian: e.hessian ? pos.key(ep, 'hessian') : undefined,
      },
    };
  }
  if (c.points) {
    const pp = [...path, 'points'];
    const ranges = new Map<string, Range>();
    for (const [name, r] of Object.entries(c.points.ranges)) {
      const [lo, hi] = Array.isArray(r) ? r : r.range;
      const where = pos.key([...pp, 'ranges'], name);
      if (!(lo <= hi)) throw errorAt(pos.near([...pp, 'ranges', name]), 'value', `case "${c.name}": the range of ${name} is [${lo}, ${hi}]; lo must not exceed hi`);
      ranges.set(name, { lo, hi, shape: Array.isArray(r) ? undefined : r.shape, where });
    }
    out.points = { n: c.points.n, seed: c.points.seed ?? 1, ranges, where: pos.key(path, 'points') };
  }
  return out;
}

function toNumber(raw: number | string, path: (string | number)[], pos: Positions, what: string): number {
  const v = toValue(raw, path, pos, what);
  if (typeof v !== 'number') throw errorAt(pos.near(path), 'value', `${what} must be a number`);
  return v;
}

/** A YAML value to a cg value: numbers, constant expressions ("pi/4"), nested lists for tensors. */
function toValue(raw: unknown, path: (string | number)[], pos: Positions, what: string): Value {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    try {
      return constantValue(raw, what);
    } catch (e) {
      if (!(e instanceof CgError)) throw e;
      const map = pos.sourceMap(path);
      const w = e.span && map ? map(e.span.start) : undefined;
      const message = e.message.startsWith(what) ? e.message : `${what}: ${e.message}`;
      throw errorAt(w ?? pos.near(path), e.code, message, { hint: e.hint, width: e.span ? e.span.end - e.span.start : undefined });
    }
  }
  if (Array.isArray(raw)) {
    const entries = raw.map((x, i) => toValue(x, [...path, i], pos, what));
    const nested = entries.map((x) => (typeof x === 'number' ? x : x.toNested()));
    try {
      return Tensor.from(nested);
    } catch {
      throw errorAt(pos.near(path), 'value', `${what} must be a rectangular array (rows of equal length, numbers at the same depth)`);
    }
  }
  throw errorAt(pos.near(path), 'value', `${what} must be a number, a constant expression or a list`);
}

/** Say where a path is in words: `case "sigmoid": expect.gradient.W`. */
function describe(path: readonly PropertyKey[], raw: unknown): string {
  const parts: string[] = [];
  let rest = path;
  if (path[0] === 'cases' && typeof path[1] === 'number') {
    const c = (raw as { cases?: unknown[] })?.cases?.[path[1]] as { name?: unknown } | undefined;
    parts.push(typeof c?.name === 'string' ? `case "${c.name}"` : `cases[${path[1]}]`);
    rest = path.slice(2);
  }
  const tail = rest.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${String(s)}`)).join('');
  if (tail) parts.push(tail);
  return parts.join(', ');
}

const ARTICLES: Record<string, string> = { number: 'a number', string: 'a string', array: 'a list', object: 'a map', boolean: 'true or false' };
const article = (t: string) => ARTICLES[t] ?? t;
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `a ${typeof v}`);

function get(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) v = v == null ? undefined : (v as Record<PropertyKey, unknown>)[k];
  return v;
}

/** A zod issue as errors at their places in the file. */
function issueErrors(issue: z.core.$ZodIssue, pos: Positions, raw: unknown): CgError[] {
  const path = issue.path;
  const ctx = describe(path, raw);
  const prefix = ctx ? `${ctx}: ` : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(path);
      const present = Object.keys((get(raw, path) as object) ?? {});
      return issue.keys.map((k) => {
        const guess = suggest(k, allowed.filter((a) => !present.includes(a)));
        return errorAt(pos.key(path, k), 'value', `${prefix}unknown key '${k}'`, {
          hint: guess ? `did you mean '${guess}'?` : `allowed: ${allowed.join(', ')}`,
          width: k.length,
        });
      });
    }
    case 'invalid_union': {
      // Report the branch the input came closest to: one whose first issue is not a wrong type at the top.
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const near = branches.find((b) => b.length && !(b[0].code === 'invalid_type' && b[0].path.length === 0));
      if (near) return near.flatMap((i) => issueErrors({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, pos, raw));
      const expected = [...new Set(branches.map((b) => (b[0] as { expected?: string })?.expected).filter((x): x is string => !!x))];
      const got = typeName(get(raw, path));
      const text = /^Invalid input/.test(issue.message) && expected.length
        ? `expected ${expected.map(article).join(' or ')}, got ${got}`
        : `${issue.message}, got ${got}`;
      return [errorAt(pos.near(path), 'value', `${prefix}${text}`)];
    }
    case 'too_small':
    case 'too_big': {
      const i = issue as { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean };
      const small = issue.code === 'too_small';
      const bound = String(small ? i.minimum : i.maximum);
      const text = i.origin === 'array'
        ? `needs ${small ? 'at least' : 'at most'} ${bound} ${bound === '1' ? 'entry' : 'entries'}`
        : i.origin === 'string'
          ? 'must not be empty'
          : `must be ${small ? (i.inclusive ? '≥' : '>') : i.inclusive ? '≤' : '<'} ${bound}`;
      return [errorAt(pos.near(path), 'value', `${prefix}${text}`)];
    }
    case 'invalid_type': {
      const value = get(raw, path);
      if (value === undefined) {
        const key = String(path[path.length - 1]);
        const parent = path.slice(0, -1);
        const pctx = describe(parent, raw);
        return [errorAt(pos.near(parent), 'value', `${pctx ? `${pctx}: ` : ''}missing key '${key}'`)];
      }
      return [errorAt(pos.near(path), 'value', `${prefix}expected ${article(issue.expected)}, got ${typeName(value)}`)];
    }
    default:
      return [errorAt(pos.near(path), 'value', `${prefix}${issue.message}`)];
  }
}
