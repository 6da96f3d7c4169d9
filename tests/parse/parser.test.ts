import { parse as mathjsParse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/parse/ast.js';
import { CgError } from '../../src/errors.js';
import { parseExpression, parseProgram } from '../../src/parse/parser.js';
import { canonicalExpr, canonicalMathjs, canonicalProgram, measure } from './canonical.js';

/** The CgError a parse throws (fails the test if it does not throw one). */
function errorOf(run: () => unknown): CgError {
  try {
    run();
  } catch (err) {
    if (err instanceof CgError) return err;
    throw err;
  }
  throw new Error('expected a CgError');
}

describe('precedence and associativity (checked against mathjs)', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '(+ 1 (* 2 3 ) )'],
    ['1 - 2 - 3', '(- (- 1 2 ) 3 )'],
    ['8 / 4 / 2', '(/ (/ 8 4 ) 2 )'],
    ['a .* b ./ c * d', '(* (./ (.* a b ) c ) d )'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2 ) )'],
    ['a .^ b ^ c', '(.^ a (^ b c ) )'],
    ['-x^2', '(neg (^ x 2 ) )'],
    ['2^-3', '(^ 2 (neg 3 ) )'],
    ['2^-3^2', '(^ 2 (neg (^ 3 2 ) ) )'],
    ['2^-3*4', '(* (^ 2 (neg 3 ) ) 4 )'],
    ['-a*b', '(* (neg a ) b )'],
    ['-a+b', '(+ (neg a ) b )'],
    ['a*-b^c*d', '(* (* a (neg (^ b c ) ) ) d )'],
    ['a - -b', '(- a (neg b ) )'],
    ['+-+x', '(pos (neg (pos x ) ) )'],
    ['-2', '(neg 2 )'],
    ["x'", '(T x )'],
    ["x''", '(T (T x ) )'],
    ["-x'", '(neg (T x ) )'],
    ["x'^2", '(^ (T x ) 2 )'],
    ["2^x'", '(^ 2 (T x ) )'],
    ["x '", '(T x )'],
    ["(a+b)'", '(T (paren (+ a b ) ) )'],
    ["f(x)'", '(T (call f x ) )'],
    ["[1,2]'", '(T (array 1 2 ) )'],
    ['f(x, y+1) * g()', '(* (call f x (+ y 1 ) ) (call g ) )'],
    ['f (x)', '(call f x )'],
    ['((x))', '(paren (paren x ) )'],
    ['[1, 2]', '(array 1 2 )'],
    ['[[1,2],[3,4]]', '(array (array 1 2 ) (array 3 4 ) )'],
    ['[1,2;3,4]', '(array (array 1 2 ) (array 3 4 ) )'],
    ['[1;2]', '(array (array 1 ) (array 2 ) )'],
    ['[1,2;]', '(array (array 1 2 ) )'],
    ['[1,;2]', '(array (array 1 ) (array 2 ) )'],
    ['[1,2,]', '(array 1 2 )'],
    ['[]', '(array )'],
    ['[\n1,\n2\n]', '(array 1 2 )'],
    ['2.5 + .5 + 1e-3 + 1E+3 + 2.', '(+ (+ (+ (+ 2.5 0.5 ) 0.001 ) 1000 ) 2 )'],
    ['2.^3', '(.^ 2 3 )'],
    ['2..*3', '(.* 2 3 )'],
    ['1e5./2', '(./ 100000 2 )'],
    ['x_1 + $a + θ + Ω2', '(+ (+ (+ x_1 $a ) θ ) Ω2 )'],
    ['\u{1D465} + 1', '(+ \u{1D465} 1 )'],
    ['mod(5, 3) + in', '(+ (call mod 5 3 ) in )'],
    ['Infinity - NaN', '(- Infinity NaN )'],
    ['a +\n b', '(+ a b )'],
    ['(a\n+ b)', '(paren (+ a b ) )'],
    ['f(\n1,\n2)', '(call f 1 2 )'],
    ['x # a comment', 'x'],
  ];
  it.each(cases)('%j', (source, expected) => {
    expect(canonicalProgram(parseProgram(source))).toBe(expected);
    expect(canonicalMathjs(mathjsParse(source))).toBe(expected);
  });
});

