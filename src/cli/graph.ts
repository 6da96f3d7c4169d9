import { basename, extname } from 'node:path';
import { CgError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { FORMATS, graphView, renderView, type Format, type Group } from '../graph/render/index.js';
import type { Value } from '../graph/tensor.js';
import { writeAtomic } from '../util/files.js';
import { loadInputs, type InputOptions } from './inputs.js';
import { colorFor } from './output.js';

export interface GraphOptions extends InputOptions {
  format?: string;
  output?: string;
  mode?: 'reverse' | 'forward';
  wrt?: string;
  hideConstants?: boolean;
  collapse?: string;
  json?: boolean;
}

/** What `drawGraph` needs: any Graph with values, from an expression or (later) a model spec. */
export interface DrawInput {
  graph: Graph;
  values: ReadonlyMap<string, Value>;
  outputName: string;
  /** The text shown in the legend. */
  expression: string;
  /** Parts to draw as one box each (`--collapse`; a model's layers). */
  groups?: Group[];
}

const EXTENSIONS: Record<string, Format> = {
  '.svg': 'svg',
  '.dot': 'dot',
  '.gv': 'dot',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.txt': 'text',
  '.json': 'json',
};

/** The format: `--json`, `--format`, else from the output file's extension, else text. */
export function pickFormat(opts: Pick<GraphOptions, 'format' | 'output' | 'json'>): Format {
  if (opts.json) {
    if (opts.format && opts.format !== 'json') throw new CgError('usage', `--json and --format ${opts.format} disagree`);
    return 'json';
  }
  if (opts.format) return opts.format as Format;
  if (!opts.output) return 'text';
  const ext = extname(opts.output).toLowerCase();
  if (ext === '.png' || ext === '.pdf') {
    throw new CgError('usage', `cg graph writes ${FORMATS.join(', ')}, not ${ext.slice(1)}`, {
      hint: 'write an .svg; any browser shows it, and scripts/render-png.mjs converts it',
    });
  }
  const format = EXTENSIONS[ext];
  if (!format) throw new CgError('usage', `cannot tell the format from '${basename(opts.output)}'`, { hint: `give --format ${FORMATS.join('|')}` });
  return format;
}

/** Named parts to collapse: `--collapse h,y`, or `all` for every assigned name but the output. */
function groupsFor(g: Graph, outputName: string, spec: string | undefined): Group[] {
  if (!spec) return [];
  const assigned = [...g.names.keys()].filter((name) => g.nodes[g.names.get(name)!].op !== 'var');
  const wanted = spec.trim() === 'all' ? assigned.filter((n) => n !== outputName) : spec.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted.map((name) => {
    if (!assigned.includes(name)) {
      throw new CgError('usage', `--collapse ${name}: not a name the program assigns`, {
        hint: assigned.length ? `its assigned names are ${assigned.join(', ')}` : 'name a part first: h = tanh(W*x + b); L = sum(h.^2)',
      });
    }
    return { name, root: g.names.get(name)! };
  });
}

// Graphviz lays out a few thousand nodes in seconds; beyond that a picture helps nobody.
const MAX_PICTURE_NODES = 3000;

/**
 * The seam every graph is drawn through: `cg graph EXPR`, and model specs once
 * `cg graph mlp.yaml` builds their Graph (with layers as `groups`).
 */
export async function drawGraph(input: DrawInput, opts: GraphOptions, color = false): Promise<{ text: string; format: Format; nodes: number }> {
  const format = pickFormat(opts);
  const mode = opts.mode ?? 'reverse';
  const vars = [...input.graph.vars.keys()];
  let wrt = opts.wrt ? opts.wrt.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  if (mode === 'forward' && !wrt) {
    if (vars.length !== 1) throw new CgError('usage', '--mode forward draws tangents for one variable: give --wrt x', { hint: `its variables are ${vars.join(', ')}` });
    wrt = vars;
  }
  const view = graphView(input.graph, input.values, {
    outputName: input.outputName,
    expression: input.expression,
    mode,
    wrt,
    hideConstants: opts.hideConstants,
    groups: input.groups,
  });
  if ((format === 'svg' || format === 'dot' || format === 'mermaid') && view.nodes.length > MAX_PICTURE_NODES) {
    throw new CgError('limit', `the graph has ${view.nodes.length} nodes; pictures stop at ${MAX_PICTURE_NODES}`, {
      hint: 'collapse named parts with --collapse, or use --format json',
    });
  }
  const c = colorFor(process.stdout);
  const paint = color ? { value: c.green, derivative: mode === 'forward' ? c.blue : c.red, dim: c.dim } : undefined;
  return { text: await renderView(view, format, paint), format, nodes: view.nodes.length };
}

export async function graphCommand(expr: string, opts: GraphOptions): Promise<number> {
  if (/\.ya?ml$/i.test(expr.trim())) {
    throw new CgError('usage', 'cg graph of a model spec comes with cg train', { hint: 'for now, give an expression' });
  }
  if (opts.format && !(FORMATS as readonly string[]).includes(opts.format)) {
    throw new CgError('usage', `--format ${opts.format}: choose ${FORMATS.join(', ')}`);
  }
  const { graph, values, outputName } = loadInputs(expr, opts);
  const groups = groupsFor(graph, outputName, opts.collapse);
  const drawn = await drawGraph({ graph, values, outputName, expression: expr, groups }, opts, !opts.output);
  if (opts.output) {
    writeAtomic(opts.output, drawn.text);
    process.stdout.write(`wrote ${opts.output} (${drawn.format}, ${drawn.nodes} nodes)\n`);
  } else process.stdout.write(drawn.text);
  return 0;
}
