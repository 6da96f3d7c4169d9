/* Times one library's gemm at the eight shapes of the large MLP's training step (batch 128,
 * 784-512-512-10: forward 3, weight gradients 3, input gradients 2), row-major as cg calls it.
 * One library per binary (they export the same BLAS symbols): compiled with -DLIB_OPENBLAS,
 * -DLIB_BLIS, -DLIB_DNNL or -DLIB_XSMM by bench/kernels.mjs. Threads come from the
 * environment (OPENBLAS_NUM_THREADS, BLIS_NUM_THREADS, OMP_NUM_THREADS), set by the driver.
 *
 *   step_gemm <s|d> <samples>      one JSON line per shape
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(LIB_OPENBLAS)
#include <cblas.h>
#define LIBNAME "openblas"
#elif defined(LIB_BLIS)
#include <blis.h>
#define LIBNAME "blis"
#elif defined(LIB_DNNL)
#include <oneapi/dnnl/dnnl.h>
#define LIBNAME "onednn"
#elif defined(LIB_XSMM)
#include <libxsmm.h>
#define LIBNAME "libxsmm"
#else
#error "define one LIB_*"
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

/* Row-major C(m×n) = op(A)·op(B); lda/ldb as stored (A is k×m when transposed). */
static int gemm(char dt, int ta, int tb, int m, int n, int k, const void* A, const void* B, void* C) {
  int lda = ta ? m : k, ldb = tb ? k : n, ldc = n;
#if defined(LIB_OPENBLAS)
  if (dt == 'd')
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0, A, lda, B, ldb, 0.0, C, ldc);
  else
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, A, lda, B, ldb, 0.0f, C, ldc);
  return 0;
#elif defined(LIB_BLIS)
  /* BLIS takes general strides: row-major is row stride ld, column stride 1. */
  trans_t ota = ta ? BLIS_TRANSPOSE : BLIS_NO_TRANSPOSE, otb = tb ? BLIS_TRANSPOSE : BLIS_NO_TRANSPOSE;
  if (dt == 'd') {
    double one = 1, zero = 0;
    bli_dgemm(ota, otb, m, n, k, &one, (double*)A, lda, 1, (double*)B, ldb, 1, &zero, (double*)C, ldc, 1);
  } else {
    float one = 1, zero = 0;
    bli_sgemm(ota, otb, m, n, k, &one, (float*)A, lda, 1, (float*)B, ldb, 1, &zero, (float*)C, ldc, 1);
  }
  return 0;
#elif defined(LIB_DNNL)
  if (dt == 'd') return -1; /* oneDNN has no f64 gemm */
  return dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.0f, A, lda, B, ldb, 0.0f, C, ldc) == dnnl_success ? 0 : -2;
#elif defined(LIB_XSMM)
  /* Column-major: Cᵀ = op(B)ᵀ·op(A)ᵀ. */
  const char tA = ta ? 'T' : 'N', tB = tb ? 'T' : 'N';
  const libxsmm_blasint M = n, N = m, K = k, LDA = ldb, LDB = lda, LDC = ldc;
  if (dt == 'd') {
    const double one = 1, zero = 0;
    libxsmm_dgemm(&tB, &tA, &M, &N, &K, &one, (const double*)B, &LDA, (const double*)A, &LDB, &zero, (double*)C, &LDC);
  } else {
    const float one = 1, zero = 0;
    libxsmm_sgemm(&tB, &tA, &M, &N, &K, &one, (const float*)B, &LDA, (const float*)A, &LDB, &zero, (float*)C, &LDC);
  }
  return 0;
#endif
}

static const int SHAPES[8][5] = {
  {0, 0, 128, 512, 784}, {0, 0, 128, 512, 512}, {0, 0, 128, 10, 512},
  {1, 0, 784, 512, 128}, {1, 0, 512, 512, 128}, {1, 0, 512, 10, 128},
  {0, 1, 128, 512, 10},  {0, 1, 128, 512, 512},
};

static void fill(char dt, void* p, size_t n, unsigned* seed) {
  for (size_t i = 0; i < n; i++) {
    *seed = *seed * 1664525u + 1013904223u;
    double v = *seed / 4294967296.0 - 0.5;
    if (dt == 'd') ((double*)p)[i] = v;
    else ((float*)p)[i] = (float)v;
  }
}

int main(int argc, char** argv) {
  if (argc < 3 || (argv[1][0] != 'd' && argv[1][0] != 's')) {
    fprintf(stderr, "usage: %s <s|d> <samples>\n", argv[0]);
    return 2;
  }
  char dt = argv[1][0];
  int samples = atoi(argv[2]);
  size_t es = dt == 'd' ? sizeof(double) : sizeof(float);
#if defined(LIB_XSMM)
  libxsmm_init();
#endif
  unsigned seed = 3;
  for (int s = 0; s < 8; s++) {
    int ta = SHAPES[s][0], tb = SHAPES[s][1], m = SHAPES[s][2], n = SHAPES[s][3], k = SHAPES[s][4];
    void *A = malloc((size_t)m * k * es), *B = malloc((size_t)k * n * es), *C = malloc((size_t)m * n * es);
    fill(dt, A, (size_t)m * k, &seed);
    fill(dt, B, (size_t)k * n, &seed);
    if (gemm(dt, ta, tb, m, n, k, A, B, C) != 0) {
      printf("{\"lib\":\"%s\",\"dtype\":\"%s\",\"shape\":%d,\"unsupported\":true}\n", LIBNAME, dt == 'd' ? "float64" : "float32", s);
      free(A), free(B), free(C);
      continue;
    }
    int reps = 1;
    for (;;) {
      double t = now();
      for (int r = 0; r < reps; r++) gemm(dt, ta, tb, m, n, k, A, B, C);
      if (now() - t >= 0.01) break;
      reps *= 2;
    }
    double* ts = malloc(sizeof(double) * (size_t)samples);
    for (int i = 0; i < samples; i++) {
      double t = now();
      for (int r = 0; r < reps; r++) gemm(dt, ta, tb, m, n, k, A, B, C);
      ts[i] = (now() - t) / reps;
    }
    qsort(ts, (size_t)samples, sizeof(double), cmp);
    /* A checksum so results can be compared across libraries (same inputs, same product). */
    double sum = 0;
    for (size_t i = 0; i < (size_t)m * n; i++) sum += dt == 'd' ? ((double*)C)[i] : ((float*)C)[i];
    double flop = 2.0 * m * (double)n * k;
    printf("{\"lib\":\"%s\",\"dtype\":\"%s\",\"shape\":%d,\"best\":%.9g,\"median\":%.9g,\"gflops\":%.4f,\"checksum\":%.9g}\n",
           LIBNAME, dt == 'd' ? "float64" : "float32", s, ts[0], ts[samples / 2], flop / ts[0] / 1e9, sum);
    fflush(stdout);
    free(ts), free(A), free(B), free(C);
  }
  return 0;
}
