// Bad arguments throw TypeError/RangeError with the same message from the TS kernel, the
// gemm seam, and (when built) the addon itself: never a crash, never a silent overrun.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gemm, gemmTS, nativeBuildDir } from '../../src/native/index.js';
import { BAD_CALLS } from './errors.js';

type Fn = (...a: unknown[]) => void;

function expectThrow(fn: Fn, args: unknown[], cls: ErrorConstructor, part: string): void {
  let err: unknown;
  try {
    fn(...args);
  } catch (e) {
    err = e;
  }
  expect(err, 'should throw').toBeInstanceOf(cls);
  expect((err as Error).message).toContain(part);
}

describe('gemm argument errors: TS kernel', () => {
  it.each(BAD_CALLS)('%s', (_n, args, cls, part) => expectThrow(gemmTS as Fn, args, cls, part));
});

describe('gemm argument errors: the seam (auto backend)', () => {
  it.each(BAD_CALLS)('%s', (_n, args, cls, part) => expectThrow(gemm as Fn, args, cls, part));
});

const addonPath = join(nativeBuildDir(), 'cg_native.node');
const built = existsSync(addonPath);
if (!built) console.warn(`[tests/native] ${addonPath} not built: addon argument-error tests skipped (npm run build:native)`);

describe.skipIf(!built)('gemm argument errors: OpenBLAS addon', () => {
  const addon = built ? (createRequire(import.meta.url)(addonPath) as { gemm: Fn; setThreads: Fn }) : undefined;
  it.each(BAD_CALLS)('%s', (_n, args, cls, part) => expectThrow(addon!.gemm, args, cls, part));
  it('setThreads checks its argument', () => {
    expect(() => addon!.setThreads('2')).toThrow(TypeError);
    expect(() => addon!.setThreads(0)).toThrow(RangeError);
  });
});