describe('programs', () => {
  it('splits statements on ; and newlines, skipping empty ones', () => {
    const source = '\n# setup\na = 2;; b = a*3\n\n  c = a + b;\nc^2;\n';
    expect(canonicalProgram(parseProgram(source))).toBe('(= a 2) ; (= b (* a 3 )) ; (= c (+ a b )) ; (^ c 2 )');
    expect(canonicalMathjs(mathjsParse(source))).toBe('(= a 2) ; (= b (* a 3 )) ; (= c (+ a b )) ; (^ c 2 )');
  });

  it('also splits on top-level commas (mathjs 15 rejects these)', () => {
    expect(canonicalProgram(parseProgram('a = 1, b = f(a, 2), b'))).toBe('(= a 1) ; (= b (call f a 2 )) ; b');
  });

  it('ends a statement at a newline after a complete operand', () => {
    expect(canonicalProgram(parseProgram('a\n+b'))).toBe('a ; (pos b )');
    expect(canonicalProgram(parseProgram('a =\n 1'))).toBe('(= a 1)');
  });

  it('treats CR as whitespace (CRLF files)', () => {
    expect(canonicalProgram(parseProgram('a = 1\r\nb = a\r\n'))).toBe('(= a 1) ; (= b a)');
  });

  it('keeps the source', () => {
    expect(parseProgram('x').source).toBe('x');
  });
});

describe('spans', () => {
  const text = (source: string, s: { start: number; end: number }) => source.slice(s.start, s.end);

  it('cover each node and point at operators', () => {
    const src = ' a + sin(b)*c^2 ';
    const e = parseExpression(src);
    if (e.kind !== 'binary') throw new Error('binary expected');
    expect(text(src, e.span)).toBe('a + sin(b)*c^2');
    expect(text(src, e.opSpan)).toBe('+');
    const mul = e.right;
    if (mul.kind !== 'binary') throw new Error('binary expected');
    expect(text(src, mul.span)).toBe('sin(b)*c^2');
    expect(mul.opSpan).toEqual({ start: 11, end: 12 });
    const call = mul.left;
    if (call.kind !== 'call') throw new Error('call expected');
    expect(text(src, call.span)).toBe('sin(b)');
    expect(text(src, call.fnSpan)).toBe('sin');
    expect(text(src, call.args[0]!.span)).toBe('b');
  });

  it('cover unary, transpose, parens, arrays and numbers', () => {
    const src = "-(x .^ 2)' + [1.5, .5; 3, 4]";
    const e = parseExpression(src) as Extract<Expr, { kind: 'binary' }>;
    const neg = e.left as Extract<Expr, { kind: 'unary' }>;
    expect(text(src, neg.span)).toBe("-(x .^ 2)'");
    expect(text(src, neg.opSpan)).toBe('-');
    const t = neg.arg as Extract<Expr, { kind: 'transpose' }>;
    expect(text(src, t.span)).toBe("(x .^ 2)'");
    expect(t.opSpan).toEqual({ start: 9, end: 10 });
    expect(text(src, t.arg.span)).toBe('(x .^ 2)');
    const pow = (t.arg as Extract<Expr, { kind: 'paren' }>).inner as Extract<Expr, { kind: 'binary' }>;
    expect(text(src, pow.opSpan)).toBe('.^');
    const m = e.right as Extract<Expr, { kind: 'array' }>;
    expect(text(src, m.span)).toBe('[1.5, .5; 3, 4]');
    expect(text(src, m.items[0]!.span)).toBe('1.5, .5');
    expect(text(src, (m.items[0] as Extract<Expr, { kind: 'array' }>).items[1]!.span)).toBe('.5');
  });

  it('are offsets into the whole program', () => {
    const src = 'a = 1\n  total = a * 2; b';
    const [s1, s2, s3] = parseProgram(src).statements;
    expect(text(src, s1!.span)).toBe('a = 1');
    expect(text(src, s2!.span)).toBe('total = a * 2');
    expect(s2!.name).toBe('total');
    expect(text(src, s2!.nameSpan!)).toBe('total');
    expect(text(src, s2!.expr.span)).toBe('a * 2');
    expect(s3!.name).toBeUndefined();
    expect(text(src, s3!.span)).toBe('b');
  });
});

