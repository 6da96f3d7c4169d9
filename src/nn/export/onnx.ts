/**
 * `cg export MODEL --format onnx -o model.onnx`: the inference graph, translated node by node
 * from cg's own model graph (buildModelGraph without the loss) and encoded by protobufjs with
 * ONNX's schema (onnx-schema.ts). The graph takes the raw rows `cg predict` takes and gives
 * what its --json reports: the input normalisation comes first (in float64, as cg does it),
 * then X·W + b and the activations, then softmax (classification; [1-σ, σ] for one output)
 * or the values (regression). The batch axis is dynamic ("N"); the element type is float32
 * or float64.
 */
import { version } from '../../util/version.js';
import { CgError } from '../../errors.js';
import type { Node } from '../../graph/graph.js';
import { writeOutput } from '../../util/files.js';
import { buildModelGraph, outputsOf } from '../model.js';
import { ONNX_PROTO } from './onnx-schema.js';
import type { ExportSource } from './source.js';
import type { ExportedFile } from './torch.js';

/** ONNX opset 17 (ONNX 1.12, 2022): run by ONNX Runtime ≥ 1.13 and every current converter. */
export const OPSET = 17;
/** The IR version that goes with opset 17. */
const IR_VERSION = 8;
const FLOAT = 1;
const DOUBLE = 11;

type Emit = (op: string, inputs: string[], attrs?: Record<string, number>) => string;

/** cg's elementwise ops and the ONNX nodes that compute them. */
export const ONNX_ACTIVATIONS: Record<string, (x: string, emit: Emit, constant: (v: number) => string) => string> = {
  relu: (x, e) => e('Relu', [x]), tanh: (x, e) => e('Tanh', [x]), sigmoid: (x, e) => e('Sigmoid', [x]),
  softplus: (x, e) => e('Softplus', [x]), exp: (x, e) => e('Exp', [x]), log: (x, e) => e('Log', [x]),
  log2: (x, e, c) => e('Mul', [e('Log', [x]), c(1 / Math.LN2)]), log10: (x, e, c) => e('Mul', [e('Log', [x]), c(1 / Math.LN10)]),
  sqrt: (x, e) => e('Sqrt', [x]), sin: (x, e) => e('Sin', [x]), cos: (x, e) => e('Cos', [x]), tan: (x, e) => e('Tan', [x]),
  asin: (x, e) => e('Asin', [x]), acos: (x, e) => e('Acos', [x]), atan: (x, e) => e('Atan', [x]),
  sinh: (x, e) => e('Sinh', [x]), cosh: (x, e) => e('Cosh', [x]), abs: (x, e) => e('Abs', [x]), sign: (x, e) => e('Sign', [x]),
  neg: (x, e) => e('Neg', [x]), square: (x, e) => e('Mul', [x, x]),
  // The activations of issue 24: ONNX's own nodes where their defaults are cg's (Elu α = 1, Selu, LeakyRelu 0.01), else composed.
  elu: (x, e) => e('Elu', [x]), selu: (x, e) => e('Selu', [x]), leaky_relu: (x, e) => e('LeakyRelu', [x]), softsign: (x, e) => e('Softsign', [x]),
  gelu: (x, e, c) => e('Mul', [e('Mul', [x, c(0.5)]), e('Add', [c(1), e('Erf', [e('Mul', [x, c(Math.SQRT1_2)])])])]),
  gelu_tanh: (x, e, c) =>
    e('Mul', [e('Mul', [x, c(0.5)]), e('Add', [c(1), e('Tanh', [e('Mul', [c(Math.sqrt(2 / Math.PI)), e('Add', [x, e('Mul', [c(0.044715), e('Mul', [x, e('Mul', [x, x])])])])])])])]),
  silu: (x, e) => e('Mul', [x, e('Sigmoid', [x])]), swish: (x, e) => e('Mul', [x, e('Sigmoid', [x])]),
  mish: (x, e) => e('Mul', [x, e('Tanh', [e('Softplus', [x])])]),
  hardtanh: (x, e, c) => e('Max', [e('Min', [x, c(1)]), c(-1)]),
};

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

function tensor(name: string, dims: number[], values: ArrayLike<number>, dataType: number): Tensor {
  // raw_data is little-endian by the spec; typed arrays are in the host's order, so write through a DataView.
  const size = dataType === DOUBLE ? 8 : 4;
  const raw = new Uint8Array(values.length * size);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) {
    if (dataType === DOUBLE) view.setFloat64(i * size, values[i], true);
    else view.setFloat32(i * size, values[i], true);
  }
  return { name, dims, dataType, rawData: raw };
}

const valueInfo = (name: string, elemType: number, dims: (number | string)[]) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
});

