import { CgError } from '../../errors.js';
import { CASE_ATOL, CASE_RTOL } from './spec.js';
import { Tensor, type Value } from '../../graph/tensor.js';
import { parseAt } from '../../parse/index.js';
import { suggest } from '../../util/suggest.js';
import { loadInputs, pickWrt, type InputOptions } from '../inputs.js';
import type { CheckCase } from './spec.js';

/**
 * The case `cg check EXPR --at ... [--expect value=-12,x=-4]` describes. In --expect,
 * `value` (or the output's name) is the output's value, `hessian` the Hessian as a
 * matrix, every other name a variable's gradient; a variable named `value` or `hessian`
 * takes the name for its gradient.
 */
export function inlineCase(
  expr: string,
  opts: InputOptions & { expect?: string[]; wrt?: string; sweep?: boolean },
  tol: { rtol?: number; atol?: number },
): CheckCase {
  const { graph, values, variables, outputName } = loadInputs(expr, opts);
  const wrt = opts.wrt ? pickWrt(opts.wrt, variables) : undefined;
  const rtol = tol.rtol ?? CASE_RTOL;
  const atol = tol.atol ?? CASE_ATOL;
  const c: CheckCase = {
    name: expr.replace(/\s+/g, ' ').trim(),
    source: expr,
    // Only the values the expression uses (loadInputs has warned about the others).
    at: new Map([...values].filter(([k]) => graph.vars.has(k))),
    wrt,
    rtol,
    atol,
    finiteDifferences: true,
    sweep: opts.sweep ?? false,
  };
  if (opts.expect?.length) {
    const given = parseAt(opts.expect);
    const gradient = new Map<string, Value>();
    let value: Value | undefined;
    let hessian: number[][] | undefined;
    for (const [name, v] of given) {
      if (graph.vars.has(name)) gradient.set(name, v);
      else if (name === 'value' || name === outputName) value = v;
      else if (name === 'hessian') hessian = typeof v === 'number' ? [[v]] : ((v as Tensor).toNested() as number[][]);
      else {
        const guess = suggest(name, [...variables, 'value', 'hessian']);
        throw new CgError('usage', `--expect ${name}: not a variable of the expression, nor value or hessian`, {
          hint: guess ? `did you mean ${guess}?` : `its variables are ${variables.join(', ') || 'none'}`,
        });
      }
    }
    c.expect = { value, gradient: gradient.size ? gradient : undefined, hessian, rtol, atol, where: { gradient: new Map() } };
  }
  return c;
}
