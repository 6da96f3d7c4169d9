// Bad gemm calls shared by the TS and addon error tests: [name, args, error class, message part].
type Args = unknown[];
const f64 = (n: number) => new Float64Array(n);

function base(): Args {
  // 2x3 * 3x4 -> 2x4, all fine
  return [false, false, 2, 4, 3, 1, f64(6), 3, f64(12), 4, 0, f64(8), 4];
}
function with_(i: number, v: unknown): Args {
  const a = base();
  a[i] = v;
  return a;
}

export const BAD_CALLS: [string, Args, ErrorConstructor, string][] = [
  ['too few arguments', base().slice(0, 12), TypeError, 'expected 13 arguments'],
  ['transA not a boolean', with_(0, 1), TypeError, 'transA must be a boolean'],
  ['m a string', with_(2, '2'), TypeError, 'm must be a number'],
  ['n negative', with_(3, -1), RangeError, 'n must be an integer'],
  ['k fractional', with_(4, 1.5), RangeError, 'k must be an integer'],
  ['k NaN', with_(4, NaN), RangeError, 'k must be an integer'],
  ['m huge', with_(2, 2 ** 40), RangeError, 'm must be an integer'],
  ['alpha a string', with_(5, '1'), TypeError, 'alpha must be a number'],
  ['A a plain array', with_(6, [1, 2, 3, 4, 5, 6]), TypeError, 'A must be a Float64Array or Float32Array'],
  ['B an Int32Array', with_(8, new Int32Array(12)), TypeError, 'B must be a Float64Array or Float32Array'],
  ['C undefined', with_(11, undefined), TypeError, 'C must be a Float64Array or Float32Array'],
  ['mixed dtypes', with_(8, new Float32Array(12)), TypeError, 'same dtype'],
  ['lda below the columns', with_(7, 2), RangeError, 'lda = 2 is less than the 3 columns of the stored A'],
  ['lda zero', with_(7, 0), RangeError, 'lda must be an integer'],
  ['A overrun by lda', with_(7, 4), RangeError, 'A (2x3, lda 4) needs 7 elements but the array has 6'],
  ['B too short', with_(8, f64(11)), RangeError, 'B (3x4, ldb 4) needs 12 elements but the array has 11'],
  ['C too short', with_(11, f64(7)), RangeError, 'C (2x4, ldc 4) needs 8 elements but the array has 7'],
  ['transposed A overrun', with_(0, true), RangeError, 'A (3x2, lda 3) needs 8 elements but the array has 6'],
  ['C overlapping A', (() => {
    const buf = f64(20);
    const a = base();
    a[6] = buf.subarray(0, 6);
    a[11] = buf.subarray(4, 12);
    return a;
  })(), RangeError, 'C must not overlap A or B'],
  ['detached C', (() => {
    const a = base();
    const c = f64(8);
    structuredClone(c.buffer, { transfer: [c.buffer] });
    a[11] = c;
    return a;
  })(), RangeError, 'needs 8 elements but the array has 0'],
];
