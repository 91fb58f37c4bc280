// quick-exit.js: the "Exit this page" button, on sites that set quick_exit
// in site.yaml. Pressing it, or pressing Shift three times within five
// seconds, hides the page at once and replaces it, in the browser's
// history too, with the configured address. Without this script the
// button is a plain link to the same address.
(function () {
  'use strict';
  var link = document.querySelector('[data-quick-exit]');
  if (!link) { return; }
  var target = link.href;
  var leaving = false;

  function exit(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    // Hide what was on screen before the next page arrives.
    document.documentElement.classList.add('quick-exit-leaving');
    document.title = '';
    window.location.replace(target);
  }

  link.addEventListener('click', exit);

  var presses = 0, timer = null;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') { presses = 0; return; }
    if (event.repeat) { return; }
    presses++;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) {
      presses = 0;
      exit();
    }
  });

  var hint = link.querySelector('.quick-exit-hint');
  if (hint) { hint.hidden = false; }
})();
