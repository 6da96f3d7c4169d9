import { defineCommand, json, list, text } from '../command.js';

export const predict = defineCommand({
  name: 'predict',
  args: [['<model>', 'a folder written by cg train (or its model.json)']],
  description: 'predictions of a trained model: class and probabilities, or values',
  options: {
    input: list('--input <row>', 'an input row, "[0.5, -1]", or rows "[[...], [...]]" (may repeat)'),
    csv: text('--csv <file>', "input rows from a CSV file with the model's input columns"),
    ...json(),
  },
  examples: [
    'cg predict runs/iris --input "[5.9, 3.0, 5.1, 1.8]"',
    'cg predict runs/iris --csv fixtures/data/iris.csv --json',
  ],
});
