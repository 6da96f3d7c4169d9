import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ProviderError, sizeOf, type Dtype, type FunctionInput, type FunctionProvider, type Line } from '../../check/function.js';

/**
 * An `exec:` case's function: a program speaking cg's protocol (JSON lines on its stdin and
 * stdout; fixtures/checks/protocol.schema.json, README "Checking your own code"). One process
 * per case, kept for all its requests; it never gets a shell, and whatever it does wrong
 * (exits, hangs past the timeout, prints what is not the protocol, answers with a wrong shape
 * or NaN) becomes a ProviderError naming it, with the tail of its stderr.
 */

export const PROTOCOL = 1;

export interface ExecOptions {
  argv: string[];
  cwd: string;
  /** The point, input by input, as nested lists. */
  at: { name: string; value: unknown; shape: number[] }[];
  /** Milliseconds each answer may take. */
  timeoutMs: number;
  /** One point per request (to measure what batching saves). */
  unbatched?: boolean;
}

export interface ExecProvider extends FunctionProvider {
  /** The last lines of the program's stderr. */
  stderrTail(): string;
  /** End the program (EOF on stdin, then SIGTERM, then SIGKILL to its process group). */
  close(): Promise<void>;
  /** The hello line's ops. */
  ops: string[];
  /** Milliseconds from starting the program to its hello line (imports, model loading). */
  startupMs: number;
}

const TAIL = 2000;
const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Nested lists (or a number) of the given shape to flat numbers; a ProviderError naming `what` otherwise. */
export function flatten(v: unknown, shape: number[], what: string, out: number[] = []): number[] {
  const walk = (x: unknown, d: number) => {
    if (d === shape.length) {
      if (typeof x !== 'number') {
        throw new ProviderError(`${what}: expected a number${shape.length ? ` at depth ${d}` : ''}, got ${x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'string' ? JSON.stringify(short(x, 20)) : typeof x}`);
      }
      out.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new ProviderError(`${what} has the wrong shape: expected shape [${shape.join(',')}], got ${describeShape(v)}`);
    }
    for (const y of x) walk(y, d + 1);
  };
  walk(v, 0);
  return out;
}

/** The shape of a nested list as far as it is regular, for messages. */
function describeShape(v: unknown): string {
  const dims: number[] = [];
  let x = v;
  while (Array.isArray(x)) {
    dims.push(x.length);
    x = x[0];
  }
  return dims.length ? `[${dims.join(',')}]` : typeof v === 'number' ? 'a number' : JSON.stringify(short(String(JSON.stringify(v)), 20));
}

/** Flat numbers to nested lists of a shape. */
export function nest(flat: ArrayLike<number>, shape: number[], offset = 0): unknown {
  if (!shape.length) return flat[offset];
  const [d, ...rest] = shape;
  const stride = sizeOf(rest);
  return Array.from({ length: d }, (_, i) => nest(flat, rest, offset + i * stride));
}

/** JSON has no NaN: a program may send "NaN", "Infinity", "-Infinity" (Python's json writes them bare, which JSON.parse refuses). */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // Python's json.dumps writes NaN and Infinity bare: read them as what they mean.
    const fixed = line.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])/g, '"$1"');
    return JSON.parse(fixed, (_k, v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v));
  }
}

/**
 * Process groups of the programs running now. They are not in cg's group (so a Ctrl-C at the
 * terminal does not reach them): when cg is interrupted or exits, it ends them itself.
 */
const running = new Set<number>();
let guarded = false;
function endAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', endAll);
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(sig, () => {
      endAll();
      // cg check's own handler (if any) writes the finished cases' reports, then exits.
      if (process.listenerCount(sig) === 0) process.exit(code);
    });
  }
}

