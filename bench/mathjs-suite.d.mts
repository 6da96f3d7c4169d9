// Types for the test that imports bench/mathjs-suite.mjs.
export interface SuiteRow {
  expr: string;
  cg: number;
  program: string;
  mathjsRaw: number;
  mathjs: number;
  mathjsText: string;
  printedBy: 'cg' | 'text';
  agree: boolean;
  worst: number;
}
export const suite: { source: string; expressions: { expr: string; wrt: string }[]; longer: Record<string, string>; value_differs: Record<string, string> };
export function measureSuite(lib: unknown, math: unknown, opts?: { samples?: number }): SuiteRow[];
export function summarize(rows: SuiteRow[]): { expressions: number; cg: number; mathjsRaw: number; mathjs: number; longer: number; disagree: number; worst: { expr: string; ratio: number } };
