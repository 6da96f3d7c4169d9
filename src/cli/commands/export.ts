import { choice, defineCommand, json, mandatory, text } from '../command.js';

export const exportCmd = defineCommand({
  name: 'export',
  args: [['<model>', 'a folder written by cg train (or its model.json), or a spec (.yaml) for its untrained model']],
  description: 'hand a model to PyTorch (model.py, train.py: torchrun/DDP) or ONNX (an inference graph)',
  options: {
    format: mandatory(choice('--format <format>', 'torch or onnx', ['torch', 'onnx'])),
    output: text('-o, --output <path>', 'torch: a folder (default export-NAME-torch); onnx: a file (default NAME.onnx)'),
    data: text('--data <csv>', "torch: the training CSV, when it is not where the model's spec says"),
    dtype: choice('--dtype <dtype>', "onnx: the graph's element type (default: the model's)", ['float32', 'float64']),
    ...json(),
  },
  examples: [
    'cg export runs/iris --format torch -o iris-torch   # then: python3 iris-torch/train.py --epochs 5',
    'cg export runs/iris --format onnx -o iris.onnx',
    'cg export fixtures/models/xor.yaml --format onnx --dtype float64 -o xor.onnx',
  ],
});
