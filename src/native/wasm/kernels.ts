// cg's WebAssembly kernels (AssemblyScript, compiled to kernels.wasm by
// scripts/native/build-wasm.mjs; the .wasm is committed, and tests/native/gemm-wasm.test.ts
// checks that rebuilding gives the same bytes). Not TypeScript: excluded from tsconfig.
//
// gemm_f32 / gemm_f64: C = alpha·op(A)·op(B) + beta·C, row-major, on matrices the caller has
// copied into this module's memory (src/native/wasm.ts does), with `work` pointing at scratch
// space for the packed panels (wasm.ts sizes it: packedBytes). Blocked as the BLAS kernels
// are: for each block of KC rows of op(B), op(B) is packed into panels of NR columns (zero
// padded), then for each MR rows of op(A) (packed, alpha applied) a register tile of MR x NR
// accumulates in SIMD128 vectors over the block.
//
// beta = 0 overwrites C without reading it (a NaN there does not survive), as the TypeScript
// kernel does.

const MR: i32 = 4;
const KC: i32 = 256;

// @ts-ignore: decorator
@inline function lanes<T>(): i32 {
  return 16 / (sizeof<T>() as i32);
}

/** op(A)[i, p] */
// @ts-ignore: decorator
@inline function at<T>(X: usize, t: i32, ld: i32, i: i32, p: i32): T {
  return t ? load<T>(X + ((<usize>p * ld + i) << alignof<T>())) : load<T>(X + ((<usize>i * ld + p) << alignof<T>()));
}

function gemm<T>(
  tA: i32, tB: i32, m: i32, n: i32, k: i32, alpha: T, A: usize, lda: i32,
  B: usize, ldb: i32, beta: T, C: usize, ldc: i32, work: usize,
): void {
  const L = lanes<T>();
  const NR = 2 * L;
  const S = alignof<T>();
  // C = beta·C first (beta = 0: zeros, whatever C held); the tiles then add the products.
  for (let i = 0; i < m; i++) {
    const row = C + ((<usize>i * ldc) << S);
    if (beta == <T>0) memory.fill(row, 0, <usize>n << S);
    else if (beta != <T>1) for (let j = 0; j < n; j++) store<T>(row + (<usize>j << S), beta * load<T>(row + (<usize>j << S)));
  }
  if (k == 0 || alpha == <T>0) return;
  const panels = (n + NR - 1) / NR;
  const packB = work;
  const packA = work + ((<usize>KC * panels * NR) << S);
  const tile = packA + ((<usize>KC * MR) << S);
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    // op(B)[kk .. kk+kc, :] as panels of kc x NR, zero padded past n.
    for (let p = 0; p < panels; p++) {
      const dst = packB + ((<usize>p * kc * NR) << S);
      for (let q = 0; q < kc; q++) {
        for (let j = 0; j < NR; j++) {
          const col = p * NR + j;
          store<T>(dst + ((<usize>q * NR + j) << S), col < n ? at<T>(B, tB, ldb, kk + q, col) : <T>0);
        }
      }
    }
    for (let ii = 0; ii < m; ii += MR) {
      const rows = min(MR, m - ii);
      // alpha·op(A)[ii .. ii+MR, kk .. kk+kc], interleaved: packA[q·MR + r].
      for (let q = 0; q < kc; q++) {
        for (let r = 0; r < MR; r++) {
          store<T>(packA + ((<usize>q * MR + r) << S), r < rows ? alpha * at<T>(A, tA, lda, ii + r, kk + q) : <T>0);
        }
      }
      for (let p = 0; p < panels; p++) {
        const cols = min(NR, n - p * NR);
        micro<T>(kc, packA, packB + ((<usize>p * kc * NR) << S), C + ((<usize>ii * ldc + p * NR) << S), ldc, rows, cols, tile);
      }
    }
  }
}

/** The MR x NR register tile: 4 rows x 2 vectors, accumulated over kc, added into C. */
// @ts-ignore: decorator
@inline function micro<T>(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, rows: i32, cols: i32, tile: usize): void {
  const S = alignof<T>();
  let c00 = v128.splat<T>(<T>0), c01 = v128.splat<T>(<T>0);
  let c10 = v128.splat<T>(<T>0), c11 = v128.splat<T>(<T>0);
  let c20 = v128.splat<T>(<T>0), c21 = v128.splat<T>(<T>0);
  let c30 = v128.splat<T>(<T>0), c31 = v128.splat<T>(<T>0);
  const stepA: usize = <usize>MR << S;
  const stepB: usize = 32;
  for (let q = 0; q < kc; q++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load_splat<T>(pa);
    c00 = v128.add<T>(c00, v128.mul<T>(a, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, 1 << S);
    c10 = v128.add<T>(c10, v128.mul<T>(a, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, 2 << S);
    c20 = v128.add<T>(c20, v128.mul<T>(a, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, 3 << S);
    c30 = v128.add<T>(c30, v128.mul<T>(a, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(a, b1));
    pa += stepA;
    pb += stepB;
  }
  const NR = 2 * lanes<T>();
  const ld: usize = <usize>ldc << S;
  if (rows == MR && cols == NR) {
    v128.store(c, v128.add<T>(v128.load(c), c00));
    v128.store(c, v128.add<T>(v128.load(c, 16), c01), 16);
    c += ld;
    v128.store(c, v128.add<T>(v128.load(c), c10));
    v128.store(c, v128.add<T>(v128.load(c, 16), c11), 16);
    c += ld;
    v128.store(c, v128.add<T>(v128.load(c), c20));
    v128.store(c, v128.add<T>(v128.load(c, 16), c21), 16);
    c += ld;
    v128.store(c, v128.add<T>(v128.load(c), c30));
    v128.store(c, v128.add<T>(v128.load(c, 16), c31), 16);
    return;
  }
  // An edge tile: through scratch, adding only the entries inside C.
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const dst = c + <usize>r * ld + (<usize>j << S);
      store<T>(dst, load<T>(dst) + load<T>(tile + ((<usize>r * NR + j) << S)));
    }
  }
}

/** Scratch bytes gemm needs for n columns (packed op(B) block, packed op(A) rows, a tile). */
export function packedBytes(n: i32, f64: i32): i32 {
  const S = f64 ? 3 : 2;
  const NR = f64 ? 4 : 8;
  const panels = (n + NR - 1) / NR;
  return ((KC * panels * NR + KC * MR + 32) << S) + 64;
}

export function gemm_f32(
  tA: i32, tB: i32, m: i32, n: i32, k: i32, alpha: f32, A: usize, lda: i32,
  B: usize, ldb: i32, beta: f32, C: usize, ldc: i32, work: usize,
): void {
  gemm<f32>(tA, tB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc, work);
}

export function gemm_f64(
  tA: i32, tB: i32, m: i32, n: i32, k: i32, alpha: f64, A: usize, lda: i32,
  B: usize, ldb: i32, beta: f64, C: usize, ldc: i32, work: usize,
): void {
  gemm<f64>(tA, tB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc, work);
}

// The elementwise training kernels (bias + activation, activation backward, softmax
// cross-entropy, the optimizer updates) are in elementwise.ts, a second entry file of the
// same module (scripts/native/build-wasm.mjs compiles both).
