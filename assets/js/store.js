// store.js keeps the site's data in the browser's localStorage, under a
// prefix that names the site (pages opened from file:// share one storage),
// and shows the page's warning when the browser will not keep anything.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="riskguide-store"]');
  var prefix = (meta ? meta.getAttribute('content') : 'riskguide') + ':';
  var working = true;

  function warn() {
    working = false;
    var el = document.getElementById('storage-warning');
    if (el) { el.hidden = false; }
  }

  try {
    var probe = prefix + 'probe';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
  } catch (e) {
    warn();
  }

  var store = {
    // get returns the stored text for key, or null.
    get: function (key) {
      try { return window.localStorage.getItem(prefix + key); } catch (e) { return null; }
    },
    // set stores text under key; it returns false (and warns) on failure.
    set: function (key, value) {
      try { window.localStorage.setItem(prefix + key, value); return true; } catch (e) { warn(); return false; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(prefix + key); } catch (e) { /* nothing kept, nothing to remove */ }
    },
    // keys lists the keys this site keeps, without the prefix.
    keys: function () {
      var out = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) {
          var k = window.localStorage.key(i);
          if (k !== null && k.indexOf(prefix) === 0) { out.push(k.slice(prefix.length)); }
        }
      } catch (e) { /* nothing kept, nothing to list */ }
      return out;
    },
    // working reports whether the browser keeps data.
    working: function () { return working; }
  };

  window.riskguide = window.riskguide || {};
  window.riskguide.store = store;
})();
