import { basename, extname } from 'node:path';
import { CgError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { FORMATS as PICTURE_FORMATS, drawingOnce, graphView, layoutFor, renderView, toSvg, type Format as PictureFormat, type Group } from '../graph/present/render/index.js';
import { Tensor, type Value } from '../graph/tensor.js';
import type { FloatArray } from '../nn/executor.js';
import { checkOutputPath, writeOutput } from '../util/files.js';
import { chosenDigitCount } from '../util/numbers.js';
import { loadInputs } from './inputs.js';
import { freeNames } from '../parse/index.js';
import { colorFor } from './output.js';
import type { OptionsOf } from './command.js';
import type { graph as spec } from './commands/graph.js';

/** The options as declared in commands/graph.ts. */
export type GraphOptions = OptionsOf<typeof spec>;

/** What `drawGraph` needs: any Graph with values, from an expression or (later) a model spec. */
export interface DrawInput {
  graph: Graph;
  values: ReadonlyMap<string, Value>;
  outputName: string;
  /** The text shown in the legend. */
  expression: string;
  /** Parts to draw as one box each (`--collapse`; a model's layers). */
  groups?: Group[];
  /** Lines for the legend on where the values came from. */
  notes?: string[];
  /** false: the legend leaves out the values (a model's tensors). */
  legendAt?: boolean;
  /** Reverse mode without `--wrt`: the variables gradients flow to (default all; a model's parameters). */
  defaultWrt?: string[];
  /** No values were given: draw the structure only (the values bound are placeholders). */
  bare?: boolean;
}

/** The pictures, and the explorer page (`html`), which also needs the graph to narrate it. */
const FORMATS = [...PICTURE_FORMATS, 'html'] as const;
type Format = (typeof FORMATS)[number];

const EXTENSIONS: Record<string, Format> = {
  '.html': 'html',
  '.htm': 'html',
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
      hint: 'write an .svg: any browser shows it, and an SVG converter (rsvg-convert, inkscape) makes a PNG or PDF of it',
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
  let wrt = opts.wrt ? opts.wrt.split(',').map((s) => s.trim()).filter(Boolean) : mode === 'reverse' ? input.defaultWrt : undefined;
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
    notes: input.notes,
    legendAt: input.legendAt,
    full: positiveInt(opts.full, '--full'),
    bare: input.bare,
  });
  if ((format === 'svg' || format === 'dot' || format === 'mermaid' || format === 'html') && view.nodes.length > MAX_PICTURE_NODES) {
    throw new CgError('limit', `the graph has ${view.nodes.length} nodes; pictures stop at ${MAX_PICTURE_NODES}`, {
      hint: 'collapse named parts with --collapse, or use --format json',
    });
  }
  drawingOnce();
  const drawing = format === 'svg' || format === 'html';
  if (drawing) sayAboutSize(view.nodes.length, !!input.groups?.length);
  const c = colorFor(process.stdout);
  const paint = color ? { value: c.green, derivative: mode === 'forward' ? c.blue : c.red, dim: c.dim } : undefined;
  if (format === 'html') {
    const { explorerPage } = await import('../graph/present/render/html/index.js');
    const page = explorerPage(input.graph, input.values, view, await toSvg(view, { legend: false }), {
      full: view.full,
      digits: chosenDigitCount(),
    });
    progress('');
    return { text: page, format, nodes: view.nodes.length };
  }
  const text = await renderView(view, format as PictureFormat, paint);
  if (drawing) progress('');
  return { text, format, nodes: view.nodes.length };
}

/** Past this many nodes a whole picture is no longer read at a glance. */
const READABLE_NODES = 120;

/**
 * On stderr, before a drawing: a progress line where it may take over a second (a
 * terminal only), and a one-line hint where the picture is too large to read whole.
 */
function sayAboutSize(nodes: number, collapsed: boolean): void {
  const layout = layoutFor(nodes);
  if (process.stderr.isTTY && ((layout === 'graphviz' && nodes > 100) || nodes > 1500)) {
    progress(`drawing ${nodes} nodes (${layout === 'graphviz' ? 'Graphviz layout' : 'layered layout'})…`);
  }
  if (nodes > READABLE_NODES) {
    const how = layout === 'layered' ? "laid out by cg's layered layout (Graphviz's takes minutes at this size); " : '';
    const collapse = collapsed ? '' : '--collapse NAME boxes a named part, ';
    process.stderr.write(`${progressShown ? '\r\x1b[K' : ''}note: ${nodes} nodes: ${how}${collapse}--format dot|text give the structure without a picture\n`);
    if (progressShown) process.stderr.write(lastProgress);
  }
}

let progressShown = false;
let lastProgress = '';
/** A progress line on a terminal's stderr, replaced by the next ('' clears it). */
function progress(line: string): void {
  if (!process.stderr.isTTY) return;
  if (progressShown) process.stderr.write('\r\x1b[K');
  if (line) process.stderr.write(line);
  progressShown = line !== '';
  lastProgress = line;
}

/** A whole number ≥ 1 from an option, or undefined when absent. */
function positiveInt(s: string | undefined, flag: string): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new CgError('usage', `${flag} ${s}: give a whole number from 1 to 100`);
  return n;
}

const SPEC_FILE = /\.ya?ml$/i;

