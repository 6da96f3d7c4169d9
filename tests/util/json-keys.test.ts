import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKey, topLevelKeys } from '../../src/util/json-keys.js';

describe('top-level keys of a JSON object, with places', () => {
  it('finds each key with its line and column; nested keys are not top-level', () => {
    const text = '{"x": 1,\n "y": {"x": 2, "z": [{"x": 3}]},\n "w\\"q": "a:b"}';
    expect(topLevelKeys(text)).toEqual([
      { key: 'x', line: 1, column: 2 },
      { key: 'y', line: 2, column: 2 },
      { key: 'w"q', line: 3, column: 2 },
    ]);
    expect(duplicateKey(topLevelKeys(text))).toBeUndefined();
  });

  it('agrees with JSON.parse on random objects: the keys in order, a duplicate found exactly when one is given twice', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }), (pairs) => {
        const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}}`;
        const keys = topLevelKeys(text).map((k) => k.key);
        expect(keys).toEqual(pairs.map(([k]) => k));
        expect(duplicateKey(topLevelKeys(text)) !== undefined).toBe(new Set(keys).size !== keys.length);
      }),
      { numRuns: 300 },
    );
  });
});
