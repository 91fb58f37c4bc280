// assessment-csv.js reads back the CSV the page exports, after it has been
// edited in a spreadsheet. It is as strict as the JSON import: a file with
// other columns, an id this guidance does not have, a status or date that
// is not one of ours, or a value too long is refused as a whole, naming the
// row, and changes nothing. Cells are only ever text: the apostrophe the
// export puts before a formula-like value is taken off again, and a value
// that looks like a formula stays the text it is.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO;
  if (!io) { return; }

  // The export's columns, by the message keys of their headings.
  var COLUMNS = ['organisation', 'unit', 'period', 'result', 'rec', 'id', 'text', 'status', 'status.value',
    'points', 'evidence', 'gaps', 'owner', 'target', 'updated', 'note'];
  var col = {};
  COLUMNS.forEach(function (k, i) { col[k] = i; });

  function problem(key, args) { return { problem: { key: key, args: args || [] } }; }

  // rows splits CSV text (RFC 4180: quoted values, "" for a quote, CRLF or
  // LF line ends) into rows of values, or returns null when a quoted value
  // is never closed.
  function rows(s) {
    var out = [], row = [], val = '', i = 0, quoted = false, n = s.length;
    while (i < n) {
      var c = s[i];
      if (quoted) {
        if (c === '"') {
          if (s[i + 1] === '"') { val += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        val += c; i++; continue;
      }
      if (c === '"') { quoted = true; i++; continue; }
      if (c === ',') { row.push(val); val = ''; i++; continue; }
      if (c === '\r' || c === '\n') {
        row.push(val); val = '';
        out.push(row); row = [];
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      val += c; i++;
    }
    if (quoted) { return null; }
    if (val !== '' || row.length) { row.push(val); out.push(row); }
    return out.filter(function (r) { return !(r.length === 1 && r[0] === ''); });
  }

  // unquote undoes what the export does to a formula-like value.
  function unquote(v) {
    return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
  }

  // parse reads CSV text against the guidance on the page and returns
  // {guidance, record} built on base (the assessment it goes back into),
  // or {problem}. An answer whose values are unchanged keeps the time it
  // last changed; one that changed gets the time now.
  function parse(model, base, textIn, now) {
    var s = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
    if (s.trim() === '') { return problem('import.error.empty'); }
    var all = rows(s);
    if (all === null) { return problem('err.csv.quote'); }
    var head = all[0];
    for (var h = 0; h < Math.max(head.length, COLUMNS.length); h++) {
      var want = h < COLUMNS.length ? model.msg('csv.' + COLUMNS[h]) : '';
      if (head[h] !== want) { return problem('err.csv.columns', [h + 1, want, head[h] === undefined ? '' : head[h]]); }
    }
    var labels = {};
    io.STATUSES.forEach(function (st) { labels[model.statusLabel(st)] = st; });
    var retiredNote = model.msg('csv.retired');
    var rec = {};
    Object.keys(base).forEach(function (k) { rec[k] = base[k]; });
    rec.answers = Object.create(null);
    var seen = {};
    for (var r = 1; r < all.length; r++) {
      var line = r + 1, v = all[r];
      if (v.length !== COLUMNS.length) { return problem('err.csv.cells', [line, v.length, COLUMNS.length]); }
      v = v.map(unquote);
      for (var c = 0; c < v.length; c++) {
        if (v[c].length > io.LIMITS.text) { return problem('err.csv.long', [line, io.LIMITS.text]); }
      }
      var id = v[col.id];
      var known = io.own(model.byId, id);
      if (!known && !(v[col.note] === retiredNote && id.length <= io.LIMITS.id && /^[a-z0-9][a-z0-9-]*$/.test(id))) {
        return problem('err.csv.id', [line, id]);
      }
      if (io.own(seen, id)) { return problem('err.csv.dup', [line, id]); }
      seen[id] = true;
      var status = v[col['status.value']];
      if (status === '' && v[col.status] !== '') {
        if (!io.own(labels, v[col.status])) { return problem('err.csv.status', [line, v[col.status]]); }
        status = labels[v[col.status]];
      }
      if (status !== '' && io.STATUSES.indexOf(status) < 0) { return problem('err.csv.status', [line, status]); }
      var date = v[col.target].trim();
      if (date !== '' && !io.validDate(date)) { return problem('err.csv.date', [line, date]); }
      var a = { status: status, evidence: v[col.evidence], gaps: v[col.gaps], owner: v[col.owner], targetDate: date, updated: '' };
      if (!io.hasContent(a)) { continue; }
      var old = io.own(base.answers, id) ? base.answers[id] : null;
      var same = old && io.TEXT_FIELDS.concat(['status']).every(function (f) { return old[f] === a[f]; });
      a.updated = same ? old.updated : now;
      rec.answers[id] = a;
    }
    // The rows name the organisation, unit and period of the assessment.
    if (all.length > 1) {
      var first = all[1].map(unquote);
      rec.organisation = first[col.organisation];
      rec.unit = first[col.unit];
      rec.period = first[col.period];
    }
    return { guidance: model.guidance, record: rec };
  }

  R.assessmentCSV = { parse: parse, rows: rows };
})();
