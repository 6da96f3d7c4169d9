import { defineCommand, flag, json, text } from '../command.js';

/**
 * The builtin data sets and the data keys each takes, for `cg train --help` (the spec
 * checker in nn/spec.ts holds the same table; tests/cli/help.test.ts holds them together).
 */
export const BUILTIN_DATA: readonly { name: string; task: string; rows: number; keys: string }[] = [
  { name: 'xor', task: 'classification, 2 inputs, 2 classes', rows: 4, keys: 'samples, noise, seed' },
  { name: 'circles', task: 'classification, 2 inputs, 2 classes', rows: 400, keys: 'samples, noise, factor, seed' },
  { name: 'spiral', task: 'classification, 2 inputs, `classes` arms', rows: 600, keys: 'samples, classes, noise, seed' },
  { name: 'sine', task: 'regression, 1 input', rows: 400, keys: 'samples, noise, seed' },
  { name: 'sort', task: 'regression, `k` inputs, sorted', rows: 2000, keys: 'samples, k, seed' },
  { name: 'random', task: 'classification, `features` inputs', rows: 1024, keys: 'samples, features, classes, seed' },
];

export const train = defineCommand({
  name: 'train',
  args: [['[spec]', 'model spec (YAML): data, model, loss, optimizer, training']],
  description: "train an MLP from a YAML spec on cg's graph engine (checkpoints in runs/NAME)",
  options: {
    out: text('--out <dir>', 'where checkpoints go (default runs/<spec name>/)'),
    epochs: text('--epochs <n>', "override the spec's training.epochs"),
    resume: flag('--resume', 'continue from the checkpoint in --out'),
    keep: text('--keep <n>', 'checkpoint generations kept in --out, the newest first (default 2)'),
    force: flag('--force', 'train into an --out that holds another run, replacing it'),
    checkGrad: flag('--check-grad', "check the model's gradient against finite differences (float64, 8 rows) first"),
    plot: text('--plot <file>', 'write an SVG plot of training and validation loss'),
    schema: flag('--schema', 'print the JSON Schema of the spec format'),
    ...json('one JSON object per epoch, then a summary object'),
  },
  helpAfter: [
    'Builtin data sets (data: {source: builtin:NAME, KEY: value, ...}; or a CSV file with inputs: and target:):',
    ...BUILTIN_DATA.map((d) => `  builtin:${d.name.padEnd(8)} ${d.task} (${d.rows} rows by default); keys: ${d.keys}`),
  ].join('\n'),
  examples: [
    'cg train fixtures/models/iris.yaml',
    'cg train fixtures/models/spiral.yaml --epochs 50 --plot loss.svg',
    'cg train fixtures/models/xor.yaml --check-grad --json',
  ],
});
