// pack.js lets a trainer choose which sheets of a pack (all checklists, all
// templates) are printed: each tick box names a sheet by its id, and an
// unticked sheet is hidden on screen and on paper. Without scripts the
// choice is not shown and every sheet prints.
//
// A print with no sheet chosen would be an empty page: the print buttons
// then say so (#pack-empty) instead of printing, and the browser's own
// print command prints that message (site.css). With exactly one sheet
// chosen the page is marked pack-single, so that the sheet numbers its
// pages as when printed from its own page, "Page 1 of 4" (sheets.css).
(function () {
  'use strict';
  var root = document.documentElement;
  var boxes = document.querySelectorAll('input[data-pack-sheet]');
  var empty = document.getElementById('pack-empty');

  function chosen() {
    return Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
  }

  function apply(box) {
    var sheet = document.getElementById(box.getAttribute('data-pack-sheet'));
    if (sheet) { sheet.classList.toggle('pack-omit', !box.checked); }
  }

  // Firefox prints a blank page after the last sheet when the page name
  // (sheets.css) of what holds the sheets differs from the last one
  // printed, so the holders take that sheet's name; it is the name of the
  // last page in any case.
  var holders = [document.body, document.querySelector('main'), document.querySelector('main > .wrap')];
  function update() {
    var n = chosen();
    root.classList.toggle('pack-single', n === 1);
    if (empty && n > 0) { empty.hidden = true; }
    var shown = document.querySelectorAll('.print-section:not(.pack-omit)');
    var last = shown.length ? getComputedStyle(shown[shown.length - 1]).page : '';
    holders.forEach(function (el) {
      if (el) { el.style.page = last && last !== 'auto' ? last : ''; }
    });
  }

  Array.prototype.forEach.call(boxes, function (box) {
    // A browser may restore the ticks of a page it reloads.
    apply(box);
    box.addEventListener('change', function () { apply(box); update(); });
  });
  update();
  Array.prototype.forEach.call(document.querySelectorAll('[data-pack-all]'), function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('data-pack-all') === 'true';
      Array.prototype.forEach.call(boxes, function (box) {
        box.checked = on;
        apply(box);
      });
      update();
    });
  });

  // Before page.js's own handler on the button (this one listens on the
  // way down, at the document): no sheet, no print.
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-print]');
    if (!button || boxes.length === 0 || chosen() > 0) { return; }
    e.preventDefault();
    e.stopPropagation();
    if (empty) {
      empty.hidden = false;
      empty.setAttribute('tabindex', '-1');
      empty.focus();
    }
  }, true);
})();