/** Start the program, exchange hello lines, and return the provider; throws ProviderError. */
export async function startExec(opts: ExecOptions): Promise<ExecProvider> {
  const [cmd, ...args] = opts.argv;
  const started = performance.now();
  let child: ChildProcess;
  let stderr = '';
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let exited: string | null = null;
  let spawnError: string | null = null;
  try {
    // detached: its own process group, so everything it started can be ended with it.
    child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true, shell: false });
  } catch (e) {
    throw new ProviderError(`cannot start ${cmd}: ${(e as Error).message}`);
  }
  guardExit();
  if (child.pid !== undefined) running.add(child.pid);
  child.on('error', (e: NodeJS.ErrnoException) => {
    spawnError = `cannot start the program: ${e.code === 'ENOENT' ? `no ${cmd} found (ENOENT)` : e.code ?? e.message}`;
    waiting?.(null);
  });
  child.stdin!.on('error', () => {}); // EPIPE when it has died: reported by the read that follows.
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr = (stderr + d).slice(-TAIL * 2);
  });
  const rl = createInterface({ input: child.stdout!, crlfDelay: Infinity });
  rl.on('line', (l) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(l);
    } else lines.push(l);
  });
  const closed = new Promise<void>((resolve) => {
    child.on('close', (code, signal) => {
      exited = signal ? `was killed by ${signal}` : `exited with status ${code}`;
      resolve();
      waiting?.(null);
    });
  });

  const tail = () => {
    const t = stderr.trimEnd().split('\n').slice(-8).join('\n');
    return t.length > TAIL ? t.slice(-TAIL) : t;
  };
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    child.stdin!.end();
    const wait = (ms: number) => Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    if (!(await wait(500))) {
      killGroup('SIGTERM');
      if (!(await wait(1000))) killGroup('SIGKILL');
      await wait(2000);
    }
    // Anything it left behind in its group goes too.
    killGroup('SIGKILL');
    running.delete(child.pid!);
    rl.close();
  })());

  const next = (what: string): Promise<unknown> => new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new ProviderError(`${why} ${what}`));
    const take = (l: string | null) => {
      clearTimeout(timer);
      if (l === null) return spawnError ? reject(new ProviderError(spawnError)) : fail(`the program ${exited ?? 'closed its stdout'} before answering`);
      let msg: unknown;
      try {
        msg = parseLine(l);
      } catch {
        return reject(new ProviderError(`the program printed something that is not the protocol (a JSON line) in answer to ${what}: ${JSON.stringify(short(l))}`));
      }
      if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
        return reject(new ProviderError(`the program printed ${JSON.stringify(short(l))} in answer to ${what}: a protocol line is a JSON object`));
      }
      const err = (msg as { error?: unknown }).error;
      if (err !== undefined) return reject(new ProviderError(`the program answered ${what} with an error: ${short(String(err), 300)}`));
      resolve(msg);
    };
    const timer = setTimeout(() => {
      waiting = null;
      reject(new ProviderError(`the program did not answer ${what} within ${opts.timeoutMs / 1000} s (--timeout)`));
    }, opts.timeoutMs);
    if (lines.length) return take(lines.shift()!);
    if (spawnError || exited) return take(null);
    waiting = take;
  });

  const send = (msg: object) => {
    child.stdin!.write(`${JSON.stringify(msg)}\n`);
  };

  // Every failure from here on ends the program before it is reported.
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      await close();
      if (e instanceof ProviderError) {
        const t = tail();
        throw new ProviderError(`${e.message}${t ? `; its stderr ends:\n${t}` : ''}`);
      }
      throw e;
    }
  };

  const inputs: FunctionInput[] = opts.at.map(({ name, shape }) => ({ name, shape }));
  const hello = await guard(async () => {
    send({ cg: PROTOCOL, at: Object.fromEntries(opts.at.map((a) => [a.name, a.value])) });
    return (await next('the hello line')) as Record<string, unknown>;
  });
  const h = await guard(async () => validateHello(hello, inputs));
  const startupMs = performance.now() - started;
  const at = Float64Array.from(opts.at.flatMap((a) => flatten(a.value, a.shape, a.name)));
  let id = 0;

  const namedNested = (flat: ArrayLike<number>) => {
    const out: Record<string, unknown> = {};
    let off = 0;
    for (const { name, shape } of inputs) {
      out[name] = nest(flat, shape, off);
      off += sizeOf(shape);
    }
    return out;
  };
  const namedFlat = (v: unknown, what: string): Float64Array => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProviderError(`${what} must be an object of input name → value`);
    const extra = Object.keys(v).filter((k) => !inputs.some((i) => i.name === k));
    if (extra.length) throw new ProviderError(`${what} names ${extra.join(', ')}, which is not an input`);
    const out: number[] = [];
    for (const { name, shape } of inputs) {
      const x = (v as Record<string, unknown>)[name];
      if (x === undefined) throw new ProviderError(`${what} lacks ${name}`);
      flatten(x, shape, `${what} of ${name}`, out);
    }
    return Float64Array.from(out);
  };
  const outFlat = (v: unknown, what: string) => Float64Array.from(flatten(v, h.output, what));
  const ask = (op: string, body: object, key: string) => guard(async () => {
    const mine = ++id;
    send({ id: mine, op, ...body });
    const what = `the ${op} request (id ${mine})`;
    const r = (await next(what)) as Record<string, unknown>;
    if (r.id !== mine) throw new ProviderError(`the program answered ${what} with id ${JSON.stringify(r.id)}`);
    if (r[key] === undefined) throw new ProviderError(`the answer to ${what} lacks "${key}"`);
    return r;
  });

  const valuesRequest = async (lines: Line[]): Promise<Float64Array[][]> => {
    const body = { lines: lines.map((l) => ({ direction: namedNested(l.direction), t: l.t })) };
    const r = await ask('values', body, 'values');
    const vals = r.values;
    if (!Array.isArray(vals) || vals.length !== lines.length) throw new ProviderError(`the answer to a values request must hold ${lines.length} lists (one per line)`);
    return lines.map((l, i) => {
      const row = vals[i];
      if (!Array.isArray(row) || row.length !== l.t.length) throw new ProviderError(`the answer to a values request must hold ${l.t.length} values for line ${i + 1}`);
      return row.map((v, j) => {
        const out = outFlat(v, `the value at point ${j + 1} of line ${i + 1}`);
        if (out.some((x) => Number.isNaN(x))) throw new ProviderError(`the value at point ${j + 1} of line ${i + 1} (t = ${l.t[j]}) is NaN`);
        return out;
      });
    });
  };

  const provider: ExecProvider = {
    signature: { inputs, output: h.output, dtype: h.dtype },
    at,
    ops: h.ops,
    startupMs,
    stderrTail: tail,
    close,
    async values(ls) {
      if (!opts.unbatched) return valuesRequest(ls);
      const out: Float64Array[][] = [];
      for (const l of ls) {
        const row: Float64Array[] = [];
        for (const t of l.t) row.push((await valuesRequest([{ direction: l.direction, t: [t] }]))[0][0]);
        out.push(row);
      }
      return out;
    },
    async gradient() {
      if (h.output.length) throw new ProviderError('the output is not a scalar: cg asks for VJPs');
      const r = await ask('gradient', {}, 'gradient');
      const value = outFlat(r.value, 'the value')[0];
      return { value, gradient: namedFlat(r.gradient, 'the gradient') };
    },
    vjp: h.ops.includes('vjp') ? async (u) => {
      const r = await ask('vjp', { cotangent: nest(u, h.output) }, 'vjp');
      return { value: outFlat(r.value, 'the value'), vjp: namedFlat(r.vjp, 'the VJP') };
    } : undefined,
    jvp: h.ops.includes('jvp') ? async (vs) => {
      const r = await ask('jvp', { tangents: vs.map(namedNested) }, 'jvps');
      const jv = r.jvps;
      if (!Array.isArray(jv) || jv.length !== vs.length) throw new ProviderError(`the answer to a jvp request must hold ${vs.length} JVPs`);
      return jv.map((v, k) => outFlat(v, `JVP ${k + 1}`));
    } : undefined,
  };
  return provider;
}

