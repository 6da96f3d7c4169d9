// N-API bindings of the elementwise training kernels (elementwise.h). Signatures are those of
// the TypeScript reference, src/native/elementwise.ts:
//
//   biasAct(act, C, bias|null, rows, cols, out)     C += bias row; out = act(C) (out may be C)
//   act(act, x, out, n)                              out = act(x)
//   actBackward(act, g, y, out, n)                   out = g · act'(y), from the output y
//   softmaxCE(z, y, rows, cols, dz|null, scale) -> loss; dz = scale·(softmax(z)·Σy - y)
//   gatherRows(src, cols, idx: Int32Array, start, rows, dst)   dst row i = src row idx[start + i]
//   sgd(w, g, lr, wd) -> finite?
//   momentum(w, g|null, v, lr, mu, wd) -> finite?
//   adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) -> finite?
//
// Arrays are all Float32Array or all Float64Array (one call); every length and index is
// checked before a loop runs, so no call reads or writes outside its arrays. The optimizer
// updates split across threads when they are large enough to pay (THREAD_MIN entries).
#include <napi.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "elementwise.h"

namespace {

using cg::ew::Act;

struct Arr {
  bool f64 = false;
  void* data = nullptr;
  size_t length = 0;
  bool present = false;
};

[[noreturn]] void typeError(const Napi::Env& env, const char* fn, const std::string& msg) {
  throw Napi::TypeError::New(env, std::string(fn) + ": " + msg);
}
[[noreturn]] void rangeError(const Napi::Env& env, const char* fn, const std::string& msg) {
  throw Napi::RangeError::New(env, std::string(fn) + ": " + msg);
}

void arity(const Napi::CallbackInfo& info, const char* fn, size_t n) {
  if (info.Length() != n) typeError(info.Env(), fn, "expected " + std::to_string(n) + " arguments, got " + std::to_string(info.Length()));
}

Arr floatArg(const Napi::CallbackInfo& info, const char* fn, size_t i, const char* name, bool nullable = false) {
  const Napi::Env env = info.Env();
  Arr a;
  if (nullable && info[i].IsNull()) return a;
  if (!info[i].IsTypedArray()) typeError(env, fn, std::string(name) + " must be a Float32Array or Float64Array");
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, info[i], &type, &a.length, &a.data, nullptr, nullptr) != napi_ok) {
    typeError(env, fn, std::string("cannot read ") + name);
  }
  if (type != napi_float32_array && type != napi_float64_array) typeError(env, fn, std::string(name) + " must be a Float32Array or Float64Array");
  if (a.data == nullptr && a.length > 0) typeError(env, fn, std::string(name) + " is detached");
  a.f64 = type == napi_float64_array;
  a.present = true;
  return a;
}

double num(const Napi::CallbackInfo& info, const char* fn, size_t i, const char* name) {
  if (!info[i].IsNumber()) typeError(info.Env(), fn, std::string(name) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

size_t count(const Napi::CallbackInfo& info, const char* fn, size_t i, const char* name) {
  const double v = num(info, fn, i, name);
  if (!(v >= 0 && v <= 9007199254740991.0) || v != static_cast<double>(static_cast<int64_t>(v))) {
    rangeError(info.Env(), fn, std::string(name) + " must be a non-negative integer, got " + info[i].ToString().Utf8Value());
  }
  return static_cast<size_t>(v);
}

int actArg(const Napi::CallbackInfo& info, const char* fn, size_t i) {
  const size_t a = count(info, fn, i, "act");
  if (a > cg::ew::kSign) rangeError(info.Env(), fn, "act must be 0..4 (identity, relu, tanh, sigmoid, sign)");
  return static_cast<int>(a);
}

// All present arrays have one dtype, and each holds at least `need` entries.
void check(const Napi::Env& env, const char* fn, std::initializer_list<std::pair<const Arr*, size_t>> arrs, std::initializer_list<const char*> names) {
  const Arr* first = nullptr;
  auto name = names.begin();
  for (const auto& [a, need] : arrs) {
    const char* nm = *name++;
    if (!a->present) continue;
    if (first && first->f64 != a->f64) typeError(env, fn, "arrays must all be Float32Array or all Float64Array");
    first = first ? first : a;
    if (a->length < need) {
      rangeError(env, fn, std::string(nm) + " has " + std::to_string(a->length) + " entries, needs " + std::to_string(need));
    }
  }
}

size_t product(const Napi::Env& env, const char* fn, size_t a, size_t b) {
  if (b != 0 && a > SIZE_MAX / 8 / b) rangeError(env, fn, "size overflows");
  return a * b;
}

// A few persistent workers for the large optimizer updates: spawning a thread per call
// (~20-50 us) would eat what the split wins; waking a waiting one costs a few us.
class Pool {
 public:
  static Pool& get() {
    static Pool* p = new Pool();  // never destroyed: workers may outlive static teardown
    return *p;
  }
  size_t size() const { return workers_.size() + 1; }
  // Runs f(part) for part in [0, parts), part 0 on the calling thread.
  void run(size_t parts, const std::function<void(size_t)>& f) {
    parts = std::min(parts, size());
    if (parts <= 1) return f(0);
    std::lock_guard<std::mutex> one(runMu_);  // one job at a time (e.g. addon calls from worker threads)
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = &f;
      parts_ = parts;
      pending_ = parts - 1;
      generation_++;
    }
    cv_.notify_all();
    f(0);
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return pending_ == 0; });
    job_ = nullptr;
  }

 private:
  Pool() {
    unsigned hw = std::thread::hardware_concurrency();
    const size_t n = std::min<size_t>(hw > 1 ? hw - 1 : 0, 7);
    for (size_t i = 0; i < n; i++) {
      workers_.emplace_back([this, i] { loop(i + 1); });
      workers_.back().detach();
    }
  }
  void loop(size_t id) {
    uint64_t seen = 0;
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (id >= parts_) continue;
      const auto* job = job_;
      lock.unlock();
      (*job)(id);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }
  std::vector<std::thread> workers_;
  std::mutex runMu_, mu_;
  std::condition_variable cv_, done_;
  const std::function<void(size_t)>* job_ = nullptr;
  size_t parts_ = 0, pending_ = 0;
  uint64_t generation_ = 0;
};

