// assessment-report.js writes the printed report of an assessment: a cover
// with who assessed what and who signed it off, the summary, and each
// recommendation as a compact entry ("Not answered" when it has no
// answer). It is made from what the browser keeps, into a section of the
// page that only paper shows, and it puts the assessment's name and
// "page x of y" in the margins of every sheet. Every value is written as
// text, never parsed as HTML.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, view = R.assessmentView, summary = R.assessmentSummary;
  if (!io || !view || !summary) { return; }
  var el = view.el;

  function answerOf(rec, id) {
    return io.own(rec.answers, id) ? rec.answers[id] : null;
  }

  // facts appends a definition list of the pairs whose value is not empty.
  function facts(parent, pairs, cls) {
    var dl = el('dl', { 'class': cls || 'sa-facts' });
    pairs.forEach(function (p) {
      if (p[1] === '' || p[1] === undefined || p[1] === null) { return; }
      var div = dl.appendChild(el('div'));
      div.appendChild(el('dt', {}, p[0]));
      var dd = div.appendChild(el('dd'));
      if (p[1] instanceof Node) { dd.appendChild(p[1]); } else if (p[2]) { view.linked(dd, p[1]); } else { dd.textContent = p[1]; }
    });
    parent.appendChild(dl);
    return dl;
  }

  function cover(model, rec) {
    var msg = model.msg;
    var box = el('section', { 'class': 'sa-cover', 'aria-labelledby': 'sa-report-title' });
    box.appendChild(el('p', { 'class': 'sa-cover-kind' }, msg('report.title')));
    box.appendChild(el('h2', { id: 'sa-report-title', 'class': 'sa-cover-org' }, rec.organisation || rec.name));
    facts(box, [
      [msg('report.assessment'), rec.name],
      [msg('csv.unit'), rec.unit],
      [msg('csv.period'), rec.period],
      [msg('report.completedby'), rec.completedBy],
      [msg('report.guidance'), [model.guidance.title, model.guidance.version].filter(Boolean).join(' · ')],
      [msg('report.state'), rec.final ? msg('report.state.final') : msg('report.state.draft')],
      [msg('retired.updated'), view.isoTime(rec.updated)]
    ]);
    box.appendChild(el('p', { 'class': 'sa-printed' }, msg('printed', view.longDate(new Date()))));
    var sign = box.appendChild(el('div', { 'class': 'sa-signoff' }));
    sign.appendChild(el('h3', {}, msg('report.signoff')));
    // Blank sign-off fields print as lines to sign on.
    [['report.approvedby', rec.approvedBy], ['report.role', rec.approverRole], ['report.date', view.longDate(rec.approvedOn)]].forEach(function (p) {
      var line = sign.appendChild(el('p', { 'class': 'sa-sign-line' }));
      line.appendChild(el('span', { 'class': 'sa-sign-label' }, msg(p[0])));
      line.appendChild(el('span', { 'class': 'sa-sign-value' + (p[1] ? '' : ' sa-blank') }, p[1] || ''));
    });
    return box;
  }

  // entry is one recommendation: its number and text, its status, and the
  // answer's fields that say something.
  function entry(model, r, a) {
    var msg = model.msg;
    var art = el('article', { 'class': 'sa-entry' });
    var h = art.appendChild(el('h4'));
    h.appendChild(el('span', { 'class': 'num' }, r.label));
    h.appendChild(document.createTextNode(' ' + r.text));
    if (!a || !io.hasContent(a)) {
      art.appendChild(el('p', { 'class': 'sa-entry-line' })).appendChild(view.badge('', msg('summary.unanswered')));
      return art;
    }
    var line = art.appendChild(el('p', { 'class': 'sa-entry-line' }));
    line.appendChild(view.badge(a.status, a.status ? model.statusLabel(a.status) : msg('summary.unanswered')));
    [['retired.owner', a.owner], ['retired.target', view.longDate(a.targetDate)], ['retired.updated', view.isoTime(a.updated)]].forEach(function (p) {
      if (!p[1]) { return; }
      var s = line.appendChild(el('span', { 'class': 'sa-entry-fact' }));
      s.appendChild(el('span', { 'class': 'sa-entry-label' }, msg(p[0]) + ': '));
      s.appendChild(document.createTextNode(p[1]));
    });
    facts(art, [[msg('retired.evidence'), a.evidence, true], [msg('retired.gaps'), a.gaps, true]], 'sa-facts sa-entry-text');
    return art;
  }

  // render fills box with the report of rec.
  function render(model, rec, box) {
    var msg = model.msg;
    box.replaceChildren();
    box.appendChild(cover(model, rec));
    // answers branch: the edition the report answers, and the answers not
    // reviewed since their recommendation changed.
    if (R.assessmentEditions) { box.appendChild(R.assessmentEditions.report(model, rec)); }

    var sum = box.appendChild(el('section', { 'class': 'sa-report-summary', 'aria-labelledby': 'sa-report-summary-title' }));
    sum.appendChild(el('h2', { id: 'sa-report-summary-title' }, msg('report.summary')));
    var chart = sum.appendChild(el('div', { 'class': 'sa-chart' }));
    var tbl = sum.appendChild(el('div', { 'class': 'sa-table-wrap' }));
    summary.render(model, rec, chart, tbl);

    if (R.assessmentCoverage) {
      var cov = R.assessmentCoverage.report(model, rec);
      if (cov) { box.appendChild(cov); }
    }

    var recs = box.appendChild(el('section', { 'class': 'sa-report-recs', 'aria-labelledby': 'sa-report-recs-title' }));
    recs.appendChild(el('h2', { id: 'sa-report-recs-title' }, msg('report.recs')));
    model.results.forEach(function (res) {
      var part = recs.appendChild(el('div', { 'class': 'sa-report-result' }));
      part.appendChild(el('h3', {}, res.number + '. ' + res.title));
      res.recs.forEach(function (r) { part.appendChild(entry(model, r, answerOf(rec, r.id))); });
    });

    var retired = model.retired(rec);
    if (retired.length) {
      var old = box.appendChild(el('section', { 'class': 'sa-report-retired', 'aria-labelledby': 'sa-report-retired-title' }));
      old.appendChild(el('h2', { id: 'sa-report-retired-title' }, msg('report.retired')));
      retired.forEach(function (id) { old.appendChild(entry(model, { label: id, text: '' }, rec.answers[id])); });
    }
    margins(model, rec);
  }

  // margins puts the assessment's name at the top of every printed sheet
  // and "page x of y" at the bottom. CSS cannot read them from the page,
  // so they are written into a style sheet made here (the page's security
  // policy allows style sheets built by its own script, not inline ones).
  var sheet = null;
  function margins(model, rec) {
    if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in document)) { return; }
    var parts = model.msg('report.page').split('%d');
    var page = parts.length === 3
      ? view.cssString(parts[0]) + ' counter(page) ' + view.cssString(parts[1]) + ' counter(pages) ' + view.cssString(parts[2])
      : 'counter(page) " / " counter(pages)';
    var head = [rec.name, rec.organisation].filter(Boolean).join(' · ');
    var css = '@page sa-report { @top-left { content: ' + view.cssString(head) + '; } ' +
      '@bottom-right { content: ' + page + '; } }';
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
      }
      sheet.replaceSync(css);
    } catch (e) {
      // Without the margins the report is still complete.
    }
  }

  R.assessmentReport = { render: render, entry: entry, facts: facts };
})();
