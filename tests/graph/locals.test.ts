import { describe, expect, it } from 'vitest';
import { num } from '../../src/graph/engines/numeric.js';
import { OPS } from '../../src/graph/ops/index.js';

/*
 * The narration's readable local derivatives (OpPrint.local) against the op's partials
 * rule, the one the engines run: on random points of the op's domain, and at the ties and
 * kinks where conventions decide (relu'(0) = 0, a tie in max splits equally).
 */

const withLocal = [...OPS.values()].filter((op) => op.print?.local);

function points(op: (typeof withLocal)[number]): number[][] {
  const arity = typeof op.arity === 'number' ? op.arity : 2;
  const dom = (k: number): readonly [number, number] => {
    const d = op.domain ?? [-3, 3];
    return (Array.isArray(d[0]) ? (d as readonly (readonly [number, number])[])[k] : d) as readonly [number, number];
  };
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const out: number[][] = [];
  for (let n = 0; n < 50; n++) out.push(Array.from({ length: arity }, (_, k) => dom(k)[0] + (dom(k)[1] - dom(k)[0]) * rand()));
  // Ties and kinks: equal inputs, zero.
  out.push(Array.from({ length: arity }, () => 0), Array.from({ length: arity }, () => 1.5));
  if (arity === 2) out.push([0, 2], [2, 0], [-1, 0]);
  return out.filter((xs) => xs.every((x, k) => x >= dom(k)[0] - 3 && x <= dom(k)[1] + 3) && op.scalar!(...xs) === op.scalar!(...xs));
}

describe('readable local derivatives agree with the partials rules', () => {
  it('some ops declare them (div, max, min, relu, exp, sqrt, where)', () => {
    expect(withLocal.map((op) => op.name).sort()).toEqual(['div', 'exp', 'max', 'min', 'relu', 'sqrt', 'where']);
  });
  for (const op of withLocal) {
    it(`${op.name}: same numbers as its partials on its domain, ties and kinks`, () => {
      for (const xs of points(op)) {
        const y = op.scalar!(...xs);
        const rule = op.partials!(num, xs, y).map((v) => (v === undefined ? 0 : (v as number)));
        const lecture = op.print!.local!.value(xs, y);
        for (let k = 0; k < rule.length; k++) {
          if (!Number.isFinite(rule[k])) continue;
          expect(lecture[k], `${op.name}'s ∂/∂x${k} at ${xs}`).toBeCloseTo(rule[k], 12);
        }
      }
    });
  }
  it('the texts name their inputs as the lecture does', () => {
    const t = (name: string, ...xs: string[]) => OPS.get(name)!.print!.local!.text(xs.map((text) => ({ text, prec: 6 })), { text: 'f', prec: 6 });
    expect(t('div', '1', 'p')[1]).toBe('-1/p^2');
    expect(t('div', 'x', 'q')).toEqual(['1/q', '-x/q^2']);
    expect(t('relu', 'z')).toEqual(['1 if z > 0 else 0']);
    expect(t('max', 'z', 'w')[0]).toBe('1 if z > w, ½ if z = w, else 0');
    expect(t('min', 'z', 'w')[1]).toBe('1 if w < z, ½ if w = z, else 0');
  });
});
