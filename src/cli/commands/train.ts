import { defineCommand, flag, json, text } from '../command.js';

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
});
