// Argument checking shared by the OpenBLAS addon (addon.cc) and the CUDA addon (cuda.cu).
//
//   gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc)
//     C = alpha * op(A) * op(B) + beta * C, op(X) = X or X^T, row-major storage.
//     op(A) is m x k, op(B) is k x n, C is m x n. A, B, C are all Float64Array or all
//     Float32Array; a subarray view starts its matrix at the view's byteOffset.
//
// Every bad argument throws a JS TypeError or RangeError (C++ exceptions are enabled, so a
// thrown Napi::Error becomes a JS exception); nothing that could make a kernel read or write
// outside the arrays gets through.
#pragma once

#include <napi.h>

#include <climits>
#include <cstdint>
#include <string>

namespace cg {

enum class DType { F32, F64 };

struct Mat {
  DType dtype;
  void* data;       // first element (the view's byteOffset already applied)
  size_t length;    // elements in the view
  uint64_t rows, cols, ld;
  uint64_t span;    // elements from data that the matrix touches: (rows-1)*ld + cols
};

struct GemmArgs {
  bool transA, transB;
  int64_t m, n, k;
  double alpha, beta;
  DType dtype;
  Mat A, B, C;
  size_t elemSize() const { return dtype == DType::F64 ? sizeof(double) : sizeof(float); }
};

namespace detail {

inline const char* argName(size_t i) {
  static const char* const names[] = {"transA", "transB", "m", "n", "k", "alpha", "A",
                                      "lda", "B", "ldb", "beta", "C", "ldc"};
  return i < 13 ? names[i] : "?";
}

[[noreturn]] inline void typeError(const Napi::Env& env, const std::string& msg) {
  throw Napi::TypeError::New(env, "gemm: " + msg);
}
[[noreturn]] inline void rangeError(const Napi::Env& env, const std::string& msg) {
  throw Napi::RangeError::New(env, "gemm: " + msg);
}

inline bool getBool(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsBoolean()) typeError(info.Env(), std::string(argName(i)) + " must be a boolean");
  return info[i].As<Napi::Boolean>().Value();
}

inline double getNumber(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) typeError(info.Env(), std::string(argName(i)) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

// A dimension or leading dimension: an integer in [min, INT_MAX] (BLAS takes int).
inline int64_t getDim(const Napi::CallbackInfo& info, size_t i, int64_t min) {
  double v = getNumber(info, i);
  if (!(v >= static_cast<double>(min) && v <= static_cast<double>(INT_MAX)) ||
      v != static_cast<double>(static_cast<int64_t>(v))) {
    rangeError(info.Env(), std::string(argName(i)) + " must be an integer in [" + std::to_string(min) + ", " +
                               std::to_string(INT_MAX) + "], got " + info[i].ToString().Utf8Value());
  }
  return static_cast<int64_t>(v);
}

inline Mat getArray(const Napi::CallbackInfo& info, size_t i) {
  const Napi::Env env = info.Env();
  const std::string what = std::string(argName(i)) + " must be a Float64Array or Float32Array";
  if (!info[i].IsTypedArray()) typeError(env, what);
  napi_typedarray_type type;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_typedarray_info(env, info[i], &type, &length, &data, nullptr, nullptr) != napi_ok) {
    typeError(env, std::string("cannot read ") + argName(i));
  }
  DType dtype;
  if (type == napi_float64_array) dtype = DType::F64;
  else if (type == napi_float32_array) dtype = DType::F32;
  else typeError(env, what);
  if (data == nullptr && length > 0) typeError(env, std::string(argName(i)) + " is detached");
  return Mat{dtype, data, length, 0, 0, 0, 0};
}

// The stored matrix is rows x cols with leading dimension ld; it must fit in the view.
inline void fit(const Napi::Env& env, Mat& mat, const char* name, int64_t rows, int64_t cols, int64_t ld,
                const char* ldName) {
  const int64_t minLd = cols > 1 ? cols : 1;
  if (ld < minLd) {
    rangeError(env, std::string(ldName) + " = " + std::to_string(ld) + " is less than the " +
                        std::to_string(cols) + " columns of the stored " + name);
  }
  uint64_t need = 0;
  if (rows > 0 && cols > 0) need = static_cast<uint64_t>(rows - 1) * static_cast<uint64_t>(ld) + static_cast<uint64_t>(cols);
  if (need > mat.length) {
    rangeError(env, std::string(name) + " (" + std::to_string(rows) + "x" + std::to_string(cols) + ", " + ldName +
                        " " + std::to_string(ld) + ") needs " + std::to_string(need) +
                        " elements but the array has " + std::to_string(mat.length));
  }
  mat.rows = static_cast<uint64_t>(rows);
  mat.cols = static_cast<uint64_t>(cols);
  mat.ld = static_cast<uint64_t>(ld);
  mat.span = need;
}

inline bool overlaps(const Mat& a, const Mat& b, size_t elem) {
  const uintptr_t a0 = reinterpret_cast<uintptr_t>(a.data), a1 = a0 + a.span * elem;
  const uintptr_t b0 = reinterpret_cast<uintptr_t>(b.data), b1 = b0 + b.span * elem;
  return a.span > 0 && b.span > 0 && a0 < b1 && b0 < a1;
}

}  // namespace detail

inline GemmArgs parseGemmArgs(const Napi::CallbackInfo& info) {
  using namespace detail;
  const Napi::Env env = info.Env();
  if (info.Length() != 13) {
    typeError(env, "expected 13 arguments (transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc), got " +
                       std::to_string(info.Length()));
  }
  GemmArgs g;
  g.transA = getBool(info, 0);
  g.transB = getBool(info, 1);
  g.m = getDim(info, 2, 0);
  g.n = getDim(info, 3, 0);
  g.k = getDim(info, 4, 0);
  g.alpha = getNumber(info, 5);
  g.A = getArray(info, 6);
  const int64_t lda = getDim(info, 7, 1);
  g.B = getArray(info, 8);
  const int64_t ldb = getDim(info, 9, 1);
  g.beta = getNumber(info, 10);
  g.C = getArray(info, 11);
  const int64_t ldc = getDim(info, 12, 1);
  if (g.A.dtype != g.B.dtype || g.A.dtype != g.C.dtype) {
    typeError(env, "A, B and C must have the same dtype (all Float64Array or all Float32Array)");
  }
  g.dtype = g.A.dtype;
  // Stored shapes: A is m x k (k x m when transposed), B is k x n (n x k when transposed).
  fit(env, g.A, "A", g.transA ? g.k : g.m, g.transA ? g.m : g.k, lda, "lda");
  fit(env, g.B, "B", g.transB ? g.n : g.k, g.transB ? g.k : g.n, ldb, "ldb");
  fit(env, g.C, "C", g.m, g.n, ldc, "ldc");
  if (overlaps(g.C, g.A, g.elemSize()) || overlaps(g.C, g.B, g.elemSize())) {
    rangeError(env, "C must not overlap A or B");
  }
  return g;
}

}  // namespace cg
