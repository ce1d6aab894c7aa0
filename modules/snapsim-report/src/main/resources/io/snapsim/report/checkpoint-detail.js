// One checkpoint's details (per chain, per subtask) as HTML, the markup CheckpointDetail writes.
(function () {
  'use strict';
  var snapsim = (window.snapsim = window.snapsim || {});
  var f = snapsim.checkpointFormat;
  var ACK = { task: 0, vertex: 1, subtask: 2, time: 3, checkpointed: 4, full: 5, sync: 6, async: 7, alignment: 8, delay: 9, byOperator: 10 };

  function cell(text) {
    return '<td class="num">' + f.escape(text) + '</td>';
  }

  function head(item) {
    var html = '<p class="detail-head"><strong>' + (item.kind === 'savepoint' ? 'Savepoint ' : 'Checkpoint ') + item.id +
      '</strong> <span class="status ' + f.statusClass(item.status) + '">' + item.status + '</span> ' + item.kind +
      ', triggered at ' + f.at(item.trigger) + ', ' + item.acked + '/' + item.tasks + ' acknowledged, end to end ' +
      f.millis(item.e2e);
    if (item.folder !== null) {
      html += ', in <code>' + f.escape(item.folder) + '</code>';
    }
    if (item.failure !== null) {
      var space = item.failure.indexOf(' ');
      html += ': <span class="bad">' + f.escape(item.failure.substring(0, space)) + '</span> ' +
        f.escape(item.failure.substring(space + 1));
    }
    return html + '</p>';
  }

  function maxOf(acks, field) {
    if (acks.length === 0) {
      return '-';
    }
    return f.millis(Math.max.apply(null, acks.map(function (a) { return a[field]; })));
  }

  function sumOf(acks, field) {
    return acks.reduce(function (sum, a) { return sum + a[field]; }, 0);
  }

  function byOperator(vertex, sizes) {
    return vertex.operators.filter(function (uid) { return Object.prototype.hasOwnProperty.call(sizes, uid); })
      .map(function (uid) { return uid + ' ' + f.bytes(sizes[uid]); }).join(', ');
  }

  function subtaskRow(vertex, subtask, ack, trigger) {
    var html = '<tr class="subtask' + (ack ? '' : ' missing') + '" data-task="' + f.escape(vertex.name + '#' + subtask) +
      '"><td>#' + subtask + '</td>';
    if (!ack) {
      return html + '<td colspan="10" class="muted">no acknowledgement</td></tr>';
    }
    return html + cell(f.at(ack[ACK.time])) + cell(f.millis(ack[ACK.time] - trigger)) + cell(f.bytes(ack[ACK.checkpointed])) +
      cell(f.bytes(ack[ACK.full])) + cell('0 B') + cell(f.millis(ack[ACK.sync])) + cell(f.millis(ack[ACK.async])) +
      cell(f.millis(ack[ACK.alignment])) + cell(f.millis(ack[ACK.delay])) +
      '<td>' + f.escape(byOperator(vertex, ack[ACK.byOperator])) + '</td></tr>';
  }

  function vertexBody(vertex, index, item) {
    var bySubtask = {};
    item.acks.forEach(function (a) {
      if (a[ACK.vertex] === index && !(a[ACK.subtask] in bySubtask)) {
        bySubtask[a[ACK.subtask]] = a;
      }
    });
    var acks = Object.keys(bySubtask).map(function (k) { return bySubtask[k]; });
    var latest = acks.length === 0 ? -1 : Math.max.apply(null, acks.map(function (a) { return a[ACK.time]; }));
    var html = '<tbody class="vertex" data-vertex="' + f.escape(vertex.name) + '"><tr class="vertex-row"><th>' +
      f.escape(vertex.name) + '</th><td class="num">' + acks.length + '/' + vertex.parallelism +
      (latest < 0 ? '' : ', latest ' + f.at(latest)) + '</td><td class="num">' +
      (latest < 0 ? '-' : f.millis(latest - item.trigger)) + '</td>' +
      cell(f.bytes(sumOf(acks, ACK.checkpointed))) + cell(f.bytes(sumOf(acks, ACK.full))) + cell('0 B') +
      cell(maxOf(acks, ACK.sync)) + cell(maxOf(acks, ACK.async)) + cell(maxOf(acks, ACK.alignment)) +
      cell(maxOf(acks, ACK.delay)) + '<td class="muted">max over subtasks</td></tr>';
    for (var s = 0; s < vertex.parallelism; s++) {
      html += subtaskRow(vertex, s, bySubtask[s], item.trigger);
    }
    return html + '</tbody>';
  }

  function render(data, item) {
    var html = head(item) + '<div class="table-scroll"><table class="subtasks"><thead><tr><th>chain / subtask</th><th class="num">acknowledged</th>' +
      '<th class="num">end to end</th><th class="num">checkpointed</th><th class="num">full size</th>' +
      '<th class="num">in-flight data</th><th class="num">sync</th><th class="num">async</th>' +
      '<th class="num">alignment</th><th class="num">start delay</th><th>by operator</th></tr></thead>';
    data.vertices.forEach(function (vertex, index) {
      html += vertexBody(vertex, index, item);
    });
    return html + '</table></div>';
  }

  snapsim.checkpointDetail = { render: render, ACK: ACK };
})();
