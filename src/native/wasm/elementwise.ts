// cg's elementwise training kernels in WebAssembly (AssemblyScript; compiled into kernels.wasm
// with the gemm, see kernels.ts). The same loops and the same arithmetic as the TypeScript
// reference (src/native/elementwise.ts) and the addon's C++ (elementwise.h), on operands the
// caller has placed in this module's memory (src/native/wasm-elementwise.ts does).
//
// Arithmetic, so that float32 results agree with the reference bit for bit: a kernel that does
// one operation on its inputs (the bias add, relu, the relu and sign backward products) runs in
// the data's own precision, 4 float32 or 2 float64 lanes, because one float32 operation rounds
// exactly as the same operation in double rounded once. A kernel with a chain of operations
// (tanh/sigmoid backward, SGD, momentum) computes in double, 2 lanes (float32 data promoted,
// demoted once at the store), as the reference does. Adam computes in the data's precision
// (float32: 4 lanes), as the addon does: within rounding of the reference. tanh, sigmoid and
// softmax are scalar and call this module's exp/log/tanh (last-bit differences from V8's).
//
// f64 = 1 selects float64 data, 0 float32; pointers are byte offsets into this memory.

// @ts-ignore: decorator
@inline function S<T>(): usize {
  return alignof<T>();
}

/** 2 entries as float64 lanes (float32 data promoted). */
// @ts-ignore: decorator
@inline function ld2<T>(p: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(p));
  return v128.load(p);
}

/** Stores 2 float64 lanes as 2 entries (float32: demoted, rounded once). */
// @ts-ignore: decorator
@inline function st2<T>(p: usize, v: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
  else v128.store(p, v);
}

// @ts-ignore: decorator
@inline function ld<T>(p: usize, i: i32): f64 {
  return <f64>load<T>(p + (<usize>i << S<T>()));
}

// @ts-ignore: decorator
@inline function st<T>(p: usize, i: i32, v: f64): void {
  store<T>(p + (<usize>i << S<T>()), <T>v);
}

/** Entries covered by whole 16-byte vectors. */
// @ts-ignore: decorator
@inline function whole<T>(n: i32): i32 {
  return n & ~(<i32>(16 / sizeof<T>()) - 1);
}

// ---- activations -------------------------------------------------------------------------

/** relu in the data's precision: float64 (v + |v|)/2 exactly as the reference (v > 8.9e307
 * overflows to Infinity there too); float32 v > 0 ? v : v - v, which is what the reference's
 * double arithmetic rounds to (+0 for negatives and -0, NaN for NaN and -Infinity). */
// @ts-ignore: decorator
@inline function reluV<T>(v: v128): v128 {
  if (sizeof<T>() == 8) return f64x2.mul(f64x2.add(v, f64x2.abs(v)), f64x2.splat(0.5));
  return v128.bitselect(v, f32x4.sub(v, v), f32x4.gt(v, f32x4.splat(0)));
}

// @ts-ignore: decorator
@inline function reluS<T>(v: T): T {
  if (sizeof<T>() == 8) return <T>((<f64>v + Math.abs(<f64>v)) * 0.5);
  return v > <T>0 ? v : v - v;
}

