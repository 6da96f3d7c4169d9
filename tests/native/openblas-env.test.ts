import { describe, expect, it } from 'vitest';
import { coretypeForFlags, prepareOpenBlasEnv } from '../../src/native/index.js';

describe('coretypeForFlags', () => {
  it.each([
    ['flags\t\t: fpu vme sse2 avx avx2 fma avx512f avx512dq avx512bw', 'SkylakeX'],
    ['avx512f', 'SkylakeX'],
    ['fpu sse4_2 avx avx2 fma bmi2', 'Haswell'],
    ['flags : avx avx2 bmi2', undefined], // avx2 without fma
    ['flags : avx fma', undefined], // fma without avx2
    ['flags : sse sse2 avx512fp16 avx512_bf16', undefined], // avx512 words that are not avx512f
    ['', undefined],
    ['Features: fp asimd evtstrm aes', undefined], // aarch64
  ])('%j -> %s', (flags, want) => {
    expect(coretypeForFlags(flags)).toBe(want);
  });
});

describe('prepareOpenBlasEnv', () => {
  const AVX512 = 'flags : avx2 fma avx512f';
  it('sets OPENBLAS_CORETYPE from the flags when the user has not', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(prepareOpenBlasEnv(env, AVX512)).toMatchObject({ coretype: 'SkylakeX', coretypeSource: 'cpuinfo' });
    expect(env.OPENBLAS_CORETYPE).toBe('SkylakeX');
  });
  it("keeps the user's OPENBLAS_CORETYPE", () => {
    const env: NodeJS.ProcessEnv = { OPENBLAS_CORETYPE: 'Haswell' };
    expect(prepareOpenBlasEnv(env, AVX512)).toMatchObject({ coretype: 'Haswell', coretypeSource: 'user' });
    expect(env.OPENBLAS_CORETYPE).toBe('Haswell');
  });
  it('leaves it unset on an unknown CPU', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(prepareOpenBlasEnv(env, 'flags : sse2')).toMatchObject({ coretype: undefined, coretypeSource: 'none' });
    expect('OPENBLAS_CORETYPE' in env).toBe(false);
  });
  it('threads: CG_THREADS, else OPENBLAS_NUM_THREADS, else the core count', () => {
    const a: NodeJS.ProcessEnv = { CG_THREADS: '3', OPENBLAS_NUM_THREADS: '5' };
    expect(prepareOpenBlasEnv(a, '')).toMatchObject({ threads: 3, threadsSource: 'CG_THREADS' });
    expect(a.OPENBLAS_NUM_THREADS).toBe('3');
    const b: NodeJS.ProcessEnv = { OPENBLAS_NUM_THREADS: '5' };
    expect(prepareOpenBlasEnv(b, '')).toMatchObject({ threads: 5, threadsSource: 'OPENBLAS_NUM_THREADS' });
    const c: NodeJS.ProcessEnv = { CG_THREADS: 'many' };
    const r = prepareOpenBlasEnv(c, '');
    expect(r.threadsSource).toBe('cores');
    expect(c.OPENBLAS_NUM_THREADS).toBe(String(r.threads));
  });
});
