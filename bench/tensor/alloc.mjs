// Bytes of fresh typed arrays per gradient of the 300×300 quartic sum((A*B) .* (A*B)), warm:
// node bench/tensor/alloc.mjs [n] [reps]. Float64Array (and Float32Array) are replaced, before
// cg loads, by proxies that count every construction, so the count covers cg's own code
// whatever path made the array (kernels, rules, gemm). Arrays made by the engines through
// `slice`/`subarray` are not counted (none on this expression's path). One JSON line:
// bytes and arrays per gradient() call, the forward evaluation's share, and the difference
// (the reverse sweep and what gradient() adds).
const counts = { bytes: 0, arrays: 0 };
for (const name of ['Float64Array', 'Float32Array']) {
  const Real = globalThis[name];
  globalThis[name] = new Proxy(Real, {
    construct(target, args, newTarget) {
      const a = Reflect.construct(target, args, newTarget === globalThis[name] ? target : newTarget);
      counts.bytes += a.byteLength;
      counts.arrays++;
      return a;
    },
  });
}
const { buildGraph, evaluate, gradient, mulberry32, Tensor } = await import('../../dist/lib.mjs');

const [, , nArg = '300', repsArg = '5'] = process.argv;
const [n, reps] = [Number(nArg), Number(repsArg)];
const rand = mulberry32(7);
const matrix = () => new Tensor([n, n], Float64Array.from({ length: n * n }, () => rand() * 2 - 1));
const env = new Map([['A', matrix()], ['B', matrix()]]);
const { graph } = buildGraph('sum((A*B) .* (A*B))', env);
for (let i = 0; i < 3; i++) gradient(graph, env, ['A', 'B']);
const per = (f) => {
  const before = { ...counts };
  for (let i = 0; i < reps; i++) f();
  return { bytes: (counts.bytes - before.bytes) / reps, arrays: (counts.arrays - before.arrays) / reps };
};
const grad = per(() => gradient(graph, env, ['A', 'B']));
const fwd = per(() => evaluate(graph, env));
console.log(JSON.stringify({ gradient_bytes: grad.bytes, gradient_arrays: grad.arrays, forward_bytes: fwd.bytes, forward_arrays: fwd.arrays, sweep_bytes: grad.bytes - fwd.bytes, sweep_arrays: grad.arrays - fwd.arrays }));
