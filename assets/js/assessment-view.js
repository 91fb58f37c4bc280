// assessment-view.js holds the small pieces the self-assessment's views
// share: elements built from text (never from HTML), a status shown as a
// coloured badge that always carries its name, evidence with its web
// addresses made into links, and dates written the same way whatever the
// browser's locale (ISO 8601: 2026-03-01, 2026-03-01 09:00).
(function () {
  'use strict';
  var R = window.riskguide = window.riskguide || {};

  function el(name, attrs, textIn) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (textIn !== undefined) { e.textContent = textIn; }
    return e;
  }

  // badge is a status as the reader sees it: its name, on its colour. The
  // colour only repeats the name, so nothing depends on seeing colour.
  function badge(status, label) {
    var io = R.assessmentIO, tone = io && status && io.own(io.COLOURS, status) && io.own(io.TONES, io.COLOURS[status]) && io.SCALE !== io.DEFAULT_SCALE ? ' sa-st-' + io.TONES[io.COLOURS[status]] : '';
    return el('span', { 'class': 'sa-badge sa-st-' + (status || 'none') + tone }, label);
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  // isoDate writes a Date as YYYY-MM-DD where the user is.
  function isoDate(d) {
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
  }

  // longDate writes a day (a Date, or YYYY-MM-DD as date fields hold it)
  // in the site's words, "7 December 2026", with page.js's siteDate and the
  // month names and order the form carries (date.months, date.format), as
  // the printed sheets do: the browser's locale cannot make an English page
  // say "12/7/2026". Anything else is returned unchanged.
  function longDate(v) {
    var d = v;
    if (typeof v === 'string') {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) { return v; }
      d = new Date(+m[1], +m[2] - 1, +m[3]);
    }
    if (!(d instanceof Date) || isNaN(d)) { return v; }
    return R.siteDate ? R.siteDate(d, document.getElementById('sa-form')) : isoDate(d);
  }

  // isoTime writes an RFC 3339 time as local "YYYY-MM-DD HH:MM", or returns
  // it unchanged when it is not a time.
  function isoTime(s) {
    if (!s) { return ''; }
    var d = new Date(s);
    return isNaN(d) ? s : isoDate(d) + ' ' + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
  }

  // URL finds web addresses in free text. What ends a sentence is not part
  // of the address (see trim).
  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
  var CLOSERS = { ')': '(', ']': '[', '}': '{' };

  function count(s, c) { return s.split(c).length - 1; }

  // trim takes off what ends the sentence around an address, as GitHub's
  // and Markdown's autolinks do: trailing punctuation, and a closing
  // bracket only when it has no opening one in the address, so that
  // "(https://host/a_(b))." links https://host/a_(b).
  function trim(m) {
    var u = m;
    for (;;) {
      var last = u.charAt(u.length - 1);
      if (/[.,;:!?'"*_~]/.test(last)) {
        u = u.slice(0, -1);
      } else if (own(CLOSERS, last) && count(u, CLOSERS[last]) < count(u, last)) {
        u = u.slice(0, -1);
      } else {
        return u;
      }
    }
  }

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // addresses lists the http and https addresses in a text, in order.
  function addresses(s) {
    var out = [];
    (String(s).match(URL_RE) || []).forEach(function (m) {
      var u = trim(m);
      if (safe(u)) { out.push(u); }
    });
    return out;
  }

  // safe accepts an address only when the browser reads it as http or
  // https: nothing else (javascript:, data:, file:) ever becomes a link.
  function safe(u) {
    try {
      var p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch (e) {
      return false;
    }
  }

  // linked appends text to a parent, with each http or https address in it
  // as a link and everything else as plain text.
  function linked(parent, s) {
    var text = String(s), at = 0;
    text.replace(URL_RE, function (m, offset) {
      var u = trim(m);
      if (!safe(u)) { return m; }
      if (offset > at) { parent.appendChild(document.createTextNode(text.slice(at, offset))); }
      parent.appendChild(el('a', { href: u, rel: 'noopener noreferrer' }, u));
      at = offset + u.length;
      return m;
    });
    if (at < text.length) { parent.appendChild(document.createTextNode(text.slice(at))); }
    return parent;
  }

  // cssString quotes text for a CSS string, escaping every character that
  // is not a plain letter, digit or space, so that nothing typed can end
  // the string.
  function cssString(s) {
    return '"' + Array.from(String(s)).map(function (c) {
      return /[A-Za-z0-9 ]/.test(c) ? c : '\\' + c.codePointAt(0).toString(16) + ' ';
    }).join('') + '"';
  }

  // nearScreen watches el, a part of a long form made only while the
  // reader is near it (within a screen's height): it returns a function
  // reporting whether el is near now, and calls onNear each time el comes
  // near. Without watch, el counts as always near.
  function nearScreen(el, watch, onNear) {
    var near = !watch;
    if (watch) {
      new IntersectionObserver(function (entries) {
        near = entries[entries.length - 1].isIntersecting;
        if (near) { onNear(); }
      }, { rootMargin: '100% 0px' }).observe(el);
    }
    return function () { return near; };
  }

  R.assessmentView = { el: el, badge: badge, isoDate: isoDate, longDate: longDate, isoTime: isoTime, addresses: addresses, linked: linked, cssString: cssString, nearScreen: nearScreen };
})();
