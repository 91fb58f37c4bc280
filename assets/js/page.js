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

  // A printed sheet says when it was printed: in its page margins (the
  // sheets.css footer shows --sheet-printed, where the browser draws
  // margins) and in the line at its top (.sheet-date), which every browser
  // prints. The date is today's whenever the sheet is printed, so it is set
  // again just before. It is written in the site's words, as the footer
  // writes its dates ("7 December 2026", "7. Dezember 2026"): the month
  // names and the order come with the page (date.months, date.format); the
  // browser's own locale would say "December 7, 2026" on an English site.
  var sheet = document.querySelector('[data-printed]');
  var stamps = document.querySelectorAll('.sheet-date[data-printed]');
  function siteDate(d, el) {
    var months = (el && el.getAttribute('data-months') || '').split('|');
    var format = el && el.getAttribute('data-date-format');
    if (months.length === 12 && format) {
      return format.replace(/%\[1\]d/g, String(d.getDate()))
        .replace(/%\[2\]s/g, months[d.getMonth()])
        .replace(/%\[3\]d/g, String(d.getFullYear()));
    }
    try {
      return new Intl.DateTimeFormat(root.lang || undefined, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
    } catch (e) {
      return d.toISOString().slice(0, 10);
    }
  }
  // The self-assessment writes its printed dates with the same words.
  var R = window.riskguide = window.riskguide || {};
  R.siteDate = siteDate;
  function stampDate() {
    var now = new Date();
    var label = sheet.getAttribute('data-printed') || '%s';
    root.style.setProperty('--sheet-printed', JSON.stringify(label.replace('%s', siteDate(now, stamps[0]))));
    Array.prototype.forEach.call(stamps, function (el) {
      el.textContent = (el.getAttribute('data-printed') || '%s').replace('%s', siteDate(now, el));
    });
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
