/*
 * Zoom and pan for a picture in a fixed viewport, as plain ES2020 to inline into a page
 * (no network, opens from disk). Entry point: `cgPanZoom(viewport, stage, opts)` defined
 * on window; `stage` is the element inside `viewport` (overflow hidden) that holds the
 * picture and is moved by a CSS transform. The explorer page uses it, and so may any
 * other page that shows a cg picture (`cg explore`).
 *
 * It answers the wheel (zoom about the pointer), drag (pan; a click without a drag still
 * reaches the picture), keys (+ − zoom, 0 fit, shift+arrows pan; on opts.keys, default the
 * viewport, registered first so that they come before the page's own) and returns
 * { fit, zoomBy, show, scale, readable }:
 *   fit(): the whole picture in view, but never below the readable scale, where the
 *     smallest text is opts.minTextPx (11 px) on screen;
 *   show(el, force): brings an element of the picture into view, centred, where it is not
 *     already inside the viewport (so a picture that fits never moves between steps).
 */
export const PAN_ZOOM = String.raw`
window.cgPanZoom = function (viewport, stage, opts) {
  'use strict';
  opts = opts || {};
  var minText = opts.minTextPx || 11;
  var maxFit = opts.maxFitScale || 2;
  var s = 1, tx = 0, ty = 0;
  var svg = stage.querySelector('svg');
  // The picture's natural size in px at scale 1 (Graphviz writes pt; the layered layout px).
  var natural = { w: svg.getBoundingClientRect().width, h: svg.getBoundingClientRect().height };
  svg.style.width = natural.w + 'px';
  svg.style.height = natural.h + 'px';
  stage.style.transformOrigin = '0 0';
  // The smallest text of the picture, in px at scale 1.
  var smallest = Infinity;
  svg.querySelectorAll('text').forEach(function (t) {
    var h = t.getBoundingClientRect().height;
    var f = parseFloat(t.getAttribute('font-size') || '14');
    var b = t.getBBox ? t.getBBox().height : 0;
    // On-screen font size: the attribute times the picture's px per user unit.
    if (b > 0 && h > 0) smallest = Math.min(smallest, f * h / b);
  });
  if (!isFinite(smallest)) smallest = 12;
  var readable = minText / smallest;

  function apply() {
    stage.style.transform = 'translate(' + tx + 'px, ' + ty + 'px) scale(' + s + ')';
    viewport.setAttribute('data-scale', s.toFixed(3));
  }
  function box() { return { w: viewport.clientWidth, h: viewport.clientHeight }; }
  function zoomAt(f, cx, cy) {
    var ns = Math.max(0.05, Math.min(8, s * f));
    tx = cx - (cx - tx) * ns / s;
    ty = cy - (cy - ty) * ns / s;
    s = ns;
    apply();
  }
  function zoomBy(f) { var b = box(); zoomAt(f, b.w / 2, b.h / 2); }
  function fit() {
    var b = box();
    var f = Math.min(b.w / natural.w, b.h / natural.h) * 0.98;
    s = Math.max(readable, Math.min(f, maxFit));
    tx = (b.w - natural.w * s) / 2;
    ty = (b.h - natural.h * s) / 2;
    // Larger than the viewport: start at the top left corner, not in the middle.
    if (tx < 0) tx = 0;
    if (ty < 0) ty = 0;
    apply();
  }
  // Where an element of the picture is, in the viewport's px.
  function rectOf(el) {
    var r = el.getBoundingClientRect(), v = viewport.getBoundingClientRect();
    return { x: r.left - v.left, y: r.top - v.top, w: r.width, h: r.height };
  }
  function show(el, force) {
    if (!el) return;
    var r = rectOf(el), b = box(), m = 8;
    var inside = r.x >= m && r.y >= m && r.x + r.w <= b.w - m && r.y + r.h <= b.h - m;
    if (inside && !force) return;
    tx += b.w / 2 - (r.x + r.w / 2);
    ty += b.h / 2 - (r.y + r.h / 2);
    apply();
  }
  function pan(dx, dy) { tx += dx; ty += dy; apply(); }

  viewport.addEventListener('wheel', function (e) {
    e.preventDefault();
    var v = viewport.getBoundingClientRect();
    // Shift+wheel pans; the wheel alone zooms about the pointer.
    if (e.shiftKey) pan(-e.deltaX || -e.deltaY, 0);
    else zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - v.left, e.clientY - v.top);
  }, { passive: false });

  var drag = null;
  viewport.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty, moved: false, id: e.pointerId };
  });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { drag.moved = true; viewport.classList.add('dragging'); }
    tx = drag.tx + dx; ty = drag.ty + dy; apply();
  });
  window.addEventListener('pointerup', function () {
    if (drag && drag.moved) {
      // The click that ends a drag is not a click on a node.
      var swallow = function (e) { e.stopPropagation(); e.preventDefault(); };
      viewport.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(function () { viewport.removeEventListener('click', swallow, { capture: true }); }, 0);
    }
    drag = null;
    viewport.classList.remove('dragging');
  });

  // Keys where opts.keys says (the page: the whole document), before the page's own handlers.
  (opts.keys || viewport).addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var step = 60;
    var k = e.key;
    var used = true;
    if (k === '+' || k === '=') zoomBy(1.25);
    else if (k === '-' || k === '_') zoomBy(0.8);
    else if (k === '0') fit();
    else if (e.shiftKey && k === 'ArrowLeft') pan(step, 0);
    else if (e.shiftKey && k === 'ArrowRight') pan(-step, 0);
    else if (e.shiftKey && k === 'ArrowUp') pan(0, step);
    else if (e.shiftKey && k === 'ArrowDown') pan(0, -step);
    else used = false;
    if (used) { e.preventDefault(); e.stopImmediatePropagation(); }
  });

  // The viewport no taller than the picture at its starting scale (set once: it never moves after).
  if (opts.shrink !== false) {
    var s0 = Math.max(readable, Math.min(box().w / natural.w, maxFit));
    var h = Math.ceil(natural.h * s0 + 24);
    if (h < viewport.clientHeight) viewport.style.height = h + 'px';
  }
  fit();
  return { fit: fit, zoomBy: zoomBy, pan: pan, show: show, readable: readable,
    scale: function () { return s; }, offset: function () { return { x: tx, y: ty }; } };
};
`;
