import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Imports only point down (DESIGN.md, "Layers"): util and errors, native, check (the
 * checker's graph-free core), graph, parse,
 * nn, cli; src/index.ts (the library entry) may use any layer but cli; web (the page
 * `cg explore` writes) sits beside cli and reaches the engine through the library entry only.
 * Within graph, the
 * op table and the IR sit under the engines, the engines under the checker, and all of them
 * under presentation. No import cycles, type-only and lazy import() included.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Layer of a file (path relative to src/, forward slashes); higher may import lower or equal. */
export function layerOf(file: string): number {
  const [top] = file.split('/');
  if (top === 'util' || file === 'errors.ts') return 0;
  if (top === 'native') return 1;
  // The checker's core judges plain functions: it knows no graph (DESIGN.md).
  if (top === 'check') return 1.5;
  if (top === 'graph') return 2 + graphRole(file.slice('graph/'.length));
  if (top === 'parse') return 10;
  if (top === 'nn') return 11;
  if (top === 'cli') return 12;
  if (top === 'web') return 12;
  if (file === 'index.ts') return 11.5; // the library entry: everything but cli
  throw new Error(`no layer for src/${file}: add it to tests/layers.test.ts`);
}

// format.ts gives a node's source text (errors and the checker quote it): part of the IR.
const ROLE_CORE = new Set(['tensor.ts', 'kernels.ts', 'hashcons.ts', 'builder.ts', 'graph.ts', 'format.ts']);
const ROLE_FOLDERS: Record<string, number> = { ops: 0, engines: 1, check: 2, present: 3 };

/** Within graph, by folder: 0 the IR (root files) and op table, 1 engines, 2 the checker, 3 presentation. */
function graphRole(file: string): number {
  if (ROLE_CORE.has(file)) return 0;
  const role = ROLE_FOLDERS[file.split('/')[0]];
  if (role === undefined) throw new Error(`no role for src/graph/${file}: put it in ops/, engines/, check/ or present/ (tests/layers.test.ts)`);
  return role;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of every .ts file under src, as paths relative to src. */
export function importGraph(dir = src): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const from = relative(dir, p).split('\\').join('/');
        const text = readFileSync(p, 'utf8');
        out.set(
          from,
          [...text.matchAll(IMPORT)].map((m) => relative(dir, join(dirname(p), m[1])).split('\\').join('/').replace(/\.js$/, '.ts')),
        );
      }
    }
  };
  walk(dir);
  return out;
}

/** `a -> b` for each import from a lower layer to a higher one. */
export function upward(edges: ReadonlyMap<string, readonly string[]>, layer = layerOf): string[] {
  const bad: string[] = [];
  for (const [from, tos] of edges) for (const to of tos) if (layer(to) > layer(from)) bad.push(`${from} -> ${to}`);
  return bad;
}

/** Import cycles (strongly connected components of more than one file, or a file importing itself). */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  // Tarjan's algorithm, iteratively.
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { v: string; k: number }[] = [{ v: start, k: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    on.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const ws = (edges.get(top.v) ?? []).filter((w) => edges.has(w));
      if (top.k < ws.length) {
        const w = ws[top.k++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          on.add(w);
          work.push({ v: w, k: 0 });
        } else if (on.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1 || (edges.get(top.v) ?? []).includes(top.v)) out.push(comp.sort());
      }
    }
  }
  return out;
}

describe('layers', () => {
  const edges = importGraph();

  it('every import resolves to a file under src', () => {
    const missing: string[] = [];
    for (const [from, tos] of edges) for (const to of tos) if (!edges.has(to)) missing.push(`${from} -> ${to}`);
    expect(missing).toEqual([]);
  });

  it('imports only point down', () => {
    expect(upward(edges)).toEqual([]);
  });

  it('the page (src/web) is built from the library entry alone, and cli and web never import each other', () => {
    const bad: string[] = [];
    for (const [from, tos] of edges) {
      for (const to of tos) {
        const [a, b] = [from.split('/')[0], to.split('/')[0]];
        if (a === 'web' && b !== 'web' && to !== 'index.ts') bad.push(`${from} -> ${to}`);
        if ((a === 'cli' && b === 'web') || (a === 'web' && b === 'cli')) bad.push(`${from} -> ${to}`);
      }
    }
    expect(bad).toEqual([]);
    expect([...edges.keys()].some((f) => f.startsWith('web/'))).toBe(true);
  });

  it('there are no import cycles', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('the checks catch an upward import and a cycle', () => {
    const bad = new Map([
      ['nn/checkpoint.ts', ['cli/version.ts']],
      ['cli/version.ts', []],
      ['graph/builder.ts', ['graph/ops/define.ts']],
      ['graph/ops/define.ts', ['graph/builder.ts']],
      ['graph/ops/unary.ts', ['graph/present/steps.ts']],
      ['graph/present/steps.ts', []],
      ['index.ts', ['cli/diff.ts']],
      ['cli/diff.ts', []],
    ]);
    expect(upward(bad).sort()).toEqual(['graph/ops/unary.ts -> graph/present/steps.ts', 'index.ts -> cli/diff.ts', 'nn/checkpoint.ts -> cli/version.ts']);
    expect(cycles(bad)).toEqual([['graph/builder.ts', 'graph/ops/define.ts']]);
  });

  it('reads type-only, multi-line and lazy imports', () => {
    const text = `import type { A } from './a.js';\nimport {\n  b,\n} from '../b.js';\nconst c = await import('./c.js');\nimport './d.js';`;
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });
});
