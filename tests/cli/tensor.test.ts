import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

const net = ['h = tanh(W*x + b); y = V*h + a; L = 0.5*sum((y - t).^2)', '--at', 'W=[[1,2],[3,-4],[0.5,0.1]],x=[1,-1],b=[0.1,0.2,0.3]', '--at', 'V=[[1,0,1],[0,1,-1]],a=[0,1],t=[1,2]'];

describe('tensors on the command line', () => {
  it('cg grad gives gradients shaped like their variables, checked per component', () => {
    const { code, json } = cgJson(['grad', ...net]);
    expect(code).toBe(0);
    expect(json.gradient.W).toHaveLength(3);
    expect(json.gradient.W[0]).toHaveLength(2);
    expect(json.gradient.a).toHaveLength(2);
    expect(Object.keys(json.check.components)).toContain('W[2,1]');
    expect(json.ok).toBe(true);
  });

  it('large variables are checked along random directions, and the output says so', () => {
    const big = JSON.stringify(Array.from({ length: 12 }, (_, i) => Array.from({ length: 10 }, (_, j) => Math.sin(i * 10 + j))));
    const r = cg(['grad', 'sum(tanh(W) .* W)', '--at', `W=${big}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12×10 tensor/);
    expect(r.stdout).toMatch(/along 16 random directions/);
  });

  it('a non-scalar output to cg grad suggests cg jacobian', () => {
    const r = cg(['grad', 'W*x', '--at', 'W=[[1,2],[3,4]],x=[1,1]']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a scalar output; f has shape \[2\] \(use cg jacobian/);
  });

  it('a ragged array literal says which rows differ', () => {
    const r = cg(['grad', 'sum(W)', '--at', 'W=[[1,2],[3]]']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: array rows differ in shape: [2], [1]');
  });

  it('shape errors point at the operator', () => {
    const r = cg(['grad', 'sum(W*x)', '--at', 'W=[[1,2,3],[4,5,6]],x=[1,2]']);
    expect(r.code).toBe(2);
    const [msg, src, caret] = r.stderr.split('\n');
    expect(msg).toBe('error: shape mismatch in W*x: [2,3] * [2]: the left side has 3 columns, the right side 2 entries');
    expect(caret.indexOf('^')).toBe(src.indexOf('*'));
  });

  it('cg jacobian of a list, both modes, with the documented JSON', () => {
    const f = cgJson(['jacobian', '[x*y, sin(x), x + y]', '--at', 'x=1,y=2', '--mode', 'forward']);
    const r = cgJson(['jacobian', '[x*y, sin(x), x + y]', '--at', 'x=1,y=2', '--mode', 'reverse']);
    expect(f.json.variables).toEqual(['x', 'y']);
    expect(f.json.jacobian).toEqual(r.json.jacobian);
    expect(f.json.jacobian[0]).toEqual([2, 1]);
    expect(f.json.jacobian[1][0]).toBeCloseTo(Math.cos(1), 15);
    expect([f.json.mode, f.json.sweeps, r.json.mode, r.json.sweeps]).toEqual(['forward', 2, 'reverse', 3]);
    expect(f.json.check.ok).toBe(true);
    const auto = cg(['jacobian', '[x*y, sin(x), x + y]', '--at', 'x=1,y=2']);
    expect(auto.stdout).toMatch(/by forward mode: 2 sweeps \(fewer inputs than outputs\)/);
  });

  it('cg jacobian names tensor columns like W[0,1]', () => {
    const { json } = cgJson(['jacobian', 'W*x', '--at', 'W=[[1,2],[3,4]],x=[5,6]']);
    expect(json.variables).toEqual(['W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]', 'x[0]', 'x[1]']);
    expect(json.outputs).toEqual(['f[0]', 'f[1]']);
    expect(json.jacobian).toEqual([
      [5, 6, 0, 0, 1, 2],
      [0, 0, 5, 6, 3, 4],
    ]);
  });

  it('cg hessian: symmetric, checked, documented JSON', () => {
    const { code, json } = cgJson(['hessian', 'x^2*y + exp(x*y)', '--at', 'x=1,y=0.5']);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(['expression', 'output', 'value', 'gradient', 'variables', 'hessian', 'asymmetry', 'check', 'nonfinite', 'notes', 'ok']);
    const e = Math.exp(0.5);
    expect(json.hessian[0][0]).toBeCloseTo(1 + 0.25 * e, 12);
    expect(json.hessian[0][1]).toBeCloseTo(2 + e * 1.5, 12);
    expect(json.hessian[1][0]).toBe(json.hessian[0][1]);
    expect(json.check.ok).toBe(true);
  });

  it('cg grad --hvp gives H·v', () => {
    const { json } = cgJson(['grad', 'x^2*y + exp(x*y)', '--at', 'x=1,y=0.5', '--hvp', 'x=1,y=0']);
    const e = Math.exp(0.5);
    expect(json.hvp.x).toBeCloseTo(1 + 0.25 * e, 12);
    expect(json.hvp.y).toBeCloseTo(2 + 1.5 * e, 12);
  });
});
