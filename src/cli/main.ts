import { Command, CommanderError, Option } from 'commander';
import { CgError, formatError } from '../errors.js';
import { setDigits } from '../util/numbers.js';
import { version } from '../util/version.js';
import { fsReason, IO_EXIT } from '../util/files.js';
import { toCommand, type Arg } from './command.js';
import { check } from './commands/check.js';
import { diff } from './commands/diff.js';
import { evalCmd } from './commands/eval.js';
import { exportCmd } from './commands/export.js';
import { explore } from './commands/explore.js';
import { grad } from './commands/grad.js';
import { graph } from './commands/graph.js';
import { hessian } from './commands/hessian.js';
import { info } from './commands/info.js';
import { jacobian } from './commands/jacobian.js';
import { predict } from './commands/predict.js';
import { train } from './commands/train.js';
import { COLOR_MODES, colorFor, setColorMode, type ColorMode } from './output.js';

function makeProgram(): Command {
  const program = new Command('cg')
    .description('A calculator for gradients: values, reverse and forward mode, finite-difference checks.')
    .version(version, '-V, --version')
    .option('--backend <name>', 'kernel backend: auto, ts, wasm, blas or cuda (as CG_BACKEND)')
    .addOption(
      new Option('--color <when>', 'colour: auto (a terminal; NO_COLOR turns it off, FORCE_COLOR on), always or never').choices(COLOR_MODES).default('auto'),
    )
    .showSuggestionAfterError()
    .exitOverride()
    .option('--digits <n>', 'significant digits of every number printed for people (default: each output its own, 12 in tables, 6 in narration, 4 in pictures)')
    .hook('preAction', async (cmd) => {
      setColorMode(cmd.opts().color as ColorMode);
      const digits = cmd.opts().digits as string | undefined;
      if (digits !== undefined) {
        const n = Number(digits);
        if (!Number.isInteger(n) || n < 1 || n > 17) throw new CgError('usage', `--digits ${digits}: give a whole number from 1 to 17`);
        setDigits(n);
      }
      const backend = cmd.opts().backend as string | undefined;
      if (backend === undefined) return;
      const { setBackend } = await import('../native/index.js');
      setBackend(backend);
    });

  // Each command: its declaration (cli/commands/), wired to its implementation, loaded when run.
  // Commands that need values say so when neither --at nor --at-file gives any; graph and diff do not.
  const expression = (parts: Arg, opts: { file?: string; at?: string[]; atFile?: string }, needsValues = true) => expressionOf(parts as string[], opts, needsValues);
  const commands = [
    toCommand(grad, async (opts, parts) => (await import('./grad.js')).grad(await expression(parts, opts), opts)),
    toCommand(jacobian, async (opts, parts) => (await import('./jacobian.js')).jacobianCommand(await expression(parts, opts), opts)),
    toCommand(hessian, async (opts, parts) => (await import('./hessian.js')).hessianCommand(await expression(parts, opts), opts)),
    toCommand(evalCmd, async (opts, parts) => {
      if (opts.data !== undefined) return (await import('./predict.js')).evalModelCommand(parts as string[], opts);
      return (await import('./eval.js')).evalCommand(await expression(parts, opts), opts);
    }),
    toCommand(graph, async (opts, parts) => (await import('./graph.js')).graphCommand(await expression(parts, opts, false), opts)),
    toCommand(diff, async (opts, parts) => (await import('./diff.js')).diffCommand(await expression(parts, opts, false), opts)),
    toCommand(check, async (opts, parts) => (await import('./check.js')).check(parts as string[], opts)),
    toCommand(train, async (opts, spec) => (await import('./train.js')).trainCommand(spec as string | undefined, opts)),
    toCommand(predict, async (opts, model) => (await import('./predict.js')).predictCommand(model as string, opts)),
    toCommand(explore, async (opts, parts) => {
      const words = parts as string[];
      const expr = words.length || opts.file !== undefined ? await expression(parts, opts, false) : undefined;
      return (await import('./explore.js')).exploreCommand(expr, opts);
    }),
    toCommand(exportCmd, async (opts, model) => (await import('./export.js')).exportCommand(model as string, opts)),
    toCommand(info, async (opts) => (await import('./info.js')).info(opts)),
  ];
  // As program.command() would: exit handling and suggestions come from the program.
  for (const c of commands) program.addCommand(c.copyInheritedSettings(program));

  return program;
}

/** The expression from the arguments, or from `--file` (programs too long for a command line). */
async function expressionOf(parts: string[], opts: { file?: string; at?: string[]; atFile?: string }, needsValues = true): Promise<string> {
  const { readExpression } = await import('./inputs.js');
  return readExpression(parts, opts.file, needsValues && opts.at === undefined && opts.atFile === undefined);
}

/**
 * An expression may start with '-' (`cg grad "-x^2"`): commander would take it for an
 * option. Arguments that start with a single '-' but are no option of the command are
 * shielded with a leading space, which the parser ignores; `--anything` stays an option.
 */
function shieldExpressions(program: Command, argv: string[]): string[] {
  const sub = program.commands.find((c) => c.name() === argv[0]);
  if (!sub) return argv;
  const flags = new Map<string, boolean>();
  for (const o of [...sub.options, ...program.options]) {
    for (const f of [o.short, o.long]) if (f) flags.set(f, o.required || o.optional);
  }
  flags.set('-h', false).set('--help', false);
  const out = [argv[0]];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const flag = a.split('=')[0];
    if (!a.startsWith('-') || a.startsWith('--') || flags.has(flag)) {
      out.push(a);
      if (flags.get(a) && i + 1 < argv.length) out.push(argv[++i]);
    } else out.push(` ${a}`);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const program = makeProgram();
  try {
    await program.parseAsync(shieldExpressions(program, argv), { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return handleError(err);
  }
}

/** The one place errors become output: one line (and a caret line), no stack trace. */
export function handleError(err: unknown): number {
  const c = colorFor(process.stderr);
  if (err instanceof CommanderError) {
    // Commander has printed its message (or the help/version) already.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof CgError) {
    const text = formatError(err);
    process.stderr.write(`${c.red(text.slice(0, 6))}${text.slice(6)}\n`);
    if (process.env.CG_DEBUG === '1') process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    process.stderr.write(`${c.red('error:')} input nested too deeply for this command\n`);
    return 2;
  }
  process.stderr.write(`${c.red('internal error:')} ${e?.message ?? String(err)} (set CG_DEBUG=1 for a stack trace)\n`);
  if (process.env.CG_DEBUG === '1') process.stderr.write(`${e?.stack}\n`);
  return 3;
}

// A reader that stops early (`cg ... | head`) is not an error, and stops nothing but the
// output: the command runs to its end (a training run finishes and saves) and exits with
// its own status. Any other failure of stdout (a full disk, an I/O error) is said in one line
// on stderr, and the command, run to its end as well, exits with the I/O status.
let outputFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    stream.write = (() => true) as typeof stream.write;
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    if (outputFailed) return;
    outputFailed = true;
    process.exitCode = IO_EXIT;
    if (stream === process.stdout) {
      try {
        process.stderr.write(`error: cannot write to stdout: ${fsReason(err)}\n`);
      } catch {
        // stderr failing too: nothing left to say it on.
      }
    }
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = outputFailed ? IO_EXIT : code;
});
// A stdout error reported after main's end (a write flushed late) still sets the status.
process.on('exit', () => {
  if (outputFailed) process.exitCode = IO_EXIT;
});
