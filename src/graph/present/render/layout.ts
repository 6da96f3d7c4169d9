/*
 * A layered left-to-right layout in time linear in the graph (up to a sort per column),
 * for pictures too large for Graphviz: its dot layout took 30 s for 520 nodes and minutes
 * past a thousand. Data flows left to right into one output at the right, the way an
 * expression's graph is read: a node's column is its longest path to the output, so every
 * edge points right; within a column nodes sit next to the nodes they feed (a tidy-tree
 * placement from a depth-first walk from the output), pushed apart where they would touch.
 * Edge labels sit in the gap before their head's column, stacked beside the head, so they
 * never cover a node or each other. Pure geometry: nothing here knows what it draws
 * (the explorer of `cg explore` may lay out its own boxes with it).
 */

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  /** The label's box (0×0 for none). */
  labelWidth: number;
  labelHeight: number;
}

export interface PlacedNode extends LayoutNode {
  /** Centre. */
  x: number;
  y: number;
}

export interface PlacedEdge extends LayoutEdge {
  /** Where the edge leaves its tail (its right side) and enters its head (its left side). */
  start: [number, number];
  end: [number, number];
  /** The label's centre; the edge runs level through it from labelStart to labelEnd. */
  label: [number, number];
  labelStart: [number, number];
  labelEnd: [number, number];
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Space between nodes in a column. */
  nodeGap?: number;
  /** Space around the labels in the gap between columns. */
  columnGap?: number;
  margin?: number;
}

/**
 * Lay out a graph whose every node reaches `output` (others are put in a column of their
 * own at the left). Edges must not form a cycle.
 */
export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], output: string, opts: LayoutOptions = {}): Layout {
  const nodeGap = opts.nodeGap ?? 14;
  const columnGap = opts.columnGap ?? 24;
  const margin = opts.margin ?? 12;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const n = nodes.length;
  const inputs: number[][] = nodes.map(() => []);
  const users: number[][] = nodes.map(() => []);
  const incoming: number[][] = nodes.map(() => []);
  edges.forEach((e, k) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) throw new Error(`layout: edge ${e.from}->${e.to} names an unknown node`);
    inputs[b].push(a);
    users[a].push(b);
    incoming[b].push(k);
  });

  // Columns counted from the right: the longest path to the output (Kahn's order from the output back).
  const col = new Int32Array(n).fill(-1);
  const out = index.get(output);
  if (out === undefined) throw new Error(`layout: no node ${output}`);
  const pending = Int32Array.from(users, (u) => u.length);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) queue.push(i);
  const order: number[] = [];
  for (let h = 0; h < queue.length; h++) {
    const i = queue[h];
    order.push(i);
    let c = 0;
    for (const u of users[i]) c = Math.max(c, col[u] + 1);
    col[i] = i === out || users[i].length === 0 ? (i === out ? 0 : -1) : c;
    for (const j of inputs[i]) if (--pending[j] === 0) queue.push(j);
  }
  if (order.length !== n) throw new Error('layout: the graph has a cycle');
  let columns = 0;
  for (let i = 0; i < n; i++) columns = Math.max(columns, col[i] + 1);
  // Nodes that feed nothing (and are not the output): one more column at the left.
  for (let i = 0; i < n; i++) if (col[i] < 0) col[i] = columns;
  if (col.includes(columns)) columns++;

  // Each node's vertical room: its box, or the stack of the labels entering it.
  const room = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let labels = 0;
    for (const k of incoming[i]) labels += edges[k].labelHeight + 4;
    room[i] = Math.max(nodes[i].height, labels);
  }

  // Tidy-tree placement: a depth-first walk from the output (then from any node left over)
  // gives each leaf the next slot down, and each inner node the middle of its inputs.
  const want = new Float64Array(n);
  const visited = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  let slot = 0;
  const place = (root: number) => {
    const stack: [number, number][] = [[root, 0]];
    visited[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [i, k] = top;
      if (k < inputs[i].length) {
        top[1]++;
        const j = inputs[i][k];
        if (!visited[j]) {
          visited[j] = 1;
          parent[j] = i;
          stack.push([j, 0]);
        }
        continue;
      }
      stack.pop();
      // Its own inputs are those first reached through it (a shared one sits by its first user).
      const own = inputs[i].filter((j) => parent[j] === i);
      if (own.length === 0) {
        want[i] = slot + room[i] / 2;
        slot += room[i] + nodeGap;
      } else want[i] = own.reduce((s, j) => s + want[j], 0) / own.length;
    }
  };
  place(out);
  for (let i = 0; i < n; i++) if (!visited[i]) place(i);

  // Per column: in the wanted order, each pushed down below the one above it.
  const y = new Float64Array(n);
  const byColumn: number[][] = Array.from({ length: columns }, () => []);
  for (let i = 0; i < n; i++) byColumn[col[i]].push(i);
  for (const members of byColumn) {
    members.sort((a, b) => want[a] - want[b] || a - b);
    let floor = -Infinity;
    for (const i of members) {
      y[i] = Math.max(want[i], floor + room[i] / 2);
      floor = y[i] + room[i] / 2 + nodeGap;
    }
  }

  // Column widths, and before each the gap that holds the labels entering it.
  const colWidth = new Float64Array(columns);
  const gap = new Float64Array(columns).fill(columnGap);
  for (let i = 0; i < n; i++) {
    colWidth[col[i]] = Math.max(colWidth[col[i]], nodes[i].width);
    for (const k of incoming[i]) gap[col[i]] = Math.max(gap[col[i]], edges[k].labelWidth + 2 * columnGap);
  }
  // Left to right is from the highest column down to 0.
  const colX = new Float64Array(columns);
  let x = margin;
  for (let c = columns - 1; c >= 0; c--) {
    if (c < columns - 1) x += gap[c];
    colX[c] = x + colWidth[c] / 2;
    x += colWidth[c];
  }
  const width = x + margin;
  let top = Infinity;
  let bottom = -Infinity;
  for (let i = 0; i < n; i++) {
    top = Math.min(top, y[i] - room[i] / 2);
    bottom = Math.max(bottom, y[i] + room[i] / 2);
  }
  if (n === 0) top = bottom = 0;
  const shift = margin - top;

  const placed = new Map<string, PlacedNode>();
  nodes.forEach((nd, i) => placed.set(nd.id, { ...nd, x: colX[col[i]], y: y[i] + shift }));
  const placedEdges: PlacedEdge[] = new Array(edges.length);
  for (let b = 0; b < n; b++) {
    // The labels entering b, top to bottom in the order their tails sit, centred on b.
    const ks = [...incoming[b]].sort((p, q) => y[index.get(edges[p].from)!] - y[index.get(edges[q].from)!] || p - q);
    const total = ks.reduce((s, k) => s + edges[k].labelHeight + 4, 0);
    let ly = y[b] + shift - total / 2;
    const head = placed.get(nodes[b].id)!;
    const labelRight = head.x - colWidth[col[b]] / 2 - columnGap / 2;
    for (const k of ks) {
      const e = edges[k];
      const tail = placed.get(e.from)!;
      const cy = ly + (e.labelHeight + 4) / 2;
      ly += e.labelHeight + 4;
      const lx = labelRight - e.labelWidth / 2;
      placedEdges[k] = {
        ...e,
        start: [tail.x + tail.width / 2, tail.y],
        end: [head.x - head.width / 2, head.y],
        label: [lx, cy],
        labelStart: [labelRight - e.labelWidth, cy],
        labelEnd: [labelRight, cy],
      };
    }
  }
  return { nodes: placed, edges: placedEdges, width, height: bottom - top + 2 * margin };
}
