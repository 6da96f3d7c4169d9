/**
 * The wasm module's elementwise training kernels (src/native/wasm/elementwise.ts) behind the
 * ElementwiseKernels signature: the arguments are checked by the reference's own checks
 * (same errors on every backend), the operands copied into the module's memory (memcpy
 * speed), the kernel run, the results copied back.
 *
 * An operand that already lives in the instance's memory is used where it is, without a
 * copy: an arena (wasm.ts) is an instance whose memory is sized once and never grows, so
 * views into it stay valid, and the optimizers keep their moments there (Adam's step then
 * copies only w and g in and w out). The gather has no wasm kernel: its source is the whole
 * data set, in JavaScript memory, and copying it in would be the gather itself.
 */
import { checkArgs, elementwiseTS, type ElementwiseKernels } from './elementwise.js';
import type { FloatArray } from './gemm.js';

/** First byte the backend uses: below it, whatever the AssemblyScript runtime keeps. */
export const BASE = 65536;

export const align = (x: number) => (x + 63) & ~63;

export interface EwExports {
  memory: WebAssembly.Memory;
  ew_biasAct(f64: number, act: number, c: number, bias: number, rows: number, cols: number, o: number): void;
  ew_act(f64: number, act: number, x: number, o: number, n: number): void;
  ew_actBackward(f64: number, act: number, g: number, y: number, o: number, n: number): void;
  ew_softmaxCE(f64: number, z: number, y: number, rows: number, cols: number, dz: number, scale: number): number;
  ew_sgd(f64: number, w: number, g: number, n: number, lr: number, wd: number): number;
  ew_momentum(f64: number, w: number, g: number, v: number, n: number, lr: number, mu: number, wd: number): number;
  ew_adam(
    f64: number, w: number, g: number, m: number, v: number, n: number,
    stepSize: number, sqrtBc2: number, b1: number, b2: number, eps: number, wd: number, decoupled: number,
  ): number;
}

export interface Arena {
  /** Arrays in the arena's memory, one per size asked for. */
  views: FloatArray[];
  /** The kernels on this instance (operands in `views` are not copied). */
  kernels: ElementwiseKernels;
}

const IN = 1;
const OUT = 2;

/**
 * One call's operands: where each goes in wasm memory and which way it is copied. An array
 * passed twice (out = x) gets one place; an array already in this memory keeps its own.
 */
class Frame {
  private arrs: FloatArray[] = [];
  private ptrs: number[] = [];
  private lens: number[] = [];
  private modes: number[] = [];
  private top = 0;

  constructor(private readonly mem: WebAssembly.Memory, private readonly base: number, private readonly fixed: boolean) {}

  reset(): void {
    this.arrs.length = this.ptrs.length = this.lens.length = this.modes.length = 0;
    this.top = this.base;
  }

  put(a: FloatArray | null, n: number, mode: number): number {
    if (a === null) return 0;
    if (a.buffer === this.mem.buffer) return a.byteOffset;
    const k = this.arrs.indexOf(a);
    if (k >= 0) {
      this.modes[k] |= mode;
      return this.ptrs[k];
    }
    const at = this.top;
    this.top = align(at + n * a.BYTES_PER_ELEMENT);
    this.arrs.push(a);
    this.ptrs.push(at);
    this.lens.push(n);
    this.modes.push(mode);
    return at;
  }

  /** Copies the inputs in; false when the memory has no room and may not or cannot grow (the caller falls back). */
  enter(): boolean {
    const have = this.mem.buffer.byteLength;
    if (this.top > have) {
      if (this.fixed) return false;
      try {
        this.mem.grow(Math.ceil((this.top - have) / 65536));
      } catch {
        return false; // past wasm32's 4 GiB: the caller's fallback runs it
      }
    }
    const buf = this.mem.buffer;
    for (let i = 0; i < this.arrs.length; i++) {
      const [a, n] = [this.arrs[i], this.lens[i]];
      if (this.modes[i] & IN && n > 0) view(buf, a, this.ptrs[i], n).set(n === a.length ? a : a.subarray(0, n));
    }
    return true;
  }

