/* The timeline's hover card: the barrier arrow under the pointer, else the nearest event of the
   lane within a few pixels, else the alignment or checkpoint span there. */
'use strict';

Snapsim.TimelineHover = {
  REACH: 5,

  at: function (t, evt) {
    var H = Snapsim.TimelineHover, box = t.svg.getBoundingClientRect();
    var px = evt.clientX - box.left, py = evt.clientY - box.top, f = t.frame;
    var lane = Math.floor((py - f.top) / f.laneH);
    if (px < f.x0 || lane < 0 || lane >= t.model.lanes.length || py < f.scrollTop + f.top) return Snapsim.hover.hide();
    var target = evt.target, arrow = target.getAttribute('data-arrow');
    if (arrow !== null) return H.arrow(t, evt, t.model.d.arrows[+arrow]);
    var near = H.nearest(t, lane, px);
    if (near.index >= 0) return H.event(t, evt, near);
    if (target.hasAttribute('data-align')) return H.alignment(t, evt, t.model.d.alignments[+target.getAttribute('data-align')]);
    if (target.hasAttribute('data-ckpt')) return H.checkpoint(t, evt, t.model.d.checkpoints[+target.getAttribute('data-ckpt')]);
    Snapsim.hover.hide();
  },

  /** The event of `lane` nearest to pixel px within REACH, and how many others lie as near. */
  nearest: function (t, lane, px) {
    var m = t.model, reach = Snapsim.TimelineHover.REACH;
    var range = m.window(lane, t.xAt(px - reach), t.xAt(px + reach)), idx = m.byLane[lane];
    var best = -1, bestD = Infinity;
    for (var k = range[0]; k < range[1]; k++) {
      var d = Math.abs(t.px(m.events[idx[k]][0]) - px);
      if (d < bestD) { bestD = d; best = idx[k]; }
    }
    return {index: best, others: Math.max(0, range[1] - range[0] - 1)};
  },

  event: function (t, evt, near) {
    var ev = t.model.events[near.index], rows = t.model.cardRows(ev);
    if (near.others) rows.push(['nearby', near.others + ' more events within a few pixels: zoom in']);
    Snapsim.hover.show(evt, t.model.kinds[ev[2]].type, rows);
  },

  arrow: function (t, evt, a) {
    var lanes = t.model.lanes;
    var rows = [['from', lanes[a[1]] + ' at ' + Math.floor(a[0]) + ' ms'],
      ['to', a[3] === null ? 'unknown' : lanes[a[3]] + (a[2] === null ? ': never arrived' : ' at ' + Math.floor(a[2]) + ' ms')],
      ['attempt', a[7]], ['sent after', Snapsim.num(a[5]) + ' records on the channel'],
      ['received after', a[6] === null ? '–' : Snapsim.num(a[6]) + ' records on the channel']];
    Snapsim.hover.show(evt, 'barrier ' + a[4], rows);
  },

  alignment: function (t, evt, s) {
    var lanes = t.model.lanes, outcome = ['completed', 'aborted', 'cut short (the task failed or was cancelled)'][s[4]];
    var rows = [['task', lanes[s[0]]], ['from', Math.floor(s[1]) + ' ms'], ['to', Math.floor(s[2]) + ' ms'],
      ['outcome', outcome + (s[5] === null ? '' : ': ' + t.model.strings[s[5]])]];
    s[6].forEach(function (b) {
      var from = b[1] >= 0 ? lanes[b[1]] : '?';
      var until = b[3] === null ? 'not unblocked' : 'until ' + Math.floor(b[3]) + ' ms, ' + Snapsim.num(b[4]) + ' records held';
      rows.push(['blocked ch ' + b[0], 'from ' + from + ' at ' + Math.floor(b[2]) + ' ms, ' + until]);
    });
    Snapsim.hover.show(evt, 'alignment of checkpoint ' + s[3], rows);
  },

  checkpoint: function (t, evt, c) {
    var rows = [['kind', t.model.strings[c[4]]], ['attempt', c[5]], ['triggered', Math.floor(c[1]) + ' ms'],
      ['status', ['completed', 'failed', 'unfinished'][c[3]]], ['ended', Math.floor(c[2]) + ' ms'],
      ['duration', (Math.floor(c[2]) - Math.floor(c[1])) + ' ms']];
    if (c[6] !== null) rows.push(['reason', t.model.strings[c[6]]]);
    Snapsim.hover.show(evt, 'checkpoint ' + c[0], rows);
  }
};
