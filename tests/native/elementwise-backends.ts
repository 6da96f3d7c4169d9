// The elementwise kernel sets the parity tests compare with the TypeScript reference: the
// OpenBLAS addon's and the wasm module's, each when it is available (a note when not; with
// CG_REQUIRE_NATIVE=1, a missing addon is an error, as in the gemm tests).
import { backendInfo, nativeElementwise, setBackend, _resetNativeForTests, type ElementwiseKernels } from '../../src/native/index.js';

export async function backendKernels(): Promise<[string, ElementwiseKernels][]> {
  const out: [string, ElementwiseKernels][] = [];
  _resetNativeForTests();
  const info = backendInfo();
  if (info.blas.available) {
    setBackend('blas');
    const k = nativeElementwise(Number.MAX_SAFE_INTEGER);
    setBackend(null);
    if (!k) throw new Error('the OpenBLAS addon is loaded but has no elementwise kernels: rebuild it (npm run build:native)');
    out.push(['addon', k]);
  } else if (process.env.CG_REQUIRE_NATIVE === '1') {
    throw new Error(`CG_REQUIRE_NATIVE=1 but the OpenBLAS addon is not available: ${info.blas.reason}`);
  } else {
    console.warn(`[tests/native] OpenBLAS addon not available (${info.blas.reason}): its elementwise parity tests skipped`);
  }
  // The wasm module ships built: it must load.
  if (!info.wasm.available) throw new Error(`the wasm backend is not available: ${info.wasm.reason}`);
  setBackend('wasm');
  const w = nativeElementwise(Number.MAX_SAFE_INTEGER);
  setBackend(null);
  if (!w) throw new Error('the wasm backend gave no elementwise kernels');
  out.push(['wasm', w]);
  return out;
}