function sigmoid(v: f64): f64 {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

function relu<T>(x: usize, o: usize, n: i32): void {
  const w = whole<T>(n);
  let i = 0;
  for (; i < w; i += 16 / sizeof<T>()) {
    const b = <usize>i << S<T>();
    v128.store(o + b, reluV<T>(v128.load(x + b)));
  }
  for (; i < n; i++) store<T>(o + (<usize>i << S<T>()), reluS<T>(load<T>(x + (<usize>i << S<T>()))));
}

function act<T>(a: i32, x: usize, o: usize, n: i32): void {
  if (a == 1) relu<T>(x, o, n);
  else if (a == 2) for (let i = 0; i < n; i++) st<T>(o, i, Math.tanh(ld<T>(x, i)));
  else if (a == 3) for (let i = 0; i < n; i++) st<T>(o, i, sigmoid(ld<T>(x, i)));
  else if (o != x) memory.copy(o, x, <usize>n << S<T>());
}

export function ew_act(f64: i32, a: i32, x: usize, o: usize, n: i32): void {
  if (f64) act<f64>(a, x, o, n);
  else act<f32>(a, x, o, n);
}

/** c[r, j] += bias[j] (bias 0: none), then out = act(c); out may be c. */
function biasAct<T>(a: i32, c: usize, bias: usize, rows: i32, cols: i32, o: usize): void {
  if (bias) {
    const w = whole<T>(cols);
    for (let r = 0; r < rows; r++) {
      const row = c + ((<usize>r * cols) << S<T>());
      const orow = o + ((<usize>r * cols) << S<T>());
      let j = 0;
      for (; j < w; j += 16 / sizeof<T>()) {
        const b = <usize>j << S<T>();
        const v = v128.add<T>(v128.load(row + b), v128.load(bias + b));
        v128.store(row + b, v);
        if (a == 1) v128.store(orow + b, reluV<T>(v));
      }
      for (; j < cols; j++) {
        const b = <usize>j << S<T>();
        const v = load<T>(row + b) + load<T>(bias + b);
        store<T>(row + b, v);
        if (a == 1) store<T>(orow + b, reluS<T>(v));
      }
    }
    if (a == 1) return;
  }
  act<T>(a, c, o, rows * cols);
}

export function ew_biasAct(f64: i32, a: i32, c: usize, bias: usize, rows: i32, cols: i32, o: usize): void {
  if (f64) biasAct<f64>(a, c, bias, rows, cols, o);
  else biasAct<f32>(a, c, bias, rows, cols, o);
}

// ---- activation backward: out = g · act'(y) ----------------------------------------------

function maskBackward<T>(sign: bool, g: usize, y: usize, o: usize, n: i32): void {
  const w = whole<T>(n);
  const one = v128.splat<T>(<T>1);
  const zero = v128.splat<T>(<T>0);
  const minus = v128.splat<T>(<T>-1);
  let i = 0;
  for (; i < w; i += 16 / sizeof<T>()) {
    const b = <usize>i << S<T>();
    const yv = v128.load(y + b);
    const pos = v128.bitselect(one, zero, v128.gt<T>(yv, zero));
    const s = sign ? v128.bitselect(minus, pos, v128.lt<T>(yv, zero)) : pos;
    v128.store(o + b, v128.mul<T>(v128.load(g + b), s));
  }
  for (; i < n; i++) {
    const b = <usize>i << S<T>();
    const yv = load<T>(y + b);
    const s: T = yv > <T>0 ? <T>1 : sign && yv < <T>0 ? <T>-1 : <T>0;
    store<T>(o + b, load<T>(g + b) * s);
  }
}

/** g·(1 - y²) (tanh) or g·(y·(1 - y)) (sigmoid), in double. */
function chainBackward<T>(tanh: bool, g: usize, y: usize, o: usize, n: i32): void {
  const one = f64x2.splat(1);
  const w = n & ~1;
  let i = 0;
  for (; i < w; i += 2) {
    const b = <usize>i << S<T>();
    const v = ld2<T>(y + b);
    const d = tanh ? f64x2.sub(one, f64x2.mul(v, v)) : f64x2.mul(v, f64x2.sub(one, v));
    st2<T>(o + b, f64x2.mul(ld2<T>(g + b), d));
  }
  for (; i < n; i++) {
    const v = ld<T>(y, i);
    st<T>(o, i, ld<T>(g, i) * (tanh ? 1 - v * v : v * (1 - v)));
  }
}

function actBackward<T>(a: i32, g: usize, y: usize, o: usize, n: i32): void {
  if (a == 1 || a == 4) maskBackward<T>(a == 4, g, y, o, n);
  else if (a == 2 || a == 3) chainBackward<T>(a == 2, g, y, o, n);
  else if (o != g) memory.copy(o, g, <usize>n << S<T>());
}

export function ew_actBackward(f64: i32, a: i32, g: usize, y: usize, o: usize, n: i32): void {
  if (f64) actBackward<f64>(a, g, y, o, n);
  else actBackward<f32>(a, g, y, o, n);
}

// ---- softmax cross-entropy (scalar, as src/native/loss-kernels.ts) -----------------------

function softmaxCE<T>(z: usize, y: usize, rows: i32, cols: i32, dz: usize, scale: f64): f64 {
  let total: f64 = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    let mx = -Infinity;
    for (let j = o; j < o + cols; j++) if (ld<T>(z, j) > mx) mx = ld<T>(z, j);
    let lse = mx;
    if (mx != Infinity && mx != -Infinity) {
      let s: f64 = 0;
      for (let j = o; j < o + cols; j++) s += Math.exp(ld<T>(z, j) - mx);
      lse = mx + Math.log(s);
    }
    let sy: f64 = 0;
    let syz: f64 = 0;
    for (let j = o; j < o + cols; j++) {
      const yj = ld<T>(y, j);
      if (yj == 0) continue; // 0·(-inf) would be NaN; a zero target contributes nothing
      sy += yj;
      syz += yj * ld<T>(z, j);
    }
    total += sy == 0 ? 0 : lse * sy - syz;
    if (dz) for (let j = o; j < o + cols; j++) st<T>(dz, j, scale * (Math.exp(ld<T>(z, j) - lse) * sy - ld<T>(y, j)));
  }
  return rows ? total / rows : 0;
}

