import { defineCommand, inputs, json, text } from '../command.js';

export const evalCmd = defineCommand({
  name: 'eval',
  args: [['[expr...]', 'expression or program; or a model folder with --data']],
  description: 'forward value of every node; with --data, metrics of a trained model (cg eval runs/NAME --data FILE)',
  options: {
    ...inputs,
    data: text('--data <spec-or-csv>', 'evaluate the model folder given instead of an expression on this data (a spec or a CSV)'),
    split: text('--split <rows>', 'with --data: validation (default where the spec holds rows out), train or all'),
    ...json(),
  },
  examples: [
    'cg eval "q = x + y; f = q * z" --at x=-2,y=5,z=-4',
    'cg eval "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3',
    'cg eval runs/iris --data fixtures/data/iris.csv',
  ],
});
