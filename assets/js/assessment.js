// assessment.js runs the self-assessment form: it keeps every change in the
// browser at once, holds several named assessments side by side, and wires
// export, import, compare and print.
//
// Storage (through store.js, so under the site's prefix): "assessments" is
// an index {current, order}; each assessment is kept under
// "assessment:<id>" as the text of its JSON export, so that the browser and
// a file hold the same thing and are read by the same strict parser. An
// answer for a recommendation the guidance no longer has stays in the
// record, is listed as retired, and is exported. A kept value that cannot
// be read is left alone, never overwritten.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var store = R.store, io = R.assessmentIO, summary = R.assessmentSummary, view = R.assessmentView;
  var form = document.getElementById('sa-form');
  if (!form || !store || !io || !summary || !view) { return; }

  var INDEX = 'assessments';
  var KEY = 'assessment:';
  var own = io.own;

  function $(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // ---- Strings -------------------------------------------------------
  var texts = {};
  each(document.querySelectorAll('#sa-messages [data-msg]'), function (s) {
    texts[s.getAttribute('data-msg')] = s.textContent;
  });
  // msg returns the string for key with %s and %d filled in order.
  function msg(key) {
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    var s = own(texts, key) ? texts[key] : key;
    return s.replace(/%[sd]/g, function (m) { return i < args.length ? String(args[i++]) : m; });
  }

  // ---- The guidance, as the page describes it -------------------------
  var model = {
    msg: msg,
    guidance: {
      title: form.getAttribute('data-guidance-title') || '',
      version: form.getAttribute('data-guidance-version') || '',
      fingerprint: form.getAttribute('data-fingerprint') || ''
    },
    results: [],
    byId: {}
  };
  each(form.querySelectorAll('[data-result]'), function (sec) {
    var res = { id: sec.getAttribute('data-result'), number: +sec.getAttribute('data-number'), title: sec.getAttribute('data-title'), recs: [] };
    each(sec.querySelectorAll('[data-rec]'), function (el) {
      var r = { id: el.getAttribute('data-rec'), label: el.getAttribute('data-label'), text: el.getAttribute('data-text'), el: el };
      res.recs.push(r);
      model.byId[r.id] = r;
    });
    model.results.push(res);
  });
  // The scale the page's answers are on; exports record it, and a file on
  // another scale is refused rather than scored wrongly.
  io.useScale(form.getAttribute('data-scale') || io.DEFAULT_SCALE,
    form.hasAttribute('data-scale-done') ? form.getAttribute('data-scale-done') : undefined,
    form.getAttribute('data-scale-colours') || '');
  var statusLabels = {};
  each(form.querySelectorAll('.sa-scale input[type="radio"]'), function (input) {
    if (!own(statusLabels, input.value)) {
      var label = form.querySelector('label[for="' + input.id + '"]');
      statusLabels[input.value] = label ? label.textContent : input.value;
    }
  });
  model.statusLabel = function (s) { return own(statusLabels, s) ? statusLabels[s] : s; };
  // retired lists the ids of answers for recommendations not on the page.
  model.retired = function (rec) {
    return Object.keys(rec.answers).filter(function (id) {
      return !own(model.byId, id) && io.hasContent(rec.answers[id]);
    }).sort();
  };

  // ---- Records and storage -------------------------------------------
  var state = { records: {}, order: [], current: null, unreadable: [] };

  function now() { return new Date().toISOString(); }

  // taken reports whether an id is in use: by an assessment the page shows,
  // or by a kept value it cannot read, which must never be overwritten.
  function taken(id) {
    return own(state.records, id) || store.get(KEY + id) !== null;
  }

  // newID returns an id no kept value uses.
  function newID() {
    var id;
    do { id = randomID(); } while (taken(id));
    return id;
  }

  function randomID() {
    var bytes = new Uint8Array(6);
    (window.crypto || {}).getRandomValues ? window.crypto.getRandomValues(bytes) : bytes.forEach(function (_, i) { bytes[i] = Math.random() * 256; });
    return 'a-' + Date.now().toString(36) + '-' + Array.prototype.map.call(bytes, function (b) { return (b % 36).toString(36); }).join('');
  }

  function blankAnswer() {
    return { status: '', evidence: '', gaps: '', owner: '', targetDate: '', updated: '' };
  }

  function newRecord(name) {
    var t = now();
    return {
      id: newID(), name: name, organisation: '', unit: '', period: '', completedBy: '', created: t, updated: t,
      final: false, approvedBy: '', approverRole: '', approvedOn: '', answers: Object.create(null)
    };
  }

  function copyRecord(rec) {
    var c = {};
    Object.keys(rec).forEach(function (k) { c[k] = rec[k]; });
    c.answers = Object.create(null);
    Object.keys(rec.answers).forEach(function (id) {
      var a = {};
      io.ANSWER_KEYS.forEach(function (f) { a[f] = rec.answers[id][f]; });
      c.answers[id] = a;
    });
    return c;
  }

  // readRecord returns the kept assessment, or null when there is none or
  // it cannot be read; an unreadable one is noted and left as it is.
  function readRecord(id) {
    var t = store.get(KEY + id);
    if (t === null) { return null; }
    var r = io.parse(t);
    if (r.problem || r.record.id !== id || r.guidance.scale !== io.SCALE) {
      if (state.unreadable.indexOf(id) < 0) { state.unreadable.push(id); }
      return null;
    }
    return r.record;
  }

  function readIndex() {
    try {
      var v = JSON.parse(store.get(INDEX) || '{}');
      return {
        current: typeof v.current === 'string' ? v.current : null,
        order: Array.isArray(v.order) ? v.order.filter(function (x) { return typeof x === 'string'; }) : []
      };
    } catch (e) {
      return { current: null, order: [] };
    }
  }

  // load reads every kept assessment. The index only orders them: one that
  // is kept but missing from the index is still found and shown.
  function load() {
    var index = readIndex();
    var kept = store.keys().filter(function (k) { return k.indexOf(KEY) === 0; }).map(function (k) { return k.slice(KEY.length); }).sort();
    var order = index.order.filter(function (id) { return kept.indexOf(id) >= 0; });
    kept.forEach(function (id) { if (order.indexOf(id) < 0) { order.push(id); } });
    var records = {};
    state.order = [];
    order.forEach(function (id) {
      var rec = readRecord(id);
      if (rec) { records[id] = rec; state.order.push(id); }
    });
    // An assessment not yet kept (nothing typed yet, or storage refused)
    // lives on in memory.
    Object.keys(state.records).forEach(function (id) {
      if (!own(records, id) && state.records[id].unsaved) {
        records[id] = state.records[id];
        state.order.push(id);
      }
    });
    state.records = records;
    var cur = own(records, state.current) ? state.current : index.current;
    state.current = own(records, cur) ? cur : state.order[0] || null;
    if (state.current === null) {
      var rec = newRecord(msg('default.name'));
      rec.unsaved = true;
      state.records[rec.id] = rec;
      state.order.push(rec.id);
      state.current = rec.id;
    }
  }

  function writeIndex() {
    var kept = state.order.filter(function (id) { return !state.records[id].unsaved; });
    store.set(INDEX, JSON.stringify({ current: state.current, order: kept }));
  }

  // persist keeps a record. If the browser refuses, store.js shows the
  // warning and the record stays in memory, where export still finds it.
  // A kept value the page cannot read (written by a newer version, say) is
  // never overwritten: the record stays in memory, and the page says so.
  function persist(rec) {
    if (store.get(KEY + rec.id) !== null && readRecord(rec.id) === null) {
      fail(msg('unreadable', state.unreadable.length));
      rec.unsaved = true;
      return;
    }
    if (store.set(KEY + rec.id, io.toJSON(model.guidance, rec))) { delete rec.unsaved; }
    writeIndex();
  }

  function current() { return state.records[state.current]; }

  // change applies an edit to the current assessment and keeps it at once.
  // It starts from the kept copy, so that an edit made meanwhile in another
  // tab is kept too.
  function change(edit) {
    var rec = current();
    // A final assessment is signed off as it is: nothing changes it.
    if (rec.final) { return rec; }
    if (store.working() && !rec.unsaved) {
      var kept = readRecord(rec.id);
      if (kept) { rec = kept; }
    }
    edit(rec);
    rec.updated = now();
    state.records[rec.id] = rec;
    persist(rec);
    return rec;
  }

  // ---- The form ------------------------------------------------------
  function fill(rec) {
    var active = document.activeElement;
    each(form.querySelectorAll('[data-meta]'), function (input) {
      if (input !== active) { input.value = rec[input.getAttribute('data-meta')] || ''; }
    });
    model.results.forEach(function (res) {
      res.recs.forEach(function (r) {
        var a = own(rec.answers, r.id) ? rec.answers[r.id] : blankAnswer();
        each(r.el.querySelectorAll('[data-answer]'), function (input) {
          var f = input.getAttribute('data-answer');
          if (input.type === 'radio') {
            input.checked = input.value === a.status;
          } else if (input !== active) {
            input.value = a[f];
          }
        });
        showAnswerState(r, a);
      });
    });
    fitTextareas();
    showRetired(rec);
    showSummary(rec);
    showDates(rec);
    showFinal(rec);
    showPlan();
    showReport();
  }

  // ---- Action plan ------------------------------------------------------
  var planSort = $('sa-plan-sort');
  function today() { return view.isoDate(new Date()); }
  function showPlan() {
    if (!R.assessmentPlan) { return; }
    R.assessmentPlan.render(model, current(), planSort.value, today(), $('sa-plan-out'));
    $('sa-plan').hidden = false;
  }
  planSort.addEventListener('change', showPlan);
  window.addEventListener('afterprint', function () { document.body.classList.remove('sa-print-plan'); });

  // showFinal makes the form read-only for a final assessment and says who
  // signed it off.
  function showFinal(rec) {
    each(form.querySelectorAll('input, textarea, button'), function (c) { c.disabled = !!rec.final; });
    var note = $('sa-final-note');
    note.textContent = rec.final ? msg('final.note', rec.approvedBy, rec.approvedOn) : '';
    note.hidden = !rec.final;
    form.classList.toggle('sa-is-final', !!rec.final);
    each(document.querySelectorAll('[data-sa-action="rename"]'), function (b) { b.disabled = !!rec.final; });
  }

  // showReport makes the printed report from the assessment shown. It is
  // remade a moment after typing stops, and again just before printing.
  var reportTimer = null;
  function showReport() {
    clearTimeout(reportTimer);
    reportTimer = null;
    if (!R.assessmentReport) { return; }
    R.assessmentReport.render(model, current(), $('sa-report'));
    document.body.classList.add('sa-has-report');
  }
  function showReportSoon() {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(function () { showPlan(); showReport(); }, 400);
  }

  function onEdit(e) {
    var t = e.target;
    if (t.type === 'radio' && e.type === 'input') { return; }
    if (t.type !== 'radio' && e.type === 'change') { return; }
    var meta = t.getAttribute('data-meta');
    var field = t.getAttribute('data-answer');
    var value = t.value.slice(0, field === 'targetDate' ? 10 : io.LIMITS.text);
    if (meta) {
      change(function (rec) { rec[meta] = value; });
    } else if (field) {
      var box = t.closest('[data-rec]');
      if (!box || (t.type === 'radio' && !t.checked)) { return; }
      var id = box.getAttribute('data-rec');
      change(function (rec) {
        var a = own(rec.answers, id) ? rec.answers[id] : blankAnswer();
        a[field] = value;
        a.updated = now();
        rec.answers[id] = a;
      });
      var shown = current().answers[id];
      if (shown && own(model.byId, id)) { showAnswerState(model.byId[id], shown); }
      if (field === 'status') { showSummary(current()); }
    } else {
      return;
    }
    showDates(current());
    showReportSoon();
  }

  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  // The form is never sent anywhere.
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  function el(name, attrs, textIn) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (textIn !== undefined) { e.textContent = textIn; }
    return e;
  }

  // showAnswerState writes, under a recommendation's scale, its status as
  // a badge and when the answer last changed, and lists the web addresses
  // in its evidence as links.
  function showAnswerState(r, a) {
    var line = r.el.querySelector('[data-state]');
    if (line) {
      line.replaceChildren();
      if (a.status) { line.appendChild(view.badge(a.status, model.statusLabel(a.status))); }
      if (a.updated) { line.appendChild(el('span', { 'class': 'sa-changed' }, msg('last.changed', view.isoTime(a.updated)))); }
      line.hidden = !a.status && !a.updated;
    }
    var links = r.el.querySelector('[data-links]');
    if (links) {
      var found = view.addresses(a.evidence || '');
      links.replaceChildren();
      if (found.length) {
        var ul = el('ul', { 'class': 'plain' });
        found.forEach(function (u) { ul.appendChild(el('li')).appendChild(el('a', { href: u, rel: 'noopener noreferrer' }, u)); });
        links.appendChild(ul);
      }
      links.hidden = found.length === 0;
    }
  }

  function showRetired(rec) {
    var ids = model.retired(rec);
    var box = $('sa-retired-list');
    box.replaceChildren();
    ids.forEach(function (id) {
      var a = rec.answers[id];
      var item = el('div', { 'class': 'sa-retired-item' });
      item.appendChild(el('h3', {}, id));
      var dl = item.appendChild(el('dl', { 'class': 'facts' }));
      [['status', a.status ? model.statusLabel(a.status) : ''], ['evidence', a.evidence], ['gaps', a.gaps],
        ['owner', a.owner], ['target', a.targetDate], ['updated', localTime(a.updated)]].forEach(function (p) {
        if (p[1] === '') { return; }
        dl.appendChild(el('dt', {}, msg('retired.' + p[0])));
        dl.appendChild(el('dd', {}, p[1]));
      });
      box.appendChild(item);
    });
    $('sa-retired').hidden = ids.length === 0;
  }

  function showSummary(rec) {
    summary.render(model, rec, $('sa-chart'), $('sa-summary-table'));
    if (R.assessmentCoverage) { R.assessmentCoverage.fill(model, rec); }
  }

  // Dates are written in ISO form, never in the browser's locale, so that a
  // printed report reads the same wherever it was printed.
  function localTime(iso) { return view.isoTime(iso); }

  function showDates(rec) {
    var box = $('sa-dates');
    box.textContent = rec.name + ' · ' + msg('last.changed', localTime(rec.updated));
    box.hidden = !!rec.unsaved;
  }

  // A printed or long answer shows all of its text, not a scrolled window.
  function fitTextareas() {
    each(form.querySelectorAll('textarea'), function (t) {
      t.style.height = '';
      if (t.scrollHeight > t.clientHeight) { t.style.height = (t.scrollHeight + 4) + 'px'; }
    });
  }
  form.addEventListener('input', function (e) {
    if (e.target.tagName === 'TEXTAREA' && e.target.scrollHeight > e.target.clientHeight) {
      e.target.style.height = (e.target.scrollHeight + 4) + 'px';
    }
  });
  window.addEventListener('beforeprint', function () {
    var rec = current();
    $('sa-dates').textContent = rec.name + ' · ' + msg('printed', view.isoDate(new Date())) + ' · ' + msg('last.changed', localTime(rec.updated));
    $('sa-dates').hidden = false;
    fitTextareas();
    showReport();
  });
  window.addEventListener('afterprint', function () { showDates(current()); });

  // ---- Saved assessments ----------------------------------------------
  var select = $('sa-current');
  var compareFrom = $('sa-compare-from'), compareTo = $('sa-compare-to');

  function options(sel, chosen) {
    sel.replaceChildren();
    state.order.forEach(function (id) {
      var o = el('option', { value: id }, state.records[id].name);
      o.selected = id === chosen;
      sel.appendChild(o);
    });
  }

  // showList fills the lists of assessments. The compare choices a user
  // made stay as they were while both still exist; a comparison already on
  // screen is cleared whenever what it compared may have changed.
  function showList() {
    options(select, state.current);
    var others = state.order.filter(function (id) { return id !== state.current; });
    var from = compareFrom.value, to = compareTo.value;
    var keep = from && to && own(state.records, from) && own(state.records, to);
    options(compareFrom, keep ? from : others[others.length - 1] || state.current);
    options(compareTo, keep ? to : state.current);
    clearComparison();
    $('sa-compare').hidden = state.order.length < 2;
    each(document.querySelectorAll('[data-sa-action="delete"]'), function (b) { b.disabled = false; });
  }

  function switchTo(id) {
    state.current = id;
    if (!current().unsaved) { writeIndex(); }
    showList();
    fill(current());
  }

  select.addEventListener('change', function () { switchTo(select.value); });

  function clearComparison() { $('sa-compare-out').replaceChildren(); }
  compareFrom.addEventListener('change', clearComparison);
  compareTo.addEventListener('change', clearComparison);

  var statusLine = $('sa-status'), errorLine = $('sa-error');
  function say(text) {
    errorLine.hidden = true;
    statusLine.textContent = text;
  }
  function fail(text) {
    statusLine.textContent = '';
    errorLine.textContent = text;
    errorLine.hidden = false;
  }

  // ---- Dialog ---------------------------------------------------------
  var dialog = $('sa-dialog'), dialogInput = $('sa-dialog-input');

  // ask shows a modal question and calls done(choice, text) with the value
  // of the button pressed, or null when it was dismissed.
  function ask(opts, done) {
    var finished = false;
    // A button finishes at once; the close event, which comes later, only
    // covers a dialog dismissed with Escape.
    function finish(choice) {
      if (finished) { return; }
      finished = true;
      dialog.removeEventListener('close', closed);
      done(choice, dialogInput.value.trim().slice(0, io.LIMITS.name));
    }
    function closed() { finish(null); }
    $('sa-dialog-title').textContent = opts.title;
    $('sa-dialog-body').replaceChildren.apply($('sa-dialog-body'), opts.body || []);
    $('sa-dialog-field').hidden = opts.input === undefined;
    dialogInput.value = opts.input || '';
    var row = $('sa-dialog-buttons');
    row.replaceChildren();
    var buttons = opts.buttons.map(function (b) {
      var button = el('button', { type: 'button', 'data-choice': b.value === null ? '' : b.value }, b.label);
      if (b.primary) { button.className = 'primary'; }
      button.addEventListener('click', function () { dialog.close(); finish(b.value); });
      row.appendChild(button);
      return button;
    });
    dialog.addEventListener('close', closed);
    dialog.showModal();
    if (opts.input !== undefined) { dialogInput.focus(); dialogInput.select(); } else { buttons[opts.focus || 0].focus(); }
  }
  dialogInput.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      var primary = $('sa-dialog-buttons').querySelector('.primary');
      if (primary) { primary.click(); }
    }
  });

  function askName(title, value, done) {
    ask({ title: title, input: value, buttons: [{ label: msg('ok'), value: 'ok', primary: true }, { label: msg('cancel'), value: null }] },
      function (choice, name) { if (choice === 'ok' && name !== '') { done(name); } });
  }

  var actions = {
    'new': function () {
      askName(msg('new.title'), msg('default.name') + ' ' + (state.order.length + 1), function (name) {
        var rec = newRecord(name);
        state.records[rec.id] = rec;
        state.order.push(rec.id);
        state.current = rec.id;
        persist(rec);
        switchTo(rec.id);
        say(msg('created', name));
      });
    },
    rename: function () {
      askName(msg('rename.title'), current().name, function (name) {
        change(function (rec) { rec.name = name; });
        showList();
        showDates(current());
        say(msg('renamed', name));
      });
    },
    duplicate: function () {
      var rec = copyRecord(current());
      var t = now();
      delete rec.unsaved;
      rec.id = newID();
      rec.name = msg('copy.name', rec.name).slice(0, io.LIMITS.name);
      rec.created = t;
      rec.updated = t;
      state.records[rec.id] = rec;
      state.order.push(rec.id);
      state.current = rec.id;
      persist(rec);
      switchTo(rec.id);
      say(msg('duplicated', rec.name));
    },
    'delete': function () {
      var rec = current();
      ask({
        title: msg('delete.title'), body: [el('p', {}, msg('delete.text', rec.name))], focus: 1,
        buttons: [{ label: msg('delete.ok'), value: 'delete', primary: true }, { label: msg('cancel'), value: null }]
      }, function (choice) {
        if (choice !== 'delete') { return; }
        store.remove(KEY + rec.id);
        delete state.records[rec.id];
        state.order = state.order.filter(function (id) { return id !== rec.id; });
        state.current = state.order[0] || null;
        if (state.current === null) { load(); }
        writeIndex();
        switchTo(state.current);
        say(msg('deleted', rec.name));
      });
    },
    finalise: function () {
      var rec = current();
      if (rec.final) { return; }
      if (!rec.approvedBy.trim() || !io.validDate(rec.approvedOn)) { fail(msg('final.need')); return; }
      ask({
        title: msg('final.title'), body: [el('p', {}, msg('final.text', rec.name, rec.approvedBy, rec.approvedOn))], focus: 1,
        buttons: [{ label: msg('final.ok'), value: 'final', primary: true }, { label: msg('cancel'), value: null }]
      }, function (choice) {
        if (choice !== 'final') { return; }
        change(function (r) { r.final = true; });
        fill(current());
        say(msg('final.done', current().name));
      });
    },
    // next starts the next review from the assessment shown: its answers,
    // each with the time it last changed, carried into a new draft without
    // the sign-off.
    next: function () {
      var from = current();
      var rec = copyRecord(from);
      var t = now();
      delete rec.unsaved;
      rec.id = newID();
      rec.name = msg('next.name', from.name).slice(0, io.LIMITS.name);
      rec.created = t;
      rec.updated = t;
      rec.final = false;
      rec.approvedBy = rec.approverRole = rec.approvedOn = '';
      state.records[rec.id] = rec;
      state.order.push(rec.id);
      state.current = rec.id;
      persist(rec);
      switchTo(rec.id);
      say(msg('next.done', rec.name, from.name));
    },
    'export-json': function () {
      exportAs('json', 'application/json', io.toJSON(model.guidance, current()));
    },
    'export-plan': function () {
      exportAs('csv', 'text/csv;charset=utf-8', R.assessmentPlan.toCSV(model, current(), planSort.value, today()), 'action-plan');
    },
    'print-plan': function () {
      showPlan();
      document.body.classList.add('sa-print-plan');
      window.print();
    },
    'export-csv': function () {
      exportAs('csv', 'text/csv;charset=utf-8', io.toCSV(model, current(), msg, R.assessmentCSV ? R.assessmentCSV.exportSeparator() : ','));
    },
    'export-xlsx': function () {
      R.assessmentXLSX.toWorkbook(model, current()).then(function (blob) {
        exportAs('xlsx', blob.type, blob);
      }, function (e) {
        fail(msg('export.failed', String(e && e.message || e)));
      });
    },
    compare: function () {
      var from = compareFrom.value, to = compareTo.value;
      var out = $('sa-compare-out');
      if (from === to) { out.replaceChildren(el('p', {}, msg('compare.same.assessment'))); return; }
      summary.compare(model, state.records[from], state.records[to], out);
    }
  };

  function exportAs(ext, type, textOut, kind) {
    var name = io.fileName(current().name, ext);
    if (kind) { name = name.replace(/^self-assessment-/, kind + '-'); }
    try {
      io.download(textOut, name, type);
      say(msg('exported', name));
    } catch (e) {
      fail(msg('export.failed', String(e && e.message || e)));
    }
  }

  each(document.querySelectorAll('[data-sa-action]'), function (b) {
    b.addEventListener('click', function () { actions[b.getAttribute('data-sa-action')](); });
  });

  // ---- Import ---------------------------------------------------------
  var importInput = $('sa-import');

  importInput.addEventListener('change', function () {
    var file = importInput.files && importInput.files[0];
    importInput.value = '';
    if (!file) { return; }
    if (file.size > io.LIMITS.bytes) { fail(msg('import.error', msg('import.error.size', io.size(file.size)))); return; }
    var reader = new FileReader();
    // A workbook is read asynchronously (its parts are unzipped).
    reader.onload = function () { Promise.resolve(readFile(file.name, reader.result)).then(function (r) { preview(file.name, r); }); };
    reader.onerror = function () { fail(msg('import.error', msg('import.error.read', reader.error ? reader.error.name : ''))); };
    reader.readAsArrayBuffer(file);
  });

  function same(a, b) {
    return io.ANSWER_KEYS.every(function (f) { return f === 'updated' || a[f] === b[f]; });
  }

  // diff counts how the answers of rec would change if next replaced it.
  function diff(rec, next) {
    var d = { changed: 0, added: 0, removed: 0, unchanged: 0 };
    var ids = {};
    Object.keys(rec.answers).concat(Object.keys(next.answers)).forEach(function (id) { ids[id] = true; });
    Object.keys(ids).forEach(function (id) {
      var a = own(rec.answers, id) && io.hasContent(rec.answers[id]) ? rec.answers[id] : null;
      var b = own(next.answers, id) && io.hasContent(next.answers[id]) ? next.answers[id] : null;
      if (!a && !b) { return; }
      if (!a) { d.added++; } else if (!b) { d.removed++; } else if (same(a, b)) { d.unchanged++; } else { d.changed++; }
    });
    return d;
  }

  // readFile reads an imported file's bytes: CSV (as the page exports it)
  // back into the assessment shown, anything else as the JSON format. Both
  // are decoded by the same strict rule (io.decodeBytes).
  function readFile(fileName, bytes) {
    // Spreadsheets' files (CSV in any of the dialects spreadsheets save, a
    // workbook) go back into the assessment shown: assessment-csv.js and
    // assessment-xlsx.js read them.
    var sheet = R.assessmentXLSX && R.assessmentXLSX.isWorkbook(bytes) ? R.assessmentXLSX
      : R.assessmentCSV && /\.(csv|txt)$/i.test(fileName) && !/^(\xef\xbb\xbf)?\s*\{/.test(String.fromCharCode.apply(null, new Uint8Array(bytes.slice(0, 64)))) ? R.assessmentCSV : null;
    if (sheet) {
      var base = copyRecord(current());
      delete base.unsaved;
      return Promise.resolve(sheet.parseBytes(model, base, bytes, now())).then(function (r) {
        if (r.record) { r.record.updated = io.toJSON(model.guidance, r.record) === io.toJSON(model.guidance, base) ? base.updated : now(); }
        return r;
      });
    }
    var d = io.decodeBytes(bytes);
    if (d.problem) { return d; }
    var t = d.text;
    var p = io.parse(t);
    if (!p.problem && p.guidance.scale !== io.SCALE) {
      return { problem: { key: 'import.error.scale', args: [p.guidance.scale, io.SCALE] } };
    }
    return p;
  }

  // preview shows what an imported file holds, r being what readFile made
  // of it, and asks what to do.
  function preview(fileName, r) {
    if (r.problem) {
      fail(msg('import.error', msg.apply(null, [r.problem.key].concat(r.problem.args)) + (r.problem.hint ? ' ' + msg(r.problem.hint) : '')));
      return;
    }
    var rec = r.record, g = r.guidance;
    var count = Object.keys(rec.answers).filter(function (id) { return io.hasContent(rec.answers[id]); }).length;
    var body = [];
    var facts = el('dl', { 'class': 'facts' });
    [['import.file', fileName], ['import.organisation', [rec.organisation, rec.unit].filter(Boolean).join(', ')],
      ['import.guidance', [g.title, g.version].filter(Boolean).join(' · ')], ['import.updated', localTime(rec.updated)]].forEach(function (p) {
      if (p[1] === '') { return; }
      facts.appendChild(el('dt', {}, msg(p[0])));
      facts.appendChild(el('dd', {}, p[1]));
    });
    body.push(facts);
    (r.notes || []).forEach(function (n) { body.push(el('p', { 'class': 'sa-import-note' }, msg.apply(null, [n.key].concat(n.args)))); });
    if (g.fingerprint !== model.guidance.fingerprint) { body.push(el('p', {}, msg('import.other.guidance'))); }
    var retired = model.retired(rec).length;
    if (retired) { body.push(el('p', {}, msg('import.retired', retired))); }

    var existing = own(state.records, rec.id) && !state.records[rec.id].unsaved ? state.records[rec.id] : null;
    var buttons;
    if (existing) {
      var d = diff(existing, rec);
      body.push(el('p', {}, msg('import.replace.intro', existing.name)));
      if (d.changed + d.added + d.removed === 0 && io.toJSON(model.guidance, existing) === io.toJSON(model.guidance, rec)) {
        body.push(el('p', {}, msg('import.nothing')));
      }
      var list = el('ul');
      [['changed', d.changed], ['added', d.added], ['removed', d.removed], ['unchanged', d.unchanged]].forEach(function (p) {
        list.appendChild(el('li', { 'class': 'sa-count-' + p[0] }, msg('import.' + p[0], p[1])));
      });
      body.push(list);
      buttons = [{ label: msg('import.replace'), value: 'replace' }, { label: msg('import.asnew'), value: 'new', primary: true }, { label: msg('cancel'), value: null }];
      // A final assessment stays as it was signed off.
      if (existing.final) { buttons.shift(); }
    } else {
      body.push(el('p', {}, msg('import.new', rec.name, count)));
      buttons = [{ label: msg('import.asnew'), value: 'new', primary: true }, { label: msg('cancel'), value: null }];
    }
    ask({ title: msg('import.title'), body: body, buttons: buttons, focus: buttons.length - 1 }, function (choice) {
      if (choice === null) { say(msg('import.cancelled')); return; }
      // A clash with any kept value, readable or not, gets a new id: only
      // "replace", offered for a readable assessment, may overwrite one.
      if (choice !== 'replace' && taken(rec.id)) {
        rec.id = newID();
        rec.name = msg('imported.name', rec.name).slice(0, io.LIMITS.name);
        // A copy made from a spreadsheet of a final assessment is a draft.
        if (r.guidance === model.guidance) {
          rec.final = false;
          rec.approvedBy = rec.approverRole = rec.approvedOn = '';
        }
      }
      if (!own(state.records, rec.id)) { state.order.push(rec.id); }
      state.records[rec.id] = rec;
      state.current = rec.id;
      persist(rec);
      switchTo(rec.id);
      say(msg('imported', rec.name));
    });
  }

  // ---- Other tabs -----------------------------------------------------
  // Another tab of this site saved: show what it kept.
  window.addEventListener('storage', function () {
    load();
    showList();
    fill(current());
  });

  // ---- Start ----------------------------------------------------------
  load();
  $('sa-manage').hidden = false;
  $('sa-summary').hidden = false;
  showList();
  fill(current());
  if (state.unreadable.length) {
    fail(msg('unreadable', state.unreadable.length));
  }
})();