export function ew_softmaxCE(f64: i32, z: usize, y: usize, rows: i32, cols: i32, dz: usize, scale: f64): f64 {
  return f64 ? softmaxCE<f64>(z, y, rows, cols, dz, scale) : softmaxCE<f32>(z, y, rows, cols, dz, scale);
}

// ---- optimizer updates: 1 when every gradient entry was finite (d·0 is 0), else 0 ----------

// @ts-ignore: decorator
@inline function finite2(acc: v128): i32 {
  return <i32>!v128.any_true(f64x2.ne(acc, f64x2.splat(0)));
}

/** w -= lr·(g + wd·w), in double. */
function sgd<T>(w: usize, g: usize, n: i32, lr: f64, wd: f64): i32 {
  const zero = f64x2.splat(0);
  const vlr = f64x2.splat(lr);
  const vwd = f64x2.splat(wd);
  let acc = zero;
  const e = n & ~1;
  let i = 0;
  for (; i < e; i += 2) {
    const b = <usize>i << S<T>();
    const d = ld2<T>(g + b);
    acc = f64x2.add(acc, f64x2.mul(d, zero));
    const wv = ld2<T>(w + b);
    const step = wd == 0 ? d : f64x2.add(d, f64x2.mul(vwd, wv));
    st2<T>(w + b, f64x2.sub(wv, f64x2.mul(vlr, step)));
  }
  let a: f64 = 0;
  for (; i < n; i++) {
    const d = ld<T>(g, i);
    a += d * 0;
    const wi = ld<T>(w, i);
    st<T>(w, i, wi - lr * (wd == 0 ? d : d + wd * wi));
  }
  return finite2(f64x2.add(acc, f64x2.splat(a)));
}

export function ew_sgd(f64: i32, w: usize, g: usize, n: i32, lr: f64, wd: f64): i32 {
  return f64 ? sgd<f64>(w, g, n, lr, wd) : sgd<f32>(w, g, n, lr, wd);
}

/** d = g + wd·w, v = mu·v + d, w -= lr·v; g = 0 (null): v += wd·w, w -= lr·v. In double. */
function momentum<T>(w: usize, g: usize, vel: usize, n: i32, lr: f64, mu: f64, wd: f64): i32 {
  const zero = f64x2.splat(0);
  const vlr = f64x2.splat(lr);
  const vmu = f64x2.splat(mu);
  const vwd = f64x2.splat(wd);
  let acc = zero;
  const e = n & ~1;
  let i = 0;
  for (; i < e; i += 2) {
    const b = <usize>i << S<T>();
    const wv = ld2<T>(w + b);
    let v: v128;
    if (g) {
      const d = f64x2.add(ld2<T>(g + b), f64x2.mul(vwd, wv));
      acc = f64x2.add(acc, f64x2.mul(d, zero));
      v = f64x2.add(f64x2.mul(vmu, ld2<T>(vel + b)), d);
    } else {
      v = f64x2.add(ld2<T>(vel + b), f64x2.mul(vwd, wv));
      acc = f64x2.add(acc, f64x2.mul(v, zero));
    }
    st2<T>(vel + b, v);
    st2<T>(w + b, f64x2.sub(wv, f64x2.mul(vlr, v)));
  }
  let a: f64 = 0;
  for (; i < n; i++) {
    const wi = ld<T>(w, i);
    let v: f64;
    if (g) {
      const d = ld<T>(g, i) + wd * wi;
      a += d * 0;
      v = mu * ld<T>(vel, i) + d;
    } else {
      v = ld<T>(vel, i) + wd * wi;
      a += v * 0;
    }
    st<T>(vel, i, v);
    st<T>(w, i, wi - lr * v);
  }
  return finite2(f64x2.add(acc, f64x2.splat(a)));
}

