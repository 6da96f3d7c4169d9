// cg's elementwise training kernels, one pass over memory each, as plain loops the compiler
// vectorises (build with -fopt-info-vec-optimized to see which: scripts/native/vec-report.mjs).
// The TypeScript reference with the same signatures and the same arithmetic is
// src/native/elementwise.ts; tests/native/elementwise.test.ts checks they agree.
//
// Arithmetic: for float32 data every kernel but the transcendental ones computes in double
// and rounds once when it stores, exactly as the TypeScript loops do on a Float32Array, so
// the two agree bit for bit. tanh, sigmoid and softmax call libm (exp, log, tanh), which may
// differ from V8's in the last bit.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
// One copy per ISA, picked at load time (ifunc): AVX2 lanes where the CPU has them,
// SSE2 (the x86-64 baseline) elsewhere.
#define CG_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CG_CLONES
#endif

namespace cg::ew {

// Activation kinds, shared with src/native/elementwise.ts (ACT).
enum Act : int { kIdentity = 0, kRelu = 1, kTanh = 2, kSigmoid = 3, kSign = 4 };

template <typename T>
inline T reluOf(T v) {
  // (v + |v|)/2 in double, exactly the TypeScript loop: negatives and -0 give +0, NaN and
  // -Infinity give NaN (and, in float64 as in TypeScript, v > 8.9e307 overflows to Infinity).
  const double d = static_cast<double>(v);
  return static_cast<T>((d + std::fabs(d)) * 0.5);
}

template <typename T>
inline double sigmoidOf(T v) {
  if (v >= 0) return 1.0 / (1.0 + std::exp(-static_cast<double>(v)));
  const double e = std::exp(static_cast<double>(v));
  return e / (1.0 + e);
}

// c[r, j] += bias[j] (bias may be null), then out = act(c): the pre-activation stays stored
// (for a NaN's diagnosis) and the bias and activation take one pass. out may be c.
template <typename T>
CG_CLONES void biasRelu(T* c, const T* bias, T* out, size_t rows, size_t cols) {
  for (size_t r = 0; r < rows; r++) {
    T* row = c + r * cols;
    T* o = out + r * cols;
    if (bias) {
      for (size_t j = 0; j < cols; j++) {
        const T x = static_cast<T>(static_cast<double>(row[j]) + bias[j]);
        row[j] = x;
        o[j] = reluOf<T>(x);
      }
    } else {
      for (size_t j = 0; j < cols; j++) o[j] = reluOf<T>(row[j]);
    }
  }
}

template <typename T>
void biasAct(int act, T* c, const T* bias, T* out, size_t rows, size_t cols) {
  if (act == kRelu) return biasRelu(c, bias, out, rows, cols);
  for (size_t r = 0; r < rows; r++) {
    T* row = c + r * cols;
    T* o = out + r * cols;
    for (size_t j = 0; j < cols; j++) {
      const T x = bias ? static_cast<T>(static_cast<double>(row[j]) + bias[j]) : row[j];
      row[j] = x;
      o[j] = act == kTanh ? static_cast<T>(std::tanh(static_cast<double>(x)))
             : act == kSigmoid ? static_cast<T>(sigmoidOf<double>(x))
                               : x;
    }
  }
}

template <typename T>
CG_CLONES void reluForward(const T* x, T* o, size_t n) {
  for (size_t i = 0; i < n; i++) o[i] = reluOf<T>(x[i]);
}

template <typename T>
void actForward(int act, const T* x, T* o, size_t n) {
  if (act == kRelu) return reluForward(x, o, n);
  if (act == kTanh) {
    for (size_t i = 0; i < n; i++) o[i] = static_cast<T>(std::tanh(static_cast<double>(x[i])));
  } else if (act == kSigmoid) {
    for (size_t i = 0; i < n; i++) o[i] = static_cast<T>(sigmoidOf<T>(x[i]));
  } else {
    if (o != x) std::memmove(o, x, n * sizeof(T));
  }
}

// out = g * act'(y), from the activation's output y: relu (y > 0), sign(y), 1 - y², y(1 - y).
template <typename T>
CG_CLONES void reluBackward(const T* g, const T* y, T* o, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const T mask = y[i] > T(0) ? T(1) : T(0);  // a select, not a branch: the loop vectorises
    o[i] = g[i] * mask;
  }
}

template <typename T>
CG_CLONES void signBackward(const T* g, const T* y, T* o, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const T s = static_cast<T>((y[i] > T(0)) - (y[i] < T(0)));
    o[i] = g[i] * s;
  }
}

template <typename T>
CG_CLONES void tanhBackward(const T* g, const T* y, T* o, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const double v = y[i];
    o[i] = static_cast<T>(static_cast<double>(g[i]) * (1.0 - v * v));
  }
}

template <typename T>
CG_CLONES void sigmoidBackward(const T* g, const T* y, T* o, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const double v = y[i];
    o[i] = static_cast<T>(static_cast<double>(g[i]) * (v * (1.0 - v)));
  }
}

template <typename T>
void actBackward(int act, const T* g, const T* y, T* o, size_t n) {
  switch (act) {
    case kRelu: return reluBackward(g, y, o, n);
    case kSign: return signBackward(g, y, o, n);
    case kTanh: return tanhBackward(g, y, o, n);
    case kSigmoid: return sigmoidBackward(g, y, o, n);
    default:
      if (o != g) std::memmove(o, g, n * sizeof(T));
  }
}

