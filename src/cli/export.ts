import { readFileSync } from 'node:fs';
import { CgError } from '../errors.js';
import { checkOutputPath } from '../util/files.js';
import type { OptionsOf } from './command.js';
import type { exportCmd as spec } from './commands/export.js';
import { printJson, table } from './output.js';

/** The options as declared in commands/export.ts. */
export type ExportOptions = OptionsOf<typeof spec>;

/** What `cg export` wrote; `--json` prints exactly this. */
export interface ExportResult {
  format: 'torch' | 'onnx';
  model: string;
  /** 'model': a folder written by cg train; 'spec': an untrained spec (cg's initial weights). */
  from: 'model' | 'spec';
  out: string;
  files: { path: string; bytes: number }[];
  /** ONNX only: the opset and the element type of the graph. */
  opset: number | null;
  dtype: string | null;
}

/**
 * Debian's torch 1.13 (python3-torch) with Python 3.11 has a torchrun bug that
 * `--redirects 1 --tee 1` works around: said in the hint where that torch is installed. A file
 * read, not a Python start.
 */
function torchrunFlags(): string {
  try {
    const v = readFileSync('/usr/lib/python3/dist-packages/torch/version.py', 'utf8');
    return /__version__\s*=\s*'1\.13/.test(v) ? ' --redirects 1 --tee 1' : '';
  } catch {
    return '';
  }
}

export async function exportCommand(model: string, opts: ExportOptions): Promise<number> {
  let result: ExportResult;
  if (opts.format === 'torch') {
    if (opts.dtype) throw new CgError('usage', '--dtype is for --format onnx; the torch export keeps the model\'s dtype');
    const { loadForTraining } = await import('../nn/export/source.js');
    const { exportTorch } = await import('../nn/export/torch.js');
    const src = await loadForTraining(model, { data: opts.data });
    const out = opts.output ?? `export-${src.meta.name}-torch`;
    result = { format: 'torch', model, from: src.kind, out, files: exportTorch(src, out), opset: null, dtype: src.meta.dtype };
  } else {
    if (opts.data) throw new CgError('usage', '--data is for --format torch; an ONNX graph holds no data');
    const { loadForInference } = await import('../nn/export/source.js');
    const { exportOnnx, OPSET } = await import('../nn/export/onnx.js');
    const src = await loadForInference(model);
    if (opts.output) checkOutputPath(opts.output, '-o');
    const out = opts.output ?? `${src.meta.name}.onnx`;
    const dtype = opts.dtype ?? src.meta.dtype;
    result = { format: 'onnx', model, from: src.kind, out, files: [await exportOnnx(src, out, dtype)], opset: OPSET, dtype };
  }
  if (opts.json) printJson(result);
  else {
    const what = result.format === 'onnx' ? `ONNX (opset ${result.opset}, ${result.dtype}, batch axis dynamic)` : 'PyTorch';
    process.stdout.write(`${model} → ${what}${result.from === 'spec' ? ', untrained (cg\'s initial weights)' : ''}\n`);
    process.stdout.write(`${await table(['file', 'bytes'], result.files.map((f) => [f.path, String(f.bytes)]), [false, true])}\n`);
    if (result.format === 'torch') {
      process.stdout.write(`next: python3 ${result.out}/train.py --epochs 5 --out runs/more   (or torchrun --nproc_per_node=2${torchrunFlags()} ${result.out}/train.py ...)\n`);
    }
  }
  return 0;
}
