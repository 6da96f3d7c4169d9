import { describe, expect, it } from 'vitest';
import { CgError } from '../../src/errors.js';
import { csvDataset, fitNormalization, generate, parseCsv, readCsv, splitRows } from '../../src/nn/data.js';

const noSpecError = (p: (string | number)[], m: string, hint?: string) => new CgError('value', `${p.join('.')}: ${m}`, { hint });

describe("Fisher's iris (fixtures/data/iris.csv)", () => {
  const csv = readCsv('fixtures/data/iris.csv');
  const ds = csvDataset(csv, 'iris.csv', { target: 'species', task: 'classification' }, noSpecError);

  it('has 150 rows, 50 of each species', () => {
    expect(ds.n).toBe(150);
    expect(ds.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const counts = [0, 0, 0];
    for (const l of ds.labels!) counts[l]++;
    expect(counts).toEqual([50, 50, 50]);
  });

  it('has the well-known column means (5.843, 3.057, 3.758, 1.199) and per-species means', () => {
    expect(ds.inputNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const mean = (j: number, cls?: number) => {
      let s = 0;
      let n = 0;
      for (let r = 0; r < ds.n; r++) if (cls === undefined || ds.labels![r] === cls) {
        s += ds.x[r * 4 + j];
        n++;
      }
      return s / n;
    };
    expect([0, 1, 2, 3].map((j) => mean(j).toFixed(3))).toEqual(['5.843', '3.057', '3.758', '1.199']);
    // R's datasets::iris, by species (Fisher's values, with the UCI copy's two errors corrected).
    expect([0, 1, 2, 3].map((j) => mean(j, 0).toFixed(3))).toEqual(['5.006', '3.428', '1.462', '0.246']);
    expect([0, 1, 2, 3].map((j) => mean(j, 1).toFixed(3))).toEqual(['5.936', '2.770', '4.260', '1.326']);
    expect([0, 1, 2, 3].map((j) => mean(j, 2).toFixed(3))).toEqual(['6.588', '2.974', '5.552', '2.026']);
  });
});

describe('CSV', () => {
  it('reads quoted fields, CRLF, blank lines and a BOM', () => {
    const c = parseCsv('\ufeffa,"b, with comma",c\r\n1,"say ""hi""",3\r\n\r\n4,5,6\n');
    expect(c.header).toEqual(['a', 'b, with comma', 'c']);
    expect(c.rows).toEqual([['1', 'say "hi"', '3'], ['4', '5', '6']]);
    expect(c.lines).toEqual([2, 4]);
  });

  it('reports ragged rows, unclosed quotes, empty files with their line', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'd.csv')).toThrow('d.csv:3: 1 fields, but the header has 2');
    expect(() => parseCsv('a,b\n1,"2\n', 'd.csv')).toThrow('d.csv:2: a quoted field is not closed');
    expect(() => parseCsv('', 'd.csv')).toThrow('d.csv: the file is empty');
    expect(() => parseCsv('a,b\n', 'd.csv')).toThrow('d.csv: no data rows after the header');
  });

  it('picks columns by name, with did-you-mean for a missing one, and numbers only as inputs', () => {
    const c = parseCsv('x1,x2,label\n1,2,b\n3,4,a\n5,6,b\n');
    const ds = csvDataset(c, 'd.csv', { task: 'classification' }, noSpecError);
    expect(ds.inputNames).toEqual(['x1', 'x2']);
    expect(ds.classes).toEqual(['a', 'b']);
    expect(Array.from(ds.labels!)).toEqual([1, 0, 1]);
    expect(() => csvDataset(c, 'd.csv', { inputs: ['x1', 'x3'], target: 'label', task: 'classification' }, noSpecError)).toThrow(
      expect.objectContaining({ message: 'data.inputs.1: d.csv has no column "x3"', hint: 'did you mean x1?' }),
    );
    const bad = parseCsv('x,y\n1,2\nfoo,3\n');
    expect(() => csvDataset(bad, 'd.csv', { task: 'regression' }, noSpecError)).toThrow('d.csv:3: column x: "foo" is not a number');
    const reg = csvDataset(parseCsv('x,y,z\n1,2,3\n4,5,6\n'), 'r.csv', { target: ['y', 'z'], task: 'regression' }, noSpecError);
    expect(Array.from(reg.x)).toEqual([1, 4]);
    expect(Array.from(reg.y!)).toEqual([2, 3, 5, 6]);
  });

  it('orders numeric class labels numerically', () => {
    const ds = csvDataset(parseCsv('x,c\n1,10\n2,9\n3,2\n'), 'd.csv', { task: 'classification' }, noSpecError);
    expect(ds.classes).toEqual(['2', '9', '10']);
  });
});

