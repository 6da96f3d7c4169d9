// cg native kernels on OpenBLAS: row-major gemm that reads and writes the caller's typed
// arrays in place (no copies; a subarray view is used at its byteOffset).
//
//   gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc) -> undefined
//     see gemm_args.h for the contract and the checks
//   info() -> { config, corename, threads }
//   setThreads(n) -> threads now in use
//   setGemmLibrary("auto" | "openblas" | "libxsmm") -> which library runs products (auto: by shape)
//   biasAct, act, actBackward, softmaxCE, gatherRows, sgd, momentum, adam: the elementwise
//     training kernels, see elementwise.cc
//
// OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS are read by libopenblas when it is loaded,
// i.e. when this addon is loaded: src/native/index.ts sets them before it requires us.

#include <napi.h>
#include <cblas.h>  // OpenBLAS's: also declares openblas_get_config() and friends

#include "gemm_args.h"

#ifdef CG_HAVE_XSMM
#include <libxsmm.h>
#endif

namespace cg {
void registerElementwise(Napi::Env env, Napi::Object exports);  // elementwise.cc
}

namespace {

// Which library runs a product. Narrow products (some dimension <= kXsmmNarrow: the step's
// k = 10 input gradient and its width-10 output layer) go to libxsmm's JIT kernels, which
// bench/kernels.mjs measured faster than OpenBLAS there; the rest to OpenBLAS. Tests force
// either library to hold both to the same results.
enum class Lib { Auto, OpenBlas, Xsmm };
Lib g_lib = Lib::Auto;
constexpr int64_t kXsmmNarrow = 16;

#ifdef CG_HAVE_XSMM
bool useXsmm(const cg::GemmArgs& g) {
  if (g_lib == Lib::OpenBlas) return false;
  if (g_lib == Lib::Xsmm) return true;
  return g.m <= kXsmmNarrow || g.n <= kXsmmNarrow || g.k <= kXsmmNarrow;
}

// libxsmm is column-major: row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ.
void xsmmGemm(const cg::GemmArgs& g) {
  const char ta = g.transB ? 'T' : 'N', tb = g.transA ? 'T' : 'N';
  const libxsmm_blasint m = static_cast<libxsmm_blasint>(g.n), n = static_cast<libxsmm_blasint>(g.m),
                        k = static_cast<libxsmm_blasint>(g.k);
  const libxsmm_blasint lda = static_cast<libxsmm_blasint>(g.B.ld), ldb = static_cast<libxsmm_blasint>(g.A.ld),
                        ldc = static_cast<libxsmm_blasint>(g.C.ld);
  if (g.dtype == cg::DType::F64) {
    const double alpha = g.alpha, beta = g.beta;
    libxsmm_dgemm(&ta, &tb, &m, &n, &k, &alpha, static_cast<const double*>(g.B.data), &lda,
                  static_cast<const double*>(g.A.data), &ldb, &beta, static_cast<double*>(g.C.data), &ldc);
  } else {
    const float alpha = static_cast<float>(g.alpha), beta = static_cast<float>(g.beta);
    libxsmm_sgemm(&ta, &tb, &m, &n, &k, &alpha, static_cast<const float*>(g.B.data), &lda,
                  static_cast<const float*>(g.A.data), &ldb, &beta, static_cast<float*>(g.C.data), &ldc);
  }
}
#endif

Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const cg::GemmArgs g = cg::parseGemmArgs(info);
  if (g.m == 0 || g.n == 0) return info.Env().Undefined();
#ifdef CG_HAVE_XSMM
  if (g.k > 0 && useXsmm(g)) {
    xsmmGemm(g);
    return info.Env().Undefined();
  }
#endif
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
#ifdef CG_HAVE_XSMM
  out.Set("xsmm", Napi::Boolean::New(env, true));
#else
  out.Set("xsmm", Napi::Boolean::New(env, false));
#endif
  out.Set("xsmmNarrow", Napi::Number::New(env, static_cast<double>(kXsmmNarrow)));
  out.Set("gemmLibrary", Napi::String::New(env, g_lib == Lib::Auto ? "auto" : g_lib == Lib::OpenBlas ? "openblas" : "libxsmm"));
  return out;
}

// setGemmLibrary("auto" | "openblas" | "libxsmm") -> the library now chosen.
Napi::Value SetGemmLibrary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string v = info.Length() == 1 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (v == "auto") g_lib = Lib::Auto;
  else if (v == "openblas") g_lib = Lib::OpenBlas;
#ifdef CG_HAVE_XSMM
  else if (v == "libxsmm") g_lib = Lib::Xsmm;
#else
  else if (v == "libxsmm") throw Napi::Error::New(env, "setGemmLibrary: this addon was built without libxsmm");
#endif
  else throw Napi::TypeError::New(env, "setGemmLibrary: expected \"auto\", \"openblas\" or \"libxsmm\"");
  return Napi::String::New(env, v);
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
  exports.Set("setGemmLibrary", Napi::Function::New(env, SetGemmLibrary, "setGemmLibrary"));
#ifdef CG_HAVE_XSMM
  libxsmm_init();
#endif
  cg::registerElementwise(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(cg_native, Init)