describe('rejections', () => {
  // [source, code, message fragment, span start, span end, hint?]
  const cases: [string, string, string, number, number, string?][] = [
    // syntax
    ['(x+', 'syntax', 'unexpected end of expression', 3, 3],
    ['x +  # more later', 'syntax', 'unexpected end of expression', 3, 3],
    ['(x', 'syntax', 'unclosed (', 0, 1],
    ['f(1, (2)', 'syntax', 'unclosed (', 1, 2],
    ['[1, 2', 'syntax', 'unclosed [', 0, 1],
    ['x)', 'syntax', 'unmatched )', 1, 2],
    ['x]', 'syntax', 'unmatched ]', 1, 2],
    ['(1]', 'syntax', 'unexpected ], expected )', 2, 3],
    ['[1)', 'syntax', 'unexpected ), expected ]', 2, 3],
    ['(1; 2)', 'syntax', 'unexpected ;, expected )', 2, 3],
    ['2**3', 'syntax', 'unexpected operator **', 1, 3, 'use ^ for powers'],
    ['x * / y', 'syntax', 'unexpected /', 4, 5],
    ['()', 'syntax', 'empty parentheses', 0, 2],
    ['f(1,)', 'syntax', 'missing argument', 4, 5],
    ['(1, 2)', 'syntax', 'unexpected , inside parentheses', 2, 3, 'write [a, b] for a vector'],
    ['[1,2;3]', 'shape', 'matrix rows have different lengths', 5, 6],
    ['x @ y', 'syntax', 'unexpected character @', 2, 3],
    ['1e-x', 'syntax', 'digit expected in the exponent', 0, 4],
    ['1e3.5', 'syntax', 'digit expected in the exponent', 0, 4],
    ['= 3', 'syntax', 'unexpected =', 0, 1],
    // implicit multiplication
    ['2x', 'syntax', 'implicit multiplication is not supported', 0, 2, 'write 2*x'],
    ['2 x', 'syntax', 'implicit multiplication is not supported', 0, 3, 'write 2*x'],
    ['2(x)', 'syntax', 'implicit multiplication is not supported', 0, 2, 'write 2*(x)'],
    ['(a)(b)', 'syntax', 'implicit multiplication is not supported', 0, 4, 'write (a)*(b)'],
    ['x y', 'syntax', 'implicit multiplication is not supported', 0, 3, 'write x*y'],
    ['2pi', 'syntax', 'implicit multiplication is not supported', 0, 3, 'write 2*pi'],
    ['1 + 3 sin(x)', 'syntax', 'implicit multiplication is not supported', 4, 9, 'write 3*sin(x)'],
    ['f(x)(y)', 'syntax', 'implicit multiplication is not supported', 0, 5, 'write f(x)*(y)'],
    ['2 3', 'syntax', 'implicit multiplication is not supported', 0, 3, 'write 2*3'],
    ['[x y]', 'syntax', 'implicit multiplication is not supported', 1, 4, 'write x*y, or x, y for two elements'],
    ['x.5', 'syntax', 'implicit multiplication is not supported', 0, 3],
    // constructs mathjs has and cg does not
    ['"a"', 'unsupported', 'strings are not supported', 0, 3],
    ["f('a b')", 'unsupported', 'strings are not supported', 2, 7],
    ['1:3', 'unsupported', 'ranges (a:b) are not supported', 1, 2],
    ['a[]', 'syntax', 'empty index', 1, 3],
    ['a[1:]', 'syntax', 'a range needs a start and an end', 4, 5],
    ['a[1:2:3:4]', 'syntax', 'a range has at most three parts', 7, 8],
    ['a.b', 'unsupported', 'property access (a.b) is not supported', 1, 3],
    ['{a: 1}', 'unsupported', 'objects are not supported', 0, 1],
    ['a ? b', 'syntax', 'a conditional needs its :', 2, 3],
    ['(a ? b)', 'syntax', 'a conditional needs its :', 3, 4],
    ['f(x) = x^2', 'unsupported', 'function definitions are not supported', 0, 6],
    ['a < b < c', 'unsupported', 'chained comparisons (a < b < c) are not supported', 0, 9, 'write (a < b) .* (b < c)'],
    ['a and b', 'unsupported', 'logical operators (and) are not supported', 2, 5],
    ['a or b', 'unsupported', 'logical operators (or) are not supported', 2, 4],
    ['not a', 'unsupported', 'logical operators (not) are not supported', 0, 3],
    ['a & b', 'unsupported', 'bitwise operators (&) are not supported', 2, 3],
    ['a | b', 'unsupported', 'bitwise operators (|) are not supported', 2, 3],
    ['a << 2', 'unsupported', 'bitwise operators (<<) are not supported', 2, 4],
    ['~a', 'unsupported', 'bitwise operators (~) are not supported', 0, 1],
    ['x!', 'unsupported', 'factorial (!) is not supported', 1, 2],
    ['5 % 2', 'unsupported', '% operator', 2, 3],
    ['50%', 'unsupported', '% operator', 2, 3],
    ['a mod b', 'unsupported', 'mod operator is not supported', 2, 5],
    ['2 to cm', 'unsupported', 'unit conversion (to) is not supported', 2, 4],
    ['2 in cm', 'unsupported', 'unit conversion (in) is not supported', 2, 4],
    ['0x1F', 'unsupported', 'hexadecimal literals are not supported', 0, 4],
    ['0b101', 'unsupported', 'binary literals are not supported', 0, 5],
    ['0o17', 'unsupported', 'octal literals are not supported', 0, 4],
    ['true', 'unsupported', 'boolean values are not supported', 0, 4],
    ['a + b = 1', 'unsupported', 'can only assign to a name', 0, 5],
    ['(a) = 1', 'unsupported', 'can only assign to a name', 0, 3],
    ['f(a = 1)', 'unsupported', 'assignment inside an expression is not supported', 4, 5],
    ['(a = 1) + 2', 'unsupported', 'assignment inside an expression is not supported', 3, 4],
    ['a = b = 1', 'unsupported', 'chained assignment is not supported', 6, 7],
    ['a ?? b', 'unsupported', '?? operator is not supported', 2, 4],
  ];
  it.each(cases)('%j', (source, code, fragment, start, end, hint) => {
    const err = errorOf(() => parseProgram(source));
    expect(err.code).toBe(code);
    expect(err.message).toContain(fragment);
    expect(err.message).not.toContain('\n');
    expect(err.span).toEqual({ start, end });
    expect(err.source).toBe(source);
    if (hint !== undefined) expect(err.hint).toBe(hint);
  });

  it('rejects an empty program', () => {
    for (const source of ['', '   ', '\n\n', '# only a comment\n', ';;\n;']) {
      const err = errorOf(() => parseProgram(source));
      expect(err.code).toBe('empty');
      expect(err.message).toBe('empty expression');
    }
  });

  it('points into the whole program for errors in later statements', () => {
    const src = 'a = 1\nb = 2\nc = (a +';
    expect(errorOf(() => parseProgram(src)).span).toEqual({ start: src.length, end: src.length });
    const src2 = 'a = 1; b = 2x';
    expect(errorOf(() => parseProgram(src2)).span).toEqual({ start: 11, end: 13 });
  });
});

