import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CgError, formatError } from '../../src/errors.js';
import { parseSpec, readSpecFile, specJsonSchema, validateSpec } from '../../src/nn/spec.js';

const base = `data: {source: "builtin:spiral", samples: 600, classes: 3}
model:
  layers:
    - {units: 64, activation: relu}
    - {units: 3}
loss: cross_entropy
optimizer: {type: adam, lr: 0.01}
training: {epochs: 10}
`;

/** The error a spec text raises, as the user sees it (message line, source line, caret line). */
function errorOf(text: string): { message: string; lines: string[]; hint?: string } {
  try {
    parseSpec(text, 'fixtures/models/test.yaml');
  } catch (e) {
    if (!(e instanceof CgError)) throw e;
    return { message: e.message, lines: formatError(e).split('\n'), hint: e.hint };
  }
  throw new Error('no error');
}

describe('model spec', () => {
  it('fills defaults and takes the name from the file', () => {
    const { spec } = parseSpec(base, 'dir/my-run.yaml');
    expect(spec.name).toBe('my-run');
    expect(spec.dtype).toBe('float32');
    expect(spec.training).toEqual({ epochs: 10, batch_size: 32, seed: 0, validation: 0, shuffle: true });
    expect(spec.optimizer).toMatchObject({ type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 });
    expect(spec.model.init).toBe('he');
    expect(spec.data.normalize).toBe(true);
  });

  it('accepts every fixture', () => {
    for (const f of readdirSync('fixtures/models').filter((f) => f.endsWith('.yaml'))) {
      expect(() => readSpecFile(`fixtures/models/${f}`), f).not.toThrow();
    }
  });

  it('names a misspelt key with file:line:col, its path, and a suggestion, caret under the key', () => {
    const e = errorOf(base.replace('optimizer:', 'optimiser:'));
    expect(e.message).toBe('test.yaml:7:1: optimiser: unknown key "optimiser"');
    expect(e.hint).toBe('did you mean optimizer?');
    expect(e.lines[1]).toBe('  7 | optimiser: {type: adam, lr: 0.01}');
    expect(e.lines[2]).toBe('      ^^^^^^^^^');
    const nested = errorOf(base.replace('{units: 3}', '{units: 3, activaton: relu}'));
    expect(nested.message).toBe('test.yaml:5:18: model.layers[1].activaton: unknown key "activaton"');
    expect(nested.hint).toBe('did you mean activation?');
  });

  it('rejects impossible values at their position', () => {
    const zero = errorOf(base.replace('units: 64', 'units: 0'));
    expect(zero.message).toBe('test.yaml:4:15: model.layers[0].units: must be > 0, got 0');
    expect(zero.lines[2]).toBe('  '.padEnd(6 + 14) + '^');
    expect(errorOf(base.replace('epochs: 10', 'epochs: ten')).message).toBe('test.yaml:8:20: training.epochs: expected a number, got "ten"');
    expect(errorOf(base.replace('epochs: 10', 'epochs: 2.5')).message).toBe('test.yaml:8:20: training.epochs: expected an integer, got 2.5');
    expect(errorOf(base.replace('epochs: 10', 'epochs: 10, validation: 1.5')).message).toBe('test.yaml:8:36: training.validation: must be < 1, got 1.5');
    expect(errorOf(base.replace('lr: 0.01', 'lr: -1')).message).toBe('test.yaml:7:29: optimizer.lr: must be > 0, got -1');
    expect(errorOf(base.replace('    - {units: 64, activation: relu}\n    - {units: 3}\n', '    []\n')).message).toMatch(/model\.layers: needs at least 1 item/);
  });

  it('suggests names: losses, activations, data sets', () => {
    const loss = errorOf(base.replace('loss: cross_entropy', 'loss: crossentropy'));
    expect(loss.message).toBe('test.yaml:6:7: loss: "crossentropy" is not one of cross_entropy, mse, bce');
    expect(loss.hint).toBe('did you mean cross_entropy?');
    const act = errorOf(base.replace('relu', 'rleu'));
    expect(act.message).toBe('test.yaml:4:31: model.layers[0].activation: unknown activation "rleu"');
    expect(act.hint).toBe('did you mean relu?');
    const src = errorOf(base.replace('builtin:spiral', 'builtin:spirall'));
    expect(src.message).toBe('test.yaml:1:16: data.source: no builtin data set "spirall"');
    expect(src.hint).toBe('did you mean builtin:spiral?');
  });

  it('reports missing sections and fields', () => {
    const e = errorOf(base.replace('training: {epochs: 10}\n', ''));
    expect(e.message).toBe('test.yaml:1:1: missing training');
    expect(errorOf(base.replace(', lr: 0.01', '')).message).toBe('test.yaml:7:12: missing optimizer.lr');
  });

  it('checks what the schema cannot: fields of the wrong source, the last layer against the loss, init', () => {
    expect(errorOf(base.replace('classes: 3', 'target: y')).message).toBe('test.yaml:1:56: data.target: target is for CSV sources; builtin:spiral makes its own columns');
    expect(errorOf(base.replace('classes: 3', 'k: 3')).message).toBe('test.yaml:1:51: data.k: builtin:spiral has no k');
    expect(errorOf(base.replace('{units: 3}', '{units: 3, activation: relu}')).message).toBe(
      'test.yaml:5:30: model.layers[1].activation: the last layer feeds cross_entropy, which applies the softmax itself',
    );
    expect(errorOf(base.replace('loss: cross_entropy', 'loss: mse')).message).toBe('test.yaml:6:7: loss: builtin:spiral is a classification task: use cross_entropy or bce');
    expect(errorOf(base.replace('  layers:', '  init: normal(-1)\n  layers:')).message).toBe('test.yaml:3:9: model.init: "normal(-1)" is not an initialisation');
    expect(errorOf(base.replace('  layers:', '  init: xavir\n  layers:')).hint).toMatch(/did you mean xavier\?/);
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    expect(errorOf(`${base}loss: mse\n`).message).toBe('test.yaml:9:1: Map keys must be unique');
    expect(errorOf('data: {source: x\n').message).toMatch(/^test\.yaml:\d+:\d+: /);
    expect(errorOf('- 1\n- 2\n').message).toMatch(/a spec is a YAML mapping/);
  });

  it('validates a resolved spec from a checkpoint the same way', () => {
    const { spec } = parseSpec(base, 'x.yaml');
    expect(validateSpec(JSON.parse(JSON.stringify(spec)), 'model.json')).toEqual(spec);
    expect(() => validateSpec({ ...spec, dtype: 'float16' }, 'model.json')).toThrow('model.json: dtype: "float16" is not one of float32, float64');
  });

  it('exports a JSON Schema that matches the committed one and describes the fields', () => {
    const schema = specJsonSchema() as { properties: Record<string, any>; required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['data', 'model', 'loss', 'optimizer', 'training']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.loss.enum).toEqual(['cross_entropy', 'mse', 'bce']);
    expect(schema.properties.model.properties.layers.items.properties.units).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(JSON.parse(readFileSync('fixtures/models/cg-model.schema.json', 'utf8'))).toEqual(schema);
  });
});
