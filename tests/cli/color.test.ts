import { describe, expect, it } from 'vitest';
import { cg } from './run.js';

/* Colour: --color always|never decides; auto follows NO_COLOR, then FORCE_COLOR, then the terminal. */

const ESC = '\u001b[';
const run = (args: string[], env: Record<string, string>) => cg(['grad', 'x^2', '--at', 'x=1', ...args], { NO_COLOR: '', FORCE_COLOR: '', ...env });
const colored = (args: string[], env: Record<string, string> = {}) => {
  const r = run(args, env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.includes(ESC);
};

describe('--color and the environment', () => {
  it('auto (the default): none when piped, empty variables count as unset', () => {
    expect(colored([])).toBe(false);
    expect(colored(['--color', 'auto'])).toBe(false);
  });
  it('FORCE_COLOR turns it on when piped; FORCE_COLOR=0 and NO_COLOR keep it off', () => {
    expect(colored([], { FORCE_COLOR: '1' })).toBe(true);
    expect(colored([], { FORCE_COLOR: '0' })).toBe(false);
    expect(colored([], { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
  it('--color always and never win over the environment, before or after the command', () => {
    expect(colored(['--color', 'always'], { NO_COLOR: '1' })).toBe(true);
    expect(colored(['--color', 'never'], { FORCE_COLOR: '1' })).toBe(false);
    const r = cg(['--color', 'always', 'grad', 'x^2', '--at', 'x=1']);
    expect(r.stdout).toContain(`${ESC}1mf${ESC}22m = 1`);
  });
  it('--color with another word: one line, exit 2', () => {
    const r = cg(['--color', 'sometimes', 'grad', 'x', '--at', 'x=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: option '--color <when>' argument 'sometimes' is invalid. Allowed choices are auto, always, never.\n");
  });
});