function validateHello(hello: Record<string, unknown>, inputs: FunctionInput[]): { output: number[]; dtype: Dtype; ops: string[] } {
  if (hello.cg !== PROTOCOL) {
    throw new ProviderError(`the hello line speaks protocol ${JSON.stringify(hello.cg)}; this cg speaks ${PROTOCOL} (write {"cg": ${PROTOCOL}, ...})`);
  }
  const dtype = hello.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') throw new ProviderError(`the hello line's dtype is ${JSON.stringify(dtype)}: float64 or float32`);
  const ins = hello.inputs as Record<string, { shape?: unknown }> | undefined;
  if (typeof ins !== 'object' || ins === null) throw new ProviderError('the hello line lacks "inputs" (input name → {"shape": [...]})');
  for (const i of inputs) {
    const got = ins[i.name];
    if (!got) throw new ProviderError(`the program's inputs (${Object.keys(ins).join(', ') || 'none'}) lack ${i.name}, which the case gives a value`);
    if (JSON.stringify(got.shape) !== JSON.stringify(i.shape)) {
      throw new ProviderError(`the program says ${i.name} has shape ${JSON.stringify(got.shape)}; the case gives it shape [${i.shape.join(',')}]`);
    }
  }
  const extra = Object.keys(ins).filter((k) => !inputs.some((i) => i.name === k));
  if (extra.length) throw new ProviderError(`the program has inputs ${extra.join(', ')} that the case gives no value`);
  const out = (hello.output as { shape?: unknown } | undefined)?.shape ?? [];
  if (!Array.isArray(out) || !out.every((d) => Number.isInteger(d) && d > 0)) throw new ProviderError('the hello line\'s output.shape must be a list of positive integers');
  const ops = Array.isArray(hello.ops) ? hello.ops.map(String) : ['values', 'gradient'];
  return { output: out as number[], dtype, ops };
}
