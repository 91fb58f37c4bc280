// pack.js lets a trainer choose which sheets of a pack (all checklists, all
// templates) are printed: each tick box names a sheet by its id, and an
// unticked sheet is hidden on screen and on paper. Without scripts the
// choice is not shown and every sheet prints.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('input[data-pack-sheet]');

  function apply(box) {
    var sheet = document.getElementById(box.getAttribute('data-pack-sheet'));
    if (sheet) { sheet.classList.toggle('pack-omit', !box.checked); }
  }

  Array.prototype.forEach.call(boxes, function (box) {
    // A browser may restore the ticks of a page it reloads.
    apply(box);
    box.addEventListener('change', function () { apply(box); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-pack-all]'), function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('data-pack-all') === 'true';
      Array.prototype.forEach.call(boxes, function (box) {
        box.checked = on;
        apply(box);
      });
    });
  });
})();