export async function graphCommand(expr: string, opts: GraphOptions): Promise<number> {
  if (opts.format && !(FORMATS as readonly string[]).includes(opts.format)) {
    throw new CgError('usage', `--format ${opts.format}: choose ${FORMATS.join(', ')}`);
  }
  if (opts.output) checkOutputPath(opts.output, '-o');
  const specPath = opts.file !== undefined ? (SPEC_FILE.test(opts.file) ? opts.file : undefined) : SPEC_FILE.test(expr.trim()) ? expr.trim() : undefined;
  let input: DrawInput;
  if (specPath !== undefined) input = await modelInput(specPath, opts);
  else if (!opts.at?.length && opts.atFile === undefined && (opts.mode ?? 'reverse') === 'reverse' && pickFormat(opts) !== 'html') {
    // No values: the bare graph, as the slides draw it first (its structure, no numbers).
    const names = freeNames(expr);
    const { graph, values, outputName } = loadInputs(expr, { at: names.length ? [names.map((n) => `${n}=1`).join(',')] : [] });
    input = { graph, values, outputName, expression: expr, groups: groupsFor(graph, outputName, opts.collapse), bare: true };
  } else {
    const { graph, values, outputName } = loadInputs(expr, opts);
    input = { graph, values, outputName, expression: expr, groups: groupsFor(graph, outputName, opts.collapse) };
  }
  const drawn = await drawGraph(input, opts, !opts.output);
  if (opts.output) {
    writeOutput(opts.output, drawn.text, '-o');
    process.stdout.write(`wrote ${opts.output} (${drawn.format}, ${drawn.nodes} nodes)\n`);
  } else process.stdout.write(drawn.text);
  return 0;
}

// Rows of the batch a model is drawn on: enough to see a batch dimension, few enough to read.
const MODEL_ROWS = 4;

/**
 * A model spec as something to draw: its graph (specToGraph's, on a batch of a few rows),
 * the values of its first training step (rows of the training split picked by
 * training.seed, normalised as training does them; the seeded initial weights, in the
 * spec's dtype), and its layers as the groups `--collapse` may box. Gradients default to
 * the parameters', what training computes.
 */
async function modelInput(path: string, opts: GraphOptions): Promise<DrawInput> {
  if (opts.at?.length || opts.atFile !== undefined) {
    throw new CgError('usage', `${opts.at?.length ? '--at' : '--at-file'} sets an expression's variables; a model's come from its spec`, {
      hint: 'the batch is rows of the spec\'s data, the weights its seeded initial ones',
    });
  }
  // zod, yaml and the training code load only for a spec.
  const [{ readSpecFile }, data, nn, { LOSS_OPS }, trainer, rng] = await Promise.all([
    import('../nn/spec.js'),
    import('../nn/data.js'),
    import('../nn/index.js'),
    import('../nn/model.js'),
    import('../nn/trainer.js'),
    import('../nn/rng.js'),
  ]);
  const sf = readSpecFile(path);
  const { spec } = sf;
  const ds = data.loadSpecData(sf);
  const def = nn.modelDef(data.inputCount(ds), spec.model.layers, spec.loss);
  try {
    trainer.checkFits(def, ds);
  } catch (e) {
    if (e instanceof trainer.FitError) throw e.at(sf);
    throw e;
  }

  const split = data.splitRows(ds.n, spec.training.validation, spec.training.seed);
  const batch = Math.min(MODEL_ROWS, spec.training.batch_size, split.train.length);
  const picked = Int32Array.from(split.train);
  rng.shuffle(picked, rng.mulberry32(rng.subSeed(spec.training.seed, 0x67a4)));
  const rows = picked.slice(0, batch).sort();
  const d = def.inputs;
  const norm = spec.data.normalize ? data.fitNormalization(ds.x, d, split.train) : data.identityNormalization(d);
  const set = trainer.rowSet(def, ds, rows, norm, spec.dtype);
  const params = new Map<string, FloatArray>();
  trainer.initParams(def, spec.model.init, spec.training.seed, spec.dtype, params);

  const graph = nn.specToGraph(sf, { batch });
  const source = spec.data.source.startsWith('builtin:') ? spec.data.source : basename(spec.data.source);
  const values = new Map<string, Value>();
  const tensor = (name: string, src: ArrayLike<number>) => new Tensor(graph.nodes[graph.vars.get(name)!].shape, Float64Array.from(src));
  values.set('X', tensor('X', set.x));
  values.set('Y', tensor('Y', set.t));
  for (const [name, buf] of params) values.set(name, tensor(name, buf));

  // Layer k's output is h<k>, the last one's logits: the names the graph assigns.
  const layerName = (k: number) => (k === def.layers.length - 1 ? 'logits' : `h${k + 1}`);
  const formulas = def.layers.map((l, k) => {
    const affine = `${k === 0 ? 'X' : layerName(k - 1)}*W${k + 1} + b${k + 1}`;
    return l.activation ? `${l.activation}(${affine})` : affine;
  });
  const expression = [...formulas.map((f, k) => `${layerName(k)} = ${f}`), `loss = ${LOSS_OPS[def.loss]}(logits, Y)`].join('; ');
  const groups = groupsFor(graph, 'loss', opts.collapse).map((grp) => {
    const k = def.layers.findIndex((_, i) => layerName(i) === grp.name);
    return k < 0 ? grp : { ...grp, label: `${formulas[k]} (layer ${k + 1})` };
  });
  return {
    graph,
    values,
    outputName: 'loss',
    expression,
    groups,
    notes: [
      `X, Y: ${batch} of the ${split.train.length} training rows of ${source} in ${basename(path)} (row${batch === 1 ? '' : 's'} ${[...rows].join(', ')}, picked with seed ${spec.training.seed})${spec.data.normalize ? ', inputs normalised' : ''}`,
      `${nn.paramShapes(def).map((p) => p.name).join(', ')}: the initial weights (${spec.model.init}, seed ${spec.training.seed}, ${spec.dtype}), as training starts`,
    ],
    legendAt: false,
    defaultWrt: [...values.keys()].filter((n) => n !== 'X' && n !== 'Y'),
  };
}
