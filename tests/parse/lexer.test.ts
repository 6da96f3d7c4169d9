import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lexer, NUMBER } from '../../src/parse/lexer.js';

/** The value the lexer gives the number literal `text` (the whole of it must be one token). */
function lexNumber(text: string): number {
  const lex = new Lexer(text, 0, text.length);
  lex.next(true);
  expect(lex.kind).toBe(NUMBER);
  expect(lex.end).toBe(text.length);
  return lex.value;
}

describe('number literals', () => {
  // Short decimals are worked out without Number() (digits over a power of ten); the value
  // must be Number()'s (correctly rounded, as mathjs reads them) to the last bit.
  const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const decimal = fc.oneof(
    fc.tuple(digits(1, 18), digits(0, 18)).map(([a, b]) => `${a}.${b}`),
    digits(0, 18).map((b) => `.${b}`).filter((t) => t.length > 1),
    digits(1, 20),
    fc.tuple(digits(1, 8), digits(0, 8), fc.integer({ min: -30, max: 30 })).map(([a, b, e]) => `${a}.${b}e${e}`),
  );

  it('equal Number() of the same text, bit for bit', () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(lexNumber(text), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('hard cases: halfway and near-halfway decimals, 15 and 16 digits, leading and trailing zeros', () => {
    for (const text of ['0.1', '0.3', '2.675', '1.005', '0.994529', '9007199254740.993', '999999999999999.9', '123456789012345', '1234567890123456', '0.000000000000001', '000000000000000.5', '5.', '.5', '0.0', '3.141592653589793', '8.589973e9']) {
      expect(Object.is(lexNumber(text), Number(text)), text).toBe(true);
    }
  });
});
