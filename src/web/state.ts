import type { State } from './engine.js';

/*
 * The page's state in the URL's hash (`#e=(x%2By)*z&at=x%3D-2...`), so that a link
 * reproduces what the learner sees: expression, values, mode, practice and the exercise.
 */

export interface PageState extends State {
  practice: boolean;
  /** The worked example practised (index into EXERCISES), or -1. */
  exercise: number;
}

export function encodeState(s: PageState): string {
  const p = new URLSearchParams();
  p.set('e', s.expr);
  p.set('at', s.at);
  if (s.mode !== 'reverse') p.set('mode', s.mode);
  if (s.wrt) p.set('wrt', s.wrt);
  if (s.practice) p.set('practice', '1');
  if (s.exercise >= 0) p.set('ex', String(s.exercise + 1));
  return `#${p.toString()}`;
}

/** The state a hash holds, or null for an empty or foreign hash. */
export function decodeState(hash: string): PageState | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const expr = p.get('e');
  if (expr === null) return null;
  const ex = Number(p.get('ex') ?? 0);
  return {
    expr,
    at: p.get('at') ?? '',
    mode: p.get('mode') === 'forward' ? 'forward' : 'reverse',
    wrt: p.get('wrt') ?? '',
    practice: p.get('practice') === '1',
    exercise: Number.isInteger(ex) && ex >= 1 ? ex - 1 : -1,
  };
}
