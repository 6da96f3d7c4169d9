import { describe, expect, it } from 'vitest';
import { BUILTIN_DATA } from '../../src/cli/commands/train.js';
import { generate, inputCount } from '../../src/nn/data.js';
import { GENERATORS, type Generator } from '../../src/nn/names.js';
import { parseSpec } from '../../src/nn/spec.js';
import { cg } from './run.js';

const COMMANDS = ['grad', 'jacobian', 'hessian', 'eval', 'graph', 'diff', 'check', 'train', 'predict', 'info'];

/** The examples at the end of a command's --help. */
function examples(name: string): string[] {
  const r = cg([name, '--help']);
  expect(r.code).toBe(0);
  const block = r.stdout.split('\nExamples:\n')[1];
  expect(block, `cg ${name} --help has examples`).toBeDefined();
  return block.trimEnd().split('\n').map((l) => l.replace(/^ {2}\$ /, ''));
}

/** Splits a shell line as sh would for these examples (double quotes only). */
const argv = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

describe('--help', () => {
  it('every command ends with two or three examples of itself', () => {
    for (const name of COMMANDS) {
      const ex = examples(name);
      expect(ex.length, name).toBeGreaterThanOrEqual(2);
      expect(ex.length, name).toBeLessThanOrEqual(3);
      for (const e of ex) expect(e.startsWith(`cg ${name}`), e).toBe(true);
    }
  });

  it('the examples that write nothing and need no trained model run cleanly', () => {
    const cheap = COMMANDS.flatMap(examples).filter((e) => !/ -o |--plot|--reporter|runs\/|^cg train/.test(e));
    expect(cheap.length).toBeGreaterThan(12);
    for (const e of cheap) {
      const r = cg(argv(e).slice(1));
      expect(r.code, `${e}\n${r.stderr}`).toBe(0);
    }
  });

  it('cg graph says it takes model specs', () => {
    expect(cg(['graph', '--help']).stdout).toMatch(/or a model spec \(YAML\)/);
  });

  it('cg train lists the builtin data sets and their keys, as the spec checker has them', () => {
    const help = cg(['train', '--help']).stdout;
    expect(BUILTIN_DATA.map((d) => d.name)).toEqual([...GENERATORS]);
    const all = ['samples', 'classes', 'noise', 'factor', 'k', 'features', 'seed'];
    for (const d of BUILTIN_DATA) {
      expect(help).toContain(`builtin:${d.name.padEnd(8)} ${d.task} (${d.rows} rows by default); keys: ${d.keys}`);
      const ds = generate(d.name as Generator, {});
      expect(ds.n, d.name).toBe(d.rows);
      expect(d.task.startsWith(ds.task), d.name).toBe(true);
      const inputs = /(\d+) inputs?/.exec(d.task);
      if (inputs) expect(inputCount(ds), d.name).toBe(Number(inputs[1]));
      // Each listed key is accepted for this source, each other builtin key refused.
      const keys = d.keys.split(', ');
      const loss = ds.task === 'regression' ? 'mse' : 'cross_entropy';
      const spec = (key: string) =>
        `data: {source: "builtin:${d.name}", ${key}: ${key === 'factor' ? 0.5 : key === 'noise' ? 0.1 : 3}}\nmodel: {layers: [{units: 4, activation: tanh}, {units: ${ds.task === 'regression' ? (d.name === 'sort' ? 3 : 1) : 3}}]}\nloss: ${loss}\noptimizer: {type: adam, lr: 0.01}\ntraining: {epochs: 1, batch_size: 4, seed: 1}\n`;
      for (const k of all) {
        if (keys.includes(k)) expect(() => parseSpec(spec(k)), `${d.name} ${k}`).not.toThrow();
        else expect(() => parseSpec(spec(k)), `${d.name} ${k}`).toThrow(new RegExp(`builtin:${d.name} has no ${k}`));
      }
    }
  });
});
