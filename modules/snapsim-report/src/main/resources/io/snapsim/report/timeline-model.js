/* The timeline's data decoded for drawing: events by lane (for a binary search of the window in
   view), kinds with their fields, and the categories that decide each mark's look. */
'use strict';

Snapsim.TimelineModel = function (d) {
  this.d = d;
  this.lanes = d.lanes;
  this.strings = d.strings;
  this.kinds = d.kinds.map(function (k) { return {type: k[0], fields: k[1], codes: k[2]}; });
  this.events = d.events;
  this.byLane = this.indexByLane();
  this.arrowSpan = this.longestArrow();
  this.faultXs = this.faultPositions();
};

/** For each lane, the indices of its events in time order (the events come sorted by x). */
Snapsim.TimelineModel.prototype.indexByLane = function () {
  var counts = new Int32Array(this.lanes.length), e = this.events, i;
  for (i = 0; i < e.length; i++) if (e[i][1] >= 0) counts[e[i][1]]++;
  var lanes = [], fill = new Int32Array(this.lanes.length);
  for (i = 0; i < counts.length; i++) lanes.push(new Int32Array(counts[i]));
  for (i = 0; i < e.length; i++) {
    var lane = e[i][1];
    if (lane >= 0) lanes[lane][fill[lane]++] = i;
  }
  return lanes;
};

Snapsim.TimelineModel.prototype.longestArrow = function () {
  var longest = 0;
  this.d.arrows.forEach(function (a) { if (a[2] !== null) longest = Math.max(longest, a[2] - a[0]); });
  return longest;
};

/** Where faults took effect and where the job failed over: red lines across every lane. */
Snapsim.TimelineModel.prototype.faultPositions = function () {
  var xs = [], self = this;
  this.events.forEach(function (ev) {
    var type = self.kinds[ev[2]].type;
    if (type === 'fault-injected' || type === 'failover' || type === 'coordinator-crashed') xs.push([ev[0], type]);
  });
  return xs;
};

/** [from, to) indices into byLane[lane] of the lane's events within [x0, x1]. */
Snapsim.TimelineModel.prototype.window = function (lane, x0, x1) {
  var idx = this.byLane[lane], events = this.events;
  var get = function (i) { return events[idx[i]][0]; };
  return [Snapsim.lowerBound(idx.length, get, x0), Snapsim.lowerBound(idx.length, get, x1 + 1e-9)];
};

/** A field of an event by name, decoded (texts from the string table); undefined when absent. */
Snapsim.TimelineModel.prototype.field = function (ev, name) {
  var kind = this.kinds[ev[2]], i = kind.fields.indexOf(name);
  if (i < 0 || ev[4 + i] === null) return undefined;
  return kind.codes[i] === 's' ? this.strings[ev[4 + i]] : ev[4 + i];
};

/** The rows of an event's hover card: its common fields, then its own as the history file writes them. */
Snapsim.TimelineModel.prototype.cardRows = function (ev) {
  var kind = this.kinds[ev[2]], rows = [['time', Math.floor(ev[0]) + ' ms'], ['actor', this.lanes[ev[1]]],
    ['attempt', ev[3]]];
  for (var i = 0; i < kind.fields.length; i++) {
    var v = ev[4 + i];
    if (v !== null && v !== undefined) rows.push([kind.fields[i], kind.codes[i] === 's' ? this.strings[v] : v]);
  }
  return rows;
};
