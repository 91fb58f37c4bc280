// assessment-editions.js knows which edition of the guidance each answer
// answers, and flags the answers whose recommendation changed since.
//
// The page tells it (layouts/self-assessment.html, internal/render's
// AssessmentPage): the form's data-guidance-version is the edition the
// page is, data-editions the recorded editions, oldest first; each
// recommendation's data-text-hash is the hash of its quoted text now, and
// for each recorded edition whose text differed, a <template data-edition
// data-hash> holds the word difference from that text to this one, made
// at build time, so that nothing is diffed here.
//
// An answer keeps (export format version 4) the edition it was given under,
// the hash of the quoted text then (textHash) and the day it was last
// reviewed (reviewed). An answer of an older file, or one made before the
// page knew editions, was given under the edition the file names, or the
// first recorded one when the page does not know that edition (settle). An
// answer whose textHash is not the text's hash now is flagged, with the
// difference, until "Reviewed: still true" gives it this edition's hash
// and the day (review). Editing a flagged answer does not clear the flag:
// only the review says the answer was read against the new text.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, view = R.assessmentView;
  var form = document.getElementById('sa-form');
  if (!form || !io || !view) { return; }
  var el = view.el;

  var CURRENT = form.getAttribute('data-guidance-version') || '';
  var RECORDED = (form.getAttribute('data-editions') || '').split(' ').filter(Boolean);

  // recs holds, by recommendation id, its label and text, its text's hash
  // now, the hashes of its earlier texts by edition and, when its fields
  // are on this page (box), the differences by edition and by hash. A
  // form in parts lists every recommendation in assessment-guidance.js,
  // with its expected result (whose part holds it) and the same hashes.
  var recs = {};
  (R.assessmentGuidance || []).forEach(function (g) {
    g.recs.forEach(function (d) {
      recs[d.id] = { box: null, result: g.id, label: d.label, text: d.text, hash: d.hash, earlier: d.earlier || {}, byEdition: {}, byHash: {} };
    });
  });
  Array.prototype.forEach.call(form.querySelectorAll('[data-rec]'), function (box) {
    var id = box.getAttribute('data-rec'), text = box.querySelector('.sa-rec-text');
    var r = recs[id] = { box: box, label: box.getAttribute('data-label') || id, text: text ? text.textContent : '',
      hash: box.getAttribute('data-text-hash') || '', earlier: {}, byEdition: {}, byHash: {} };
    Array.prototype.forEach.call(box.querySelectorAll('template[data-edition]'), function (t) {
      r.earlier[t.getAttribute('data-edition')] = t.getAttribute('data-hash');
      r.byEdition[t.getAttribute('data-edition')] = t;
      r.byHash[t.getAttribute('data-hash')] = t;
    });
  });

  // link is the link to recommendation id's fields: on this page, or on
  // the part of a form in parts that holds them.
  function link(id) {
    var r = recs[id];
    var part = r.box ? '' : (form.getAttribute('data-part-link') || '').replace('%s', r.result);
    return part + '#sa-rec-' + id;
  }

  function known(v) { return v === CURRENT || RECORDED.indexOf(v) >= 0; }

  // settle gives answer a of recommendation id the edition and text hash it
  // lacks (io.settle): an answer made on the page is given under this
  // edition; one whose file names an edition the page does not know, under
  // the first recorded one; its hash is that of the text in that edition.
  io.settle = function (id, a) {
    if (a.reviewed === undefined) { a.reviewed = ''; }
    if (a.edition === undefined) { a.edition = CURRENT; }
    if (a.textHash) { return; }
    if (!known(a.edition)) { a.edition = RECORDED.length ? RECORDED[0] : CURRENT; }
    var r = recs[id];
    if (!r) { a.textHash = ''; return; }
    a.textHash = io.own(r.earlier, a.edition) ? r.earlier[a.edition] : r.hash;
  };

  // changed reports whether answer a of recommendation id answers a text
  // that is not the text now.
  function changed(id, a) {
    return !!a && io.hasContent(a) && io.own(recs, id) && a.textHash !== '' && a.textHash !== recs[id].hash;
  }

  // toReview lists the ids of rec's answers to review, in the page's order.
  function toReview(rec) {
    return Object.keys(recs).filter(function (id) { return changed(id, io.own(rec.answers, id) ? rec.answers[id] : null); });
  }

  // review marks answer id of rec as still true of the text now.
  function review(rec, id, day) {
    var a = rec.answers[id];
    if (!a || !io.own(recs, id)) { return; }
    a.edition = CURRENT;
    a.textHash = recs[id].hash;
    a.reviewed = day;
  }

  // difference is the word difference from the text answer a was given
  // under to the text now, or null when the page has no record of it.
  function difference(id, a) {
    var r = recs[id];
    var t = r.byHash[a.textHash] || null;
    return t ? t.content.cloneNode(true) : null;
  }

  // show writes, in each recommendation whose answer is to review, what
  // changed and the "Reviewed: still true" button; and above the summary,
  // how many answers are to review, with links to them.
  function show(model, rec) {
    var msg = model.msg;
    Object.keys(recs).forEach(function (id) {
      var r = recs[id];
      if (!r.box) { return; }
      var a = io.own(rec.answers, id) ? rec.answers[id] : null;
      var box = r.box.querySelector('.sa-edition');
      var flagged = changed(id, a);
      r.box.classList.toggle('sa-rec-changed', flagged);
      if (!flagged) {
        if (box) { box.remove(); }
        return;
      }
      if (!box) {
        box = el('div', { 'class': 'sa-edition', role: 'group', 'aria-labelledby': 'sa-rec-' + id + '-changed' });
        var before = r.box.querySelector('.sa-rec-link') || r.box.querySelector('.sa-rec-body');
        r.box.insertBefore(box, before);
      }
      box.replaceChildren();
      box.appendChild(el('p', { id: 'sa-rec-' + id + '-changed', 'class': 'sa-edition-title' }, msg('edition.changed')));
      var diff = difference(id, a);
      if (diff) {
        box.appendChild(el('p', { 'class': 'hint' }, msg('edition.changed.since', a.edition, CURRENT)));
        box.appendChild(diff);
      } else {
        box.appendChild(el('p', { 'class': 'hint' }, msg('edition.nodiff', a.edition)));
      }
      var button = box.appendChild(el('button', { type: 'button', 'data-edition-review': id }, msg('edition.reviewed')));
      button.disabled = !!rec.final;
    });
    var ids = toReview(rec);
    var line = document.getElementById('sa-edition-count');
    if (!ids.length) {
      if (line) { line.remove(); }
      return;
    }
    if (!line) {
      line = el('p', { id: 'sa-edition-count', 'class': 'sa-edition-count notice no-print' });
      var sum = document.getElementById('sa-summary');
      var title = document.getElementById('sa-summary-title');
      if (!sum || !title) { return; }
      sum.insertBefore(line, title.nextSibling);
    }
    line.replaceChildren(document.createTextNode(msg('edition.review.count', ids.length) + ' '));
    ids.forEach(function (id, i) {
      if (i) { line.appendChild(document.createTextNode(', ')); }
      line.appendChild(el('a', { href: link(id) }, recs[id].label));
    });
  }

  // report is the printed report's part on editions: the edition it
  // answers, and the answers not reviewed since their recommendation
  // changed, each with the edition it was given under.
  function report(model, rec) {
    var msg = model.msg;
    var part = el('section', { 'class': 'sa-report-editions', 'aria-labelledby': 'sa-report-editions-title' });
    part.appendChild(el('h2', { id: 'sa-report-editions-title' }, msg('edition.report.unreviewed')));
    part.appendChild(el('p', {}, msg('edition.report.answers', CURRENT)));
    var ids = toReview(rec);
    if (!ids.length) {
      part.appendChild(el('p', {}, msg('edition.report.none')));
      return part;
    }
    var ul = part.appendChild(el('ul', { 'class': 'sa-report-unreviewed' }));
    ids.forEach(function (id) {
      var li = ul.appendChild(el('li'));
      li.appendChild(el('span', { 'class': 'num' }, recs[id].label));
      li.appendChild(document.createTextNode(' ' + recs[id].text + ' '));
      li.appendChild(el('span', { 'class': 'sa-entry-fact' }, msg('edition.report.item', rec.answers[id].edition)));
    });
    return part;
  }

  var editions = { current: CURRENT, recorded: RECORDED, changed: changed, toReview: toReview, review: review, show: show, report: report, onReview: null };
  // One listener for every "Reviewed: still true" button; the answer is
  // kept by assessment.js (onReview), the one writer.
  form.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-edition-review]');
    if (b && editions.onReview) { editions.onReview(b.getAttribute('data-edition-review')); }
  });
  R.assessmentEditions = editions;
  window.riskguide = R;
})();
