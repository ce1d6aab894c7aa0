// Formatting for the checkpoint section, written as the Java side (Format, Html) writes it, so that
// what a script draws for a selected checkpoint reads like what the page shows without scripts.
(function () {
  'use strict';
  var snapsim = (window.snapsim = window.snapsim || {});
  var UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

  function escape(value) {
    return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function bytes(n) {
    if (n < 1024) {
      return n + ' B';
    }
    var value = n;
    var unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return value.toFixed(1) + ' ' + UNITS[unit];
  }

  function millis(ms) {
    return count(ms) + ' ms';
  }

  function at(relative) {
    return 't=' + count(relative) + ' ms';
  }

  function percent(value, scale) {
    return (100 * value / scale).toFixed(2);
  }

  function statusClass(status) {
    return status.toLowerCase().replace(/_/g, '-');
  }

  snapsim.checkpointFormat = {
    escape: escape, count: count, bytes: bytes, millis: millis, at: at, percent: percent, statusClass: statusClass
  };
})();
