/// <reference lib="dom" />
import { instance } from '@viz-js/viz';
import { explorerPage, fmtNumber, toDot, type DiffResult } from '../index.js';
import { diffOf, explore, failure, summary, type Explored, type Failure, type State } from './engine.js';
import { EXERCISES } from './exercises.js';
import { LAYOUT, STYLE } from './layout.js';
import { judgeAnswer, questions, type Question } from './practice.js';
import { decodeState, encodeState, type PageState } from './state.js';

/*
 * The playground (`cg explore`): the learner's edits run through the engine (engine.ts),
 * Graphviz lays out the picture in the page, and the step-through page of
 * `cg graph --format html` is rebuilt from it inside a frame. The body's data attributes
 * say where the page is (data-state: busy, ready or error) and how long drawing took, for
 * the tests and the figures in README.
 */

// The state `cg explore EXPR --at ...` wrote into the page, read before the body is replaced.
const given = document.getElementById('cg-initial')?.textContent;
document.head.insertAdjacentHTML('beforeend', `<style>${STYLE}</style>`);
document.body.innerHTML = LAYOUT;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const exprBox = $<HTMLTextAreaElement>('expr');
const atBox = $<HTMLInputElement>('at');
const wrtBox = $<HTMLInputElement>('wrt');
const exerciseBox = $<HTMLSelectElement>('exercise');
const practiceButton = $<HTMLButtonElement>('practice');
const frame = $<HTMLIFrameElement>('explorer');
const errorBox = $('error');
const body = document.body;

// Graphviz compiles while the first expression is worked out.
const graphviz = instance();

function initial(): PageState {
  const fromHash = decodeState(location.hash);
  if (fromHash) return fromHash;
  if (given) {
    const s = JSON.parse(given) as Partial<PageState>;
    return { expr: s.expr ?? '', at: s.at ?? '', mode: s.mode === 'forward' ? 'forward' : 'reverse', wrt: s.wrt ?? '', practice: false, exercise: -1 };
  }
  return { ...EXERCISES[0], mode: 'reverse', wrt: '', practice: false, exercise: 0 };
}

let state: PageState = initial();

function show(s: PageState): void {
  exprBox.value = s.expr;
  atBox.value = s.at;
  wrtBox.value = s.wrt;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=mode]')) r.checked = r.value === s.mode;
  exerciseBox.value = String(s.exercise);
  practiceButton.setAttribute('aria-pressed', String(s.practice));
  body.classList.toggle('practising', s.practice);
  $('practice-panel').hidden = !s.practice;
}

function read(): PageState {
  const mode = document.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value === 'forward' ? 'forward' : 'reverse';
  return { ...state, expr: exprBox.value, at: atBox.value, mode, wrt: wrtBox.value.trim() };
}

// ---------------------------------------------------------------- results

const n = (v: unknown) => (typeof v === 'number' ? fmtNumber(v) : Array.isArray(v) ? JSON.stringify(v) : String(v));

