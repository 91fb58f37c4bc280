// page.js marks the page as scripted, so that controls which need scripts
// (print and clear buttons) are shown, and wires the print buttons.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
