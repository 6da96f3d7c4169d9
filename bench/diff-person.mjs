// The person fixture (fixtures/diff/person.json): total characters of cg diff, SymPy's
// simplify (recorded by scripts/diff-sympy.py) and mathjs simplify(derivative) over the
// scalar derivatives all three write, and the cases where cg is longer than SymPy.
// Usage: node bench/diff-person.mjs [path/to/dist]   (dist/ by default; run `npm run build` first)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
const { computeDiff } = await import(pathToFileURL(`${dist}/lib.mjs`).href);
const { derivative, simplify } = await import('mathjs');
const { cases } = JSON.parse(readFileSync(new URL('../fixtures/diff/person.json', import.meta.url), 'utf8'));

/** mathjs's simplified derivative, or undefined where mathjs cannot read the expression (sigmoid, assignments). */
function mathjsText(expr, wrt) {
  try {
    return simplify(derivative(expr, wrt)).toString();
  } catch {
    return undefined;
  }
}

let [cgAll, syAll, cg3, sy3, mj3, n3, noLonger, compared] = [0, 0, 0, 0, 0, 0, 0, 0];
const longer = [];
for (const c of cases.filter((x) => x.sympy)) {
  const r = computeDiff(c.expression, { wrt: c.wrt });
  const cg = r.size.characters - `d${r.output}_d${c.wrt} = `.length;
  const sy = c.sympy.length;
  compared++;
  cgAll += cg;
  syAll += sy;
  if (cg <= sy) noLonger++;
  else longer.push(`${c.expression}: cg ${cg} (${r.program.replace(/\n/g, '; ')}) vs SymPy ${sy} (${c.sympy})`);
  const mj = mathjsText(c.expression, c.wrt);
  if (mj !== undefined) {
    n3++;
    cg3 += cg;
    sy3 += sy;
    mj3 += mj.length;
  }
}
console.log(`scalar derivatives with SymPy's form: ${compared}; cg no longer than SymPy on ${noLonger} (${((100 * noLonger) / compared).toFixed(1)}%)`);
console.log(`total characters, all ${compared}: cg ${cgAll}, SymPy ${syAll}`);
console.log(`total characters, the ${n3} mathjs also reads: cg ${cg3}, SymPy ${sy3}, mathjs simplify ${mj3}`);
console.log('cg longer than SymPy:');
for (const l of longer) console.log(`  ${l}`);
