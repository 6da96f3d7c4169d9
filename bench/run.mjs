// `npm run bench`: every benchmark, each printing tables. Ratios are measured within one
// run, side by side, because the machines are shared and absolute times drift.
// Usage: node bench/run.mjs [name ...]   (names: startup, grad, build, scalar, tensor, gemm, kernels, check, check-memory, checker, diff, train, export, draw)
// Standalone: bench/check-exec.mjs, bench/check-vs-gradcheck.mjs, bench/diff-person.mjs (node bench/NAME.mjs).
import Table from 'cli-table3';

const all = ['startup', 'grad', 'build', 'scalar', 'tensor', 'gemm', 'kernels', 'check', 'check-memory', 'checker', 'diff', 'train', 'export', 'draw'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;

for (const name of chosen) {
  const mod = await import(`./${name}.mjs`);
  const tables = await mod.default();
  for (const t of tables) {
    const table = new Table({ head: t.head, style: { head: [], border: [] } });
    table.push(...t.rows.map((r) => r.map(String)));
    console.log(`\n${t.title}`);
    console.log(table.toString());
    for (const n of t.notes ?? []) console.log(`  ${n}`);
  }
}