// Below this many entries an update stays on one thread (measured: bench/train, Adam).
size_t threadMin = 1u << 18;

// f(lo, hi) -> bool over [0, n), split in aligned chunks across the pool when n is large.
template <typename F>
bool split(size_t n, F f) {
  const size_t parts = n >= threadMin ? Pool::get().size() : 1;
  if (parts <= 1) return f(size_t(0), n);
  std::atomic<bool> ok{true};
  const size_t chunk = ((n + parts - 1) / parts + 15) & ~size_t(15);
  Pool::get().run(parts, [&](size_t p) {
    const size_t lo = std::min(n, p * chunk), hi = std::min(n, lo + chunk);
    if (lo < hi && !f(lo, hi)) ok = false;
  });
  return ok;
}

#define DISPATCH(a, F32, F64) ((a).f64 ? (F64) : (F32))

Napi::Value BiasAct(const Napi::CallbackInfo& info) {
  const char* fn = "biasAct";
  arity(info, fn, 6);
  const Napi::Env env = info.Env();
  const int act = actArg(info, fn, 0);
  if (act == cg::ew::kSign) rangeError(env, fn, "act sign has no forward kernel");
  Arr c = floatArg(info, fn, 1, "C"), b = floatArg(info, fn, 2, "bias", true);
  const size_t rows = count(info, fn, 3, "rows"), cols = count(info, fn, 4, "cols");
  Arr o = floatArg(info, fn, 5, "out");
  const size_t n = product(env, fn, rows, cols);
  check(env, fn, {{&c, n}, {&b, cols}, {&o, n}}, {"C", "bias", "out"});
  if (c.f64) cg::ew::biasAct<double>(act, static_cast<double*>(c.data), static_cast<const double*>(b.data), static_cast<double*>(o.data), rows, cols);
  else cg::ew::biasAct<float>(act, static_cast<float*>(c.data), static_cast<const float*>(b.data), static_cast<float*>(o.data), rows, cols);
  return env.Undefined();
}

Napi::Value ActForward(const Napi::CallbackInfo& info) {
  const char* fn = "act";
  arity(info, fn, 4);
  const Napi::Env env = info.Env();
  const int act = actArg(info, fn, 0);
  if (act == cg::ew::kSign) rangeError(env, fn, "act sign has no forward kernel");
  Arr x = floatArg(info, fn, 1, "x"), o = floatArg(info, fn, 2, "out");
  const size_t n = count(info, fn, 3, "n");
  check(env, fn, {{&x, n}, {&o, n}}, {"x", "out"});
  if (x.f64) cg::ew::actForward<double>(act, static_cast<const double*>(x.data), static_cast<double*>(o.data), n);
  else cg::ew::actForward<float>(act, static_cast<const float*>(x.data), static_cast<float*>(o.data), n);
  return env.Undefined();
}

