// One checkpoint's Gantt view as HTML, the markup GanttHtml writes: a row per subtask, stacked bars for
// start delay, alignment, sync and async from the trigger, a tick where it acknowledged, slowest first.
(function () {
  'use strict';
  var snapsim = (window.snapsim = window.snapsim || {});
  var f = snapsim.checkpointFormat;
  var ACK = snapsim.checkpointDetail.ACK;
  var PHASES = [['start-delay', 'start delay', ACK.delay], ['alignment', 'alignment', ACK.alignment],
    ['sync', 'sync', ACK.sync], ['async', 'async', ACK.async]];

  function total(ack) {
    return ack[ACK.delay] + ack[ACK.alignment] + ack[ACK.sync] + ack[ACK.async];
  }

  // Subtasks without an acknowledgement first (they held the checkpoint up), then the slowest, ties by task order.
  function rows(data, item) {
    var byTask = {};
    item.acks.forEach(function (a) {
      if (!(a[ACK.task] in byTask)) {
        byTask[a[ACK.task]] = a;
      }
    });
    var list = data.tasks.map(function (task, index) {
      return { index: index, task: task, ack: byTask[index] || null };
    });
    list.sort(function (x, y) {
      if ((x.ack === null) !== (y.ack === null)) {
        return x.ack === null ? -1 : 1;
      }
      if (x.ack !== null) {
        var byTotal = total(y.ack) - total(x.ack);
        var byAck = (y.ack[ACK.time] - item.trigger) - (x.ack[ACK.time] - item.trigger);
        if (byTotal !== 0 || byAck !== 0) {
          return byTotal !== 0 ? byTotal : byAck;
        }
      }
      return x.index - y.index;
    });
    return list;
  }

  function row(r, trigger, scale) {
    var html = '<div class="gantt-row' + (r.ack ? '' : ' missing') + '" data-task="' + f.escape(r.task) +
      '"><span class="gantt-label">' + f.escape(r.task) + '</span><span class="gantt-bars">';
    if (!r.ack) {
      return html + '<span class="no-ack">no acknowledgement</span></span><span class="gantt-total">-</span></div>';
    }
    PHASES.forEach(function (p) {
      var value = r.ack[p[2]];
      html += '<span class="seg ' + p[0] + '" style="width:' + f.percent(value, scale) + '%" title="' + p[1] + ' ' +
        f.millis(value) + '"></span>';
    });
    var acked = r.ack[ACK.time] - trigger;
    return html + '<span class="ack-mark" style="left:' + f.percent(acked, scale) + '%" title="acknowledged ' +
      f.millis(acked) + ' after the trigger"></span></span><span class="gantt-total">' + f.millis(total(r.ack)) +
      '</span></div>';
  }

  function render(data, item) {
    var list = rows(data, item);
    var scale = 1;
    list.forEach(function (r) {
      if (r.ack) {
        scale = Math.max(scale, total(r.ack), r.ack[ACK.time] - item.trigger);
      }
    });
    var html = '<div class="gantt" data-scale="' + scale + '"><div class="gantt-legend">';
    PHASES.forEach(function (p) {
      html += '<span class="key ' + p[0] + '"></span>' + p[1] + ' ';
    });
    html += '<span class="key ack-key"></span>acknowledged <span class="muted">(0 to ' + f.millis(scale) +
      ' after the trigger)</span></div>';
    list.forEach(function (r) {
      html += row(r, item.trigger, scale);
    });
    return html + '</div>';
  }

  snapsim.gantt = { render: render };
})();
