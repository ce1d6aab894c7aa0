// Selecting a checkpoint: the strip of recent checkpoints and the ids in the history table are buttons;
// the selected one's details and Gantt view replace what the page showed. Arrow keys move along the
// strip; #checkpoint-N in the address selects checkpoint N on load.
(function () {
  'use strict';
  var snapsim = (window.snapsim = window.snapsim || {});
  var dataElement = document.getElementById('snapsim-data');
  var detail = document.getElementById('checkpoint-detail');
  if (!dataElement || !detail) {
    return;
  }
  var data = JSON.parse(dataElement.textContent).checkpoints;
  if (!data) {
    return;
  }
  var byId = {};
  data.items.forEach(function (item) {
    byId[item.id] = item;
  });

  function pressed(id) {
    document.querySelectorAll('.strip-checkpoint').forEach(function (button) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.select) === id));
    });
    document.querySelectorAll('tr.checkpoint').forEach(function (row) {
      row.classList.toggle('selected', Number(row.dataset.checkpoint) === id);
    });
  }

  function select(id) {
    var item = byId[id];
    if (item === undefined) {
      detail.innerHTML = '<p class="muted">Checkpoint ' + id + ' has no details in this page: it keeps those of the' +
        ' most recent checkpoints only.</p>';
    } else {
      detail.innerHTML = snapsim.checkpointDetail.render(data, item) +
        '<h4>Gantt: where each subtask spent the checkpoint</h4>' + snapsim.gantt.render(data, item);
    }
    detail.dataset.checkpoint = String(id);
    pressed(id);
  }

  function onStripKey(event) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') {
      return;
    }
    var buttons = Array.prototype.slice.call(document.querySelectorAll('.strip-checkpoint'));
    var at = buttons.indexOf(document.activeElement);
    var next = buttons[at + (event.key === 'ArrowRight' ? 1 : -1)];
    if (at >= 0 && next) {
      event.preventDefault();
      next.focus();
      select(Number(next.dataset.select));
    }
  }

  document.querySelectorAll('[data-select]').forEach(function (button) {
    button.addEventListener('click', function () {
      select(Number(button.dataset.select));
    });
  });
  var strip = document.querySelector('.strip');
  if (strip) {
    strip.addEventListener('keydown', onStripKey);
  }
  // The page already shows the selected checkpoint; an address such as #checkpoint-7 draws another one.
  var linked = /^#checkpoint-(\d+)$/.exec(window.location.hash);
  if (linked) {
    select(Number(linked[1]));
  } else {
    pressed(data.selected);
  }
  snapsim.selectCheckpoint = select;
})();
