/* The cut's channels as a table (those that crossed the cut or held records first) and the rows
   of the cut's hover cards. */
'use strict';

Snapsim.CutTable = {
  LIMIT: 60,

  fill: function (node, cut, lanes) {
    var channels = cut.channels.map(function (c, i) { return i; });
    var weight = function (c) { return (c[10] !== null && c[6] !== c[10] ? 1e15 : 0) + (c[13] || 0); };
    channels.sort(function (a, b) { return weight(cut.channels[b]) - weight(cut.channels[a]) || a - b; });
    var html = '<table class="cut-channels"><thead><tr><th>from</th><th>to</th><th class="num">sent before barrier</th>'
      + '<th class="num">received before barrier</th><th class="num">in flight</th><th class="num">held behind barrier</th>'
      + '<th class="num">records this epoch</th></tr></thead><tbody>';
    channels.slice(0, Snapsim.CutTable.LIMIT).forEach(function (i) {
      var c = cut.channels[i], flight = c[10] === null ? 'barrier never arrived' : Snapsim.num(c[6] - c[10]);
      html += '<tr' + (c[10] !== null && c[6] !== c[10] ? ' class="bad"' : '') + '><td>' + Snapsim.escape(lanes[c[0]])
        + ' <span class="muted">out ' + c[1] + '</span></td><td>' + (c[2] >= 0 ? Snapsim.escape(lanes[c[2]]) : '?')
        + ' <span class="muted">in ' + c[3] + '</span></td><td class="num">' + Snapsim.num(c[6]) + '</td><td class="num">'
        + Snapsim.num(c[10]) + '</td><td class="num">' + flight + '</td><td class="num">' + Snapsim.num(c[13])
        + '</td><td class="num">' + Snapsim.num(c[7]) + '</td></tr>';
    });
    html += '</tbody></table>';
    if (channels.length > Snapsim.CutTable.LIMIT) {
      html += '<p class="muted">' + Snapsim.num(channels.length - Snapsim.CutTable.LIMIT) + ' more channels not listed.</p>';
    }
    node.innerHTML = html;
  },

  rows: function (c) {
    var rows = [['output / input channel', c[1] + ' / ' + c[3]], ['barrier sent', c[5] + ' ms, after ' + Snapsim.num(c[6]) + ' records'],
      ['barrier received', c[8] === null ? 'never' : c[9] + ' ms, after ' + Snapsim.num(c[10]) + ' records'],
      ['records this epoch', Snapsim.num(c[7])]];
    if (c[10] !== null) rows.push(['in flight across the cut', Snapsim.num(c[6] - c[10])]);
    if (c[11] !== null) rows.push(['held behind the barrier', c[13] === null ? 'still blocked' : Snapsim.num(c[13]) + ' records (next epoch)']);
    return rows;
  },

  taskRows: function (t) {
    var rows = [['snapshot', t[1] === null ? 'none' : t[2] + ' ms']];
    if (t[8] !== null) rows.push(['alignment', t[8] + ' ms from its first barrier to its last']);
    if (t[5] !== null) rows.push(['acknowledged', 'yes']);
    if (t[6] !== null) rows.push(['stopped', 'failed or cancelled before the checkpoint ended']);
    if (t[7] !== null) rows.push(['records that overtook a barrier into the snapshot', Snapsim.num(t[7])]);
    return rows;
  }
};