  /** Copies the outputs back. */
  leave(): void {
    const buf = this.mem.buffer;
    for (let i = 0; i < this.arrs.length; i++) {
      const [a, n] = [this.arrs[i], this.lens[i]];
      if (this.modes[i] & OUT && n > 0) a.set(view(buf, a, this.ptrs[i], n));
    }
  }
}

function view(buf: ArrayBuffer, like: FloatArray, at: number, n: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(buf, at, n) : new Float32Array(buf, at, n);
}

/**
 * The kernels on instance `ex`, copying operands to `base` and up. A `fixed` memory never
 * grows (an arena's views would be detached): a call that does not fit there runs on
 * `fallback` instead.
 */
export function elementwiseOn(ex: EwExports, base: number, fixed: boolean, fallback: ElementwiseKernels = elementwiseTS): ElementwiseKernels {
  const f = new Frame(ex.memory, base, fixed);
  return {
    biasAct(a, C, bias, rows, cols, out) {
      const k = checkArgs.biasAct(a, C, bias, rows, cols, out);
      const n = rows * cols;
      if (n === 0) return;
      f.reset();
      const pc = f.put(C, n, IN | OUT);
      const pb = f.put(bias, cols, IN);
      const po = f.put(out, n, OUT);
      if (!f.enter()) return fallback.biasAct(a, C, bias, rows, cols, out);
      ex.ew_biasAct(+(C instanceof Float64Array), k, pc, pb, rows, cols, po);
      f.leave();
    },
    act(a, x, o, n) {
      const k = checkArgs.act(a, x, o, n);
      if (k === 0 || n === 0) {
        if (o !== x) o.set(x.subarray(0, n));
        return;
      }
      f.reset();
      const px = f.put(x, n, IN);
      const po = f.put(o, n, OUT);
      if (!f.enter()) return fallback.act(a, x, o, n);
      ex.ew_act(+(x instanceof Float64Array), k, px, po, n);
      f.leave();
    },
    actBackward(a, g, y, o, n) {
      const k = checkArgs.actBackward(a, g, y, o, n);
      if (k === 0 || n === 0) {
        if (o !== g) o.set(g.subarray(0, n));
        return;
      }
      f.reset();
      const pg = f.put(g, n, IN);
      const py = f.put(y, n, IN);
      const po = f.put(o, n, OUT);
      if (!f.enter()) return fallback.actBackward(a, g, y, o, n);
      ex.ew_actBackward(+(g instanceof Float64Array), k, pg, py, po, n);
      f.leave();
    },
    softmaxCE(z, y, rows, cols, dz, scale) {
      checkArgs.softmaxCE(z, y, rows, cols, dz, scale);
      const n = rows * cols;
      f.reset();
      const pz = f.put(z, n, IN);
      const py = f.put(y, n, IN);
      const pd = f.put(dz, n, OUT);
      if (!f.enter()) return fallback.softmaxCE(z, y, rows, cols, dz, scale);
      const loss = ex.ew_softmaxCE(+(z instanceof Float64Array), pz, py, rows, cols, pd, scale);
      f.leave();
      return loss;
    },
    gatherRows: elementwiseTS.gatherRows,
    sgd(w, g, lr, wd) {
      checkArgs.sgd(w, g);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.sgd(w, g, lr, wd);
      const ok = ex.ew_sgd(+(w instanceof Float64Array), pw, pg, n, lr, wd);
      f.leave();
      return ok === 1;
    },
    momentum(w, g, v, lr, mu, wd) {
      checkArgs.momentum(w, g, v);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pv = f.put(v, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.momentum(w, g, v, lr, mu, wd);
      const ok = ex.ew_momentum(+(w instanceof Float64Array), pw, pg, pv, n, lr, mu, wd);
      f.leave();
      return ok === 1;
    },
    adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) {
      checkArgs.adam(w, g, m, v, decoupled);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pm = f.put(m, n, IN | OUT);
      const pv = f.put(v, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled);
      const ok = ex.ew_adam(+(w instanceof Float64Array), pw, pg, pm, pv, n, stepSize, sqrtBc2, b1, b2, eps, wd, +decoupled);
      f.leave();
      return ok === 1;
    },
  };
}
