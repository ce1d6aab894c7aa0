/* Where the cut diagram places things: along the history's order rather than its clock, so that
   a barrier's send always lies left of its receipt even within one millisecond. Each event of the
   chosen checkpoint gets a column; a column's time is known from the event drawn there. */
'use strict';

Snapsim.CutLayout = function (cut) {
  var seqs = [], times = {};
  function add(seq, time) {
    if (seq === null || seq === undefined) return;
    seqs.push(seq);
    if (time !== undefined && time !== null) times[seq] = time;
  }
  add(cut.trigger[0], cut.trigger[1]);
  if (cut.end) add(cut.end[0], cut.end[1]);
  cut.tasks.forEach(function (t) { add(t[1], t[2]); add(t[3]); add(t[4]); add(t[5]); add(t[6]); });
  cut.channels.forEach(function (c) { add(c[4], c[5]); add(c[8], c[9]); add(c[11]); add(c[12]); });
  seqs.sort(function (a, b) { return a - b; });
  var unique = [];
  for (var i = 0; i < seqs.length; i++) if (i === 0 || seqs[i] !== seqs[i - 1]) unique.push(seqs[i]);
  this.seqs = unique;
  this.times = times;
  this.lastSeq = unique.length ? unique[unique.length - 1] : 0;
};

/** The column of an event's sequence number (0 .. columns-1). */
Snapsim.CutLayout.prototype.rank = function (seq) {
  var s = this.seqs;
  return Snapsim.lowerBound(s.length, function (i) { return s[i]; }, seq);
};

/** The x of a sequence number inside [x0, x1], with half a column of margin at both ends. */
Snapsim.CutLayout.prototype.x = function (seq, frame) {
  var n = Math.max(1, this.seqs.length);
  return frame.x0 + (this.rank(seq) + 0.5) / n * (frame.x1 - frame.x0);
};

/** The width of one column. */
Snapsim.CutLayout.prototype.column = function (frame) {
  return (frame.x1 - frame.x0) / Math.max(1, this.seqs.length);
};

/** Up to `count` columns whose time is known, evenly spread, as [seq, time]. */
Snapsim.CutLayout.prototype.ticks = function (count) {
  var known = this.seqs.filter(function (s) { return this.times[s] !== undefined; }, this);
  var step = Math.max(1, Math.ceil(known.length / count)), ticks = [], last = null;
  for (var i = 0; i < known.length; i += step) {
    var t = this.times[known[i]];
    if (t !== last) ticks.push([known[i], t]);
    last = t;
  }
  return ticks;
};
