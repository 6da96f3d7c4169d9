import { EXERCISES } from './exercises.js';

/*
 * The playground's markup and styles. It reads without colour and at any width (the same
 * rules as the step-through page): labelled boxes, tables that scroll sideways, columns that
 * stack on a narrow screen. Everything is a native control, so the keyboard alone works.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const LAYOUT = `
<header>
<h1>cg explore</h1>
<p class="lead">Type an expression and values: the graph, the gradients (reverse and forward mode), the finite-difference check, the chain rule narrated and the symbolic derivative follow as you type. Everything runs in this page.</p>
</header>
<main>
<form id="inputs" autocomplete="off" spellcheck="false">
<div class="field wide"><label for="expr">Expression or program</label>
<textarea id="expr" rows="2" aria-describedby="error"></textarea></div>
<div class="field"><label for="at">Values, as after --at</label>
<input id="at" type="text" aria-describedby="error"></div>
<fieldset class="field"><legend>Mode</legend>
<label><input type="radio" name="mode" value="reverse" checked> reverse</label>
<label><input type="radio" name="mode" value="forward"> forward, tangents d·/d</label>
<input id="wrt" type="text" size="6" aria-label="the variable of forward mode (default: the first)" placeholder="x">
</fieldset>
<div class="field"><label for="exercise">Worked examples (the lecture's)</label>
<select id="exercise"><option value="-1">(your own expression)</option>
${EXERCISES.map((e, i) => `<option value="${i}">${i + 1}. ${esc(e.title)}: ${esc(e.expr)}</option>`).join('\n')}
</select></div>
<div class="field"><button type="button" id="practice" aria-pressed="false">Practice mode</button></div>
</form>
<pre id="error" role="alert" hidden></pre>
<section id="practice-panel" aria-labelledby="practice-title" hidden>
<h2 id="practice-title">Practice: what comes next?</h2>
<p id="question"></p>
<form id="answer-form" autocomplete="off" spellcheck="false">
<label for="answer">Your answer (a number, or for a local derivative an expression such as 1 - tanh(z)^2)</label>
<div class="row"><input id="answer" type="text"><button type="submit" id="check">Check</button><button type="button" id="reveal">Show the answer</button></div>
</form>
<p id="feedback" aria-live="polite"></p>
<p id="score" aria-live="polite"></p>
<p><button type="button" id="next-exercise" hidden>Next worked example</button></p>
</section>
<section id="results" aria-labelledby="results-title">
<h2 id="results-title">Value and gradients (cg grad)</h2>
<p id="value" class="mono"></p>
<div class="table-wrap"><table id="grad" class="mono"></table></div>
<p id="check-line" class="mono note"></p>
<ul id="notes"></ul>
</section>
<section aria-labelledby="graph-title-outer">
<h2 id="graph-title-outer">Step through the graph</h2>
<p class="note">Inside the picture: ← → step, space plays, Home and End jump; Tab leaves it.</p>
<iframe id="explorer" title="the step-through page: the graph with its values and gradients"></iframe>
</section>
<div class="columns" id="texts">
<section aria-labelledby="narration-title"><h2 id="narration-title">The chain rule, narrated (cg grad --steps)</h2><pre id="narration"></pre></section>
<section aria-labelledby="diff-title"><h2 id="diff-title">The derivative as an expression (cg diff --steps)</h2><pre id="diff"></pre></section>
</div>
</main>
<footer><p>The address holds what you typed: copy it to share this state. Made by <code>cg explore</code>; nothing here is fetched from a network.</p></footer>
`;

export const STYLE = `
:root { --value: #1a7f37; --deriv: #cf222e; --name: #57606a; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1240px; padding: 10px 18px 40px; color: #1f2328; background: #fff; }
h1 { font-size: 1.4em; margin: 0.2em 0; }
h2 { font-size: 1.1em; margin: 1em 0 0.3em; }
.lead, .note { color: var(--name); margin: 0.2em 0 0.6em; }
.mono, pre, textarea, input[type=text] { font-family: ui-monospace, Menlo, Consolas, monospace; }
form#inputs { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: end; }
.field { display: flex; flex-direction: column; gap: 3px; min-width: 12em; }
.field.wide { flex: 1 1 100%; }
fieldset.field { flex-direction: row; flex-wrap: wrap; align-items: center; gap: 6px 10px; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 10px; }
label { font-weight: 600; }
fieldset label { font-weight: normal; }
select { text-overflow: ellipsis; }
textarea, input[type=text], select { font-size: 1em; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 6px; width: 100%; max-width: 100%; }
fieldset input[type=text] { width: 6em; }
#at { min-width: 22em; }
textarea[aria-invalid=true], input[aria-invalid=true] { border: 2px solid #cf222e; }
button { font: inherit; padding: 6px 14px; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button[aria-pressed=true] { background: #1f2328; color: #fff; }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
#error { color: #cf222e; background: #fff5f5; border-left: 4px solid #cf222e; padding: 8px 12px; overflow-x: auto; white-space: pre; }
pre { background: #f6f8fa; padding: 8px 12px; overflow-x: auto; font-size: 0.9em; white-space: pre; border-radius: 6px; }
.table-wrap { overflow-x: auto; }
table#grad { border-collapse: collapse; font-size: 0.93em; }
table#grad th, table#grad td { border-bottom: 1px solid #d0d7de; padding: 3px 10px; text-align: right; }
table#grad th:first-child, table#grad td:first-child { text-align: left; }
table#grad td.deriv { color: var(--deriv); }
.stale { opacity: 0.45; }
iframe#explorer { width: 100%; min-height: 420px; border: 1px solid #d0d7de; border-radius: 6px; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 18px; }
@media (max-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr); } #at { min-width: 0; } .field { min-width: 0; flex: 1 1 100%; } }
#practice-panel { border: 2px solid #0969da; border-radius: 8px; padding: 4px 14px 10px; margin: 10px 0; }
#practice-panel .row { display: flex; gap: 8px; flex-wrap: wrap; }
#practice-panel #answer { flex: 1 1 16em; width: auto; }
#question { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.05em; }
#feedback.right { color: #1a7f37; }
#feedback.wrong { color: #cf222e; }
#feedback.right::before { content: "✓ "; }
#feedback.wrong::before { content: "✗ "; }
body.practising #results, body.practising #texts { display: none; }
`;
