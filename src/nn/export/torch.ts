/**
 * `cg export MODEL --format torch -o DIR`: a PyTorch package for a cg model. model.py is an
 * nn.Module whose parameters are named and shaped as in cg's checkpoint (W1 [inputs, units],
 * b1 [units], ...: rows are samples, a layer is X·W + b), so `load_state_dict` takes cg's
 * weights as they are; train.py continues training (py-train.ts); cgdata.py re-implements
 * cg's data side (py-data.ts). The weights and the optimizer state travel in safetensors
 * files of the package's own, so the package does not depend on cg's checkpoint layout.
 */
import { join } from 'node:path';
import { CgError } from '../../errors.js';
import { prepareOutFolder, writeOutput } from '../../util/files.js';
import { jsonNumbers } from '../checkpoint-meta.js';
import { paramShapes } from '../model.js';
import { sourceOf } from '../names.js';
import { encodeSafetensors, dtypeOf, type NamedTensor } from '../safetensors.js';
import { CGDATA_PY } from './py-data.js';
import { TRAIN_PY } from './py-train.js';
import type { ExportSource } from './source.js';

/** cg activations and their torch spelling (any elementwise op cg knows; none is left out). */
export const TORCH_ACTIVATIONS: Record<string, string> = {
  relu: 'torch.relu', tanh: 'torch.tanh', sigmoid: 'torch.sigmoid', softplus: 'F.softplus', exp: 'torch.exp', log: 'torch.log',
  log2: 'torch.log2', log10: 'torch.log10', sqrt: 'torch.sqrt', sin: 'torch.sin', cos: 'torch.cos', tan: 'torch.tan',
  asin: 'torch.asin', acos: 'torch.acos', atan: 'torch.atan', sinh: 'torch.sinh', cosh: 'torch.cosh', abs: 'torch.abs',
  sign: 'torch.sign', neg: 'torch.neg', square: 'torch.square',
  // The activations of issue 24 (src/graph/ops/activations.ts), with torch's own defaults where cg's agree (elu α = 1, leaky_relu 0.01).
  elu: 'F.elu', selu: 'F.selu', gelu: 'F.gelu', gelu_tanh: 'lambda x: F.gelu(x, approximate="tanh")', silu: 'F.silu', swish: 'F.silu',
  mish: 'F.mish', softsign: 'F.softsign', hardtanh: 'F.hardtanh', leaky_relu: 'F.leaky_relu',
};

const py = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)).replace(/\bnull\b/g, 'None').replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False');

/** An error for a layer the target cannot express. */
export function checkActivations(src: ExportSource, table: Record<string, unknown>, target: string): void {
  src.meta.model.layers.forEach((l, i) => {
    if (l.activation !== undefined && !(l.activation in table)) {
      throw new CgError('unsupported', `layer ${i + 1}: activation ${l.activation} has no ${target} equivalent in cg's export`, { hint: `${target} export knows ${Object.keys(table).join(', ')}` });
    }
  });
}

