import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metaChecksum } from '../../../src/nn/checkpoint-meta.js';
import { CGDATA_PY } from '../../../src/nn/export/py-data.js';
import { requireTorch, torchPython } from './helpers.js';

// The exported train.py signs its model.json with js_json(), Python's copy of JSON.stringify:
// the oracle is node itself, on random doubles (every bit pattern: all exponents, subnormals),
// the edges of JavaScript's number layout, hostile strings and a checkpoint-like object.

const python = torchPython();
const tmp = mkdtempSync(join(tmpdir(), 'cg-pyjson-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(join(tmp, 'cgdata.py'), CGDATA_PY);

/** Run `body` with cgdata imported; it reads stdin and prints its answer. */
function py(body: string, input: string): string {
  const r = spawnSync(python!, ['-c', `import sys, json, struct\nsys.path.insert(0, sys.argv[1])\nimport cgdata\n${body}`, tmp], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** A seeded stream of 32-bit words (mulberry32), so a failure can be replayed. */
function words(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomNumbers(n: number): number[] {
  const next = words(20261129);
  const out: number[] = [];
  const dv = new DataView(new ArrayBuffer(8));
  while (out.length < n) {
    dv.setUint32(0, next());
    dv.setUint32(4, next());
    const bits = dv.getFloat64(0);
    if (Number.isFinite(bits)) out.push(bits);
    // Numbers of everyday size too: where the fixed and exponent layouts meet, and floats.
    const scale = 10 ** ((next() % 60) - 30);
    out.push((next() / 2 ** 32) * scale, Math.fround(next() / 2 ** 32), Math.round((next() / 2 ** 32) * 1e6) / 1e3, next() - 2 ** 31);
  }
  return out;
}

const EDGES = [0, -0, 1, -1, 0.1, 0.5, 1e21, 1e-7, 1e-6, 1.5e-6, 9.999999999999999e20, 123456789012345680000, 1e20, 2 ** 53, 2 ** 53 + 2, -(2 ** 63),
  5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, Number.EPSILON, 1 / 3, 2 / 3, 100, 1e100, 1.2e-300, 0.000001234, 1234.5e-10, 4.35, 0.3, 0.1 + 0.2];

describe.runIf(requireTorch(python, 'js_json of the exported cgdata.py'))('js_json: JSON.stringify in Python', () => {
  it('prints every number as JavaScript String(x) does (random bit patterns, decades 1e-30..1e30, float32 values, edges)', () => {
    const xs = [...EDGES, ...randomNumbers(40_000)];
    const hex = xs.map((x) => {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(x);
      return b.toString('hex');
    });
    const got = py('for h in sys.stdin.read().split():\n    print(cgdata.js_number(struct.unpack("<d", bytes.fromhex(h))[0]))', hex.join('\n')).trim().split('\n');
    expect(got).toHaveLength(xs.length);
    const wrong = xs.map((x, i) => [String(x), got[i]]).filter(([a, b]) => a !== b);
    expect(wrong.slice(0, 10)).toEqual([]);
    // Integers as Python holds them (json.loads gives int): the same text.
    expect(py('print(cgdata.js_number(int(sys.stdin.read())))', '-9007199254740991').trim()).toBe('-9007199254740991');
  });

  it('writes strings as JSON.stringify does: quotes, backslashes, control characters, lone surrogates, non-ASCII', () => {
    const next = words(7);
    const alphabet = ['"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', 'é', '€', '😀', '\ud800', '\udfff', 'a', ' ', '\u2028'];
    const strs = Array.from({ length: 500 }, () => Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join(''));
    // The strings travel as JSON (lone surrogates as \\u escapes), as a model.json holds them.
    const got = JSON.parse(py('print(json.dumps([cgdata.js_string(s) for s in json.loads(sys.stdin.read())]))', JSON.stringify(strs)));
    expect(got).toEqual(strs.map((s) => JSON.stringify(s)));
  });

  it('gives a checkpoint-like object the checksum cg computes (key order, nesting, NaN as strings)', () => {
    const meta = {
      format: 'cg-model', version: 2, name: 'ünï "q"', 10: 'index keys first', 2: 'ascending', spec: { training: { lr: 1e-7, epochs: 3 }, list: [1.5, -0, null, true, false, 'NaN'] },
      history: Array.from({ length: 50 }, (_, i) => ({ epoch: i + 1, loss: Math.exp(-i) / 7, samples_per_s: 12345.678 * (i + 1), seconds: 1e-9 * i, val_loss: null })),
      big: 1e21, small: 1e-7, sha256: 'ignored',
    };
    const text = JSON.stringify(meta, null, 2);
    const got = py('m = json.loads(sys.stdin.read())\nprint(cgdata.js_json({k: v for k, v in m.items() if k != "sha256"}))\nprint(cgdata.meta_checksum(m))', text).split('\n');
    const { sha256: _, ...rest } = JSON.parse(text);
    expect(got[0]).toBe(JSON.stringify(rest));
    expect(got[1]).toBe(metaChecksum(JSON.parse(text)));
    // js_values: a float NaN or infinity becomes cg's string, as jsonNumbers makes it.
    expect(py('print(cgdata.js_json(cgdata.js_values([float("nan"), float("inf"), -float("inf"), 1.0])))', '').trim()).toBe('["NaN","Infinity","-Infinity",1]');
  });
});