export function ew_momentum(f64: i32, w: usize, g: usize, vel: usize, n: i32, lr: f64, mu: f64, wd: f64): i32 {
  return f64 ? momentum<f64>(w, g, vel, n, lr, mu, wd) : momentum<f32>(w, g, vel, n, lr, mu, wd);
}

/**
 * torch.optim.Adam: w -= stepSize·m / (sqrt(v)/sqrtBc2 + eps), weight decay in the gradient;
 * decoupled (AdamW): w -= wd·w first. In the data's precision, the addon's formula.
 */
function adam<T>(
  w: usize, g: usize, m: usize, v: usize, n: i32,
  stepSizeD: f64, sqrtBc2D: f64, b1D: f64, b2D: f64, epsD: f64, wdD: f64, decoupled: i32,
): i32 {
  const stepSize = <T>stepSizeD, sqrtBc2 = <T>sqrtBc2D, b1 = <T>b1D, b2 = <T>b2D, eps = <T>epsD, wd = <T>wdD;
  const c1 = <T>(1 - b1D), c2 = <T>(1 - b2D);
  const zero = v128.splat<T>(<T>0);
  const vss = v128.splat<T>(stepSize), vbc = v128.splat<T>(sqrtBc2), vb1 = v128.splat<T>(b1), vb2 = v128.splat<T>(b2);
  const veps = v128.splat<T>(eps), vwd = v128.splat<T>(wd), vc1 = v128.splat<T>(c1), vc2 = v128.splat<T>(c2);
  let acc = zero;
  const e = whole<T>(n);
  let i = 0;
  for (; i < e; i += 16 / sizeof<T>()) {
    const b = <usize>i << S<T>();
    let wv = v128.load(w + b);
    const gv = v128.load(g + b);
    const d = decoupled ? gv : v128.add<T>(gv, v128.mul<T>(vwd, wv));
    acc = v128.add<T>(acc, v128.mul<T>(d, zero));
    const mi = v128.add<T>(v128.mul<T>(vb1, v128.load(m + b)), v128.mul<T>(vc1, d));
    const vi = v128.add<T>(v128.mul<T>(vb2, v128.load(v + b)), v128.mul<T>(v128.mul<T>(vc2, d), d));
    v128.store(m + b, mi);
    v128.store(v + b, vi);
    if (decoupled) wv = v128.sub<T>(wv, v128.mul<T>(vwd, wv));
    const den = v128.add<T>(v128.div<T>(v128.sqrt<T>(vi), vbc), veps);
    v128.store(w + b, v128.sub<T>(wv, v128.div<T>(v128.mul<T>(vss, mi), den)));
  }
  let bad = v128.any_true(v128.ne<T>(acc, zero));
  for (; i < n; i++) {
    const b = <usize>i << S<T>();
    let wi = load<T>(w + b);
    const d: T = decoupled ? load<T>(g + b) : load<T>(g + b) + wd * wi;
    const z: T = d * <T>0;
    bad = bad || z != z;
    const mi: T = b1 * load<T>(m + b) + c1 * d;
    const vi: T = b2 * load<T>(v + b) + c2 * d * d;
    store<T>(m + b, mi);
    store<T>(v + b, vi);
    if (decoupled) wi = wi - wd * wi;
    store<T>(w + b, wi - (stepSize * mi) / (<T>sqrt<T>(vi) / sqrtBc2 + eps));
  }
  return <i32>!bad;
}

export function ew_adam(
  f64: i32, w: usize, g: usize, m: usize, v: usize, n: i32,
  stepSize: f64, sqrtBc2: f64, b1: f64, b2: f64, eps: f64, wd: f64, decoupled: i32,
): i32 {
  return f64
    ? adam<f64>(w, g, m, v, n, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled)
    : adam<f32>(w, g, m, v, n, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled);
}
