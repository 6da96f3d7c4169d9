import type { Steps } from '../../steps.js';
import type { GraphView } from '../view.js';

/*
 * The explorer's timeline: one frame per step a learner takes, each pointing into the
 * narration (`--steps --json`'s object, embedded as it is) and at the parts of the picture
 * it concerns. Nothing here computes a number: frames only say which line of the narration
 * is current and what the picture reveals by then.
 */

/** An edge of the picture: Graphviz's `from->to`, and which of several parallel ones (x*x). */
export interface EdgeRef {
  from: string;
  to: string;
  occurrence: number;
}

export interface Frame {
  phase: 'start' | 'forward' | 'backward' | 'tangent';
  /** Index into steps.forward (forward frames). */
  forward: number | null;
  /** Index into steps.lines (backward and tangent frames). */
  line: number | null;
  /** The view node the step is about (null where it is inside a collapsed box or hidden). */
  node: string | null;
  edge: EdgeRef | null;
  /** What becomes visible at this frame: `v:n3` a node's value, `d:n3` its derivative, `e:n0>n2#0` an edge's gradient. */
  reveals: string[];
}

/** The view node of each name the narration uses (variables, intermediates, the output). */
function idsByName(v: GraphView): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of v.nodes) if (n.kind !== 'const' && !m.has(n.name)) m.set(n.name, n.id);
  return m;
}

const edgeKey = (e: EdgeRef) => `e:${e.from}>${e.to}#${e.occurrence}`;

/** The frames of a walk: the start, the forward pass node by node, then the narration's lines. */
export function framesOf(v: GraphView, s: Steps | null): Frame[] {
  const id = idsByName(v);
  const frame = (f: Partial<Frame> & Pick<Frame, 'phase'>): Frame => ({ forward: null, line: null, node: null, edge: null, reveals: [], ...f });
  // Inputs are known before anything is computed (and constants always are).
  const inputs = v.nodes.filter((n) => n.kind === 'var' || n.kind === 'const' || (n.kind === 'group' && !s?.forward.some((f) => f.name === n.name)));
  const frames: Frame[] = [frame({ phase: 'start', reveals: inputs.map((n) => `v:${n.id}`) })];
  if (!s) return frames;
  s.forward.forEach((f, k) => {
    const node = id.get(f.name) ?? null;
    frames.push(frame({ phase: 'forward', forward: k, node, reveals: node ? [`v:${node}`] : [] }));
  });
  // Parallel edges (a node using one input twice): the narration's `via q #2` says which.
  const vias = new Map<string, number[]>();
  const viaNumber = (via: string | null) => Number(/ #(\d+)$/.exec(via ?? '')?.[1] ?? 0);
  const consumerOf = (upstream: string) => upstream.slice(`∂${s.output}/∂`.length);
  for (const l of s.lines) {
    if (l.kind !== 'edge' || !l.upstream) continue;
    const key = `${l.target}>${consumerOf(l.upstream.name)}`;
    vias.set(key, [...(vias.get(key) ?? []), viaNumber(l.via)].sort((a, b) => a - b));
  }
  // A node's derivative is complete at its last line (the sum where it has several uses).
  const last = new Map<string, number>();
  s.lines.forEach((l, k) => last.set(l.target, k));
  s.lines.forEach((l, k) => {
    const node = id.get(l.target) ?? null;
    const reveals: string[] = [];
    let edge: EdgeRef | null = null;
    if (l.kind === 'edge' && l.upstream) {
      const consumer = consumerOf(l.upstream.name);
      const to = id.get(consumer);
      if (node && to) {
        edge = { from: node, to, occurrence: vias.get(`${l.target}>${consumer}`)!.indexOf(viaNumber(l.via)) };
        reveals.push(edgeKey(edge));
      }
    }
    if (node && last.get(l.target) === k) reveals.push(`d:${node}`);
    frames.push(frame({ phase: s.mode === 'reverse' ? 'backward' : 'tangent', line: k, node, edge, reveals }));
  });
  return frames;
}
