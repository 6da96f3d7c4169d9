import { brief } from './numbers.js';
import type { GraphView } from './view.js';

export interface Colors {
  value: string;
  derivative: string;
  name: string;
}

/** cs231n's colours: forward values green, gradients red; forward-mode tangents blue. */
export const COLORS: Colors = { value: '#1a7f37', derivative: '#cf222e', name: '#6e7781' };
export const TANGENT = '#0969da';

export function colorsFor(v: GraphView): Colors {
  return v.mode === 'forward' ? { ...COLORS, derivative: TANGENT } : COLORS;
}

export interface Legend {
  /** What the first number (green) is. */
  value: string;
  /** What the second number (red, or blue for tangents) is. */
  derivative: string;
  /** Further lines: the expression and point, how to read the numbers, notes. */
  lines: string[];
}

/** The key every format prints with the picture. */
export function legend(v: GraphView): Legend {
  const f = v.outputName;
  const at = !v.legendAt || v.bare ? '' : [...v.at].map(([k, x]) => `${k}=${brief(x, 6, 4)}`).join(', ');
  // One line: statements joined by '; ', comments dropped.
  const statements = v.expression
    .split('\n')
    .flatMap((l) => l.replace(/#.*$/, '').split(';'))
    .map((t) => t.trim())
    .filter(Boolean);
  // A program names its output itself (`h = ...; L = sum(h)`).
  const named = statements.some((t) => /^[A-Za-z_]\w*\s*=/.test(t));
  const expr = statements.length ? `${named ? '' : `${f} = `}${statements.join('; ')}` : f;
  const lines = [`${expr}${at ? `  at ${at}` : ''}`];
  // The bare graph: the expression and how to get numbers, no key to numbers it does not show.
  if (v.bare) return { value: '', derivative: '', lines: [lines[0], ...v.notes] };
  let derivative: string;
  if (v.mode === 'forward') {
    const x = v.wrt[0];
    derivative = `d·/d${x}: tangent (forward mode, d${x}/d${x} = ${brief(v.seed ?? 1)})`;
    lines.push("on an edge: its tail's value and tangent");
  } else {
    derivative = `∂${f}/∂·: gradient (backward pass)`;
    lines.push('on an edge: the gradient flowing back along it', 'in a node used more than once: the sum');
  }
  return { value: 'value (forward pass)', derivative, lines: [...lines, ...v.notes] };
}
