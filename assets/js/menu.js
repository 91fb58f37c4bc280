// menu.js: the header's menu (a <details>, which opens and closes without
// scripts) also closes on Escape, giving the focus back to its button, and
// on a tap or click outside it, as a menu is expected to.
(function () {
  'use strict';
  var menu = document.getElementById('site-menu');
  if (!menu) { return; }
  var button = menu.querySelector('summary');
  // On a wide screen the menu is a row that cannot close: its button is
  // not shown.
  function isMenu() { return button.getClientRects().length > 0; }
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || !menu.open || !isMenu()) { return; }
    // The search box's list of results closes first (search-ui.js).
    var list = document.getElementById('site-search-results');
    if (list && !list.hidden) { return; }
    menu.open = false;
    button.focus();
  }, true); // capture: seen before search-ui.js closes its list
  document.addEventListener('click', function (e) {
    if (menu.open && isMenu() && !menu.contains(e.target)) { menu.open = false; }
  });
})();
