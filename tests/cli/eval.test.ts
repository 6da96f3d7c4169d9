import { describe, expect, it } from 'vitest';
import { cg, cgJson } from './run.js';

describe('cg eval: the names --steps uses', () => {
  const NEURON = ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3'];
  it('unnamed intermediates get q, r, … as in the narration, in parentheses', () => {
    const r = cg(['eval', ...NEURON]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +3 +mul +\(q\) +w0\*x0 +-2$/m);
    expect(r.stdout).toMatch(/^ +12 +add +\(p\) +1\+exp\(-\(w0\*x0\+w1\*x1\+w2\)\) +1\.36787944117$/m);
    expect(r.stdout).toContain('(q): the name cg grad --steps and cg graph give an unnamed intermediate');
  });
  it('--json: step_name is the narration’s name of each node', () => {
    const ev = cgJson(['eval', ...NEURON]).json;
    const steps = cgJson(['grad', ...NEURON, '--steps']).json.steps;
    const byStep = new Map(ev.nodes.filter((n: any) => n.step_name).map((n: any) => [n.step_name, n.value]));
    for (const f of steps.forward) expect(byStep.get(f.name), f.name).toBe(f.value);
    expect(ev.nodes.find((n: any) => n.op === 'const').step_name).toBeNull();
    expect(ev.nodes.find((n: any) => n.id === 3)).toMatchObject({ name: null, step_name: 'q' });
  });
});
