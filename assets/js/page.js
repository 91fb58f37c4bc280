// page.js marks the page as scripted, so that controls which need scripts
// (print and clear buttons) are shown, and wires the print buttons.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  // An empty date field would print the browser's "mm/dd/yyyy" hint; mark
  // empty ones so that the print style leaves a blank to write in.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('input[type="date"]'), function (el) {
      el.toggleAttribute('data-empty', el.value === '');
    });
  });
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
