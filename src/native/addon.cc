// cg native kernels on OpenBLAS: row-major gemm that reads and writes the caller's typed
// arrays in place (no copies; a subarray view is used at its byteOffset).
//
//   gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc) -> undefined
//     see gemm_args.h for the contract and the checks
//   info() -> { config, corename, threads }
//   setThreads(n) -> threads now in use
//   biasAct, act, actBackward, softmaxCE, gatherRows, sgd, momentum, adam: the elementwise
//     training kernels, see elementwise.cc
//
// OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS are read by libopenblas when it is loaded,
// i.e. when this addon is loaded: src/native/index.ts sets them before it requires us.

#include <napi.h>
#include <cblas.h>  // OpenBLAS's: also declares openblas_get_config() and friends

#include "gemm_args.h"

namespace cg {
void registerElementwise(Napi::Env env, Napi::Object exports);  // elementwise.cc
}

namespace {

Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const cg::GemmArgs g = cg::parseGemmArgs(info);
  if (g.m == 0 || g.n == 0) return info.Env().Undefined();
  const CBLAS_TRANSPOSE ta = g.transA ? CblasTrans : CblasNoTrans;
  const CBLAS_TRANSPOSE tb = g.transB ? CblasTrans : CblasNoTrans;
  const int m = static_cast<int>(g.m), n = static_cast<int>(g.n), k = static_cast<int>(g.k);
  const int lda = static_cast<int>(g.A.ld), ldb = static_cast<int>(g.B.ld), ldc = static_cast<int>(g.C.ld);
  if (g.dtype == cg::DType::F64) {
    cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, g.alpha, static_cast<const double*>(g.A.data), lda,
                static_cast<const double*>(g.B.data), ldb, g.beta, static_cast<double*>(g.C.data), ldc);
  } else {
    cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, static_cast<float>(g.alpha), static_cast<const float*>(g.A.data),
                lda, static_cast<const float*>(g.B.data), ldb, static_cast<float>(g.beta),
                static_cast<float*>(g.C.data), ldc);
  }
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  const char* config = openblas_get_config();
  const char* core = openblas_get_corename();
  out.Set("config", Napi::String::New(env, config ? config : ""));
  out.Set("corename", Napi::String::New(env, core ? core : ""));
  out.Set("threads", Napi::Number::New(env, openblas_get_num_threads()));
  return out;
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "setThreads: expected one number");
  const double v = info[0].As<Napi::Number>().DoubleValue();
  if (!(v >= 1 && v <= 1024) || v != static_cast<double>(static_cast<int>(v))) {
    throw Napi::RangeError::New(env, "setThreads: thread count must be an integer in [1, 1024]");
  }
  openblas_set_num_threads(static_cast<int>(v));
  return Napi::Number::New(env, openblas_get_num_threads());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemm", Napi::Function::New(env, Gemm, "gemm"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  cg::registerElementwise(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(cg_native, Init)
