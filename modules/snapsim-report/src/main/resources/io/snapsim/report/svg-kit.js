/* Shared helpers of the report's diagrams: the page's data, SVG elements, number formats and the
   hover card. Everything the report draws comes from the JSON the page embeds (#snapsim-data). */
'use strict';
var Snapsim = window.Snapsim || (window.Snapsim = {});

Snapsim.NS = 'http://www.w3.org/2000/svg';

/** The data a section put in the page, by the section's id (parsed once). */
Snapsim.data = function (section) {
  if (!Snapsim.pageData) {
    var node = document.getElementById('snapsim-data');
    Snapsim.pageData = node ? JSON.parse(node.textContent) : {};
  }
  return Snapsim.pageData[section];
};

/** A new SVG element with attributes, appended to parent when given. */
Snapsim.el = function (tag, attrs, parent) {
  var node = document.createElementNS(Snapsim.NS, tag);
  for (var name in attrs) {
    if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
  }
  if (parent) parent.appendChild(node);
  return node;
};

/** An SVG text element. */
Snapsim.label = function (parent, x, y, text, cls) {
  var node = Snapsim.el('text', {x: x, y: y, 'class': cls}, parent);
  node.textContent = text;
  return node;
};

Snapsim.clear = function (node) {
  while (node.firstChild) node.removeChild(node.firstChild);
};

Snapsim.escape = function (s) {
  return String(s).replace(/[&<>"']/g, function (c) {
    return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
  });
};

/** 12345 as "12,345". */
Snapsim.num = function (n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
};

/** Milliseconds, to the precision the zoom shows. */
Snapsim.ms = function (t, step) {
  var digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  return t.toFixed(digits) + ' ms';
};

/** First index in [lo, hi) whose value (by get) is >= x, for arrays sorted by that value. */
Snapsim.lowerBound = function (n, get, x) {
  var lo = 0, hi = n;
  while (lo < hi) {
    var mid = (lo + hi) >>> 1;
    if (get(mid) < x) lo = mid + 1; else hi = mid;
  }
  return lo;
};

/** The one hover card of the page: a table of a mark's fields next to the pointer. */
Snapsim.hover = (function () {
  var card = null;
  function node() {
    if (!card) {
      card = document.createElement('div');
      card.className = 'hover-card';
      card.setAttribute('role', 'tooltip');
      document.body.appendChild(card);
    }
    return card;
  }
  return {
    /** rows: [[name, value], ...]; title first. */
    show: function (evt, title, rows) {
      var html = '<div class="hc-title">' + Snapsim.escape(title) + '</div><table>';
      rows.forEach(function (r) {
        html += '<tr><th>' + Snapsim.escape(r[0]) + '</th><td>' + Snapsim.escape(r[1]) + '</td></tr>';
      });
      var c = node();
      c.innerHTML = html + '</table>';
      c.style.display = 'block';
      var x = Math.min(evt.clientX + 14, window.innerWidth - c.offsetWidth - 8);
      var y = evt.clientY + 14 + c.offsetHeight > window.innerHeight ? evt.clientY - c.offsetHeight - 10 : evt.clientY + 14;
      c.style.left = Math.max(4, x) + 'px';
      c.style.top = Math.max(4, y) + 'px';
    },
    hide: function () {
      if (card) card.style.display = 'none';
    }
  };
})();