function cell(tag: 'td' | 'th', text: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function showResults(x: Explored): void {
  $('value').textContent = `${x.outputName} = ${n(x.value ?? '(a tensor: see the graph)')}`;
  const table = $('grad');
  table.textContent = '';
  const head = ['var', `∂${x.outputName}/∂var`, 'forward', 'finite diff', '± est', 'abs err', 'rel err', 'ok'];
  const tr = document.createElement('tr');
  for (const h of head) tr.appendChild(cell('th', h));
  const thead = document.createElement('thead');
  thead.appendChild(tr);
  table.appendChild(thead);
  const tbody = document.createElement('tbody');
  for (const r of x.check?.rows ?? []) {
    const row = document.createElement('tr');
    row.setAttribute('data-var', r.label);
    const mark = r.verdict === 'pass' ? '✓' : r.verdict === 'fail' ? '✗' : '?';
    [r.label, n(r.analytic), r.forward === null ? '' : n(r.forward), n(r.numeric), n(r.estimate), n(r.absErr), n(r.relErr), mark].forEach((t, i) =>
      row.appendChild(cell(i ? 'td' : 'th', t, i === 1 ? 'deriv' : undefined)),
    );
    tbody.appendChild(row);
  }
  table.appendChild(tbody);
  const c = x.check?.result;
  $('check-line').textContent = c
    ? `check: ${c.method}, first step ${c.step}; rtol ${fmtNumber(c.rtol)}, atol ${fmtNumber(c.atol)}: ${c.ok ? (c.counts.inconclusive ? `ok (${c.counts.passed} passed, ${c.counts.inconclusive} inconclusive)` : `all ${c.components.length} ok`) : `${c.counts.passed} passed, ${c.counts.failed} failed`}`
    : '';
  const notes = $('notes');
  notes.textContent = '';
  for (const [kind, t] of [...x.unused.map((u) => ['warning', u]), ...x.kinks.map((k) => ['note', k]), ...(x.note ? [['note', x.note]] : [])]) {
    const li = document.createElement('li');
    li.textContent = `${kind}: ${t}`;
    notes.appendChild(li);
  }
  $('narration').textContent = x.stepsText;
  $('diff').textContent = 'working out the derivatives…';
}

function showDiff(x: Explored): void {
  const d = diffOf(x);
  $('diff').textContent = 'field' in d ? d.text : diffText(d);
}

/** `cg diff --steps --at ...` as it prints without colour. */
function diffText(r: DiffResult): string {
  const lines = r.notes.map((t) => `# note: ${t}`);
  for (const { derivative, steps } of r.steps ?? []) {
    if (!steps.length) continue;
    lines.push(`# ${derivative}, step by step:`, steps[0].before);
    const width = Math.max(...steps.map((s) => s.after.length));
    for (const s of steps) lines.push(`  = ${s.after.padEnd(width)}   (${s.rule})`);
  }
  lines.push(r.program);
  if (r.check) {
    const at = Object.entries(r.check.at).map(([k, v]) => `${k}=${n(v)}`).join(', ');
    lines.push(`# at ${at}: the printed derivatives evaluated, against ${r.check.reference}`);
    for (const [name, k] of Object.entries(r.check.components)) lines.push(`#  ${name}  ${n(k.printed)}  ${n(k.reference)}  abs err ${n(k.abs_err)}  ${k.ok ? '✓' : '✗'}`);
    lines.push(`# rtol ${r.check.rtol}, atol ${r.check.atol}: ${r.check.ok ? 'all agree' : 'MISMATCH'}`);
  }
  return lines.join('\n');
}

function showError(f: Failure): void {
  errorBox.hidden = false;
  errorBox.textContent = f.text;
  exprBox.setAttribute('aria-invalid', String(f.field === 'expr'));
  atBox.setAttribute('aria-invalid', String(f.field === 'at'));
  for (const id of ['results', 'texts', 'explorer']) $(id).classList.add('stale');
}

function clearError(): void {
  errorBox.hidden = true;
  errorBox.textContent = '';
  exprBox.setAttribute('aria-invalid', 'false');
  atBox.setAttribute('aria-invalid', 'false');
  for (const id of ['results', 'texts', 'explorer']) $(id).classList.remove('stale');
}

// ---------------------------------------------------------------- drawing

let current: Explored | null = null;
let generation = 0;
let typedAt: number | null = null;
let drawn = 0;
/** The derivatives still to work out, for the drawing of this generation. */
let diffFor: { x: Explored; generation: number } | null = null;

/** The last few drawings by their DOT text: typing back to an earlier state (a deleted letter) draws no layout again. */
const drawings = new Map<string, string>();
function layout(viz: Awaited<typeof graphviz>, dot: string): string {
  let svg = drawings.get(dot);
  if (svg === undefined) {
    svg = viz.renderString(dot, { format: 'svg' });
    if (drawings.size >= 8) drawings.delete(drawings.keys().next().value!);
  } else drawings.delete(dot);
  drawings.set(dot, svg);
  return svg;
}

async function update(): Promise<void> {
  const mine = ++generation;
  body.dataset.state = 'busy';
  delete body.dataset.pending;
  state = read();
  history.replaceState(null, '', encodeState(state));
  body.dataset.state = 'busy';
  const t0 = performance.now();
  const x = explore(state);
  const t1 = performance.now();
  if (!x.ok) {
    showError(x);
    current = null;
    body.dataset.state = 'error';
    typedAt = null;
    return;
  }
  clearError();
  const sameRun = current && current.state.expr === x.state.expr && current.state.at === x.state.at && current.state.mode === x.state.mode;
  current = x;
  showResults(x);
  try {
    const viz = await graphviz;
    if (mine !== generation) return;
    const t2 = performance.now();
    const svg = layout(viz, toDot(x.view));
    const t3 = performance.now();
    frame.srcdoc = explorerPage(x.graph, x.values, x.view, svg, {});
    // Where a redraw's time goes (README's figures): cg's engines, Graphviz's layout, the step-through page.
    body.dataset.timing = JSON.stringify({ engineMs: Math.round(t1 - t0), layoutMs: Math.round(t3 - t2), pageMs: Math.round(performance.now() - t3) });
    diffFor = { x, generation: mine };
  } catch (err) {
    showError(failure(err, 'other'));
    body.dataset.state = 'error';
    return;
  }
  if (!sameRun) startPractice();
}

frame.addEventListener('load', () => {
  const doc = frame.contentDocument;
  if (!doc?.body) return;
  if (state.practice) {
    doc.head.insertAdjacentHTML('beforeend', '<style>nav.controls, section:has(> #steps) { display: none; }</style>');
    syncFrame();
  }
  fitFrame();
  const now = performance.now();
  // From the navigation's start (performance's time origin): loading and parsing the page included.
  if (!drawn++) body.dataset.firstDrawMs = String(Math.round(now));
  if (typedAt !== null) body.dataset.keystrokeMs = String(Math.round(now - typedAt));
  typedAt = null;
  body.dataset.renders = String(drawn);
  // Once the graph is on screen: the symbolic derivatives (a task later, unless typing went on).
  const d = diffFor;
  diffFor = null;
  setTimeout(() => {
    if (d && d.generation === generation) showDiff(d.x);
    if (!d || d.generation === generation) body.dataset.state = 'ready';
  }, 0);
});

let timer: ReturnType<typeof setTimeout> | undefined;
function edited(): void {
  typedAt ??= performance.now();
  body.dataset.pending = '1';
  clearTimeout(timer);
  // Short enough to follow typing; long enough that a fast typist is not drawn letter by letter.
  timer = setTimeout(() => void update(), 60);
}

for (const el of [exprBox, atBox, wrtBox]) el.addEventListener('input', () => {
  if (state.exercise >= 0) {
    state = { ...state, exercise: -1 };
    exerciseBox.value = '-1';
  }
  edited();
});
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=mode]')) r.addEventListener('change', edited);

