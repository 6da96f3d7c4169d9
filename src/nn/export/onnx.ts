import { CgError } from '../../errors.js';
import type { ExportedFile } from './torch.js';
import type { ExportSource } from './source.js';
export const OPSET = 17;
export async function exportOnnx(_src: ExportSource, _out: string, _dtype: string): Promise<ExportedFile> {
  throw new CgError('unsupported', 'onnx export: not written yet');
}
