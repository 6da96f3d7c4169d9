import { Command, InvalidArgumentError, Option } from 'commander';
import { suggest } from '../util/suggest.js';

/*
 * A command's options declared once, as data: the commander Command is built from the
 * declaration, and so is the type of the options object its implementation receives
 * (`OptionsOf<typeof decl>`), so the two cannot drift apart. Declarations are light (only
 * commander): main.ts loads them all at startup and each implementation lazily.
 */

/** One option: its flags as commander spells them, and the type of its value. */
export interface OptionSpec<T> {
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: T;
  /** May repeat: values are collected into an array. */
  repeat?: boolean;
  /** Must be given (commander says so when it is not). */
  mandatory?: boolean;
  /** Only for the type. */
  readonly _type?: T;
}

/** A value option (`--wrt <names>`). */
export const text = (flags: string, description: string): OptionSpec<string> => ({ flags, description });
/** A value option that may repeat (`--at x=1 --at y=2`). */
export const list = (flags: string, description: string): OptionSpec<string[]> => ({ flags, description, repeat: true });
/** A switch (`--json`), or with `--no-x` one that is on unless turned off. */
export const flag = (flags: string, description: string): OptionSpec<boolean> => ({ flags, description });
/** One of a few values. */
export const choice = <const C extends readonly string[]>(flags: string, description: string, choices: C, dflt?: C[number]): OptionSpec<C[number]> => ({
  flags,
  description,
  choices,
  default: dflt,
});
/** An option that must be given. */
export const mandatory = <T>(o: OptionSpec<T>): OptionSpec<T> => ({ ...o, mandatory: true });

export type Options = Readonly<Record<string, OptionSpec<unknown>>>;

export interface CommandSpec<O extends Options> {
  name: string;
  /** Positional arguments: `[expr...]`, `<model>`, with what they are. */
  args: readonly (readonly [string, string])[];
  description: string;
  options: O;
  /** Two or three command lines that end `--help`, as a user would type them. */
  examples?: readonly string[];
  /** Further text after the options, before the examples (a list of builtins). */
  helpAfter?: string;
}

/** The options object a command's implementation receives. */
export type OptionsOf<C> = C extends CommandSpec<infer O> ? { [K in keyof O]?: O[K] extends OptionSpec<infer T> ? T : never } : never;

/** A declaration, checked: each key is the name commander gives its option (`--at-file` is `atFile`). */
export function defineCommand<const O extends Options>(spec: CommandSpec<O>): CommandSpec<O> {
  for (const [key, o] of Object.entries(spec.options)) {
    const name = new Option(o.flags).attributeName();
    if (name !== key) throw new Error(`cg ${spec.name}: option ${o.flags} is declared as '${key}', commander calls it '${name}'`);
  }
  return spec;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** An argument as commander gives it: a string, a variadic one's strings, undefined when optional and absent. */
export type Arg = string | string[] | undefined;

/** The commander Command for a declaration; `action` gets the typed options and the arguments. */
/** Words people use for a choice's value. */
const SYNONYMS: Record<string, string> = { backward: 'reverse', backwards: 'reverse', backprop: 'reverse', forwards: 'forward', fwd: 'forward', rev: 'reverse' };

export function toCommand<C extends CommandSpec<Options>>(spec: C, action: (opts: OptionsOf<C>, ...args: Arg[]) => Promise<number>): Command {
  const cmd = new Command(spec.name).description(spec.description);
  for (const [a, what] of spec.args) cmd.argument(a, what);
  for (const o of Object.values(spec.options)) {
    const opt = new Option(o.flags, o.description);
    if (o.choices) {
      opt.choices(o.choices);
      // commander's own message, plus what was probably meant (`--mode backward`: reverse).
      const choices = o.choices;
      opt.argParser((v: string) => {
        if (choices.includes(v)) return v;
        const near = SYNONYMS[v.toLowerCase()] ?? suggest(v, choices);
        throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.${near && choices.includes(near) ? ` Did you mean ${near}?` : ''}`);
      });
    }
    if (o.default !== undefined) opt.default(o.default);
    if (o.repeat) opt.argParser(collect);
    if (o.mandatory) opt.makeOptionMandatory();
    cmd.addOption(opt);
  }
  const after = [spec.helpAfter, spec.examples?.length ? `Examples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}` : undefined].filter(Boolean);
  if (after.length) cmd.addHelpText('after', `\n${after.join('\n\n')}`);
  cmd.action(async (...xs: unknown[]) => {
    // commander passes each declared argument, then the options, then the command.
    process.exitCode = await action(xs[spec.args.length] as OptionsOf<C>, ...(xs.slice(0, spec.args.length) as Arg[]));
  });
  return cmd;
}

// Option groups several commands share.

/** Where the expression and its values come from. */
export const inputs = {
  file: text('-f, --file <path>', "read the expression or program from a file ('-' for stdin)"),
  at: list('--at <bindings>', 'values: x=1,y=-2,W=[[1,2],[3,4]] (may repeat)'),
  atFile: text('--at-file <file>', 'values from a JSON object of name → number or nested arrays'),
} as const;

/** `--rtol` / `--atol` of a check, with the defaults the command applies. */
export function tolerances(what: string, rtol: string, atol: string) {
  return {
    rtol: text('--rtol <r>', `relative tolerance ${what} (default ${rtol})`),
    atol: text('--atol <a>', `absolute tolerance ${what} (default ${atol})`),
  } as const;
}

/** `--json`: one object for machines (the commands that stream say so in their own words). */
export const json = (description = 'print one JSON object') => ({ json: flag('--json', description) }) as const;
