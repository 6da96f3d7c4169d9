/* The FMA peak of this CPU, f32 and f64, on 1 and 2 threads: independent vector FMA chains
 * (enough of them to cover the FMA latency on two ports), no memory traffic. Compiled with
 * -O2 -march=native by bench/kernels.mjs; prints one JSON line per (dtype, threads).
 *   fma_peak <threads>...
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITERS 50000000L
#define CHAINS 12

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static volatile float sink_s;
static volatile double sink_d;

#if defined(__AVX512F__)
#define VS __m512
#define VD __m512d
#define SET1S _mm512_set1_ps
#define SET1D _mm512_set1_pd
#define FMAS _mm512_fmadd_ps
#define FMAD _mm512_fmadd_pd
#define LANES_S 16
#define LANES_D 8
#define REDS(v) _mm512_reduce_add_ps(v)
#define REDD(v) _mm512_reduce_add_pd(v)
#else
#define VS __m256
#define VD __m256d
#define SET1S _mm256_set1_ps
#define SET1D _mm256_set1_pd
#define FMAS _mm256_fmadd_ps
#define FMAD _mm256_fmadd_pd
#define LANES_S 8
#define LANES_D 4
static float REDS(__m256 v) { float t[8]; _mm256_storeu_ps(t, v); return t[0] + t[7]; }
static double REDD(__m256d v) { double t[4]; _mm256_storeu_pd(t, v); return t[0] + t[3]; }
#endif

/* Twelve named accumulators, so that they live in registers (an array may be kept in memory,
 * and then store-to-load latency, not the FMA units, bounds the loop). */
#define CHAIN12(T, SET1, FMA, RED, sink, k0, av, bv)                                              \
  T a0 = SET1(k0), a1 = SET1(k0 * 2), a2 = SET1(k0 * 3), a3 = SET1(k0 * 4), a4 = SET1(k0 * 5),     \
    a5 = SET1(k0 * 6), a6 = SET1(k0 * 7), a7 = SET1(k0 * 8), a8 = SET1(k0 * 9), a9 = SET1(k0 * 10), \
    a10 = SET1(k0 * 11), a11 = SET1(k0 * 12);                                                     \
  const T a = SET1(av), b = SET1(bv);                                                              \
  for (long i = 0; i < ITERS; i++) {                                                               \
    a0 = FMA(a0, a, b); a1 = FMA(a1, a, b); a2 = FMA(a2, a, b); a3 = FMA(a3, a, b);                \
    a4 = FMA(a4, a, b); a5 = FMA(a5, a, b); a6 = FMA(a6, a, b); a7 = FMA(a7, a, b);                \
    a8 = FMA(a8, a, b); a9 = FMA(a9, a, b); a10 = FMA(a10, a, b); a11 = FMA(a11, a, b);            \
    __asm__ volatile("" ::: "memory");                                                             \
  }                                                                                                \
  sink = RED(a0) + RED(a1) + RED(a2) + RED(a3) + RED(a4) + RED(a5) + RED(a6) + RED(a7) + RED(a8) + \
         RED(a9) + RED(a10) + RED(a11);

static void* run_s(void* arg) {
  (void)arg;
  CHAIN12(VS, SET1S, FMAS, REDS, sink_s, 0.001f, 0.999999f, 1e-7f)
  return NULL;
}

static void* run_d(void* arg) {
  (void)arg;
  CHAIN12(VD, SET1D, FMAD, REDD, sink_d, 0.001, 0.999999, 1e-7)
  return NULL;
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    int threads = atoi(argv[i]);
    for (int d = 0; d < 2; d++) {
      double best = 1e30;
      for (int rep = 0; rep < 3; rep++) {
        pthread_t th[64];
        double t = now();
        for (int j = 0; j < threads; j++) pthread_create(&th[j], NULL, d ? run_d : run_s, NULL);
        for (int j = 0; j < threads; j++) pthread_join(th[j], NULL);
        t = now() - t;
        if (t < best) best = t;
      }
      double flop = 2.0 * (d ? LANES_D : LANES_S) * CHAINS * (double)ITERS * threads;
      printf("{\"dtype\":\"%s\",\"threads\":%d,\"gflops\":%.2f,\"isa\":\"%s\"}\n", d ? "float64" : "float32", threads, flop / best / 1e9,
#if defined(__AVX512F__)
             "avx512"
#else
             "avx2"
#endif
      );
      fflush(stdout);
    }
  }
  return 0;
}
