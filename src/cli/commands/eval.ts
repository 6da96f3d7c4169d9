import { defineCommand, inputs, json, text } from '../command.js';

export const evalCmd = defineCommand({
  name: 'eval',
  args: [['[expr...]', 'expression or program; or a model folder with --data']],
  description: 'forward value of every node; with --data, metrics of a trained model (cg eval runs/NAME --data FILE)',
  options: {
    ...inputs,
    data: text('--data <spec-or-csv>', 'evaluate the model folder given instead of an expression on this data (a spec or a CSV)'),
    ...json(),
  },
});
