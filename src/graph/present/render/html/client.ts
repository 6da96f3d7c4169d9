/*
 * The explorer's script, inlined into the page (no network, opens from disk). It reads the
 * embedded narration (`cg grad --steps --json`'s object) and the frames, and only shows
 * them: it formats numbers, it never computes one. Plain ES2020 for any browser.
 */
export const CLIENT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('cg-data').textContent);
  var steps = JSON.parse(document.getElementById('cg-steps').textContent);
  var frames = data.frames;
  var cur = 0;
  var timer = null;
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // Numbers as cg prints them: 6 significant digits (--digits), no trailing zeros.
  function trim(s) { return s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s; }
  function fmt(v) {
    if (typeof v === 'string') return v;
    if (v === 0) return '0';
    var a = Math.abs(v);
    var s = a < 1e-4 || a >= 1e12 ? v.toExponential(data.digits - 1) : v.toPrecision(data.digits);
    if (s.indexOf('e') >= 0) { var p = s.split('e'); return trim(p[0]) + 'e' + p[1]; }
    return trim(s);
  }
  function shapeOf(v) { var s = []; while (Array.isArray(v)) { s.push(v.length); v = v[0]; } return s; }
  function flat(v, out) { if (Array.isArray(v)) v.forEach(function (x) { flat(x, out); }); else out.push(v); return out; }
  function gridOf(v) {
    var t = el('table', 'grid');
    var rows = shapeOf(v).length === 1 ? [v] : v;
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (x) { tr.appendChild(el('td', null, fmt(x))); });
      t.appendChild(tr);
    });
    return t;
  }
  // A value: a number, a small tensor as a grid, a larger one summarised with all values on demand.
  function show(v) {
    if (v === null || v === undefined) return el('span', 'none', '');
    if (!Array.isArray(v)) return el('span', 'num', fmt(v));
    var shape = shapeOf(v);
    if (shape.length <= 2 && shape.every(function (n) { return n <= data.full; })) return gridOf(v);
    var all = flat(v, []);
    var nums = all.filter(function (x) { return typeof x === 'number'; });
    var box = el('span', 'summary');
    var lo = Math.min.apply(null, nums), hi = Math.max.apply(null, nums);
    box.title = JSON.stringify(v);
    var d = el('details');
    d.appendChild(el('summary', null, shape.join('×') + ' in [' + fmt(lo) + ', ' + fmt(hi) + ']'));
    if (shape.length <= 2) d.appendChild(gridOf(v));
    else d.appendChild(el('pre', null, JSON.stringify(v)));
    box.appendChild(d);
    return box;
  }

  // What is on the page at frame k: the union of what frames 0..k reveal.
  function revealed(k) {
    var s = {};
    for (var i = 0; i <= k; i++) frames[i].reveals.forEach(function (r) { s[r] = true; });
    return s;
  }

  // The picture: Graphviz's SVG (or the layered layout's, alike); its nodes and edges by their titles (n3, n0->n2).
  var svg = document.querySelector('#graph svg');
  var view = window.cgPanZoom($('graph'), $('stage'), { keys: document });
  $('zoom-in').addEventListener('click', function () { view.zoomBy(1.25); });
  $('zoom-out').addEventListener('click', function () { view.zoomBy(0.8); });
  $('fit').addEventListener('click', function () { view.fit(); });
  var nodeEls = {};
  var edgeEls = [];
  var seen = {};
  // The shape that outlines a node (its first one) and an edge's line and arrowhead: what the
  // current step marks. Grid cells (polygons too) are left as they are, readable.
  function firstShape(g, sel) {
    for (var c = g.firstElementChild; c; c = c.nextElementSibling) if (c.matches(sel)) return c;
    return null;
  }
  svg.querySelectorAll('g.node').forEach(function (g) {
    var id = g.querySelector('title').textContent;
    nodeEls[id] = g;
    var outline = firstShape(g, 'ellipse, polygon, path');
    if (outline) outline.classList.add('cg-outline');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.addEventListener('click', function () { jumpTo(id); });
    g.addEventListener('keydown', function (e) { if (e.key === 'Enter') jumpTo(id); });
  });
  svg.querySelectorAll('g.edge').forEach(function (g) {
    var line = firstShape(g, 'path');
    if (line) {
      line.classList.add('cg-outline');
      var arrow = line.nextElementSibling;
      if (arrow && arrow.tagName === 'polygon') arrow.classList.add('cg-arrow');
    }
    var t = g.querySelector('title').textContent.split('->');
    var pair = t[0] + '>' + t[1];
    var occ = seen[pair] || 0;
    seen[pair] = occ + 1;
    var texts = Array.prototype.slice.call(g.querySelectorAll('text'));
    edgeEls.push({ g: g, from: t[0], to: t[1], occ: occ,
      value: texts.filter(function (x) { return x.getAttribute('fill') === data.colors.value; }),
      deriv: texts.filter(function (x) { return x.getAttribute('fill') === data.colors.derivative; }) });
  });

  // The table of nodes: name, formula, value, derivative.
  var byName = {};
  steps.forward.forEach(function (f) { byName[f.name] = f; });
  var lastLine = {};
  steps.lines.forEach(function (l, k) { lastLine[l.target] = k; });
  var lineFrame = {};
  var fwdFrame = {};
  frames.forEach(function (f, k) { if (f.line !== null) lineFrame[f.line] = k; if (f.forward !== null) fwdFrame[steps.forward[f.forward].name] = k; });
  var rows = {};
  var tbody = $('nodes').querySelector('tbody');
  data.nodes.forEach(function (n) {
    if (n.kind === 'const') return;
    var tr = el('tr');
    tr.setAttribute('data-node', n.name);
    tr.appendChild(el('th', null, n.name));
    tr.appendChild(el('td', 'formula', n.formula));
    var val = el('td', 'value');
    var der = el('td', 'deriv');
    tr.appendChild(val);
    tr.appendChild(der);
    tr.addEventListener('click', function () { jumpTo(n.id); });
    tbody.appendChild(tr);
    var value = n.kind === 'var' ? data.at[n.name] : byName[n.name] ? byName[n.name].value : undefined;
    var dline = lastLine[n.name];
    rows[n.id] = { tr: tr, val: val, der: der, value: value, deriv: dline === undefined ? undefined : steps.lines[dline].value };
  });

  // The list of every step, to read ahead or jump.
  var list = $('steps');
  var items = frames.map(function (f, k) {
    var li = el('li', null, frameText(f));
    li.addEventListener('click', function () { go(k); });
    list.appendChild(li);
    return li;
  });

  function frameText(f) {
    if (f.phase === 'start') return 'the inputs: ' + Object.keys(data.at).map(function (k) { return k; }).join(', ') + (Object.keys(data.at).length ? '' : '(none)');
    if (f.phase === 'forward') { var s = steps.forward[f.forward]; return s.name + ' = ' + s.formula + ' = ' + textOf(s.value); }
    return steps.lines[f.line].text;
  }
  function textOf(v) { return Array.isArray(v) ? (flat(v, []).length > 12 ? shapeOf(v).join('×') + ' tensor' : JSON.stringify(v).replace(/-?[0-9.e+-]+(?=[,\]])/g, function (x) { return fmt(Number(x)); }).replace(/,/g, ', ')) : fmt(v); }

  function jumpTo(id) {
    // The step that computes the node in the current pass; else the other pass's.
    var inBack = frames[cur].phase === 'backward' || frames[cur].phase === 'tangent';
    var n = data.nodes.filter(function (x) { return x.id === id; })[0];
    if (!n) return;
    var fwd = fwdFrame[n.name];
    var back = lastLine[n.name] !== undefined ? lineFrame[lastLine[n.name]] : undefined;
    var k = inBack ? (back !== undefined ? back : fwd) : (fwd !== undefined ? fwd : back);
    if (k === undefined) k = 0;
    go(k);
  }

  function setShown(elts, on) { elts.forEach(function (x) { x.style.visibility = on ? 'visible' : 'hidden'; }); }

  function panel(f) {
    var p = $('detail');
    p.textContent = '';
    var add = function (label, name, value, cls) {
      var row = el('div', 'factor ' + (cls || ''));
      row.appendChild(el('span', 'label', label));
      if (name) row.appendChild(el('span', 'name', name));
      if (value !== undefined) row.appendChild(show(value));
      p.appendChild(row);
    };
    if (f.phase === 'start') {
      Object.keys(data.at).forEach(function (k) { add('input', k + ' =', data.at[k], 'value'); });
      if (data.forwardOnly) p.appendChild(el('p', 'note', 'no backward pass: ' + steps.output + ' is not a scalar'));
      return;
    }
    if (f.phase === 'forward') {
      var s = steps.forward[f.forward];
      add('computes', s.name + ' = ' + s.formula + ' =', s.value, 'value');
      return;
    }
    var l = steps.lines[f.line];
    if (l.kind === 'seed') add('seed', l.text.split(' = ')[0] + ' =', l.value, 'deriv');
    if (l.kind === 'edge') {
      add('upstream', l.upstream.name + ' =', l.upstream.value, 'deriv');
      // The local derivative's formula, then its number (once, where the formula is the number).
      if (l.local) add('× local', l.local.name + ' = ' + l.local.text + (l.local.text === textOf(l.local.value) ? '' : ' ='), l.local.text === textOf(l.local.value) ? undefined : l.local.value, 'local');
      else add('× local (rule)', l.rule, undefined, 'local');
      add('= contribution', (l.via ? l.text.split(' = ')[0] : l.text.split(' = ')[0]) + ' =', l.value, 'deriv');
    }
    if (l.kind === 'sum') {
      l.paths.forEach(function (q) { add('path via ' + q.via, '', q.value, 'deriv'); });
      add('= sum', l.text.split(' = ')[0] + ' =', l.value, 'deriv');
    }
    if (l.kind === 'tangent') {
      (l.terms || []).forEach(function (t) {
        add('local × tangent', t.local.name + ' = ' + t.local.text + ' =', t.local.value, 'local');
        add('', t.tangent.name + ' =', t.tangent.value, 'deriv');
      });
      if (!l.terms) add('rule', l.rule, undefined, 'local');
      add('= tangent', l.text.split(' = ')[0] + ' =', l.value, 'deriv');
    }
    if (l.gate) p.appendChild(el('p', 'gate', l.gate + ': ' + data.gates[l.gate]));
  }

  function go(k) {
    cur = Math.max(0, Math.min(frames.length - 1, k));
    var f = frames[cur];
    var r = revealed(cur);
    var phaseName = { start: 'Start', forward: 'Forward pass', backward: 'Backward pass', tangent: 'Forward mode (tangents)' }[f.phase];
    $('phase').textContent = phaseName + ' · step ' + cur + ' of ' + (frames.length - 1);
    $('line').textContent = frameText(f);
    panel(f);
    Object.keys(nodeEls).forEach(function (id) {
      nodeEls[id].classList.toggle('current', id === f.node);
      setShown(Array.prototype.slice.call(nodeEls[id].querySelectorAll('text')).filter(function (x) { return x.getAttribute('fill') === data.colors.value; }), !!r['v:' + id]);
      setShown(Array.prototype.slice.call(nodeEls[id].querySelectorAll('text')).filter(function (x) { return x.getAttribute('fill') === data.colors.derivative; }), !!r['d:' + id]);
    });
    edgeEls.forEach(function (e) {
      var on = f.edge && f.edge.from === e.from && f.edge.to === e.to && f.edge.occurrence === e.occ;
      e.g.classList.toggle('current', !!on || (f.phase === 'forward' && e.to === f.node) || (f.phase === 'tangent' && e.to === f.node));
      var from = e.from, to = e.to === 'out' ? null : e.to;
      setShown(e.value, !!r['v:' + from]);
      var d = data.mode === 'forward' ? !!r['d:' + from] : to === null ? !!r['d:' + from] : !!r['e:' + from + '>' + to + '#' + e.occ];
      setShown(e.deriv, d);
    });
    Object.keys(rows).forEach(function (id) {
      var row = rows[id];
      row.tr.classList.toggle('current', id === f.node);
      row.tr.setAttribute('aria-current', id === f.node ? 'step' : 'false');
      row.val.textContent = '';
      row.der.textContent = '';
      if (r['v:' + id] && row.value !== undefined) row.val.appendChild(show(row.value));
      if (r['d:' + id] && row.deriv !== undefined) row.der.appendChild(show(row.deriv));
    });
    items.forEach(function (li, i) {
      li.classList.toggle('current', i === cur);
      if (i === cur) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    });
    // The step's edge, then its node, brought into view and centred where outside (the node last: it must show).
    edgeEls.forEach(function (e) { if (f.edge && e.g.classList.contains('current')) view.show(e.g, false); });
    if (f.node && nodeEls[f.node]) view.show(nodeEls[f.node], false);
    $('prev').disabled = cur === 0;
    $('next').disabled = cur === frames.length - 1;
    document.body.setAttribute('data-step', String(cur));
  }

  function play(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on) {
      if (cur === frames.length - 1) go(0);
      timer = setInterval(function () { if (cur >= frames.length - 1) play(false); else go(cur + 1); }, data.interval);
    }
    $('play').textContent = timer ? '❚❚ Pause' : '▶ Play';
    $('play').setAttribute('aria-pressed', timer ? 'true' : 'false');
  }

  $('prev').addEventListener('click', function () { play(false); go(cur - 1); });
  $('next').addEventListener('click', function () { play(false); go(cur + 1); });
  $('first').addEventListener('click', function () { play(false); go(0); });
  $('last').addEventListener('click', function () { play(false); go(frames.length - 1); });
  $('play').addEventListener('click', function () { play(!timer); });
  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA')) return;
    if (e.key === 'ArrowRight') { play(false); go(cur + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft') { play(false); go(cur - 1); e.preventDefault(); }
    // Space plays and pauses wherever the focus is (buttons still answer Enter).
    else if (e.key === ' ' || e.key === 'Spacebar') { play(!timer); e.preventDefault(); }
    else if (e.key === 'Home') { play(false); go(0); e.preventDefault(); }
    else if (e.key === 'End') { play(false); go(frames.length - 1); e.preventDefault(); }
  });
  go(0);
})();
`;
