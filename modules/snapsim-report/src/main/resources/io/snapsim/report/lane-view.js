/* Horizontal lanes in a scrolling frame, shared by the timeline and the cut: lays the SVG out for
   every lane but tells which lanes are in view, so that only those are drawn (a run of 1,000 tasks
   draws some forty lanes at a time). */
'use strict';

/** opts: {lanes: [names], laneH, top (room for the axis), labelW}. */
Snapsim.LaneFrame = function (frame, svg, opts) {
  this.frame = frame;
  this.svg = svg;
  this.lanes = opts.lanes;
  this.laneH = opts.laneH || 22;
  this.top = opts.top || 30;
  this.labelW = opts.labelW || 180;
  this.onScroll = null;
  var self = this, pending = false;
  frame.addEventListener('scroll', function () {
    if (pending || !self.onScroll) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; self.onScroll(); });
  }, {passive: true});
};

/** Sizes the SVG and works out the plot's extent and the lanes in view. */
Snapsim.LaneFrame.prototype.layout = function () {
  var width = Math.max(480, this.frame.clientWidth - 2);
  var height = this.top + this.lanes.length * this.laneH + 6;
  this.svg.setAttribute('width', width);
  this.svg.setAttribute('height', height);
  this.width = width;
  this.height = height;
  this.x0 = this.labelW;
  this.x1 = width - 14;
  var scrollTop = this.frame.scrollTop, view = this.frame.clientHeight || height;
  this.scrollTop = scrollTop;
  this.first = Math.max(0, Math.floor((scrollTop - this.top) / this.laneH) - 1);
  this.last = Math.min(this.lanes.length - 1, Math.ceil((scrollTop + view - this.top) / this.laneH) + 1);
  return this;
};

/** The middle of a lane. */
Snapsim.LaneFrame.prototype.y = function (lane) {
  return this.top + lane * this.laneH + this.laneH / 2;
};

Snapsim.LaneFrame.prototype.inView = function (lane) {
  return lane >= this.first && lane <= this.last;
};

/** Lane backgrounds and names for the lanes in view; cls(lane) adds a class per lane. */
Snapsim.LaneFrame.prototype.drawLanes = function (parent, cls) {
  var g = Snapsim.el('g', {'class': 'lanes'}, parent);
  for (var lane = this.first; lane <= this.last; lane++) {
    var top = this.top + lane * this.laneH;
    var row = Snapsim.el('g', {'class': 'lane ' + (cls ? cls(lane) : ''), 'data-lane': this.lanes[lane]}, g);
    Snapsim.el('rect', {x: 0, y: top, width: this.width, height: this.laneH, 'class': lane % 2 ? 'lane-bg odd' : 'lane-bg'}, row);
    Snapsim.el('line', {x1: this.x0, x2: this.x1, y1: top + this.laneH / 2, y2: top + this.laneH / 2, 'class': 'lane-line'}, row);
    var name = this.lanes[lane];
    var shown = name.length > 26 ? '…' + name.slice(name.length - 25) : name;
    var text = Snapsim.label(row, this.labelW - 8, top + this.laneH / 2 + 4, shown, 'lane-name');
    if (shown !== name) Snapsim.el('title', {}, text).textContent = name;
  }
  return g;
};

/** A clip path for the plot area, so marks stay right of the lane names; returns its url(). */
Snapsim.LaneFrame.prototype.clip = function (defs, id) {
  var clip = Snapsim.el('clipPath', {id: id}, defs);
  Snapsim.el('rect', {x: this.x0, y: 0, width: this.x1 - this.x0, height: this.height}, clip);
  return 'url(#' + id + ')';
};