Napi::Value ActBackward(const Napi::CallbackInfo& info) {
  const char* fn = "actBackward";
  arity(info, fn, 5);
  const Napi::Env env = info.Env();
  const int act = actArg(info, fn, 0);
  Arr g = floatArg(info, fn, 1, "g"), y = floatArg(info, fn, 2, "y"), o = floatArg(info, fn, 3, "out");
  const size_t n = count(info, fn, 4, "n");
  check(env, fn, {{&g, n}, {&y, n}, {&o, n}}, {"g", "y", "out"});
  if (g.f64) {
    cg::ew::actBackward<double>(act, static_cast<const double*>(g.data), static_cast<const double*>(y.data), static_cast<double*>(o.data), n);
  } else {
    cg::ew::actBackward<float>(act, static_cast<const float*>(g.data), static_cast<const float*>(y.data), static_cast<float*>(o.data), n);
  }
  return env.Undefined();
}

Napi::Value SoftmaxCE(const Napi::CallbackInfo& info) {
  const char* fn = "softmaxCE";
  arity(info, fn, 6);
  const Napi::Env env = info.Env();
  Arr z = floatArg(info, fn, 0, "z"), y = floatArg(info, fn, 1, "y");
  const size_t rows = count(info, fn, 2, "rows"), cols = count(info, fn, 3, "cols");
  Arr dz = floatArg(info, fn, 4, "dz", true);
  const double scale = num(info, fn, 5, "scale");
  const size_t n = product(env, fn, rows, cols);
  check(env, fn, {{&z, n}, {&y, n}, {&dz, n}}, {"z", "y", "dz"});
  const double loss = z.f64
      ? cg::ew::softmaxCrossEntropy<double>(static_cast<const double*>(z.data), static_cast<const double*>(y.data), rows, cols, static_cast<double*>(dz.data), scale)
      : cg::ew::softmaxCrossEntropy<float>(static_cast<const float*>(z.data), static_cast<const float*>(y.data), rows, cols, static_cast<float*>(dz.data), scale);
  return Napi::Number::New(env, loss);
}

Napi::Value GatherRows(const Napi::CallbackInfo& info) {
  const char* fn = "gatherRows";
  arity(info, fn, 6);
  const Napi::Env env = info.Env();
  Arr src = floatArg(info, fn, 0, "src");
  const size_t cols = count(info, fn, 1, "cols");
  if (!info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    typeError(env, fn, "idx must be an Int32Array");
  }
  Napi::Int32Array idx = info[2].As<Napi::Int32Array>();
  const size_t start = count(info, fn, 3, "start"), rows = count(info, fn, 4, "rows");
  Arr dst = floatArg(info, fn, 5, "dst");
  if (start > idx.ElementLength() || rows > idx.ElementLength() - start) {
    rangeError(env, fn, "idx has " + std::to_string(idx.ElementLength()) + " entries, needs " + std::to_string(start) + " + " + std::to_string(rows));
  }
  check(env, fn, {{&src, 0}, {&dst, product(env, fn, rows, cols)}}, {"src", "dst"});
  if (cols == 0 || rows == 0) return env.Undefined();
  const int32_t* ix = idx.Data() + start;
  const size_t srcRows = cols ? src.length / cols : 0;
  for (size_t i = 0; i < rows; i++) {
    if (ix[i] < 0 || static_cast<size_t>(ix[i]) >= srcRows) {
      rangeError(env, fn, "idx[" + std::to_string(start + i) + "] = " + std::to_string(ix[i]) + " is not a row of src (" + std::to_string(srcRows) + " rows)");
    }
  }
  if (src.f64) cg::ew::gatherRows<double>(static_cast<const double*>(src.data), cols, ix, rows, static_cast<double*>(dst.data));
  else cg::ew::gatherRows<float>(static_cast<const float*>(src.data), cols, ix, rows, static_cast<float*>(dst.data));
  return env.Undefined();
}

Napi::Value Sgd(const Napi::CallbackInfo& info) {
  const char* fn = "sgd";
  arity(info, fn, 4);
  const Napi::Env env = info.Env();
  Arr w = floatArg(info, fn, 0, "w"), g = floatArg(info, fn, 1, "g");
  const double lr = num(info, fn, 2, "lr"), wd = num(info, fn, 3, "wd");
  const size_t n = w.length;
  check(env, fn, {{&w, n}, {&g, n}}, {"w", "g"});
  const bool ok = DISPATCH(w,
      split(n, [&](size_t lo, size_t hi) { return cg::ew::sgd<float>(static_cast<float*>(w.data), static_cast<const float*>(g.data), lr, wd, lo, hi); }),
      split(n, [&](size_t lo, size_t hi) { return cg::ew::sgd<double>(static_cast<double*>(w.data), static_cast<const double*>(g.data), lr, wd, lo, hi); }));
  return Napi::Boolean::New(env, ok);
}

