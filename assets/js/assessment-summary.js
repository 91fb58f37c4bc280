// assessment-summary.js turns an assessment into figures: counts per status
// and a score per expected result and overall, drawn as an SVG bar chart
// with the same figures in a table; and compares two assessments. Every
// value is written with textContent, never parsed as HTML.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, view = R.assessmentView;
  if (!io || !view) { return; }
  var SVG = 'http://www.w3.org/2000/svg';
  // Elements and status badges are made as every other view of an
  // assessment makes them (assessment-view.js, loaded before this file).
  var el = view.el, badge = view.badge;

  function svg(name, attrs, textIn) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (textIn !== undefined) { e.textContent = textIn; }
    return e;
  }

  function statusOf(rec, id) {
    return io.own(rec.answers, id) ? rec.answers[id].status : '';
  }

  // tally counts the statuses of some recommendations and scores them: the
  // average points over those with a status other than not applicable.
  function tally(recs, rec) {
    var t = { counts: {}, total: recs.length, answered: 0, unanswered: 0, scored: 0, points: 0, score: null };
    io.STATUSES.forEach(function (s) { t.counts[s] = 0; });
    recs.forEach(function (r) {
      var s = statusOf(rec, r.id);
      if (s === '') { t.unanswered++; return; }
      t.answered++;
      t.counts[s]++;
      if (io.own(io.POINTS, s)) { t.scored++; t.points += io.POINTS[s]; }
    });
    if (t.scored > 0) { t.score = t.points / t.scored; }
    return t;
  }

  function summarise(model, rec) {
    var all = [];
    var rows = model.results.map(function (res) {
      Array.prototype.push.apply(all, res.recs);
      return { label: res.number + '. ' + res.title, title: res.title, short: String(res.number), tally: tally(res.recs, rec) };
    });
    return { rows: rows, overall: { label: model.msg('summary.overall'), title: model.msg('summary.overall'), short: '', tally: tally(all, rec) } };
  }

  function scoreText(t, msg) {
    return t.score === null ? msg('summary.score.none') : t.score.toFixed(1);
  }

  function table(model, sum) {
    var msg = model.msg;
    var tbl = el('table', { 'class': 'sa-table' });
    tbl.appendChild(el('caption', {}, msg('summary.caption')));
    var head = el('tr');
    head.appendChild(el('th', { scope: 'col' }, msg('summary.result')));
    // Each status heading is its badge, so the colours used on the form
    // and in the report are explained where the counts are.
    io.STATUSES.forEach(function (s) { head.appendChild(el('th', { scope: 'col' })).appendChild(badge(s, model.statusLabel(s))); });
    head.appendChild(el('th', { scope: 'col' })).appendChild(badge('', msg('summary.unanswered')));
    head.appendChild(el('th', { scope: 'col' }, msg('summary.score')));
    tbl.appendChild(el('thead')).appendChild(head);
    var body = tbl.appendChild(el('tbody'));
    sum.rows.concat([sum.overall]).forEach(function (row, i) { body.appendChild(tableRow(model, row, i === sum.rows.length)); });
    return tbl;
  }

  function tableRow(model, row, total) {
    var tr = el('tr', total ? { 'class': 'sa-total' } : {});
    tr.appendChild(el('th', { scope: 'row' }, row.label));
    io.STATUSES.forEach(function (s) { tr.appendChild(el('td', {}, String(row.tally.counts[s]))); });
    tr.appendChild(el('td', {}, String(row.tally.unanswered)));
    tr.appendChild(el('td', {}, scoreText(row.tally, model.msg)));
    return tr;
  }

  var chartCount = 0;
  // The chart's geometry: label column, bar length and row height.
  var labelW = 280, barW = 400, rowH = 34, top = 10;

  // chart draws one horizontal bar per row on a 0 to 4 scale. It is an
  // image with a title and description; the table holds its figures.
  function chart(model, sum) {
    var msg = model.msg;
    var rows = sum.rows.concat([sum.overall]);
    var axis = 24;
    var width = labelW + barW + 60, height = top + rows.length * rowH + axis;
    var n = ++chartCount;
    var root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, 'class': 'sa-bars', role: 'img',
      'aria-labelledby': 'sa-chart-title-' + n + ' sa-chart-desc-' + n
    });
    root.appendChild(svg('title', { id: 'sa-chart-title-' + n }, msg('summary.chart')));
    root.appendChild(svg('desc', { id: 'sa-chart-desc-' + n }, msg('summary.chart.desc')));
    // The axis runs from 0 to the scale's highest score.
    var maxScore = maxScoreOf();
    var step = maxScore <= 10 ? 1 : Math.ceil(maxScore / 5);
    for (var g = 0; g <= maxScore; g += step) {
      var x = labelW + barW * g / maxScore;
      root.appendChild(svg('line', { x1: x, x2: x, y1: top, y2: height - axis + 4, 'class': 'sa-grid' }));
      root.appendChild(svg('text', { x: x, y: height - 6, 'class': 'sa-axis', 'text-anchor': 'middle' }, String(g)));
    }
    rows.forEach(function (row, i) { root.appendChild(bar(model, row, i, maxScore)); });
    return root;
  }

  // bar is one row of the chart: its label, bar and score, as a group.
  function bar(model, row, i, maxScore) {
    var y = top + i * rowH;
    var g = svg('g');
    // A label takes two lines rather than be cut short, on screen and on
    // paper; only a title longer than both is shortened.
    var label = row.short ? twoLines(row.short + '. ' + row.title, 38) : [row.label];
    var text = g.appendChild(svg('text', { x: 0, y: y + rowH / 2 + (label.length > 1 ? -2 : 5), 'class': 'sa-bar-label' + (row.short ? '' : ' sa-bar-total') }));
    label.forEach(function (line, k) { text.appendChild(svg('tspan', { x: 0, dy: k ? 14 : 0 }, line)); });
    var score = row.tally.score;
    if (score !== null) {
      g.appendChild(svg('rect', { x: labelW, y: y + 5, width: Math.max(barW * score / maxScore, 2), height: rowH - 10, 'class': row.short ? 'sa-bar' : 'sa-bar sa-bar-total' }));
    }
    g.appendChild(svg('text', { x: labelW + (score === null ? 0 : barW * score / maxScore) + 6, y: y + rowH / 2 + 5, 'class': 'sa-bar-value' }, scoreText(row.tally, model.msg)));
    return g;
  }

  function maxScoreOf() {
    return Math.max.apply(null, [1].concat(Object.keys(io.POINTS).map(function (k) { return io.POINTS[k]; })));
  }

  function shorten(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
  function twoLines(s, n) {
    if (s.length <= n) { return [s]; }
    var cut = s.lastIndexOf(' ', n);
    if (cut <= 0) { cut = n; }
    return [s.slice(0, cut), shorten(s.slice(cut).trim(), n)];
  }

  // render fills the summary's chart and table for an assessment. When
  // they show the same rows already, only the rows whose figures changed
  // are drawn again (after one answer, its result's and the total): a
  // click costs the same on a guidance of twenty recommendations or two
  // thousand.
  var drawn = typeof WeakMap === 'function' ? new WeakMap() : null;
  function figures(t) { return io.STATUSES.map(function (s) { return t.counts[s]; }).concat([t.unanswered, t.score]).join(' '); }
  function render(model, rec, chartBox, tableBox) {
    var sum = summarise(model, rec);
    var rows = sum.rows.concat([sum.overall]);
    var keys = rows.map(function (row) { return figures(row.tally); });
    var d = drawn && drawn.get(tableBox);
    if (d && d.chartBox === chartBox && d.keys.length === keys.length && chartBox.firstChild === d.svg && tableBox.firstChild === d.table) {
      var bars = d.svg.querySelectorAll(':scope > g'), trs = d.table.tBodies[0].rows;
      rows.forEach(function (row, i) {
        if (keys[i] === d.keys[i]) { return; }
        bars[i].replaceWith(bar(model, row, i, d.maxScore));
        trs[i].replaceWith(tableRow(model, row, i === sum.rows.length));
      });
      d.keys = keys;
      return sum;
    }
    var svgRoot = chart(model, sum), tbl = table(model, sum);
    chartBox.replaceChildren(svgRoot);
    tableBox.replaceChildren(tbl);
    if (drawn) { drawn.set(tableBox, { chartBox: chartBox, svg: svgRoot, table: tbl, keys: keys, maxScore: maxScoreOf() }); }
    return sum;
  }

  function pointsOf(status) { return io.own(io.POINTS, status) ? io.POINTS[status] : null; }

  // signed writes a change of score with its sign: +2, −1, 0 (one
  // decimal for averages), or "" when either side has no score.
  function signed(a, b, decimals) {
    if (a === null || b === null) { return ''; }
    var d = b - a;
    var t = Math.abs(d).toFixed(decimals);
    return +t === 0 ? (0).toFixed(decimals) : (d > 0 ? '+' : '\u2212') + t;
  }

  // comparison works out, recommendation by recommendation and expected
  // result by expected result, how one assessment moved to another: the
  // figures the table on the page and the CSV both show.
  function comparison(model, from, to) {
    var counts = { up: 0, down: 0, 'new': 0, same: 0, gone: 0, changed: 0 };
    var recs = [];
    model.results.forEach(function (res) {
      res.recs.forEach(function (r) {
        var a = statusOf(from, r.id), b = statusOf(to, r.id);
        if (a === '' && b === '') { return; }
        var pa = pointsOf(a), pb = pointsOf(b), change;
        if (a === '') { change = 'new'; } else if (b === '') { change = 'gone'; } else if (a === b) { change = 'same'; } else if (pa === null || pb === null) { change = 'changed'; } else {
          change = pb > pa ? 'up' : pb < pa ? 'down' : 'same';
        }
        counts[change]++;
        recs.push({ res: res, rec: r, from: a, to: b, fromPoints: pa, toPoints: pb, change: change, delta: signed(pa, pb, 0) });
      });
    });
    var sumFrom = summarise(model, from), sumTo = summarise(model, to);
    var results = sumFrom.rows.concat([sumFrom.overall]).map(function (row, i) {
      var other = i < sumTo.rows.length ? sumTo.rows[i] : sumTo.overall;
      return { label: row.label, total: i === sumFrom.rows.length, from: row.tally.score, to: other.tally.score, delta: signed(row.tally.score, other.tally.score, 1) };
    });
    return { counts: counts, recs: recs, results: results };
  }

  function scoreOrNone(score, msg) { return score === null ? msg('summary.score.none') : score.toFixed(1); }

  // compare shows how one assessment moved to another: the score of each
  // expected result and overall, then each recommendation's status on both
  // sides (as badges) with its change of score.
  function compare(model, from, to, out) {
    var msg = model.msg;
    var c = comparison(model, from, to);

    var byResult = el('table', { 'class': 'sa-table sa-compare-results' });
    byResult.appendChild(el('caption', {}, msg('compare.results.caption', from.name, to.name)));
    var rh = el('tr');
    [msg('summary.result'), from.name, to.name, msg('compare.points')].forEach(function (h) { rh.appendChild(el('th', { scope: 'col' }, h)); });
    byResult.appendChild(el('thead')).appendChild(rh);
    var rbody = byResult.appendChild(el('tbody'));
    c.results.forEach(function (row) {
      var tr = el('tr', row.total ? { 'class': 'sa-total' } : {});
      tr.appendChild(el('th', { scope: 'row' }, row.label));
      tr.appendChild(el('td', {}, scoreOrNone(row.from, msg)));
      tr.appendChild(el('td', {}, scoreOrNone(row.to, msg)));
      tr.appendChild(el('td', { 'class': 'sa-compare-delta' }, row.delta));
      rbody.appendChild(tr);
    });

    var tbl = el('table', { 'class': 'sa-table sa-compare-table' });
    tbl.appendChild(el('caption', {}, msg('compare.caption', from.name, to.name)));
    var head = el('tr');
    [msg('compare.rec'), from.name, to.name, msg('compare.points'), msg('compare.change')].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    tbl.appendChild(el('thead')).appendChild(head);
    var body = tbl.appendChild(el('tbody'));
    c.recs.forEach(function (row) {
      var tr = el('tr', { 'class': 'sa-change-' + row.change, 'data-rec': row.rec.id });
      var th = el('th', { scope: 'row' });
      th.appendChild(el('span', { 'class': 'num' }, row.rec.label));
      th.appendChild(document.createTextNode(' ' + shorten(row.rec.text, 90)));
      tr.appendChild(th);
      [row.from, row.to].forEach(function (st) {
        tr.appendChild(el('td')).appendChild(st ? badge(st, model.statusLabel(st)) : badge('', msg('compare.none')));
      });
      tr.appendChild(el('td', { 'class': 'sa-compare-delta' }, row.delta));
      tr.appendChild(el('td', {}, msg('compare.' + row.change)));
      body.appendChild(tr);
    });
    var counts = c.counts;
    out.replaceChildren(el('p', {}, msg('compare.counts', counts.up, counts.down, counts['new'], counts.same)), byResult, tbl);
    return counts;
  }

  // compareCSV writes the comparison for a spreadsheet, in the page's CSV
  // form (assessment-io.js): a row per recommendation answered on either
  // side, then one per expected result and overall with their scores.
  function compareCSV(model, from, to) {
    var msg = model.msg;
    var c = comparison(model, from, to);
    var rows = [[msg('csv.result'), msg('csv.rec'), msg('csv.id'), msg('csv.text'),
      msg('compare.csv.status', from.name), msg('compare.csv.status', to.name),
      msg('compare.csv.score', from.name), msg('compare.csv.score', to.name), msg('compare.points'), msg('compare.change')]];
    c.recs.forEach(function (row) {
      rows.push([row.res.number + ' ' + row.res.title, row.rec.label, row.rec.id, row.rec.text,
        row.from ? model.statusLabel(row.from) : '', row.to ? model.statusLabel(row.to) : '',
        row.fromPoints === null ? '' : String(row.fromPoints), row.toPoints === null ? '' : String(row.toPoints),
        row.delta, msg('compare.' + row.change)]);
    });
    c.results.forEach(function (row) {
      rows.push([row.label, '', '', '', '', '', row.from === null ? '' : row.from.toFixed(1), row.to === null ? '' : row.to.toFixed(1), row.delta, '']);
    });
    return '\ufeff' + rows.map(function (r) { return r.map(io.cell).join(','); }).join('\r\n') + '\r\n';
  }

  window.riskguide.assessmentSummary = { tally: tally, summarise: summarise, render: render, compare: compare, compareCSV: compareCSV };
})();
