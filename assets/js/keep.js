// keep.js keeps checklist ticks and template fields in the browser, so they
// survive a reload, a rebuild of the site and a closed tab, and clears them
// on request. Ticks are stored under their data-tick key; fields under the
// data-store key of their container plus the field's id (less the
// container's data-id-prefix, which a page holding several templates puts
// before their ids).
//
// A field's value is copied to its wrapper's data-value attribute, which
// the print style shows in full, wrapping: an <input> would print only what
// fits in its box.
(function () {
  'use strict';
  var store = window.riskguide && window.riskguide.store;
  if (!store) { return; }

  function fieldKey(el) {
    var box = el.closest('[data-store]');
    if (!box) { return null; }
    var id = el.id;
    var prefix = box.getAttribute('data-id-prefix');
    if (prefix) { id = id.replace(prefix, ''); }
    return box.getAttribute('data-store') + ':' + id;
  }

  function mirror(el) {
    var wrap = el.closest('.field');
    if (!wrap) { return; }
    if (el.value === '') { wrap.removeAttribute('data-value'); } else { wrap.setAttribute('data-value', el.value); }
  }

  var ticks = document.querySelectorAll('input[type="checkbox"][data-tick]');
  Array.prototype.forEach.call(ticks, function (box) {
    var key = box.getAttribute('data-tick');
    box.checked = store.get(key) === '1';
    box.addEventListener('change', function () {
      if (box.checked) { store.set(key, '1'); } else { store.remove(key); }
    });
  });

  var fields = document.querySelectorAll('[data-field]');
  Array.prototype.forEach.call(fields, function (el) {
    var key = fieldKey(el);
    if (!key) { return; }
    var saved = store.get(key);
    if (saved !== null) { el.value = saved; }
    mirror(el);
    el.addEventListener('input', function () {
      mirror(el);
      if (el.value === '') { store.remove(key); } else { store.set(key, el.value); }
    });
  });

  // A printed textarea shows all of its text, not a scrolled window of it.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('textarea[data-field]'), function (t) {
      t.style.height = 'auto';
      t.style.height = t.scrollHeight + 'px';
    });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('textarea[data-field]'), function (t) {
      t.style.height = '';
    });
  });

  var clear = document.querySelectorAll('[data-clear]');
  Array.prototype.forEach.call(clear, function (button) {
    button.addEventListener('click', function () {
      var question = button.getAttribute('data-confirm') || button.textContent + '?';
      if (!window.confirm(question)) { return; }
      Array.prototype.forEach.call(ticks, function (box) {
        box.checked = false;
        store.remove(box.getAttribute('data-tick'));
      });
      Array.prototype.forEach.call(fields, function (el) {
        var key = fieldKey(el);
        el.value = '';
        mirror(el);
        if (key) { store.remove(key); }
      });
    });
  });
})();
