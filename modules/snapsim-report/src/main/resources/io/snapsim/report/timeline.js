/* The timeline section: the window in view (zoom with Ctrl+wheel, the buttons or + - 0; drag to
   pan; double-click to reset), redrawn on demand, and the hover card of whatever is under the
   pointer, found by position rather than by element, so that merged marks still answer. */
'use strict';

Snapsim.Timeline = function (section, data) {
  this.section = section;
  this.model = new Snapsim.TimelineModel(data);
  this.model.cats = Snapsim.Marks.categorize(this.model);
  this.svg = section.querySelector('.tl-svg');
  this.frame = new Snapsim.LaneFrame(section.querySelector('.tl-frame'), this.svg,
    {lanes: data.lanes, laneH: 22, top: 36, labelW: 180});
  this.full = [data.start, Math.max(data.end, data.start + 1)];
  this.view = this.full.slice();
  var self = this;
  this.frame.onScroll = function () { self.draw(); };
  Snapsim.TimelineControls.attach(this);
};

Snapsim.Timeline.prototype.px = function (x) {
  var f = this.frame;
  return f.x0 + (x - this.view[0]) / (this.view[1] - this.view[0]) * (f.x1 - f.x0);
};

Snapsim.Timeline.prototype.xAt = function (px) {
  var f = this.frame;
  return this.view[0] + (px - f.x0) / (f.x1 - f.x0) * (this.view[1] - this.view[0]);
};

/** Draws every layer of the window and lanes in view. */
Snapsim.Timeline.prototype.draw = function () {
  var f = this.frame.layout(), svg = this.svg, D = Snapsim.TimelineDraw, self = this;
  Snapsim.clear(svg);
  var defs = Snapsim.el('defs', {}, svg);
  var head = Snapsim.el('marker', {id: 'tl-head', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse'}, defs);
  Snapsim.el('path', {d: 'M0 0L8 4L0 8z', 'class': 'arrow-head'}, head);
  var ctx = {model: this.model, frame: f, a: this.view[0], b: this.view[1], px: function (x) { return self.px(x); }};
  f.drawLanes(svg, function (lane) { return lane < self.model.d.firstTask ? 'actor-lane' : 'task-lane'; });
  var plot = Snapsim.el('g', {'clip-path': f.clip(defs, 'tl-clip')}, svg);
  var layers = ['attempts', 'grid', 'phases', 'checkpoints', 'alignments', 'arrows', 'marks', 'faults']
    .reduce(function (m, name) { m[name] = Snapsim.el('g', {'class': 'layer-' + name}, plot); return m; }, {});
  var axis = Snapsim.el('g', {'class': 'axis'}, svg);
  D.axis(ctx, axis, layers.grid);
  D.attempts(ctx, layers.attempts, axis);
  D.phases(ctx, layers.phases);
  D.checkpoints(ctx, layers.checkpoints);
  D.alignments(ctx, layers.alignments);
  var arrows = D.arrows(ctx, layers.arrows);
  D.marks(ctx, layers.marks);
  D.faultLines(ctx, layers.faults);
  this.report(arrows);
};

/** The window's extent and, when the arrow budget cut some, how many. */
Snapsim.Timeline.prototype.report = function (arrows) {
  var step = Snapsim.TimelineDraw.step(this.view[1] - this.view[0], 10);
  this.section.querySelector('.tl-window').textContent = Snapsim.ms(this.view[0], step / 10) + ' – '
    + Snapsim.ms(this.view[1], step / 10) + ' · lanes ' + (this.frame.first + 1) + '–' + (this.frame.last + 1)
    + ' of ' + this.model.lanes.length;
  this.section.querySelector('.tl-note').textContent = arrows[1] > arrows[0]
    ? 'Showing ' + Snapsim.num(arrows[0]) + ' of ' + Snapsim.num(arrows[1]) + ' barrier arrows in view: zoom in to see them all.'
    : '';
  if (!this.section.hasAttribute('data-drawn')) this.section.setAttribute('data-drawn-ms', Math.round(performance.now()));
  this.section.setAttribute('data-drawn', 'true');
};

/** Shows [a, b] (clamped to the run), redrawn at the next frame. */
Snapsim.Timeline.prototype.setView = function (a, b) {
  var span = Math.max(0.05, Math.min(b - a, this.full[1] - this.full[0]));
  a = Math.max(this.full[0], Math.min(a, this.full[1] - span));
  this.view = [a, a + span];
  var self = this;
  if (!this.pending) {
    this.pending = true;
    window.requestAnimationFrame(function () { self.pending = false; self.draw(); });
  }
};

/** Zooms by factor (below 1: in) around the data position x. */
Snapsim.Timeline.prototype.zoom = function (factor, x) {
  var a = this.view[0], b = this.view[1];
  if (x === undefined) x = (a + b) / 2;
  this.setView(x - (x - a) * factor, x + (b - x) * factor);
};

Snapsim.Timeline.prototype.reset = function () {
  this.setView(this.full[0], this.full[1]);
};

document.addEventListener('DOMContentLoaded', function () {
  var section = document.getElementById('timeline'), data = Snapsim.data('timeline');
  if (!section || !data) return;
  var timeline = new Snapsim.Timeline(section, data);
  Snapsim.timeline = timeline;
  timeline.draw();
});
