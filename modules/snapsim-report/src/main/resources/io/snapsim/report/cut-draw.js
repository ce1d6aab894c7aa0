/* Drawing one checkpoint's cut: what lies before the cut, blocked channels and the records they
   held, barriers, records crossing the cut, the cut line, snapshots and failures. Each function
   draws a layer from ctx = {cut, frame (a LaneFrame), layout (a CutLayout), x(seq)}. Only lanes in
   view are drawn, and channels up to a budget. */
'use strict';

Snapsim.CutDraw = {
  CHANNEL_BUDGET: 3000,

  /** Each task's part left of its snapshot, shaded: what the checkpoint holds. */
  before: function (ctx, g) {
    var f = ctx.frame;
    ctx.cut.tasks.forEach(function (t, i) {
      if (t[1] === null || !f.inView(t[0])) return;
      Snapsim.el('rect', {x: f.x0, y: f.y(t[0]) - f.laneH / 2 + 1, width: Math.max(0, ctx.x(t[1]) - f.x0),
        height: f.laneH - 2, 'class': 'cut-before', 'data-task': i}, g);
    });
  },

  /** Blocked channels on the receiver's lane, from its barrier to the unblock, with the records held. */
  blocked: function (ctx, g) {
    var f = ctx.frame, end = ctx.x(ctx.layout.lastSeq) + ctx.layout.column(f) / 2;
    ctx.eachChannel(function (c, i) {
      if (c[11] === null || !f.inView(c[2])) return;
      var x0 = ctx.x(c[8] !== null ? c[8] : c[11]), x1 = c[12] === null ? end : ctx.x(c[12]);
      var y = f.y(c[2]) - 6 + (c[3] % 3) * 3;
      Snapsim.el('rect', {x: x0, y: y, width: Math.max(3, x1 - x0), height: 6,
        'class': 'cut-blocked', 'data-ch': i}, g);
      if (c[13] > 0 && x1 - x0 > 60) Snapsim.label(g, x0 + 3, f.y(c[2]) - 8, Snapsim.num(c[13]) + ' held', 'cut-note');
    });
  },

  /** Barriers from sender to receiver; one that never arrived ends in a dashed stub. */
  barriers: function (ctx, g) {
    var f = ctx.frame;
    ctx.eachChannel(function (c, i) {
      if (!(f.inView(c[0]) || f.inView(c[2]))) return;
      var x0 = ctx.x(c[4]), y0 = f.y(c[0]);
      if (c[8] === null) {
        Snapsim.el('line', {x1: x0, y1: y0, x2: x0 + ctx.layout.column(f), y2: y0 + f.laneH / 2,
          'class': 'cut-barrier lost', 'data-ch': i}, g);
        return;
      }
      Snapsim.el('line', {x1: x0, y1: y0, x2: ctx.x(c[8]), y2: f.y(c[2]), 'class': 'cut-barrier',
        'marker-end': 'url(#cut-head)', 'data-ch': i}, g);
    });
  },

  /** Records held behind a barrier: sent after the sender's snapshot, taken after the receiver's. */
  held: function (ctx, g) {
    var f = ctx.frame, shift = ctx.layout.column(f) * 0.35;
    ctx.eachChannel(function (c, i) {
      if (!(c[13] > 0) || c[12] === null || !(f.inView(c[0]) || f.inView(c[2]))) return;
      Snapsim.el('line', {x1: ctx.x(c[4]) + shift, y1: f.y(c[0]), x2: ctx.x(c[12]), y2: f.y(c[2]) + 3,
        'class': 'cut-held', 'data-ch': i}, g);
    });
  },

  /** Records that crossed the cut: a channel whose counts differ, and records that overtook a barrier (AT_LEAST_ONCE). */
  crossing: function (ctx, g) {
    var f = ctx.frame, col = ctx.layout.column(f), snapshots = ctx.snapshots;
    ctx.eachChannel(function (c, i) {
      if (c[10] === null || c[6] === c[10] || !(f.inView(c[0]) || f.inView(c[2]))) return;
      var to = snapshots[c[2]] !== undefined ? snapshots[c[2]] : c[8];
      Snapsim.el('line', {x1: ctx.x(c[4]) - col * 0.4, y1: f.y(c[0]), x2: ctx.x(to) + col * 0.4, y2: f.y(c[2]),
        'class': 'cut-crossing', 'marker-end': 'url(#cut-head-bad)', 'data-ch': i}, g);
    });
    ctx.cut.tasks.forEach(function (t, i) {
      if (!(t[7] > 0) || !f.inView(t[0]) || t[3] === null) return;
      var x0 = ctx.x(t[3]), x1 = ctx.x(t[1]);
      Snapsim.el('rect', {x: x0, y: f.y(t[0]) + 3, width: Math.max(3, x1 - x0), height: 5, 'class': 'cut-overtaken',
        'data-task': i}, g);
      Snapsim.label(g, x0, f.y(t[0]) + 17, Snapsim.num(t[7]) + ' overtook a barrier', 'cut-note bad');
    });
  },

  /** The cut line through each task's snapshot, broken where a task took none. */
  line: function (ctx, g) {
    var f = ctx.frame, points = [];
    var flush = function () {
      if (points.length) Snapsim.el('polyline', {points: points.join(' '), 'class': 'cut-line'}, g);
      points = [];
    };
    for (var lane = Math.max(1, f.first); lane <= f.last; lane++) {
      var seq = ctx.snapshots[lane];
      if (seq === undefined) { flush(); continue; }
      var x = ctx.x(seq), top = f.y(lane) - f.laneH / 2;
      points.push(x + ',' + top, x + ',' + (top + f.laneH));
    }
    flush();
  },

  /** Snapshots, acknowledgements and failures on task lanes; trigger and end on the coordinator's. */
  marks: function (ctx, g) {
    var f = ctx.frame, right = f.x1 - 8;
    ctx.cut.tasks.forEach(function (t, i) {
      if (!f.inView(t[0])) return;
      var y = f.y(t[0]);
      if (t[1] !== null) Snapsim.el('path', {d: Snapsim.CutDraw.diamond(ctx.x(t[1]), y), 'class': 'cut-snapshot', 'data-task': i}, g);
      if (t[5] !== null) Snapsim.el('circle', {cx: ctx.x(t[5]), cy: y, r: 3.5, 'class': 'cut-ack', 'data-task': i}, g);
      if (t[1] === null) Snapsim.CutDraw.cross(g, t[6] !== null ? ctx.x(t[6]) : right, y, i);
    });
    ctx.missing.forEach(function (lane) { if (f.inView(lane)) Snapsim.CutDraw.cross(g, right, f.y(lane), null); });
    if (!f.inView(0)) return;
    Snapsim.el('path', {d: 'M' + ctx.x(ctx.cut.trigger[0]) + ' ' + (f.y(0) - 6) + 'l6 6l-6 6z', 'class': 'cut-trigger'}, g);
    if (ctx.cut.end) {
      Snapsim.el('circle', {cx: ctx.x(ctx.cut.end[0]), cy: f.y(0), r: 5, 'class': 'cut-end ' + ctx.cut.status}, g);
    }
  },

  cross: function (g, x, y, task) {
    Snapsim.el('path', {d: 'M' + (x - 5) + ' ' + (y - 5) + 'l10 10m0 -10l-10 10', 'class': 'cut-missing',
      'data-task': task}, g);
  },

  diamond: function (x, y) {
    return 'M' + x + ' ' + (y - 7) + 'l7 7l-7 7l-7 -7z';
  },

  /** The axis: history order, with the time of some columns. */
  axis: function (ctx, g) {
    var f = ctx.frame;
    Snapsim.el('rect', {x: 0, y: f.scrollTop, width: f.width, height: f.top - 2, 'class': 'axis-bg'}, g);
    Snapsim.label(g, 8, f.scrollTop + 14, 'history order →', 'tick-label start');
    ctx.layout.ticks(Math.max(2, Math.floor((f.x1 - f.x0) / 80))).forEach(function (tick) {
      var x = ctx.x(tick[0]);
      Snapsim.el('line', {x1: x, x2: x, y1: f.scrollTop + f.top - 10, y2: f.scrollTop + f.top - 4, 'class': 'tick'}, g);
      Snapsim.label(g, x, f.scrollTop + f.top - 13, tick[1] + ' ms', 'tick-label');
    });
  }
};
