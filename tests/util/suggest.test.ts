import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/util/suggest.js';

describe('did you mean', () => {
  it('the closest by edit distance, at most 2 edits', () => {
    expect(suggest('tanhh', ['tan', 'tanh', 'sinh'])).toBe('tanh');
    expect(suggest('exq', ['exp', 'log'])).toBe('exp');
    expect(suggest('banana', ['exp', 'log'])).toBeUndefined();
  });
  it('among equally close ones, the more common (sinn → sin, not sign)', () => {
    // Both one edit away; sign comes first in the table, sin is written far more often.
    expect(suggest('sinn', ['sign', 'sin'])).toBe('sign');
    expect(suggest('sinn', ['sign', 'sin'], ['exp', 'sin', 'sign'])).toBe('sin');
    // A closer candidate still wins over a more common one.
    expect(suggest('signn', ['sign', 'sin'], ['sin', 'sign'])).toBe('sign');
  });
});
