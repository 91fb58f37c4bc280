// assessment-csv.js reads back the CSV the page exports, after it has been
// edited in a spreadsheet, and the table of a workbook (assessment-xlsx.js
// hands it the cells). It is as strict as the JSON import: a file with
// other columns, an id this guidance does not have, a status or date that
// is not one of ours, or a value too long is refused as a whole, naming the
// row and column, and changes nothing. Cells are only ever text: the
// apostrophe the export puts before a formula-like value is taken off
// again, and a value that looks like a formula stays the text it is.
//
// Spreadsheets save CSV as their locale says (docs/self-assessment-format.md,
// "The CSV files the page reads"): comma, semicolon or tab between values;
// UTF-8 with or without a byte order mark, UTF-16 with one, or
// Windows-1252; target dates as YYYY-MM-DD, dd.mm.yyyy or dd/mm/yyyy. Each
// is read, and the preview says which was found.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO;
  if (!io) { return; }

  // The export's columns, by the message keys of their headings.
  var COLUMNS = ['organisation', 'unit', 'period', 'result', 'rec', 'id', 'text', 'status', 'status.value',
    'points', 'evidence', 'gaps', 'owner', 'target', 'updated', 'note'];

  function problem(key, args) { return { problem: { key: key, args: args || [] } }; }

  // refuse is problem with a hint, shown after the message: how to save a
  // spreadsheet's file so that it reads.
  function refuse(key, args) {
    return { problem: { key: key, args: args || [], hint: 'err.sheet.save' } };
  }

  // decode reads a CSV file's bytes in the encodings spreadsheets save:
  // {text, encoding} or {problem}. A byte order mark names UTF-8 or UTF-16;
  // without one, text that is valid UTF-8 is UTF-8, and any other is
  // Windows-1252, which every byte sequence is (Excel's plain "CSV" in
  // western Europe).
  function decode(bytes) {
    if (bytes.byteLength > io.LIMITS.bytes) {
      return problem('import.error.size', [io.size(bytes.byteLength)]);
    }
    var b = new Uint8Array(bytes);
    var tries = [];
    if (b[0] === 0xff && b[1] === 0xfe) {
      tries = [['utf-16le', 'UTF-16']];
    } else if (b[0] === 0xfe && b[1] === 0xff) {
      tries = [['utf-16be', 'UTF-16']];
    } else if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      tries = [['utf-8', 'UTF-8']];
    } else {
      tries = [['utf-8', 'UTF-8'], ['windows-1252', 'Windows-1252']];
    }
    for (var i = 0; i < tries.length; i++) {
      try {
        // TextDecoder drops the byte order mark of the encoding it reads.
        return { text: new TextDecoder(tries[i][0], { fatal: true }).decode(b), encoding: tries[i][1] };
      } catch (e) {
        if (i === tries.length - 1) { return refuse('err.sheet.encoding', [tries[i][1]]); }
      }
    }
  }

  // separator is the one the heading row uses outside quotes: the most
  // frequent of comma, semicolon and tab (comma on a tie).
  function separator(s) {
    var count = { ',': 0, ';': 0, '\t': 0 }, quoted = false;
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === '"') { quoted = !quoted; continue; }
      if (quoted) { continue; }
      if (c === '\r' || c === '\n') { break; }
      if (own(count, c)) { count[c]++; }
    }
    var best = ',';
    [';', '\t'].forEach(function (c) { if (count[c] > count[best]) { best = c; } });
    return best;
  }

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // rows splits CSV text (RFC 4180: quoted values, "" for a quote, CRLF or
  // LF line ends) into rows of values, or returns null when a quoted value
  // is never closed.
  function rows(s, sep) {
    sep = sep || ',';
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
      if (c === sep) { row.push(val); val = ''; i++; continue; }
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
    return out.filter(function (r) { return !r.every(function (v) { return v === ''; }); });
  }

  // unquote undoes what the export does to a formula-like value.
  function unquote(v) {
    return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
  }

  // The date forms read, as the preview names them.
  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
  var DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
  var SLASHES = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  function iso(y, m, d) { return y + '-' + pad2(m) + '-' + pad2(d); }

  // dates reads every target date of a file at once, because one date
  // can only be read day first when the others allow it: 03/04/2027 is
  // 3 April in Paris and March 4 in New York. Slashes are day first when
  // a date has a first number above 12, or when dayFirst says the file
  // comes from a day-first locale (semicolons: an EU Excel). It returns
  // {values (ISO, by index), forms} or {at (index), key}.
  function dates(list, dayFirst) {
    var slashFirst = -1, slashSecond = -1, ambiguous = -1;
    list.forEach(function (v, i) {
      var m = SLASHES.exec(v);
      if (!m) { return; }
      if (+m[1] > 12 && slashFirst < 0) { slashFirst = i; }
      if (+m[2] > 12 && slashSecond < 0) { slashSecond = i; }
      if (+m[1] <= 12 && +m[2] <= 12 && m[1] !== m[2] && ambiguous < 0) { ambiguous = i; }
    });
    if (slashSecond >= 0) { return { at: slashSecond, key: 'err.sheet.monthfirst' }; }
    if (ambiguous >= 0 && slashFirst < 0 && !dayFirst) { return { at: ambiguous, key: 'err.sheet.ambiguous' }; }
    var out = [], forms = [];
    for (var i = 0; i < list.length; i++) {
      var v = list[i], m, form = '', value = '';
      if (v === '') { out.push(''); continue; }
      if ((m = ISO.exec(v))) {
        form = 'YYYY-MM-DD'; value = v;
      } else if ((m = DOTS.exec(v))) {
        form = 'dd.mm.yyyy'; value = iso(m[3], +m[2], +m[1]);
      } else if ((m = SLASHES.exec(v))) {
        form = 'dd/mm/yyyy'; value = iso(m[3], +m[2], +m[1]);
      }
      if (!form || !io.validDate(value)) { return { at: i, key: 'err.sheet.date' }; }
      if (forms.indexOf(form) < 0) { forms.push(form); }
      out.push(value);
    }
    return { values: out, forms: forms };
  }

  // parseBytes reads a CSV file's bytes: decode, then parse, with the notes
  // the preview shows on how the file was read.
  function parseBytes(model, base, bytes, now) {
    var d = decode(bytes);
    if (d.problem) { return d; }
    return parse(model, base, d.text, now, d.encoding);
  }

  // parse reads CSV text against the guidance on the page and returns
  // {guidance, record, notes} built on base (the assessment it goes back
  // into), or {problem}.
  function parse(model, base, textIn, now, encoding) {
    var s = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
    if (s.trim() === '') { return problem('import.error.empty'); }
    var sep = separator(s);
    var all = rows(s, sep);
    if (all === null) { return refuse('err.csv.quote'); }
    var head = all[0];
    for (var h = 0; h < Math.max(head.length, COLUMNS.length); h++) {
      var want = h < COLUMNS.length ? model.msg('csv.' + COLUMNS[h]) : '';
      if (head[h] !== want) { return refuse('err.csv.columns', [h + 1, want, head[h] === undefined ? '' : head[h]]); }
    }
    var body = all.slice(1);
    for (var r = 0; r < body.length; r++) {
      if (body[r].length !== COLUMNS.length) { return refuse('err.csv.cells', [r + 2, body[r].length, COLUMNS.length]); }
    }
    var first = body.length ? body[0].map(unquote) : null;
    var details = first ? { organisation: first[0], unit: first[1], period: first[2] } : {};
    // Semicolons come from a locale that writes the day first; tabs come
    // from Excel's "Unicode text" in any locale, so they say nothing.
    var out = table(model, base, COLUMNS, body, 2, details, now, sep === ';');
    if (out.record) {
      out.notes.unshift({ key: 'sheet.read', args: [encoding || 'UTF-8', model.msg('sheet.sep.' + { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[sep])] });
    }
    return out;
  }

  // table reads the rows of an assessment's table, columns naming what
  // each holds (the message keys of COLUMNS), into a copy of base:
  // {guidance, record, notes} or {problem}. firstRow is the number of the
  // first row in the file; details holds organisation, unit, period (and
  // completedBy) for the record. An answer whose values are unchanged keeps
  // the time it last changed; one that changed gets the time now. labels
  // maps other names of statuses (a workbook's own) to their codes.
  function table(model, base, columns, body, firstRow, details, now, dayFirst, labels) {
    var col = {};
    columns.forEach(function (k, i) { col[k] = i; });
    function heading(k) { return model.msg('csv.' + k); }
    var names = {};
    Object.keys(labels || {}).forEach(function (k) { names[k] = labels[k]; });
    io.STATUSES.forEach(function (st) { names[model.statusLabel(st)] = st; names[st] = st; });
    var retiredNote = model.msg('csv.retired');
    var rec = {};
    Object.keys(base).forEach(function (k) { rec[k] = base[k]; });
    rec.answers = Object.create(null);
    var seen = {};
    // A workbook's rows carry their own numbers (empty rows are skipped).
    var lines = body.map(function (v, i) { return v.line || i + firstRow; });
    var values = body.map(function (v) { return v.map(unquote); });
    var when = dates(values.map(function (v) { return v[col.target].trim(); }), dayFirst);
    if (when.key) {
      return refuse(when.key, [lines[when.at], heading('target'), values[when.at][col.target].trim()]);
    }
    for (var r = 0; r < values.length; r++) {
      var line = lines[r], v = values[r];
      for (var c = 0; c < v.length; c++) {
        if (v[c].length > io.LIMITS.text) { return refuse('err.sheet.long', [line, heading(columns[c]), io.LIMITS.text]); }
      }
      var id = v[col.id];
      var known = io.own(model.byId, id);
      if (!known && !(v[col.note] === retiredNote && id.length <= io.LIMITS.id && /^[a-z0-9][a-z0-9-]*$/.test(id))) {
        return refuse('err.sheet.id', [line, heading('id'), id]);
      }
      if (io.own(seen, id)) { return refuse('err.sheet.dup', [line, heading('id'), id]); }
      seen[id] = true;
      var status = col['status.value'] === undefined ? '' : v[col['status.value']];
      var statusCol = 'status.value';
      if (status === '' && v[col.status] !== '') {
        statusCol = 'status';
        status = io.own(names, v[col.status]) ? names[v[col.status]] : v[col.status];
      }
      if (status !== '' && io.STATUSES.indexOf(status) < 0) {
        return refuse('err.sheet.status', [line, heading(statusCol), v[col[statusCol]],
          io.STATUSES.map(model.statusLabel).join(', ')]);
      }
      var a = { status: status, evidence: v[col.evidence], gaps: v[col.gaps], owner: v[col.owner], targetDate: when.values[r], updated: '' };
      if (!io.hasContent(a)) { continue; }
      var old = io.own(base.answers, id) ? base.answers[id] : null;
      var same = old && io.TEXT_FIELDS.concat(['status']).every(function (f) { return old[f] === a[f]; });
      a.updated = same ? old.updated : changedAt(old, col.updated === undefined ? '' : v[col.updated].trim(), now);
      // answers branch: a spreadsheet does not say which edition an answer
      // answers; one the assessment already has keeps its own, so that a
      // flag on it survives the round trip.
      if (old) { a.edition = old.edition; a.textHash = old.textHash; a.reviewed = old.reviewed; }
      rec.answers[id] = a;
    }
    ['organisation', 'unit', 'period', 'completedBy'].forEach(function (k) {
      if (details[k] !== undefined) { rec[k] = details[k]; }
    });
    var notes = [];
    if (when.forms.length) { notes.push({ key: 'sheet.dates', args: [when.forms.join(', ')] }); }
    return { guidance: model.guidance, record: rec, notes: notes };
  }

  // changedAt is when an answer the file changes was last changed: the
  // file's own "Last changed" time, as the export wrote it, when the answer
  // is new to the assessment or that time is later than the answer's kept
  // one (the file carries a later answer, restored as it was); otherwise the
  // answer was edited in the spreadsheet, which left that column as it was,
  // and the import is its change.
  function changedAt(old, fileTime, now) {
    if (!io.validTime(fileTime)) { return now; }
    if (!old || Date.parse(fileTime) > Date.parse(old.updated)) { return fileTime; }
    return now;
  }

  // The export's separator: the one the reader's spreadsheet expects. Excel
  // separates by semicolon where the locale writes decimals with a comma.
  var sepChoice = document.getElementById('sa-csv-sep');
  if (sepChoice) {
    // The browser's own locale: the nearest the page can see to the
    // regional settings the spreadsheet follows.
    var decimalComma = (1.5).toLocaleString().indexOf(',') >= 0;
    sepChoice.value = decimalComma ? ';' : ',';
  }
  function exportSeparator() { return sepChoice && sepChoice.value === ';' ? ';' : ','; }

  R.assessmentCSV = { exportSeparator: exportSeparator,  parse: parse, parseBytes: parseBytes, decode: decode, rows: rows, table: table, dates: dates };
})();
