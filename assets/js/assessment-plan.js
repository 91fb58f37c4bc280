// assessment-plan.js lists the action plan of an assessment: every
// recommendation not yet fully in place (not started, planned, partly in
// place, or without a status but with gaps, an owner or a date), with its
// gaps and actions, owner and target date, and every recommendation not
// answered at all, as "Not answered": a plan that left them out would read
// as if nothing remained to do for them. It sorts by recommendation,
// owner, target date or status, marks target dates already past as
// overdue (in words, not only in colour), says whether the assessment is a
// draft or final and the day it is printed, and writes the same rows as
// CSV.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, view = R.assessmentView;
  if (!io || !view) { return; }
  var el = view.el;

  // open reports whether a status leaves work to do: a level that scores
  // but does not count as in place.
  function open(s) { return io.own(io.POINTS, s) && !io.DONE[s]; }

  // rows returns the plan's entries in guidance order.
  function rows(model, rec, today) {
    var out = [];
    model.results.forEach(function (res) {
      res.recs.forEach(function (r) {
        var a = io.own(rec.answers, r.id) ? rec.answers[r.id] : null;
        var unanswered = !a || (a.status === '' && !io.hasContent(a));
        if (unanswered) {
          a = { status: '', evidence: '', gaps: '', owner: '', targetDate: '', updated: '' };
        } else if (!(open(a.status) || a.status === '')) {
          return;
        }
        out.push({
          order: out.length, result: res, rec: r, answer: a, unanswered: unanswered,
          overdue: a.targetDate !== '' && a.targetDate < today
        });
      });
    });
    return out;
  }

  // LONG_ROW is about the characters of recommendation and actions that
  // fill three quarters of a printed A4 page in the plan's narrow columns.
  var LONG_ROW = 1500;

  function byOrder(x, y) { return x.order - y.order; }

  // Empty values sort last whatever the order, so that what is known
  // comes first.
  function byText(get, lang) {
    return function (x, y) {
      var a = get(x), b = get(y);
      if (a === '' || b === '') { return a === b ? byOrder(x, y) : a === '' ? 1 : -1; }
      return a.localeCompare(b, lang) || byOrder(x, y);
    };
  }

  function points(x) {
    return io.own(io.POINTS, x.answer.status) ? io.POINTS[x.answer.status] : -1;
  }

  var SORTS = {
    result: function () { return byOrder; },
    owner: function (lang) { return byText(function (x) { return x.answer.owner.trim(); }, lang); },
    date: function () {
      return function (x, y) {
        var a = x.answer.targetDate, b = y.answer.targetDate;
        if (a === b) { return byOrder(x, y); }
        if (a === '' || b === '') { return a === '' ? 1 : -1; }
        return a < b ? -1 : 1;
      };
    },
    status: function () { return function (x, y) { return points(x) - points(y) || byOrder(x, y); }; }
  };

  // sorted returns the plan's entries in the order asked for.
  function sorted(model, rec, by, today) {
    var list = rows(model, rec, today);
    return list.sort((SORTS[by] || SORTS.result)(document.documentElement.lang || 'en'));
  }

  // state says whether the assessment is final, and by whom it was signed
  // off, or a draft.
  function state(model, rec) {
    var msg = model.msg;
    if (!rec.final) { return msg('report.state.draft'); }
    return msg('report.state.final') + [rec.approvedBy, view.longDate(rec.approvedOn)].filter(function (v) { return v; }).map(function (v) { return ', ' + v; }).join('');
  }

  // meta is the line above the plan: its state, and the day, which is
  // written again just before printing so that paper carries the day it
  // was printed.
  function meta(model, rec, today) {
    return el('p', { 'class': 'sa-plan-meta' }, state(model, rec) + ' · ' + model.msg('printed', view.longDate(today)));
  }

  var printing = null;
  window.addEventListener('beforeprint', function () {
    if (!printing) { return; }
    var old = printing.box.querySelector('.sa-plan-meta');
    if (old) { old.replaceWith(meta(printing.model, printing.rec, view.isoDate(new Date()))); }
  });

  function render(model, rec, by, today, box) {
    var msg = model.msg;
    var list = sorted(model, rec, by, today);
    var actions = list.filter(function (x) { return !x.unanswered; });
    var overdue = actions.filter(function (x) { return x.overdue; }).length;
    var noOwner = actions.filter(function (x) { return x.answer.owner.trim() === ''; }).length;
    var counts = msg('plan.counts', actions.length, overdue, noOwner);
    var unanswered = list.length - actions.length;
    if (unanswered > 0) { counts += ' ' + msg('plan.unanswered', unanswered); }
    printing = { model: model, rec: rec, box: box };
    var out = [meta(model, rec, today), el('p', { 'class': 'sa-plan-counts' }, counts)];
    if (list.length === 0) {
      box.replaceChildren.apply(box, out);
      return list;
    }
    var tbl = el('table', { 'class': 'sa-table sa-plan-table' });
    tbl.appendChild(el('caption', {}, msg('plan.caption', rec.name)));
    var head = el('tr');
    ['plan.rec', 'retired.status', 'retired.gaps', 'retired.owner', 'retired.target'].forEach(function (k) {
      head.appendChild(el('th', { scope: 'col' }, msg(k)));
    });
    tbl.appendChild(el('thead')).appendChild(head);
    var body = tbl.appendChild(el('tbody'));
    list.forEach(function (x) {
      var a = x.answer;
      var cls = [x.overdue ? 'sa-plan-overdue' : x.unanswered ? 'sa-plan-unanswered' : ''];
      // Printed, a row is kept whole on one page; one too long for that
      // would leave the page before it nearly empty and then break anyway,
      // so it is let break from the start (see LONG_ROW).
      if (x.rec.text.length + a.gaps.length > LONG_ROW) { cls.push('sa-plan-long'); }
      var tr = body.appendChild(el('tr', { 'data-rec': x.rec.id, 'class': cls.join(' ').trim() }));
      var th = tr.appendChild(el('th', { scope: 'row' }));
      th.appendChild(el('span', { 'class': 'num' }, x.rec.label));
      th.appendChild(document.createTextNode(' ' + x.rec.text));
      tr.appendChild(el('td')).appendChild(view.badge(a.status, a.status ? model.statusLabel(a.status) : msg('summary.unanswered')));
      view.linked(tr.appendChild(el('td', { 'class': 'sa-plan-gaps' })), a.gaps);
      tr.appendChild(el('td', {}, a.owner));
      var date = tr.appendChild(el('td', { 'class': 'sa-plan-date' }, view.longDate(a.targetDate)));
      if (x.overdue) {
        date.appendChild(document.createTextNode(' '));
        date.appendChild(el('span', { 'class': 'sa-badge sa-overdue' }, msg('plan.overdue')));
      }
    });
    out.push(tbl);
    box.replaceChildren.apply(box, out);
    return list;
  }

  // toCSV writes the plan as the page's other CSV: UTF-8 with a byte order
  // mark, CRLF, every value quoted, formulas kept as text.
  function toCSV(model, rec, by, today) {
    var msg = model.msg;
    var lines = [['csv.organisation', 'csv.result', 'csv.rec', 'csv.id', 'csv.text', 'csv.status', 'csv.status.value',
      'csv.gaps', 'csv.owner', 'csv.target', 'plan.overdue', 'csv.updated'].map(function (k) { return msg(k); })];
    sorted(model, rec, by, today).forEach(function (x) {
      var a = x.answer;
      lines.push([rec.organisation, x.result.number + ' ' + x.result.title, x.rec.label, x.rec.id, x.rec.text,
        a.status ? model.statusLabel(a.status) : x.unanswered ? msg('summary.unanswered') : '', a.status, a.gaps, a.owner, a.targetDate,
        x.overdue ? msg('plan.overdue') : '', a.updated]);
    });
    return '\ufeff' + lines.map(function (l) { return l.map(io.cell).join(','); }).join('\r\n') + '\r\n';
  }

  R.assessmentPlan = { rows: rows, sorted: sorted, render: render, toCSV: toCSV };
})();
