/* Drawing the timeline's layers for the window in view: attempts, task phases, checkpoints,
   alignments, event marks, barrier arrows, fault lines and the time axis. Each function draws one
   layer into its group from ctx = {model, frame (a LaneFrame), a, b (the window, ms), px(x)}. */
'use strict';

Snapsim.TimelineDraw = {
  ARROW_BUDGET: 2500,

  /** Attempts shaded apart, labelled with what they restored; a red line where one failed over. */
  attempts: function (ctx, g, labels) {
    var f = ctx.frame, attempts = ctx.model.d.attempts;
    attempts.forEach(function (a, i) {
      if (a[2] < ctx.a || a[1] > ctx.b) return;
      var x0 = Math.max(f.x0, ctx.px(a[1])), x1 = Math.min(f.x1, ctx.px(a[2]));
      Snapsim.el('rect', {x: x0, y: f.top, width: Math.max(1, x1 - x0), height: f.height - f.top,
        'class': 'attempt attempt-' + (a[0] % 2), 'data-attempt': a[0]}, g);
      var restored = a[3] === null ? 'fresh start' : 'restored chk ' + a[3];
      Snapsim.label(labels, x0 + 4, f.scrollTop + f.top - 5, 'attempt ' + a[0] + ' (' + restored + ')', 'attempt-label');
      if (i + 1 < attempts.length && a[2] <= ctx.b) {
        Snapsim.el('line', {x1: x1, x2: x1, y1: f.top, y2: f.height, 'class': 'attempt-end'}, g);
      }
    });
  },

  /** Each task's phases as a band on its lane (restoring, running, draining). */
  phases: function (ctx, g) {
    var f = ctx.frame, strings = ctx.model.strings;
    ctx.model.d.phases.forEach(function (p) {
      if (!f.inView(p[0]) || p[2] < ctx.a || p[1] > ctx.b) return;
      var x0 = Math.max(f.x0, ctx.px(p[1])), x1 = Math.min(f.x1, ctx.px(p[2]));
      Snapsim.el('rect', {x: x0, y: f.y(p[0]) - 2, width: Math.max(1, x1 - x0), height: 4,
        'class': 'phase phase-' + strings[p[3]]}, g);
    });
  },

  /** Checkpoints on the coordinator's lane, from trigger to completion (green) or failure (red). */
  checkpoints: function (ctx, g) {
    var f = ctx.frame, lane = 1;
    if (!f.inView(lane)) return;
    ctx.model.d.checkpoints.forEach(function (c, i) {
      if (c[2] < ctx.a || c[1] > ctx.b) return;
      var x0 = Math.max(f.x0, ctx.px(c[1])), x1 = Math.min(f.x1, ctx.px(c[2]));
      var status = ['completed', 'failed', 'unfinished'][c[3]];
      Snapsim.el('rect', {x: x0, y: f.y(lane) - 7, width: Math.max(2, x1 - x0), height: 14, rx: 2,
        'class': 'ckpt-span ' + status, 'data-ckpt': i}, g);
      if (x1 - x0 > 34) Snapsim.label(g, x0 + 3, f.y(lane) + 4, 'chk ' + c[0], 'ckpt-label');
    });
  },

  /** Alignments as shaded spans on the aligning task's lane; the hover card names the blocked channels. */
  alignments: function (ctx, g) {
    var f = ctx.frame;
    ctx.model.d.alignments.forEach(function (s, i) {
      if (!f.inView(s[0]) || s[2] < ctx.a || s[1] > ctx.b) return;
      var x0 = Math.max(f.x0, ctx.px(s[1])), x1 = Math.min(f.x1, ctx.px(s[2]));
      Snapsim.el('rect', {x: x0 - 1, y: f.y(s[0]) - 8, width: Math.max(3, x1 - x0 + 2), height: 16,
        'class': 'align-span outcome-' + s[4], 'data-align': i}, g);
    });
  },

  /** Event marks of the lanes in view, one path per lane and category; marks closer than a pixel merge. */
  marks: function (ctx, g) {
    var f = ctx.frame, model = ctx.model, cats = Snapsim.Marks.CATEGORIES;
    for (var lane = f.first; lane <= f.last; lane++) {
      var range = model.window(lane, ctx.a, ctx.b), idx = model.byLane[lane];
      var paths = cats.map(function () { return []; }), lastPx = cats.map(function () { return -1; });
      for (var k = range[0]; k < range[1]; k++) {
        var e = idx[k], cat = model.cats[e], px = Math.round(ctx.px(model.events[e][0]));
        if (px === lastPx[cat]) continue;
        lastPx[cat] = px;
        paths[cat].push(Snapsim.Marks.glyph(cats[cat], px, f.y(lane)));
      }
      paths.forEach(function (p, c) {
        if (p.length) Snapsim.el('path', {d: p.join(''), 'class': 'mark mark-' + cats[c]}, g);
      });
    }
  },

  /** Barrier arrows with an end in view, up to a budget; returns [drawn, in the window]. */
  arrows: function (ctx, g) {
    var f = ctx.frame, arrows = ctx.model.d.arrows, drawn = 0, seen = 0;
    var from = Snapsim.lowerBound(arrows.length, function (i) { return arrows[i][0]; }, ctx.a - ctx.model.arrowSpan);
    for (var i = from; i < arrows.length && arrows[i][0] <= ctx.b; i++) {
      var a = arrows[i], end = a[2] === null ? a[0] + 0.4 : a[2];
      if (end < ctx.a || !(f.inView(a[1]) || (a[3] !== null && f.inView(a[3])))) continue;
      seen++;
      if (drawn >= Snapsim.TimelineDraw.ARROW_BUDGET) continue;
      drawn++;
      var y1 = a[3] === null ? f.y(a[1]) + f.laneH * 0.6 : f.y(a[3]);
      Snapsim.el('line', {x1: ctx.px(a[0]), y1: f.y(a[1]), x2: ctx.px(end), y2: y1,
        'class': a[2] === null ? 'arrow lost' : 'arrow', 'marker-end': 'url(#tl-head)', 'data-arrow': i}, g);
    }
    return [drawn, seen];
  },

  /** Red lines across every lane where a fault took effect or the job failed over. */
  faultLines: function (ctx, g) {
    var f = ctx.frame;
    ctx.model.faultXs.forEach(function (fx) {
      if (fx[0] < ctx.a || fx[0] > ctx.b) return;
      var x = ctx.px(fx[0]);
      Snapsim.el('line', {x1: x, x2: x, y1: f.top, y2: f.height, 'class': 'fault-line ' + fx[1]}, g);
    });
  },

  /** The time axis, kept at the top of the frame as it scrolls, with grid lines through the lanes. */
  axis: function (ctx, g, grid) {
    var f = ctx.frame, step = Snapsim.TimelineDraw.step(ctx.b - ctx.a, (f.x1 - f.x0) / 90);
    Snapsim.el('rect', {x: 0, y: f.scrollTop, width: f.width, height: f.top - 2, 'class': 'axis-bg'}, g);
    for (var t = Math.ceil(ctx.a / step) * step; t <= ctx.b; t += step) {
      var x = ctx.px(t);
      Snapsim.el('line', {x1: x, x2: x, y1: f.scrollTop + f.top - 16, y2: f.scrollTop + f.top - 10, 'class': 'tick'}, g);
      Snapsim.el('line', {x1: x, x2: x, y1: f.top, y2: f.height, 'class': 'grid'}, grid);
      Snapsim.label(g, x, f.scrollTop + f.top - 19, Snapsim.ms(t, step), 'tick-label');
    }
  },

  /** A round step (1, 2 or 5 times a power of ten) giving at most `count` ticks over `span`. */
  step: function (span, count) {
    var raw = span / Math.max(1, count), pow = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / pow;
    return pow * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10);
  }
};