exerciseBox.addEventListener('change', () => choose(Number(exerciseBox.value)));
function choose(k: number): void {
  const ex = EXERCISES[k];
  state = ex ? { ...state, expr: ex.expr, at: ex.at, mode: 'reverse', wrt: '', exercise: k } : { ...state, exercise: -1 };
  show(state);
  edited();
}

practiceButton.addEventListener('click', () => {
  state = { ...read(), practice: !state.practice };
  show(state);
  current = null;
  edited();
  if (state.practice) $('answer').focus();
});

window.addEventListener('hashchange', () => {
  const s = decodeState(location.hash);
  if (!s || encodeState(s) === encodeState(read())) return;
  state = s;
  show(s);
  current = null;
  edited();
});
/** The frame as tall as its page, so the page scrolls as one (the body's box: the document's is at least the frame's). */
function fitFrame(): void {
  const doc = frame.contentDocument;
  if (!doc?.body) return;
  const style = getComputedStyle(doc.body);
  frame.style.height = `${Math.ceil(doc.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom)) + 4}px`;
}
window.addEventListener('resize', fitFrame);

// ---------------------------------------------------------------- practice

let asked: Question[] = [];
let at = 0;
let tries = 0;
let score = { right: 0, done: 0, tries: 0 };
const answerBox = $<HTMLInputElement>('answer');
const feedback = $('feedback');

function startPractice(): void {
  asked = [];
  at = 0;
  tries = 0;
  score = { right: 0, done: 0, tries: 0 };
  feedback.textContent = '';
  feedback.className = '';
  $('next-exercise').hidden = true;
  if (!state.practice || !current) return;
  const qs = questions(current);
  if (typeof qs === 'string') {
    $('question').textContent = qs;
    return;
  }
  asked = qs;
  ask();
}

function ask(): void {
  const q = asked[at];
  answerBox.value = '';
  tries = 0;
  showScore();
  if (!q) {
    $('question').textContent = `Done: ${score.right} of ${score.done} right at the first try (${score.tries} answers in all).`;
    body.dataset.practice = 'done';
    const more = state.exercise >= 0 && state.exercise + 1 < EXERCISES.length;
    $('next-exercise').hidden = !more;
    syncFrame(true);
    return;
  }
  body.dataset.practice = `${at}`;
  $('question').textContent = `${at + 1} of ${asked.length} · ${q.prompt}`;
  syncFrame();
}

function showScore(): void {
  $('score').textContent = `Score: ${score.right} of ${score.done} right at the first try; ${score.tries} answers so far.`;
  body.dataset.score = `${score.right}/${score.done}/${score.tries}`;
}

/** The picture at the step before the question's (what it asks for still hidden), or at the end. */
function syncFrame(end = false): void {
  const doc = frame.contentDocument;
  const items = doc?.querySelectorAll<HTMLElement>('#steps li');
  if (!items?.length) return;
  const q = asked[at];
  const k = end || !q ? items.length - 1 : Math.max(0, q.frame - 1);
  items[Math.min(k, items.length - 1)].click();
}

$('answer-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = asked[at];
  if (!q || !current) return;
  const v = judgeAnswer(q, answerBox.value, current);
  tries++;
  score.tries++;
  feedback.textContent = v.message;
  feedback.className = v.ok ? 'right' : 'wrong';
  if (v.ok) {
    score.done++;
    if (tries === 1) score.right++;
    at++;
    ask();
  } else showScore();
});

$('reveal').addEventListener('click', () => {
  const q = asked[at];
  if (!q) return;
  feedback.textContent = `the answer: ${q.solution}`;
  feedback.className = 'wrong';
  score.done++;
  at++;
  ask();
  answerBox.focus();
});

$('next-exercise').addEventListener('click', () => {
  choose(state.exercise + 1);
  answerBox.focus();
});

// For scripts and the tests: the page's engine on any state, as plain data.
(window as unknown as { cg: unknown }).cg = { run: (s: State) => JSON.parse(JSON.stringify(summary(explore(s)))) };

show(state);
void update();
