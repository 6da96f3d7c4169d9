import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/graph/engines/evaluate.js';
import { narrateReverse, stepsText } from '../../../src/graph/present/steps.js';
import { buildGraph } from '../../../src/parse/index.js';
import type { Value } from '../../../src/graph/tensor.js';

/*
 * The narration of the lecture's worked examples (../shared/seeds/README.md), word for word,
 * with the local derivatives as the lecture writes them (-1/p², 1 if r > 0 else 0). The
 * golden files were read line by line against the lectures; CG_GOLDEN=write rewrites them
 * (then read the diff).
 */

const { examples } = JSON.parse(readFileSync(new URL('../../../fixtures/worked-examples.json', import.meta.url), 'utf8')) as {
  examples: { name?: string; expression: string; at: Record<string, number> }[];
};

const slug = (expr: string) => expr.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);

describe('golden narration of the worked examples', () => {
  for (const ex of examples) {
    it(ex.expression, () => {
      const env = new Map<string, Value>(Object.entries(ex.at));
      const { graph, outputName } = buildGraph(ex.expression, env);
      const s = narrateReverse(graph, evaluate(graph, env), outputName, [...graph.vars.keys()]);
      const text = `$ cg grad "${ex.expression}" --at ${Object.entries(ex.at).map(([k, v]) => `${k}=${v}`).join(',')} --steps\n${stepsText(s)}`;
      const file = new URL(`../../../fixtures/narration/${slug(ex.expression)}.txt`, import.meta.url);
      if (process.env.CG_GOLDEN === 'write') writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});
