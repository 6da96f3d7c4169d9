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

#define ITERS 20000000L
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

static void* run_s(void* arg) {
  (void)arg;
  VS acc[CHAINS];
  for (int c = 0; c < CHAINS; c++) acc[c] = SET1S(0.001f * c);
  VS a = SET1S(0.999999f), b = SET1S(1e-7f);
  for (long i = 0; i < ITERS; i++)
    for (int c = 0; c < CHAINS; c++) acc[c] = FMAS(acc[c], a, b);
  float s = 0;
  for (int c = 0; c < CHAINS; c++) s += REDS(acc[c]);
  sink_s = s;
  return NULL;
}

static void* run_d(void* arg) {
  (void)arg;
  VD acc[CHAINS];
  for (int c = 0; c < CHAINS; c++) acc[c] = SET1D(0.001 * c);
  VD a = SET1D(0.999999), b = SET1D(1e-7);
  for (long i = 0; i < ITERS; i++)
    for (int c = 0; c < CHAINS; c++) acc[c] = FMAD(acc[c], a, b);
  double s = 0;
  for (int c = 0; c < CHAINS; c++) s += REDD(acc[c]);
  sink_d = s;
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