// Mean over rows of the cross-entropy between targets y and softmax(z) (as
// src/native/loss-kernels.ts), and, when dz is given, dz = scale·(softmax(z)·Σy - y).
template <typename T>
double softmaxCrossEntropy(const T* z, const T* y, size_t rows, size_t cols, T* dz, double scale) {
  double total = 0;
  for (size_t r = 0; r < rows; r++) {
    const T* zr = z + r * cols;
    const T* yr = y + r * cols;
    double mx = -INFINITY;
    for (size_t j = 0; j < cols; j++) mx = zr[j] > mx ? static_cast<double>(zr[j]) : mx;
    double s = 0;
    for (size_t j = 0; j < cols; j++) s += std::exp(zr[j] - mx);
    const double lse = mx == -INFINITY || mx == INFINITY ? mx : mx + std::log(s);
    double sy = 0, syz = 0;
    for (size_t j = 0; j < cols; j++) {
      if (yr[j] == 0) continue;  // 0·(-inf) would be NaN; a zero target contributes nothing
      sy += yr[j];
      syz += static_cast<double>(yr[j]) * zr[j];
    }
    total += sy == 0 ? 0 : lse * sy - syz;
    if (dz) {
      T* dr = dz + r * cols;
      for (size_t j = 0; j < cols; j++) {
        const double p = std::exp(zr[j] - lse);
        dr[j] = static_cast<T>(scale * (p * sy - yr[j]));
      }
    }
  }
  return rows ? total / static_cast<double>(rows) : 0;
}

// dst row i = src row idx[i] (rows of `cols` entries).
template <typename T>
void gatherRows(const T* src, size_t cols, const int32_t* idx, size_t rows, T* dst) {
  for (size_t i = 0; i < rows; i++) std::memcpy(dst + i * cols, src + static_cast<size_t>(idx[i]) * cols, cols * sizeof(T));
}

// The optimizer updates of src/nn/optim.ts, on [lo, hi). Each returns false when a gradient
// entry was NaN or infinite (d·0 is NaN exactly then; an integer OR, unlike a floating-point
// sum, lets the loop vectorise without -ffast-math).

// w -= lr·(g + wd·w)
template <typename T>
CG_CLONES bool sgd(T* w, const T* g, double lr, double wd, size_t lo, size_t hi) {
  unsigned bad = 0;
  if (wd == 0) {
    for (size_t i = lo; i < hi; i++) {
      const double d = g[i];
      const double z = d * 0;
      bad |= z != z;
      w[i] = static_cast<T>(w[i] - lr * d);
    }
  } else {
    for (size_t i = lo; i < hi; i++) {
      const double d = g[i];
      const double z = d * 0;
      bad |= z != z;
      w[i] = static_cast<T>(w[i] - lr * (d + wd * w[i]));
    }
  }
  return bad == 0;
}

// d = g + wd·w; v = mu·v + d; w -= lr·v. g null: d = wd·w (the folded form, where v already
// holds mu·v + ∂w).
template <typename T>
CG_CLONES bool momentum(T* w, const T* g, T* vel, double lr, double mu, double wd, size_t lo, size_t hi) {
  unsigned bad = 0;
  if (g) {
    for (size_t i = lo; i < hi; i++) {
      const double d = g[i] + wd * w[i];
      const double z = d * 0;
      bad |= z != z;
      const double v = mu * vel[i] + d;
      vel[i] = static_cast<T>(v);
      w[i] = static_cast<T>(w[i] - lr * v);
    }
  } else {
    for (size_t i = lo; i < hi; i++) {
      const double v = vel[i] + wd * w[i];
      const double z = v * 0;
      bad |= z != z;
      vel[i] = static_cast<T>(v);
      w[i] = static_cast<T>(w[i] - lr * v);
    }
  }
  return bad == 0;
}

// torch.optim.Adam (decoupled = false: weight decay in the gradient) or AdamW (decoupled:
// w -= lrWd·w first). stepSize = lr / (1 - b1^t), sqrtBc2 = sqrt(1 - b2^t).
// Unlike the other kernels, Adam computes in the data's own precision (float for float32,
// as PyTorch does): its sqrt and division in double ran 3.4x slower, and Adam is then
// compute-bound; float32 results differ from the TypeScript reference by rounding only.
template <typename T>
CG_CLONES bool adam(T* w, const T* g, T* m, T* v, double stepSizeD, double sqrtBc2D, double b1D, double b2D, double epsD,
                    double wdD, double lrWdD, bool decoupled, size_t lo, size_t hi) {
  const T stepSize = static_cast<T>(stepSizeD), sqrtBc2 = static_cast<T>(sqrtBc2D), b1 = static_cast<T>(b1D),
          b2 = static_cast<T>(b2D), eps = static_cast<T>(epsD), wd = static_cast<T>(wdD), lrWd = static_cast<T>(lrWdD);
  const T c1 = static_cast<T>(1 - b1D), c2 = static_cast<T>(1 - b2D);
  unsigned bad = 0;
  if (!decoupled) {
    for (size_t i = lo; i < hi; i++) {
      const T d = g[i] + wd * w[i];
      const T z = d * 0;
      bad |= z != z;
      const T mi = b1 * m[i] + c1 * d;
      const T vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] - (stepSize * mi) / (std::sqrt(vi) / sqrtBc2 + eps);
    }
  } else {
    for (size_t i = lo; i < hi; i++) {
      const T d = g[i];
      const T z = d * 0;
      bad |= z != z;
      const T mi = b1 * m[i] + c1 * d;
      const T vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      const T wi = w[i] - lrWd * w[i];
      w[i] = wi - (stepSize * mi) / (std::sqrt(vi) / sqrtBc2 + eps);
    }
  }
  return bad == 0;
}

}  // namespace cg::ew
