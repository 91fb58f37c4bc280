// page.js marks the page as scripted, so that controls which need scripts
// (print and clear buttons) are shown, and wires the print buttons.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  // An empty date field would print the browser's "mm/dd/yyyy" hint; mark
  // empty ones so that the print style leaves a blank to write in.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('input[type="date"]'), function (el) {
      el.toggleAttribute('data-empty', el.value === '');
    });
  });

  // A printed sheet says in its footer when it was printed (sheets.css
  // shows --sheet-printed there). The date is today's whenever the sheet is
  // printed, so it is set again just before.
  var sheet = document.querySelector('[data-printed]');
  function stampDate() {
    var label = sheet.getAttribute('data-printed') || '%s';
    var date;
    try {
      date = new Date().toLocaleDateString(root.lang || undefined, { day: 'numeric', month: 'long', year: 'numeric' });
    } catch (e) {
      date = new Date().toISOString().slice(0, 10);
    }
    root.style.setProperty('--sheet-printed', JSON.stringify(label.replace('%s', date)));
  }
  if (sheet) {
    stampDate();
    window.addEventListener('beforeprint', stampDate);
  }

  // data-print="blank" prints the page without what the browser keeps
  // (ticks and entries), "filled" with them. The choice holds until the
  // print ends, whether printed or cancelled.
  function endPrint() { root.classList.remove('print-blank'); }
  window.addEventListener('afterprint', endPrint);
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (e) {
      root.classList.toggle('print-blank', e.currentTarget.getAttribute('data-print') === 'blank');
      window.print();
    });
  }
})();