/** The ONNX ModelProto as a plain object (the shape protobufjs encodes). */
export function onnxModel(src: ExportSource, dtype: 'float32' | 'float64'): Record<string, unknown> {
  const { meta, params } = src;
  const def = meta.model;
  const T = dtype === 'float64' ? DOUBLE : FLOAT;
  const nodes: Record<string, unknown>[] = [];
  const initializers: Tensor[] = [];
  let count = 0;
  const emit: Emit = (op, inputs, attrs = {}) => {
    const out = `${op.toLowerCase()}_${count++}`;
    const attribute = Object.entries(attrs).map(([name, i]) => ({ name, type: 2, i }));
    nodes.push({ input: inputs, output: [out], name: out, opType: op, attribute });
    return out;
  };
  const constants = new Map<number, string>();
  const constant = (v: number) => {
    let name = constants.get(v);
    if (!name) {
      name = `const_${constants.size}`;
      initializers.push(tensor(name, [], [v], T));
      constants.set(v, name);
    }
    return name;
  };

  // (x - mean) / std in float64, as cg normalises, then the graph's element type.
  const { mean, std } = meta.data.normalization;
  initializers.push(tensor('norm_mean', [def.inputs], mean, DOUBLE), tensor('norm_std', [def.inputs], std, DOUBLE));
  const x64 = T === DOUBLE ? 'input' : emit('Cast', ['input'], { to: DOUBLE });
  const normed = emit('Div', [emit('Sub', [x64, 'norm_mean']), 'norm_std']);
  const x = T === DOUBLE ? normed : emit('Cast', [normed], { to: T });

  // cg's model graph, node by node (ids are a topological order).
  const g = buildModelGraph(def, 1, { withLoss: false }).graph;
  const names = new Map<number, string>();
  g.nodes.forEach((n: Node, i) => {
    const name = (k: number) => names.get(n.inputs[k])!;
    if (n.op === 'var') {
      if (n.name === 'X') names.set(i, x);
      else {
        const p = params.get(n.name!);
        if (!p) throw new CgError('value', `the model has no parameter ${n.name}`);
        initializers.push(tensor(n.name!, [...n.shape], p, T));
        names.set(i, n.name!);
      }
    } else if (n.op === 'matmul') names.set(i, emit('MatMul', [name(0), name(1)]));
    else if (n.op === 'add') names.set(i, emit('Add', [name(0), name(1)]));
    else if (ONNX_ACTIVATIONS[n.op]) names.set(i, ONNX_ACTIVATIONS[n.op](name(0), emit, constant));
    else throw new CgError('unsupported', `${n.op} (in the model graph) has no ONNX equivalent in cg's export`, { hint: `ONNX export knows ${Object.keys(ONNX_ACTIVATIONS).join(', ')}` });
  });
  const logits = names.get(g.output)!;

  const c = outputsOf(def);
  const classify = meta.data.task === 'classification';
  let result: string;
  if (!classify) result = logits;
  else if (c === 1) {
    const p = emit('Sigmoid', [logits]);
    result = emit('Concat', [emit('Sub', [constant(1), p]), p], { axis: 1 });
  } else result = emit('Softmax', [logits], { axis: -1 });
  const outName = classify ? 'probabilities' : 'values';
  nodes.push({ input: [result], output: [outName], name: outName, opType: 'Identity', attribute: [] });
  const outputs = [valueInfo(outName, T, ['N', classify ? Math.max(c, 2) : c])];
  if (classify) {
    nodes.push({ input: [outName], output: ['class'], name: 'class', opType: 'ArgMax', attribute: [{ name: 'axis', type: 2, i: 1 }, { name: 'keepdims', type: 2, i: 0 }] });
    outputs.push(valueInfo('class', 7, ['N']));
  }
  const labels = classify ? meta.data.classes : meta.data.targets;
  return {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'cg',
    producerVersion: version,
    docString: `${meta.name}: raw input rows [N, ${def.inputs}] (${meta.data.inputs.join(', ')}) → ${classify ? `class probabilities [N, ${labels!.length}] and the class index` : `values [N, ${c}]`}`,
    graph: {
      name: meta.name,
      node: nodes,
      initializer: initializers,
      input: [valueInfo('input', T, ['N', def.inputs])],
      output: outputs,
    },
    metadataProps: [
      { key: 'cg.task', value: meta.data.task },
      { key: 'cg.inputs', value: JSON.stringify(meta.data.inputs) },
      { key: classify ? 'cg.classes' : 'cg.targets', value: JSON.stringify(labels) },
      { key: 'cg.dtype', value: meta.dtype },
    ],
  };
}

/** The encoded model, bytes of an .onnx file. */
export async function encodeOnnx(model: Record<string, unknown>): Promise<Uint8Array> {
  const { default: protobuf } = await import('protobufjs');
  const ModelProto = protobuf.parse(ONNX_PROTO, { keepCase: false }).root.lookupType('onnx.ModelProto');
  const err = ModelProto.verify(model);
  if (err) throw new Error(`internal: the ONNX model does not fit the schema: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

export async function exportOnnx(src: ExportSource, out: string, dtype: 'float32' | 'float64'): Promise<ExportedFile> {
  const bytes = await encodeOnnx(onnxModel(src, dtype));
  writeOutput(out, bytes, '-o');
  return { path: out, bytes: bytes.length };
}
