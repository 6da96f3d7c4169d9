/* Plain C baseline for bench/gemm.mjs: times cblas_dgemm / cblas_sgemm on n x n row-major
 * matrices (C = A*B, alpha 1, beta 0) and prints one JSON line per size.
 *
 *   cblas_bench <d|s> <samples> <n>...
 *
 * Each sample runs the product enough times to last >= 20 ms (after one warm-up call); the
 * best and the median sample are reported. Compiled by the bench as: cc -O2 -I<openblas include> ... -lopenblas
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int g_samples = 7;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

static void run(char dt, int n) {
  size_t nn = (size_t)n * (size_t)n;
  size_t es = dt == 'd' ? sizeof(double) : sizeof(float);
  void *A = malloc(nn * es), *B = malloc(nn * es), *C = malloc(nn * es);
  srand(1);
  for (size_t i = 0; i < nn; i++) {
    if (dt == 'd') {
      ((double*)A)[i] = rand() / (double)RAND_MAX;
      ((double*)B)[i] = rand() / (double)RAND_MAX;
      ((double*)C)[i] = 0;
    } else {
      ((float*)A)[i] = rand() / (float)RAND_MAX;
      ((float*)B)[i] = rand() / (float)RAND_MAX;
      ((float*)C)[i] = 0;
    }
  }
#define CALL()                                                                                          \
  do {                                                                                                  \
    if (dt == 'd')                                                                                      \
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0, C, n);      \
    else                                                                                                \
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, A, n, B, n, 0.0f, C, n);   \
  } while (0)
  CALL();
  int reps = 1;
  for (;;) {
    double t = now();
    for (int r = 0; r < reps; r++) CALL();
    if (now() - t >= 0.02) break;
    reps *= 2;
  }
  double* s = malloc(sizeof(double) * (size_t)g_samples);
  for (int i = 0; i < g_samples; i++) {
    double t = now();
    for (int r = 0; r < reps; r++) CALL();
    s[i] = (now() - t) / reps;
  }
  qsort(s, (size_t)g_samples, sizeof(double), cmp);
  double best = s[0], med = s[g_samples / 2], flop = 2.0 * n * (double)n * n;
  printf("{\"dtype\":\"%s\",\"n\":%d,\"best\":%.9g,\"median\":%.9g,\"gflops\":%.4f,\"gflopsMedian\":%.4f,"
         "\"corename\":\"%s\",\"threads\":%d}\n",
         dt == 'd' ? "float64" : "float32", n, best, med, flop / best / 1e9, flop / med / 1e9, openblas_get_corename(),
         openblas_get_num_threads());
  fflush(stdout);
  free(s);
  free(A);
  free(B);
  free(C);
}

int main(int argc, char** argv) {
  if (argc < 4 || (argv[1][0] != 'd' && argv[1][0] != 's')) {
    fprintf(stderr, "usage: %s <d|s> <samples> <n>...\n", argv[0]);
    return 2;
  }
  g_samples = atoi(argv[2]);
  if (g_samples < 1) g_samples = 1;
  for (int i = 3; i < argc; i++) run(argv[1][0], atoi(argv[i]));
  return 0;
}
