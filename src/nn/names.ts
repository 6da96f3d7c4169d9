// The spec's vocabularies, apart from the schema so modules that only need the names do
// not load zod and yaml.
export const GENERATORS = ['xor', 'circles', 'spiral', 'sine', 'sort', 'random'] as const;
export type Generator = (typeof GENERATORS)[number];
export const LOSSES = ['cross_entropy', 'mse', 'bce'] as const;
export type LossName = (typeof LOSSES)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const DTYPES = ['float32', 'float64'] as const;

/** Parse `he`, `xavier`, `normal(0.05)`. */
export function parseInit(init: string): { kind: 'he' | 'xavier' } | { kind: 'normal'; std: number } | undefined {
  const s = init.trim();
  if (s === 'he' || s === 'xavier') return { kind: s };
  const m = /^normal\(\s*([0-9.eE+-]+)\s*\)$/.exec(s);
  if (m) {
    const std = Number(m[1]);
    if (Number.isFinite(std) && std > 0) return { kind: 'normal', std };
  }
  return undefined;
}

export type Source = { kind: 'builtin'; generator: Generator } | { kind: 'csv'; file: string };

export function sourceOf(spec: { data: { source: string } }): Source {
  const s = spec.data.source;
  if (s.startsWith('builtin:')) return { kind: 'builtin', generator: s.slice('builtin:'.length) as Generator };
  return { kind: 'csv', file: s };
}

/** The task a builtin generator poses. */
export function generatorTask(g: Generator): 'classification' | 'regression' {
  return g === 'sine' || g === 'sort' ? 'regression' : 'classification';
}