export function modelPy(src: ExportSource): string {
  const { meta } = src;
  const def = meta.model;
  let fanIn = def.inputs;
  const layers = def.layers.map((l) => {
    const row = `    (${fanIn}, ${l.units}, ${l.activation === undefined ? 'None' : `"${l.activation}"`}),`;
    fanIn = l.units;
    return row;
  });
  const acts = [...new Set(def.layers.map((l) => l.activation).filter((a): a is string => a !== undefined))];
  const loss = {
    cross_entropy: '    return F.cross_entropy(z, target, reduction="sum")',
    bce: '    return F.binary_cross_entropy_with_logits(z, target, reduction="sum")',
    mse: '    return ((z - target) ** 2).sum()',
  }[def.loss];
  const outputs = meta.data.task === 'classification' ? meta.data.classes : meta.data.targets;
  return `"""${meta.name}: a cg model (${meta.model.layers.map((l) => `${l.units} ${l.activation ?? 'linear'}`).join(' -> ')}, ${def.loss}) as a torch.nn.Module.

Written by cg ${meta.cg_version} (cg export --format torch). Parameters are named and shaped
as in cg's model.safetensors: W1 [inputs, units], b1 [units], ...; a layer is x @ W + b.
forward() takes normalised rows; predict() takes raw rows as \`cg predict\` does.
"""
import torch
import torch.nn.functional as F
from torch import nn

DTYPE = torch.${meta.dtype}
# (fan_in, units, activation) per layer, input to output
LAYERS = [
${layers.join('\n')}
]
ACTIVATIONS = {${acts.map((a) => `"${a}": ${TORCH_ACTIVATIONS[a]}`).join(', ')}}
LOSS = "${def.loss}"
TASK = "${meta.data.task}"
INPUTS = ${py(meta.data.inputs)}
OUTPUTS = ${py(outputs)}
# The training split's mean and std of each input column (cg standardises inputs with them).
MEAN = ${py(meta.data.normalization.mean)}
STD = ${py(meta.data.normalization.std)}


class CgModel(nn.Module):
    def __init__(self):
        super().__init__()
        for i, (fan_in, units, _) in enumerate(LAYERS, 1):
            setattr(self, "W%d" % i, nn.Parameter(torch.zeros(fan_in, units, dtype=DTYPE)))
            setattr(self, "b%d" % i, nn.Parameter(torch.zeros(units, dtype=DTYPE)))
        # Not part of the state dict: cg's checkpoint holds only W and b.
        self.register_buffer("mean", torch.tensor(MEAN, dtype=torch.float64), persistent=False)
        self.register_buffer("std", torch.tensor(STD, dtype=torch.float64), persistent=False)

    def forward(self, x):
        """Normalised rows [B, inputs] -> logits (or values) [B, outputs]."""
        h = x
        for i, (_, _, act) in enumerate(LAYERS, 1):
            h = h @ getattr(self, "W%d" % i) + getattr(self, "b%d" % i)
            if act is not None:
                h = ACTIVATIONS[act](h)
        return h

    def normalize(self, raw):
        return ((raw.to(torch.float64) - self.mean) / self.std).to(DTYPE)

    @torch.no_grad()
    def predict(self, raw):
        """Raw rows -> class probabilities (softmax; [1-p, p] for one output) or values."""
        z = self(self.normalize(raw)).to(torch.float64)
        if TASK == "regression":
            return z
        if z.shape[1] == 1:
            p = torch.sigmoid(z)
            return torch.cat([1 - p, p], dim=1)
        return torch.softmax(z, dim=1)


def loss_sum(z, target):
    """The sum of the per-row losses (cg's loss is the mean: divide by loss_denominator() per row)."""
${loss}


def loss_denominator():
    """What the loss's mean divides by, per row: 1, or the outputs for mse (a mean over entries)."""
    return ${def.loss === 'mse' ? 'LAYERS[-1][1]' : '1'}


def state_dict_from(arrays, device="cpu"):
    """numpy arrays by name (W1, b1, ...) -> a state dict for load_state_dict."""
    return {k: torch.tensor(v).to(device, DTYPE) for k, v in arrays.items()}


def load(path):
    """A CgModel with the weights of a cg run folder (its current checkpoint), a checkpoint
    folder, a model.safetensors or the export's weights.safetensors."""
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cgdata

    m = CgModel()
    arrays, _ = cgdata.read_safetensors(cgdata.weights_file(path))
    m.load_state_dict(state_dict_from(arrays))
    return m
`;
}

/** The builtin generator's options as data.ts resolves them (seed defaults to training.seed). */
function generatorOf(src: ExportSource): Record<string, unknown> | null {
  const spec = src.meta.spec;
  const s = sourceOf(spec);
  if (s.kind !== 'builtin') return null;
  const d = spec.data;
  return { name: s.generator, samples: d.samples ?? null, classes: d.classes ?? null, noise: d.noise ?? null, factor: d.factor ?? null, k: d.k ?? null, features: d.features ?? null, seed: d.seed ?? spec.training.seed };
}

export interface ExportedFile {
  path: string;
  bytes: number;
}

export function exportTorch(src: ExportSource, dir: string): ExportedFile[] {
  checkActivations(src, TORCH_ACTIVATIONS, 'torch');
  prepareOutFolder(dir, '-o');
  const { meta } = src;
  const shapes = new Map(paramShapes(meta.model).map((p) => [p.name, p.shape] as const));
  const tensors = (m: ReadonlyMap<string, Float32Array | Float64Array>, shaped: boolean) =>
    new Map<string, NamedTensor>([...m].map(([name, data]) => [name, { dtype: dtypeOf(data), shape: shaped ? [...shapes.get(name)!] : [data.length], data }]));
  const step = String(meta.optimizer_steps);
  const files: [string, string | Uint8Array][] = [
    ['model.py', modelPy(src)],
    ['train.py', TRAIN_PY],
    ['cgdata.py', CGDATA_PY],
    ['weights.safetensors', encodeSafetensors(tensors(src.params, true), { step, format: 'pt' })],
    ['optimizer.safetensors', encodeSafetensors(tensors(src.state ?? new Map(), false), { step, optimizer: meta.spec.optimizer.type })],
    ['cg_export.json', `${JSON.stringify({ format: 'cg-torch-export', version: 1, meta, data_file: src.dataFile ?? null, generator: generatorOf(src) }, jsonNumbers, 2)}\n`],
  ];
  return files.map(([name, data]) => {
    const path = join(dir, name);
    writeOutput(path, data);
    return { path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length };
  });
}
