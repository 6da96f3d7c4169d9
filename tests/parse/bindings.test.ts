import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/errors.js';
import { parseBindings } from '../../src/parse/bindings.js';
import { canonicalExpr } from './canonical.js';

function errorOf(text: string): CgError {
  try {
    parseBindings(text);
  } catch (err) {
    if (err instanceof CgError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** name => canonical value, plus each binding's spans as text. */
function summary(text: string) {
  return parseBindings(text).map((b) => ({
    name: b.name,
    value: canonicalExpr(b.value),
    nameText: text.slice(b.nameSpan.start, b.nameSpan.end),
    valueText: text.slice(b.value.span.start, b.value.span.end),
    text: text.slice(b.span.start, b.span.end),
  }));
}

describe('parseBindings', () => {
  it('splits NAME=VALUE pairs on commas', () => {
    expect(summary('x=-2,y=5,z=-4')).toEqual([
      { name: 'x', value: '(neg 2 )', nameText: 'x', valueText: '-2', text: 'x=-2' },
      { name: 'y', value: '5', nameText: 'y', valueText: '5', text: 'y=5' },
      { name: 'z', value: '(neg 4 )', nameText: 'z', valueText: '-4', text: 'z=-4' },
    ]);
  });

  it('takes an expression as value', () => {
    expect(summary('a=pi/4')).toEqual([{ name: 'a', value: '(/ pi 4 )', nameText: 'a', valueText: 'pi/4', text: 'a=pi/4' }]);
  });

  it('keeps commas inside brackets and parentheses in the value', () => {
    const got = summary('W=[[1,2],[3,4]],x=[1,-1], s = max(1, 2)');
    expect(got.map((b) => [b.name, b.value])).toEqual([
      ['W', '(array (array 1 2 ) (array 3 4 ) )'],
      ['x', '(array 1 (neg 1 ) )'],
      ['s', '(call max 1 2 )'],
    ]);
    expect(got.map((b) => b.valueText)).toEqual(['[[1,2],[3,4]]', '[1,-1]', 'max(1, 2)']);
  });

  it('allows whitespace around names, = and values; spans exclude it', () => {
    const got = summary('  x =  1.5 ,\ty= [1; 2] ');
    expect(got.map((b) => [b.nameText, b.valueText, b.text])).toEqual([
      ['x', '1.5', 'x =  1.5'],
      ['y', '[1; 2]', 'y= [1; 2]'],
    ]);
    expect(parseBindings('  x =  1.5')[0]!.nameSpan).toEqual({ start: 2, end: 3 });
  });

  it('accepts unicode names like mathjs', () => {
    expect(summary('θ=1')[0]!.name).toBe('θ');
  });

  // [text, code, message fragment, span start, span end]
  const errors: [string, string, string, number, number][] = [
    ['x', 'usage', 'expected NAME=VALUE', 0, 1],
    ['x=1,y', 'usage', 'expected NAME=VALUE', 4, 5],
    ['=3', 'usage', 'missing name before =', 0, 1],
    ['x=1, =3', 'usage', 'missing name before =', 5, 6],
    ['x=', 'usage', 'missing value for x', 1, 2],
    ['x=1,y= ', 'usage', 'missing value for y', 5, 6],
    ['x=1,,y=2', 'usage', 'empty binding', 4, 5],
    ['x=1,', 'usage', 'empty binding', 3, 4],
    ['', 'usage', 'empty binding', 0, 0],
    ['2x=1', 'usage', 'invalid name 2x', 0, 2],
    ['a b=1', 'usage', 'invalid name a b', 0, 3],
    ['true=1', 'usage', 'invalid name true', 0, 4],
    ['x=1+', 'syntax', 'unexpected end of expression', 4, 4],
    ['x=1,y=(2', 'syntax', 'unclosed (', 6, 7],
    ['x=1,y=2z', 'syntax', 'implicit multiplication', 6, 8],
    ['x=1, y=[1,2', 'syntax', 'unclosed [', 7, 8],
    ['x=y=1', 'unsupported', 'assignment', 3, 4],
    ['x="a"', 'unsupported', 'strings are not supported', 2, 5],
  ];
  it.each(errors)('rejects %j', (text, code, fragment, start, end) => {
    const err = errorOf(text);
    expect(err.code).toBe(code);
    expect(err.message).toContain(fragment);
    expect(err.span).toEqual({ start, end });
    expect(err.source).toBe(text);
  });
});

describe('--at with spaces instead of commas', () => {
  it('says to separate values with commas, pointing at the gap', () => {
    const err = errorOf('x=1 y=2');
    expect(err.code).toBe('usage');
    expect(err.message).toBe('bindings in --at need commas between them');
    expect(err.hint).toBe('separate values with commas: x=1,y=2');
    expect(err.span).toEqual({ start: 3, end: 6 });
    // A comparison inside a value is no second binding; spaces inside values stay allowed.
    expect(parseBindings('x = 1 + 2, y = [1, 2]').map((b) => b.name)).toEqual(['x', 'y']);
  });
});
