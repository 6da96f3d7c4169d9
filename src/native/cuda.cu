// cg's optional CUDA backend: the same gemm as addon.cc (same arguments, same checks, see
// gemm_args.h) run on the first CUDA device. Built only by scripts/native/build-cuda.mjs
// when CG_CUDA=1 and nvcc is found; loaded only when CG_BACKEND=cuda / setBackend('cuda').
//
// Each call copies the touched part of A and B to the device, C too unless beta == 0,
// multiplies, and copies C's m x n rows back (2D copies, so the gaps of a view with
// ldc > n are left alone). With cuBLAS (CG_CUBLAS, when the toolkit has it) the product is
// cublasDgemm/cublasSgemm on the row-major data read as column-major transposes; without
// it a 16x16 shared-memory tiled kernel does the work.
//
//   gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc) -> undefined
//   info() -> { devices, device?, computeCapability?, runtime?, kernel, error? }

#include <napi.h>
#include <cuda_runtime.h>
#ifdef CG_CUBLAS
#include <cublas_v2.h>
#endif

#include <string>

#include "gemm_args.h"

namespace {

void check(const Napi::Env& env, cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw Napi::Error::New(env, std::string("cuda: ") + what + ": " + cudaGetErrorString(err));
}

#ifdef CG_CUBLAS
void checkBlas(const Napi::Env& env, cublasStatus_t st, const char* what) {
  if (st != CUBLAS_STATUS_SUCCESS) throw Napi::Error::New(env, std::string("cuda: ") + what + " failed (cublas status " + std::to_string(static_cast<int>(st)) + ")");
}
cublasHandle_t handle = nullptr;
#endif

// Grow-only device buffers for A, B and C, kept for the life of the process.
struct DeviceBuf {
  void* ptr = nullptr;
  size_t bytes = 0;
  void* get(const Napi::Env& env, size_t need) {
    if (need <= bytes) return ptr;
    if (ptr) cudaFree(ptr);
    ptr = nullptr;
    bytes = 0;
    check(env, cudaMalloc(&ptr, need), "cudaMalloc");
    bytes = need;
    return ptr;
  }
};
DeviceBuf bufA, bufB, bufC;

#ifndef CG_CUBLAS
constexpr int TILE = 16;

// C = alpha * op(A) * op(B) + beta * C, row-major, one output element per thread.
template <typename T>
__global__ void tiledGemm(bool ta, bool tb, int m, int n, int k, T alpha, const T* __restrict__ A, int lda,
                          const T* __restrict__ B, int ldb, T beta, T* __restrict__ C, int ldc) {
  __shared__ T As[TILE][TILE + 1];
  __shared__ T Bs[TILE][TILE + 1];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int row = blockIdx.y * TILE + ty, col = blockIdx.x * TILE + tx;
  T acc = 0;
  for (int p0 = 0; p0 < k; p0 += TILE) {
    const int pa = p0 + tx, pb = p0 + ty;
    As[ty][tx] = (row < m && pa < k) ? (ta ? A[(size_t)pa * lda + row] : A[(size_t)row * lda + pa]) : T(0);
    Bs[ty][tx] = (pb < k && col < n) ? (tb ? B[(size_t)col * ldb + pb] : B[(size_t)pb * ldb + col]) : T(0);
    __syncthreads();
#pragma unroll
    for (int q = 0; q < TILE; q++) acc += As[ty][q] * Bs[q][tx];
    __syncthreads();
  }
  if (row < m && col < n) {
    T* c = C + (size_t)row * ldc + col;
    *c = beta == T(0) ? alpha * acc : alpha * acc + beta * *c;
  }
}
#endif

template <typename T>
void run(const Napi::Env& env, const cg::GemmArgs& g) {
  const size_t es = sizeof(T);
  T* dA = static_cast<T*>(bufA.get(env, g.A.span * es));
  T* dB = static_cast<T*>(bufB.get(env, g.B.span * es));
  T* dC = static_cast<T*>(bufC.get(env, g.C.span * es));
  if (g.A.span) check(env, cudaMemcpy(dA, g.A.data, g.A.span * es, cudaMemcpyHostToDevice), "copy A");
  if (g.B.span) check(env, cudaMemcpy(dB, g.B.data, g.B.span * es, cudaMemcpyHostToDevice), "copy B");
  if (g.beta != 0) {
    check(env, cudaMemcpy2D(dC, g.C.ld * es, g.C.data, g.C.ld * es, g.n * es, g.m, cudaMemcpyHostToDevice), "copy C");
  }
  const int m = static_cast<int>(g.m), n = static_cast<int>(g.n), k = static_cast<int>(g.k);
  const int lda = static_cast<int>(g.A.ld), ldb = static_cast<int>(g.B.ld), ldc = static_cast<int>(g.C.ld);
  const T alpha = static_cast<T>(g.alpha), beta = static_cast<T>(g.beta);
#ifdef CG_CUBLAS
  if (!handle) checkBlas(env, cublasCreate(&handle), "cublasCreate");
  // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: swap the operands.
  const cublasOperation_t opA = g.transA ? CUBLAS_OP_T : CUBLAS_OP_N, opB = g.transB ? CUBLAS_OP_T : CUBLAS_OP_N;
  if constexpr (sizeof(T) == sizeof(double)) {
    checkBlas(env, cublasDgemm(handle, opB, opA, n, m, k, &alpha, dB, ldb, dA, lda, &beta, dC, ldc), "cublasDgemm");
  } else {
    checkBlas(env, cublasSgemm(handle, opB, opA, n, m, k, &alpha, dB, ldb, dA, lda, &beta, dC, ldc), "cublasSgemm");
  }
#else
  const dim3 block(TILE, TILE), grid((n + TILE - 1) / TILE, (m + TILE - 1) / TILE);
  tiledGemm<T><<<grid, block>>>(g.transA, g.transB, m, n, k, alpha, dA, lda, dB, ldb, beta, dC, ldc);
  check(env, cudaGetLastError(), "kernel launch");
#endif
  check(env, cudaMemcpy2D(g.C.data, g.C.ld * es, dC, g.C.ld * es, g.n * es, g.m, cudaMemcpyDeviceToHost), "copy C back");
}

Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const cg::GemmArgs g = cg::parseGemmArgs(info);
  if (g.m == 0 || g.n == 0) return info.Env().Undefined();
  if (g.dtype == cg::DType::F64) run<double>(info.Env(), g);
  else run<float>(info.Env(), g);
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
#ifdef CG_CUBLAS
  out.Set("kernel", "cuBLAS");
#else
  out.Set("kernel", "tiled 16x16 kernel (no cuBLAS at build time)");
#endif
  int count = 0;
  cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    out.Set("devices", 0);
    out.Set("error", cudaGetErrorString(err));
    return out;
  }
  out.Set("devices", count);
  int runtime = 0;
  if (cudaRuntimeGetVersion(&runtime) == cudaSuccess) out.Set("runtime", runtime);
  if (count > 0) {
    cudaDeviceProp prop;
    if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess) {
      out.Set("device", prop.name);
      out.Set("computeCapability", std::to_string(prop.major) + "." + std::to_string(prop.minor));
    }
  }
  return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemm", Napi::Function::New(env, Gemm, "gemm"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  return exports;
}

}  // namespace

NODE_API_MODULE(cg_cuda, Init)
