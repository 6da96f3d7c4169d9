import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

const NEURON = ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3'];

describe('--digits N: one number format for people, N significant digits', () => {
  it('each output keeps its own default without it', () => {
    const r = cg(['grad', ...NEURON, '--steps']);
    expect(r.stdout).toMatch(/^ w0 +-0\.196611933241 /m); // tables: 12
    expect(r.stdout).toContain('= 1 · (-1/p^2) = -0.534447'); // narration: 6
  });
  it('tables, narration and pictures all follow it; JSON numbers stay exact', () => {
    const r = cg(['--digits', '3', 'grad', ...NEURON, '--steps']);
    expect(r.stdout).toMatch(/^f = 0\.731$/m);
    expect(r.stdout).toMatch(/^ w0 +-0\.197 +-0\.197 +-0\.197 /m);
    expect(r.stdout).toContain('∂f/∂p = ∂f/∂f · ∂f/∂p = 1 · (-1/p^2) = -0.534');
    expect(cg(['graph', 'x/x^2', '--at', 'x=2', '--digits', '2']).stdout).toMatch(/^└─ q = x\^2 +4 +-0\.13$/m);
    expect(cgJson(['grad', ...NEURON, '--digits', '3']).json.gradient.w0).toBe(cgJson(['grad', ...NEURON]).json.gradient.w0);
    expect(cgJson(['grad', ...NEURON, '--digits', '3']).json.gradient.w0).toBeCloseTo(-0.196611933241, 12);
  });
  it('a bad count: one line, exit 2', () => {
    const r = cg(['grad', 'x', '--at', 'x=1', '--digits', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --digits 0: give a whole number from 1 to 17\n');
  });
});
