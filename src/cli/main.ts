import { Command, CommanderError, Option } from 'commander';
import { CgError, formatError } from '../errors.js';
import { registerExport } from './export.js';
import { colorFor } from './output.js';
import { version } from './version.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Options every command that reads an expression shares. */
function withInputs(cmd: Command): Command {
  return cmd
    .option('-f, --file <path>', "read the expression or program from a file ('-' for stdin)")
    .option('--at <bindings>', 'values: x=1,y=-2,W=[[1,2],[3,4]] (may repeat)', collect)
    .option('--at-file <file>', 'values from a JSON object of name → number or nested arrays');
}

function makeProgram(): Command {
  const program = new Command('cg')
    .description('A calculator for gradients: values, reverse and forward mode, finite-difference checks.')
    .version(version, '-V, --version')
    .option('--backend <name>', 'kernel backend: auto, ts, wasm, blas or cuda (as CG_BACKEND)')
    .showSuggestionAfterError()
    .exitOverride()
    .hook('preAction', async (cmd) => {
      const backend = cmd.opts().backend as string | undefined;
      if (backend === undefined) return;
      const { setBackend } = await import('../native/index.js');
      setBackend(backend);
    });

  withInputs(program.command('grad').argument('[expr...]', 'expression or program (q = x + y; f = q * z)'))
    .description('value and gradient of a scalar expression, checked by forward mode and finite differences')
    .option('--wrt <names>', 'differentiate with respect to these variables only (a,b)')
    .addOption(new Option('--mode <mode>', 'which AD modes to run').choices(['reverse', 'forward', 'both']).default('both'))
    .option('--no-check', 'skip the finite-difference check')
    .option('--rtol <r>', 'relative tolerance of the check (default 1e-8)')
    .option('--atol <a>', 'absolute tolerance of the check (default 1e-12)')
    .addOption(new Option('--scheme <scheme>', "finite differences: Ridders' extrapolation, or one central or forward quotient").choices(['ridders', 'central', 'forward']).default('ridders'))
    .option('--step <h>', 'the (first) step of the differences, relative to max(1,|x|)')
    .option('--strict', 'inconclusive components fail the check too')
    .option('--hvp <direction>', 'also a Hessian-vector product H·v, v given like --at: x=1,y=0 (may repeat)', collect)
    .option('--steps', 'narrate the chain rule: the backward pass edge by edge (with --mode forward, the forward sweep)')
    .option('--json', 'print one JSON object')
    .action(async (parts: string[], opts) => {
      const { grad } = await import('./grad.js');
      process.exitCode = await grad(await expressionOf(parts, opts), opts);
    });

  withInputs(program.command('jacobian').argument('[expr...]', 'vector or matrix expression, or a list [f1, f2, ...]'))
    .description('the Jacobian of a tensor-valued expression, by forward or reverse mode')
    .option('--wrt <names>', 'columns for these variables only (a,b)')
    .addOption(new Option('--mode <mode>', 'forward (a sweep per input), reverse (a sweep per output), or auto: fewer sweeps').choices(['auto', 'forward', 'reverse']).default('auto'))
    .option('--no-check', 'skip the finite-difference check')
    .option('--rtol <r>', 'relative tolerance of the check (default 1e-6)')
    .option('--atol <a>', 'absolute tolerance of the check (default 1e-8)')
    .option('--json', 'print one JSON object')
    .action(async (parts: string[], opts) => {
      const { jacobianCommand } = await import('./jacobian.js');
      process.exitCode = await jacobianCommand(await expressionOf(parts, opts), opts);
    });

  withInputs(program.command('hessian').argument('[expr...]', 'scalar expression or program'))
    .description('the Hessian of a scalar expression, forward over reverse, checked by differences of the gradient')
    .option('--wrt <names>', 'rows and columns for these variables only (a,b)')
    .option('--no-check', 'skip the finite-difference check')
    .option('--rtol <r>', 'relative tolerance of the check (default 1e-5)')
    .option('--atol <a>', 'absolute tolerance of the check (default 1e-7)')
    .option('--json', 'print one JSON object')
    .action(async (parts: string[], opts) => {
      const { hessianCommand } = await import('./hessian.js');
      process.exitCode = await hessianCommand(await expressionOf(parts, opts), opts);
    });

  withInputs(program.command('eval').argument('[expr...]', 'expression or program; or a model folder with --data'))
    .description('forward value of every node; with --data, metrics of a trained model (cg eval runs/NAME --data FILE)')
    .option('--data <spec-or-csv>', 'evaluate the model folder given instead of an expression on this data (a spec or a CSV)')
    .option('--json', 'print one JSON object')
    .action(async (parts: string[], opts) => {
      if (opts.data !== undefined) {
        const { evalModelCommand } = await import('./predict.js');
        process.exitCode = await evalModelCommand(parts, opts);
        return;
      }
      const { evalCommand } = await import('./eval.js');
      process.exitCode = await evalCommand(await expressionOf(parts, opts), opts);
    });

  withInputs(program.command('graph').argument('[expr...]', 'expression or program'))
    .description('draw the computation graph with forward values and gradients (svg, dot, mermaid, text, json)')
    .addOption(new Option('--format <format>', 'output format (default: from -o, else text)').choices(['svg', 'dot', 'mermaid', 'text', 'json']))
    .option('-o, --output <file>', 'write to this file (atomically); .svg .dot .gv .mmd .txt .json choose the format')
    .addOption(new Option('--mode <mode>', 'annotate reverse-mode gradients or forward-mode tangents').choices(['reverse', 'forward']).default('reverse'))
    .option('--wrt <names>', 'reverse: gradients flow to these variables only (a,b); forward: the one variable (x)')
    .option('--hide-constants', 'leave out constants; their values appear in the op labels (+1, ^2)')
    .option('--collapse <names>', 'draw these assigned names as one box each (h,y), or all')
    .option('--json', 'same as --format json')
    .action(async (parts: string[], opts) => {
      const { graphCommand } = await import('./graph.js');
      process.exitCode = await graphCommand(await expressionOf(parts, opts, false), opts);
    });

  withInputs(program.command('diff').argument('[expr...]', 'scalar expression or program'))
    .description('symbolic derivatives as cg expressions, shared sub-expressions named; --at checks them against reverse mode')
    .option('--wrt <names>', 'differentiate with respect to these variables (a,b); x,x for the second derivative')
    .option('--order <n>', '1 (default) or 2: all second derivatives of the --wrt variables')
    .option('--latex', 'print LaTeX (an aligned block) instead of cg syntax')
    .option('--rtol <r>', 'relative tolerance of the --at check (default 1e-9)')
    .option('--atol <a>', 'absolute tolerance of the --at check (default 1e-12)')
    .option('--json', 'print one JSON object')
    .action(async (parts: string[], opts) => {
      const { diffCommand } = await import('./diff.js');
      process.exitCode = await diffCommand(await expressionOf(parts, opts, false), opts);
    });

  withInputs(program.command('check').argument('[expr-or-files...]', 'an expression, or case files (.yaml, .yml, .json)'))
    .description('assert gradients in CI: AD against finite differences and expected values, one expression or many cases from files')
    .option('--expect <values>', 'expected value, gradient and Hessian: value=-12,x=-4,W=[[1,2],[3,4]],hessian=[[2,0],[0,2]] (may repeat)', collect)
    .option('--wrt <names>', 'check these variables only (a,b)')
    .option('--rtol <r>', 'relative tolerance for cases that set none (default 1e-6)')
    .option('--atol <a>', 'absolute tolerance for cases that set none (default 1e-8)')
    .option('--reporter <name[=file]>', 'text (default), json, junit, tap or github; =FILE writes that report to a file (may repeat)', collect)
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
    .option('--sweep', 'also print the finite-difference error against the step size over 15 decades')
    .option('--strict', 'inconclusive finite-difference comparisons fail the case too')
    .option('--json', 'same as --reporter json')
    .option('--schema', 'print the JSON Schema of the case-file format')
    .option('--shard <K/N>', 'run only the cases of job K of N (split by a hash of file and case name: stable as cases are added)')
    .option('--list', 'print the cases that would run (file:line, tab, name), run none')
    .action(async (parts: string[], opts) => {
      const { check } = await import('./check.js');
      process.exitCode = await check(parts, opts);
    });

  program
    .command('train')
    .argument('[spec]', 'model spec (YAML): data, model, loss, optimizer, training')
    .description("train an MLP from a YAML spec on cg's graph engine (checkpoints in runs/NAME)")
    .option('--out <dir>', 'where checkpoints go (default runs/<spec name>/)')
    .option('--epochs <n>', "override the spec's training.epochs")
    .option('--resume', 'continue from the checkpoint in --out')
    .option('--keep <n>', 'checkpoint generations kept in --out, the newest first (default 2)')
    .option('--force', 'train into an --out that holds another run, replacing it')
    .option('--check-grad', "check the model's gradient against finite differences (float64, 8 rows) first")
    .option('--plot <file>', 'write an SVG plot of training and validation loss')
    .option('--schema', 'print the JSON Schema of the spec format')
    .option('--json', 'one JSON object per epoch, then a summary object')
    .action(async (spec: string | undefined, opts) => {
      const { trainCommand } = await import('./train.js');
      process.exitCode = await trainCommand(spec, opts);
    });

  program
    .command('predict')
    .argument('<model>', 'a folder written by cg train (or its model.json)')
    .description('predictions of a trained model: class and probabilities, or values')
    .option('--input <row>', 'an input row, "[0.5, -1]", or rows "[[...], [...]]" (may repeat)', collect)
    .option('--csv <file>', "input rows from a CSV file with the model's input columns")
    .option('--json', 'print one JSON object')
    .action(async (model: string, opts) => {
      const { predictCommand } = await import('./predict.js');
      process.exitCode = await predictCommand(model, opts);
    });

  // Export owns its command (src/cli/export.ts); loaded lazily like the others' actions.
  registerExport(program);

  program
    .command('info')
    .description('version, Node, and which kernel backend runs and why')
    .option('--json', 'print one JSON object')
    .action(async (opts) => {
      const { info } = await import('./info.js');
      process.exitCode = await info(opts);
    });

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
// its own status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    stream.write = (() => true) as typeof stream.write;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