Napi::Value Momentum(const Napi::CallbackInfo& info) {
  const char* fn = "momentum";
  arity(info, fn, 6);
  const Napi::Env env = info.Env();
  Arr w = floatArg(info, fn, 0, "w"), g = floatArg(info, fn, 1, "g", true), v = floatArg(info, fn, 2, "v");
  const double lr = num(info, fn, 3, "lr"), mu = num(info, fn, 4, "mu"), wd = num(info, fn, 5, "wd");
  const size_t n = w.length;
  check(env, fn, {{&w, n}, {&g, n}, {&v, n}}, {"w", "g", "v"});
  const bool ok = DISPATCH(w,
      split(n, [&](size_t lo, size_t hi) { return cg::ew::momentum<float>(static_cast<float*>(w.data), static_cast<const float*>(g.data), static_cast<float*>(v.data), lr, mu, wd, lo, hi); }),
      split(n, [&](size_t lo, size_t hi) { return cg::ew::momentum<double>(static_cast<double*>(w.data), static_cast<const double*>(g.data), static_cast<double*>(v.data), lr, mu, wd, lo, hi); }));
  return Napi::Boolean::New(env, ok);
}

Napi::Value Adam(const Napi::CallbackInfo& info) {
  const char* fn = "adam";
  arity(info, fn, 11);
  const Napi::Env env = info.Env();
  Arr w = floatArg(info, fn, 0, "w"), g = floatArg(info, fn, 1, "g"), m = floatArg(info, fn, 2, "m"), v = floatArg(info, fn, 3, "v");
  const double stepSize = num(info, fn, 4, "stepSize"), sqrtBc2 = num(info, fn, 5, "sqrtBc2");
  const double b1 = num(info, fn, 6, "b1"), b2 = num(info, fn, 7, "b2"), eps = num(info, fn, 8, "eps"), wd = num(info, fn, 9, "wd");
  if (!info[10].IsBoolean()) typeError(env, fn, "decoupled must be a boolean");
  const bool decoupled = info[10].As<Napi::Boolean>().Value();
  const size_t n = w.length;
  check(env, fn, {{&w, n}, {&g, n}, {&m, n}, {&v, n}}, {"w", "g", "m", "v"});
  // AdamW's decay is lr·wd·w; lr = stepSize·(1 - b1^t) is not known here, so the caller
  // passes wd already multiplied by lr when decoupled.
  const double lrWd = decoupled ? wd : 0, l2 = decoupled ? 0 : wd;
  const bool ok = DISPATCH(w,
      split(n, [&](size_t lo, size_t hi) {
        return cg::ew::adam<float>(static_cast<float*>(w.data), static_cast<const float*>(g.data), static_cast<float*>(m.data), static_cast<float*>(v.data),
                                   stepSize, sqrtBc2, b1, b2, eps, l2, lrWd, decoupled, lo, hi);
      }),
      split(n, [&](size_t lo, size_t hi) {
        return cg::ew::adam<double>(static_cast<double*>(w.data), static_cast<const double*>(g.data), static_cast<double*>(m.data), static_cast<double*>(v.data),
                                    stepSize, sqrtBc2, b1, b2, eps, l2, lrWd, decoupled, lo, hi);
      }));
  return Napi::Boolean::New(env, ok);
}

// setUpdateThreadMin(n): the size from which updates use the pool (for tests and benches).
Napi::Value SetUpdateThreadMin(const Napi::CallbackInfo& info) {
  arity(info, "setUpdateThreadMin", 1);
  threadMin = count(info, "setUpdateThreadMin", 0, "n");
  return Napi::Number::New(info.Env(), static_cast<double>(Pool::get().size()));
}

}  // namespace

namespace cg {

void registerElementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("biasAct", Napi::Function::New(env, BiasAct, "biasAct"));
  exports.Set("act", Napi::Function::New(env, ActForward, "act"));
  exports.Set("actBackward", Napi::Function::New(env, ActBackward, "actBackward"));
  exports.Set("softmaxCE", Napi::Function::New(env, SoftmaxCE, "softmaxCE"));
  exports.Set("gatherRows", Napi::Function::New(env, GatherRows, "gatherRows"));
  exports.Set("sgd", Napi::Function::New(env, Sgd, "sgd"));
  exports.Set("momentum", Napi::Function::New(env, Momentum, "momentum"));
  exports.Set("adam", Napi::Function::New(env, Adam, "adam"));
  exports.Set("setUpdateThreadMin", Napi::Function::New(env, SetUpdateThreadMin, "setUpdateThreadMin"));
}

}  // namespace cg
