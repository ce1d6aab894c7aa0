/* What each event looks like on the timeline: its category (the legend's classes, mark-NAME) and
   its glyph, written as a piece of one SVG path per lane and category, so that a lane of thousands
   of events is a handful of elements. */
'use strict';

Snapsim.Marks = {
  CATEGORIES: ['barrier', 'align', 'snapshot', 'ack', 'ckpt', 'sink', 'life', 'fault', 'other'],
  BY_TYPE: {
    'barrier-sent': 'barrier', 'barrier-received': 'barrier', 'task-wired': 'life',
    'alignment-started': 'align', 'alignment-completed': 'align', 'alignment-aborted': 'align',
    'channel-blocked': 'align', 'channel-unblocked': 'align', 'cancel-marker-received': 'align',
    'snapshot': 'snapshot', 'acknowledged': 'ack', 'checkpoint-complete-notified': 'ack',
    'checkpoint-abort-notified': 'ack', 'checkpoint-triggered': 'ckpt', 'savepoint-triggered': 'ckpt',
    'checkpoint-acknowledged-by-all': 'ckpt', 'checkpoint-completed': 'ckpt', 'savepoint-completed': 'ckpt',
    'checkpoint-stored': 'ckpt', 'checkpoint-subsumed': 'ckpt', 'savepoint': 'ckpt', 'retention-applied': 'ckpt',
    'sink-precommitted': 'sink', 'sink-committed': 'sink', 'sink-aborted': 'sink',
    'task-lifecycle': 'life', 'task-restored': 'life', 'deploy': 'life', 'source-exhausted': 'life',
    'end-of-input': 'life', 'end-of-partition-received': 'life', 'job-ended': 'life', 'cancel': 'life',
    'stop': 'life', 'fault-injected': 'fault', 'failover': 'fault', 'restart-scheduled': 'fault',
    'coordinator-crashed': 'fault', 'checkpoint-damaged': 'fault', 'no-intact-checkpoint': 'fault',
    'checkpoint-aborted': 'fault', 'snapshot-write-failed': 'fault'
  },

  /** The category of each event, as indices into CATEGORIES (a failed task, a redeploy and a failed job are faults). */
  categorize: function (model) {
    var cats = new Uint8Array(model.events.length), index = {};
    Snapsim.Marks.CATEGORIES.forEach(function (c, i) { index[c] = i; });
    for (var i = 0; i < model.events.length; i++) {
      cats[i] = index[Snapsim.Marks.categoryOf(model, model.events[i])];
    }
    return cats;
  },

  categoryOf: function (model, ev) {
    var type = model.kinds[ev[2]].type, cat = Snapsim.Marks.BY_TYPE[type] || 'other';
    if (type === 'task-lifecycle' && model.field(ev, 'phase') === 'failed') return 'fault';
    if (type === 'deploy' && ev[3] > 0) return 'fault';
    if (type === 'job-ended' && model.field(ev, 'status') === 'failed') return 'fault';
    return cat;
  },

  /** A glyph at (x, y) as path data, by category. */
  glyph: function (cat, x, y) {
    switch (cat) {
      case 'snapshot': return 'M' + x + ' ' + (y - 6) + 'l6 6l-6 6l-6 -6z';
      case 'ack': return Snapsim.Marks.circle(x, y, 3.5);
      case 'ckpt': return 'M' + (x - 3.5) + ' ' + (y - 3.5) + 'h7v7h-7z';
      case 'sink': return 'M' + (x - 4) + ' ' + (y - 4) + 'h8v8h-8z';
      case 'life': return 'M' + x + ' ' + (y - 6) + 'v12';
      case 'fault': return 'M' + x + ' ' + (y - 7) + 'l6.5 11h-13z';
      case 'barrier': return 'M' + x + ' ' + (y - 4) + 'v8';
      case 'align': return 'M' + x + ' ' + (y - 5) + 'v10';
      default: return Snapsim.Marks.circle(x, y, 2);
    }
  },

  circle: function (x, y, r) {
    return 'M' + (x - r) + ' ' + y + 'a' + r + ' ' + r + ' 0 1 0 ' + 2 * r + ' 0a' + r + ' ' + r + ' 0 1 0 ' + -2 * r + ' 0';
  }
};
