import { describe, expect, it } from 'vitest';
import { choice, defineCommand, flag, inputs, list, text, toCommand, type OptionsOf } from '../../src/cli/command.js';

describe('command declarations', () => {
  const spec = defineCommand({
    name: 'demo',
    args: [['[expr...]', 'expression']],
    description: 'a demo',
    options: {
      ...inputs,
      mode: choice('--mode <mode>', 'which', ['a', 'b'], 'a'),
      check: flag('--no-check', 'skip it'),
      hvp: list('--hvp <d>', 'may repeat'),
      wrt: text('--wrt <names>', 'names'),
    },
  });

  it('parses into the declared options: defaults, repeats, negations, camelCase names', async () => {
    let got: { opts: OptionsOf<typeof spec>; parts: unknown } | undefined;
    const cmd = toCommand(spec, async (opts, parts) => {
      got = { opts, parts };
      return 0;
    });
    cmd.exitOverride();
    await cmd.parseAsync(['x', '+', 'y', '--at', 'x=1', '--at', 'y=2', '--at-file', 'v.json', '--hvp', 'x=1', '--no-check'], { from: 'user' });
    expect(got!.parts).toEqual(['x', '+', 'y']);
    expect(got!.opts).toEqual({ at: ['x=1', 'y=2'], atFile: 'v.json', hvp: ['x=1'], check: false, mode: 'a' });
    expect(() => cmd.parse(['--mode', 'c'], { from: 'user' })).toThrow(/Allowed choices are a, b/);
  });

  it('rejects a key that is not the name commander gives the option', () => {
    expect(() => defineCommand({ name: 'bad', args: [], description: '', options: { at_file: text('--at-file <f>', '') } })).toThrow(
      /--at-file <f> is declared as 'at_file', commander calls it 'atFile'/,
    );
  });
});
