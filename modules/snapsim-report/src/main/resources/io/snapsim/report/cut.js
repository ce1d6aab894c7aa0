/* The cut section: the checkpoint chosen in the selector drawn as a space-time diagram, its
   explanation, the table of its channels, and a hover card per barrier, channel and task. */
'use strict';

Snapsim.Cut = function (section, data) {
  this.section = section;
  this.data = data;
  this.svg = section.querySelector('.cut-svg');
  this.frame = new Snapsim.LaneFrame(section.querySelector('.cut-frame'), this.svg,
    {lanes: data.lanes, laneH: 34, top: 26, labelW: 180});
  var self = this, select = section.querySelector('.cut-select');
  this.frame.onScroll = function () { self.draw(); };
  select.addEventListener('change', function () { self.show(+select.value); });
  this.svg.addEventListener('mouseover', function (evt) { self.hover(evt); });
  this.svg.addEventListener('mouseleave', function () { Snapsim.hover.hide(); });
  this.show(+select.value);
};

/** Shows checkpoint number i of the data. */
Snapsim.Cut.prototype.show = function (i) {
  var cut = this.data.checkpoints[i];
  this.cut = cut;
  this.layout = new Snapsim.CutLayout(cut);
  this.snapshots = {};
  var seen = {}, self = this;
  cut.tasks.forEach(function (t) { seen[t[0]] = true; if (t[1] !== null) self.snapshots[t[0]] = t[1]; });
  this.missing = [];
  for (var lane = 1; lane < this.data.lanes.length; lane++) if (!seen[lane]) this.missing.push(lane);
  this.section.querySelector('.cut-explanation').textContent = cut.explanation;
  Snapsim.CutTable.fill(this.section.querySelector('.cut-table'), cut, this.data.lanes);
  this.draw();
};

Snapsim.Cut.prototype.draw = function () {
  var f = this.frame.layout(), svg = this.svg, D = Snapsim.CutDraw, self = this;
  Snapsim.clear(svg);
  var defs = Snapsim.el('defs', {}, svg);
  [['cut-head', 'arrow-head'], ['cut-head-bad', 'arrow-head bad']].forEach(function (m) {
    var marker = Snapsim.el('marker', {id: m[0], viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7,
      orient: 'auto-start-reverse'}, defs);
    Snapsim.el('path', {d: 'M0 0L8 4L0 8z', 'class': m[1]}, marker);
  });
  f.drawLanes(svg, function (lane) { return lane === 0 ? 'actor-lane' : 'task-lane'; });
  var plot = Snapsim.el('g', {'clip-path': f.clip(defs, 'cut-clip')}, svg);
  var ctx = this.context(f);
  ['before', 'blocked', 'held', 'barriers', 'crossing', 'line', 'marks'].forEach(function (layer) {
    D[layer](ctx, Snapsim.el('g', {'class': 'cut-layer-' + layer}, plot));
  });
  D.axis(ctx, Snapsim.el('g', {'class': 'axis'}, svg));
  if (!this.section.hasAttribute('data-drawn')) this.section.setAttribute('data-drawn-ms', Math.round(performance.now()));
  this.section.setAttribute('data-drawn', 'true');
  this.section.setAttribute('data-checkpoint', this.cut.id);
};

/** What the drawing functions share: the cut, the layout, and the channels with an end in view (up to a budget). */
Snapsim.Cut.prototype.context = function (f) {
  var self = this, budget = Snapsim.CutDraw.CHANNEL_BUDGET;
  return {
    cut: this.cut, frame: f, layout: this.layout, snapshots: this.snapshots, missing: this.missing,
    x: function (seq) { return self.layout.x(seq, f); },
    eachChannel: function (fn) {
      var drawn = 0, channels = self.cut.channels;
      for (var i = 0; i < channels.length && drawn < budget; i++) {
        if (f.inView(channels[i][0]) || f.inView(channels[i][2])) { fn(channels[i], i); drawn++; }
      }
    }
  };
};

Snapsim.Cut.prototype.hover = function (evt) {
  var t = evt.target, lanes = this.data.lanes;
  if (t.hasAttribute('data-ch')) {
    var c = this.cut.channels[+t.getAttribute('data-ch')];
    return Snapsim.hover.show(evt, 'channel ' + lanes[c[0]] + ' → ' + (c[2] >= 0 ? lanes[c[2]] : '?'), Snapsim.CutTable.rows(c));
  }
  if (t.hasAttribute('data-task') && t.getAttribute('data-task') !== null) {
    var task = this.cut.tasks[+t.getAttribute('data-task')];
    if (task) return Snapsim.hover.show(evt, lanes[task[0]], Snapsim.CutTable.taskRows(task));
  }
  Snapsim.hover.hide();
};

document.addEventListener('DOMContentLoaded', function () {
  var section = document.getElementById('cut'), data = Snapsim.data('cut');
  if (!section || !data) return;
  Snapsim.cut = new Snapsim.Cut(section, data);
});