describe('parseExpression', () => {
  it('parses one expression', () => {
    expect(canonicalExpr(parseExpression('pi / 4'))).toBe('(/ pi 4 )');
    expect(canonicalExpr(parseExpression('[[1,2],[3,4]]\n'))).toBe('(array (array 1 2 ) (array 3 4 ) )');
  });

  it('rejects more than one expression, assignments and empty input', () => {
    expect(errorOf(() => parseExpression('1; 2')).message).toBe('expected a single expression');
    expect(errorOf(() => parseExpression('1, 2')).span).toEqual({ start: 1, end: 2 });
    expect(errorOf(() => parseExpression('1\n2')).span).toEqual({ start: 2, end: 3 });
    const assign = errorOf(() => parseExpression('a = 1'));
    expect(assign.code).toBe('unsupported');
    expect(assign.span).toEqual({ start: 2, end: 3 });
    expect(errorOf(() => parseExpression(' ')).code).toBe('empty');
  });
});

describe('deep and large inputs (no recursion)', () => {
  it('parses 10,000 nested parentheses', () => {
    const n = 10_000;
    const e = parseExpression('('.repeat(n) + 'x' + ')'.repeat(n));
    expect(measure(e)).toMatchObject({ nodes: n + 1, depth: n + 1 });
    expect(e.span).toEqual({ start: 0, end: 2 * n + 1 });
  });

  it('parses 100,000 chained unary minus', () => {
    const n = 100_000;
    const e = parseExpression('- '.repeat(n) + 'x');
    expect(measure(e)).toMatchObject({ nodes: n + 1, depth: n + 1 });
  });

  it('parses a 100,000-deep right-nested power', () => {
    const n = 100_000;
    const e = parseExpression(Array(n + 1).fill('2').join('^'));
    expect(measure(e)).toMatchObject({ nodes: 2 * n + 1, depth: n + 1 });
    expect(e.kind === 'binary' && e.left.kind).toBe('num'); // right-nested: 2^(2^(...))
  });

  it('parses deeply nested calls and arrays', () => {
    const n = 10_000;
    expect(measure(parseExpression('f('.repeat(n) + '1' + ')'.repeat(n))).depth).toBe(n + 1);
    expect(measure(parseExpression('['.repeat(n) + '1' + ']'.repeat(n))).depth).toBe(n + 1);
  });

  it('reports an unclosed bracket deep inside', () => {
    const err = errorOf(() => parseExpression('('.repeat(50_000) + 'x'));
    expect(err.message).toBe('unclosed (');
    expect(err.span).toEqual({ start: 49_999, end: 50_000 });
  });

  it('parses a program of 1,000,000 operator nodes', () => {
    const reps = 200_000; // 5 operators each: sin, *, exp, *, +
    const parts: string[] = [];
    for (let i = 0; i < reps; i++) parts.push(`sin(x${i % 97}*y${i % 89})*exp(z${i % 7})`);
    const source = `total = ${parts.join(' + ')}\ntotal`;
    const program = parseProgram(source);
    expect(program.statements).toHaveLength(2);
    const m = measure(program.statements[0]!.expr);
    expect(m.operators).toBe(5 * reps - 1);
    expect(m.nodes).toBe(8 * reps - 1);
  });
});
