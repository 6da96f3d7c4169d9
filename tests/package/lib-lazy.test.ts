import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The library entry (dist/lib.mjs) loads neither zod nor yaml until a spec or checkpoint is
// read: together they cost a process about 24 MiB, a fifth of a training run's peak memory.
// A resolve hook makes importing either one throw, so any eager import fails the test.

const lib = pathToFileURL(fileURLToPath(new URL('../../dist/lib.mjs', import.meta.url))).href;

function runWithout(script: string): { code: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-lazy-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(spec, ctx, next) {
      if (spec === 'zod' || spec === 'yaml') throw new Error('loaded ' + spec);
      return next(spec, ctx);
    }`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`);
  const main = join(dir, 'main.mjs');
  writeFileSync(main, script);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, main], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the library entry loads zod and yaml lazily', () => {
  it('trains a model and takes a gradient with neither loadable', () => {
    const r = runWithout(`
      const { Trainer, generate, buildGraph, gradient, parseAt } = await import(${JSON.stringify(lib)});
      const spec = { name: 't', data: { source: 'builtin:xor', normalize: false }, model: { layers: [{ units: 4, activation: 'tanh' }, { units: 1 }], init: 'he' },
        loss: 'bce', optimizer: { type: 'sgd', lr: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 },
        training: { epochs: 2, batch_size: 4, seed: 0, validation: 0, shuffle: true }, dtype: 'float32' };
      const tr = new Trainer(spec, generate('xor', { samples: 16 }));
      await tr.run({ tickMs: 1e9 });
      const env = parseAt(['x=-2,y=5,z=-4']);
      const { graph } = buildGraph('(x+y)*z', env);
      console.log(tr.history.length, gradient(graph, env, ['z']).gradient.get('z'));
    `);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('2 3');
  });

  it('the hook does catch them: loading a checkpoint needs zod', () => {
    const r = runWithout(`
      const { loadModel } = await import(${JSON.stringify(lib)});
      await loadModel('/nonexistent');
    `);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/loaded (zod|yaml)/);
  });
});
