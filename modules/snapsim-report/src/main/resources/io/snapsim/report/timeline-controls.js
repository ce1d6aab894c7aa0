/* The timeline's controls: buttons and keys (+, -, 0), Ctrl+wheel (or a pinch) to zoom at the
   pointer, drag to pan, double-click to reset, and the hover card on pointer moves. */
'use strict';

Snapsim.TimelineControls = {
  attach: function (t) {
    var C = Snapsim.TimelineControls;
    t.section.querySelectorAll('[data-zoom]').forEach(function (button) {
      button.addEventListener('click', function () { C.command(t, button.getAttribute('data-zoom')); });
    });
    t.section.addEventListener('keydown', function (evt) {
      var command = {'+': 'in', '=': 'in', '-': 'out', '0': 'reset'}[evt.key];
      if (command) { C.command(t, command); evt.preventDefault(); }
    });
    t.svg.addEventListener('wheel', function (evt) { C.wheel(t, evt); }, {passive: false});
    t.svg.addEventListener('dblclick', function () { t.reset(); });
    C.drag(t);
    t.svg.addEventListener('mousemove', function (evt) { if (!t.dragging) Snapsim.TimelineHover.at(t, evt); });
    t.svg.addEventListener('mouseleave', function () { Snapsim.hover.hide(); });
  },

  command: function (t, command) {
    if (command === 'in') t.zoom(0.5);
    else if (command === 'out') t.zoom(2);
    else t.reset();
  },

  /** Ctrl+wheel zooms at the pointer; a plain wheel scrolls the lanes or the page as usual. */
  wheel: function (t, evt) {
    if (!evt.ctrlKey && !evt.metaKey) return;
    evt.preventDefault();
    var box = t.svg.getBoundingClientRect(), px = evt.clientX - box.left;
    if (px < t.frame.x0) return;
    t.zoom(Math.pow(1.0025, evt.deltaY), t.xAt(px));
  },

  /** Dragging the plot pans the window. */
  drag: function (t) {
    var start = null;
    t.svg.addEventListener('mousedown', function (evt) {
      if (evt.button !== 0) return;
      start = {x: evt.clientX, view: t.view.slice()};
      evt.preventDefault();
    });
    window.addEventListener('mousemove', function (evt) {
      if (!start) return;
      var dx = evt.clientX - start.x;
      if (Math.abs(dx) > 2) t.dragging = true;
      var perPx = (start.view[1] - start.view[0]) / (t.frame.x1 - t.frame.x0);
      if (t.dragging) { Snapsim.hover.hide(); t.setView(start.view[0] - dx * perPx, start.view[1] - dx * perPx); }
    });
    window.addEventListener('mouseup', function () { start = null; t.dragging = false; });
  }
};