describe('built-in data sets', () => {
  it('xor is the truth table', () => {
    const d = generate('xor', { samples: 4 });
    expect(Array.from(d.x)).toEqual([0, 0, 1, 0, 0, 1, 1, 1]);
    expect(Array.from(d.labels!)).toEqual([0, 1, 1, 0]);
  });

  it('circles: class 1 inside radius factor, class 0 on the unit circle (noise 0)', () => {
    const d = generate('circles', { samples: 100, noise: 0, factor: 0.3, seed: 3 });
    for (let i = 0; i < d.n; i++) expect(Math.hypot(d.x[2 * i], d.x[2 * i + 1])).toBeCloseTo(d.labels![i] ? 0.3 : 1, 12);
  });

  it('spiral: balanced arms, radius from 0 to 1', () => {
    const d = generate('spiral', { samples: 300, classes: 3, noise: 0.2, seed: 1 });
    const counts = [0, 0, 0];
    for (const l of d.labels!) counts[l]++;
    expect(counts).toEqual([100, 100, 100]);
    expect(Math.hypot(d.x[0], d.x[1])).toBe(0);
    expect(Math.hypot(d.x[2 * 99], d.x[2 * 99 + 1])).toBeCloseTo(1, 12);
  });

  it('sine: y = sin(x) on [-π, π]; sort: targets are the sorted inputs', () => {
    const s = generate('sine', { samples: 50, seed: 2 });
    for (let i = 0; i < s.n; i++) {
      expect(Math.abs(s.x[i])).toBeLessThanOrEqual(Math.PI);
      expect(s.y![i]).toBe(Math.sin(s.x[i]));
    }
    const t = generate('sort', { samples: 20, k: 5, seed: 2 });
    for (let i = 0; i < t.n; i++) {
      const row = Array.from(t.x.subarray(i * 5, i * 5 + 5)).sort((a, b) => a - b);
      expect(Array.from(t.y!.subarray(i * 5, i * 5 + 5))).toEqual(row);
    }
  });

  it('is reproducible from its seed, and the seed matters', () => {
    expect(generate('spiral', { seed: 4 }).x).toEqual(generate('spiral', { seed: 4 }).x);
    expect(generate('spiral', { seed: 4 }).x).not.toEqual(generate('spiral', { seed: 5 }).x);
  });
});

describe('split and normalisation', () => {
  it('holds out the given fraction, disjoint and complete, reproducibly', () => {
    const s = splitRows(100, 0.2, 7);
    expect(s.val.length).toBe(20);
    expect(new Set([...s.train, ...s.val]).size).toBe(100);
    expect(splitRows(100, 0.2, 7)).toEqual(s);
    expect(splitRows(100, 0.2, 8).val).not.toEqual(s.val);
    expect(splitRows(10, 0, 1).val.length).toBe(0);
  });

  it('standardises with the mean and (population) std of the rows given; a constant column keeps std 1', () => {
    const x = Float64Array.from([1, 5, 2, 5, 3, 5, 100, 5]);
    const n = fitNormalization(x, 2, Int32Array.from([0, 1, 2]));
    expect(n.mean).toEqual([2, 5]);
    expect(n.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(n.std[1]).toBe(1);
  });
});
