// assessment-coverage.js fills in the coverage by legal instrument: for
// each article the page lists with the recommendations citing it, how many
// of those are at each status (as badges, each with its name) and their
// score. The report prints a copy of it.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, view = R.assessmentView, summary = R.assessmentSummary;
  var box = document.getElementById('sa-coverage');
  if (!io || !view || !summary || !box) { return; }
  var el = view.el;

  // rows lists a table's rows with the recommendations each cites, and
  // byRec the rows citing each recommendation, read from the page once.
  function rows(root) {
    var out = [];
    Array.prototype.forEach.call(root.querySelectorAll('tr[data-recs]'), function (tr) {
      out.push({ tr: tr, recs: tr.getAttribute('data-recs').split(' ').map(function (id) { return { id: id }; }) });
    });
    return out;
  }
  var page = null, byRec = null;

  function fillRow(model, rec, row) {
    var msg = model.msg, tr = row.tr;
    var t = summary.tally(row.recs, rec);
    // The two cells only scripts fill are made by them, the first time:
    // the page does not carry thousands of empty ones.
    var cell = tr.querySelector('.sa-cov-progress');
    if (!cell) {
      cell = tr.appendChild(el('td', { 'class': 'sa-cov-js sa-cov-progress' }));
      tr.appendChild(el('td', { 'class': 'sa-cov-js sa-cov-score' }));
    }
    cell.replaceChildren();
    io.STATUSES.forEach(function (s) {
      if (t.counts[s]) { cell.appendChild(view.badge(s, t.counts[s] + ' ' + model.statusLabel(s))); cell.appendChild(document.createTextNode(' ')); }
    });
    if (t.unanswered) { cell.appendChild(view.badge('', t.unanswered + ' ' + msg('summary.unanswered'))); }
    tr.querySelector('.sa-cov-score').textContent = t.score === null ? msg('coverage.none') : t.score.toFixed(1);
  }

  // On a long form the tables are filled only while they are near the
  // screen, and before they are printed: otherwise every load would write
  // thousands of rows no one sees yet (2,000 on the overview of 2,000
  // recommendations). pending is what to fill once they come near.
  var pending = null;
  var near = view.nearScreen(box, !!box.closest('.sa-long'), function () {
    if (pending) { var p = pending; pending = null; fillNow(p[0], p[1]); }
  });

  // fill writes every row of the page's tables, or, when only the status
  // of the recommendation changed (its id) did, only the rows citing it.
  function fill(model, rec, changed) {
    if (!near()) { pending = [model, rec]; return; }
    fillNow(model, rec, changed);
  }
  function fillNow(model, rec, changed) {
    if (!page) {
      page = rows(box);
      byRec = Object.create(null);
      page.forEach(function (row) {
        row.recs.forEach(function (r) { (byRec[r.id] = byRec[r.id] || []).push(row); });
      });
    }
    if (changed !== undefined) {
      (byRec[changed] || []).forEach(function (row) { fillRow(model, rec, row); });
      return;
    }
    page.forEach(function (row) { fillRow(model, rec, row); });
  }

  // report returns a copy of the filled summary for the printed report,
  // without the page's ids, so that nothing is named twice.
  function report(model, rec) {
    fillNow(model, rec);
    var copy = box.cloneNode(true);
    copy.removeAttribute('id');
    copy.setAttribute('aria-labelledby', 'sa-report-cov-title');
    copy.className = 'sa-coverage sa-report-coverage';
    Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (e) { e.removeAttribute('id'); });
    Array.prototype.forEach.call(copy.querySelectorAll('[aria-labelledby], [tabindex], .hint'), function (e) {
      if (e.classList.contains('hint')) { e.remove(); return; }
      e.removeAttribute('aria-labelledby');
      e.removeAttribute('tabindex');
      e.removeAttribute('role');
    });
    copy.querySelector('h2').id = 'sa-report-cov-title';
    return copy;
  }

  R.assessmentCoverage = { fill: fill, report: report };
})();
