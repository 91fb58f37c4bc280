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
// be read is listed with its reason, to download as it is or to repair;
// it is never overwritten unasked.
//
// One writer: persist is the only function that writes an assessment, and
// it refuses (see there) to overwrite a newer revision kept by another tab,
// to change a final assessment, or to keep a text the reader would refuse.
//
// The page (layouts/self-assessment.html) holds the whole blank form, for
// a reader without scripts and for paper. Each expected result is a
// <section data-result="ID" data-number data-title>; each recommendation
// in it is
//
//   <section class="sa-rec" id="sa-rec-ID" data-rec="ID" data-label="1.2">
//     <h3> <span class="num">1.2</span> <span class="sa-rec-text">text</span>
//     <fieldset class="sa-scale"> one radio per level of the scale:
//       <input type="radio" name="sa-status-ID" id="sa-ID-LEVEL" value="LEVEL" data-answer="status">
//     <p data-state>  badge and time of the last change (written here)
//     <textarea id="sa-ID-evidence" data-answer="evidence">, <div data-links>,
//     <textarea id="sa-ID-gaps" data-answer="gaps">,
//     <input id="sa-ID-owner" data-answer="owner">, <input type="date" id="sa-ID-target" data-answer="targetDate">
//     <div class="sa-indicators"> (when the recommendation has indicators)
//
// On a long form everything from <div class="sa-rec-body"> on is the text
// of a <noscript class="sa-later"> until made (see "Long guidance" below).
// A form in parts (render.PartForm) has the sections of one expected
// result per page, or none on its overview, and the whole guidance in
// assessment-guidance.js (see "The guidance" below).
//
// A field's data-answer names the answer's key in the export format; the
// model below (model.byId[ID].el) points at each section.
//
// Speed, whatever the size of the guidance: one listener on the form
// takes every edit (onEdit); an edit writes only its recommendation's
// state line and, for a status, the summary and the coverage rows citing
// it; a fill touches only the recommendations answered or shown
// (shown); the action plan follows a moment after typing stops, and the
// printed report is made only before printing. Off-screen recommendations
// are neither laid out nor painted (content-visibility in site.css).
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
  // msg returns the string for key with %s and %d filled in order; when
  // the first is a count, in the form that count takes (io.countKey).
  function msg(key) {
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    if (typeof args[0] === 'number') { key = io.countKey(texts, key, args[0]); }
    var s = own(texts, key) ? texts[key] : key;
    return s.replace(/%[sd]/g, function (m) { return i < args.length ? String(args[i++]) : m; });
  }

  // ---- The guidance ---------------------------------------------------
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
  // A form in parts (render.PartForm) holds one expected result's fields
  // per page, or none on its overview: the whole guidance then comes from
  // assessment-guidance.js, and a recommendation whose fields are on
  // another page has no el.
  function place(r, el) {
    r.el = el;
    // later: on a long form, the <noscript> its fields still are in
    // (the section's last child; see "Long guidance" below).
    var last = el && el.lastElementChild;
    r.later = last && last.matches('noscript.sa-later') ? last : null;
    model.byId[r.id] = r;
  }
  if (R.assessmentGuidance) {
    R.assessmentGuidance.forEach(function (g) {
      var res = { id: g.id, number: g.number, title: g.title, recs: [] };
      g.recs.forEach(function (d) {
        var r = { id: d.id, label: d.label, text: d.text };
        place(r, $('sa-rec-' + d.id));
        res.recs.push(r);
      });
      model.results.push(res);
    });
  } else {
    each(form.querySelectorAll('[data-result]'), function (sec) {
      var res = { id: sec.getAttribute('data-result'), number: +sec.getAttribute('data-number'), title: sec.getAttribute('data-title'), recs: [] };
      each(sec.querySelectorAll('[data-rec]'), function (el) {
        var t = el.querySelector('.sa-rec-text');
        var r = { id: el.getAttribute('data-rec'), label: el.getAttribute('data-label'), text: t ? t.textContent : '' };
        place(r, el);
        res.recs.push(r);
      });
      model.results.push(res);
    });
  }
  // The scale the page's answers are on; exports record it, and a file on
  // another scale is refused rather than scored wrongly.
  io.useScale(form.getAttribute('data-scale') || io.DEFAULT_SCALE,
    form.hasAttribute('data-scale-done') ? form.getAttribute('data-scale-done') : undefined,
    form.getAttribute('data-scale-colours') || '');
  // ---- Long guidance: fields made as the reader reaches them ---------
  // From render.LongForm recommendations, each one's fields and
  // indicators come as the text of a <noscript class="sa-later">: a
  // browser running scripts does not parse it, so the page is ready once
  // the headings are (a reader without scripts gets the whole blank form).
  // made writes a recommendation's fields into the page from that text,
  // once; reach does that and shows its answer. What is near the screen is
  // reached as it comes (IntersectionObserver), and the rest a few at a
  // time while the browser is idle, so that find in page and every field
  // follow within seconds; form.dataset.made is "all" then.
  function made(r) {
    if (r.later) {
      var t = document.createElement('template');
      t.innerHTML = r.later.textContent;
      lockFields(t.content);
      r.later.replaceWith(t.content);
      r.later = null;
    }
    return r.el;
  }
  function reach(r) {
    if (!r.later) { return; }
    made(r);
    var a = current().answers;
    if (own(a, r.id)) {
      writeAnswer(r, a[r.id]);
      if (io.hasContent(a[r.id])) { shown[r.id] = true; fitTextareas([r]); }
    }
  }
  function reachLater() {
    var later = [];
    model.results.forEach(function (res) { res.recs.forEach(function (r) { if (r.later) { later.push(r); } }); });
    if (!later.length) { form.dataset.made = 'all'; return; }
    var byEl = new Map(later.map(function (r) { return [r.el, r]; }));
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { reach(byEl.get(e.target)); seen.unobserve(e.target); }
      });
    }, { rootMargin: '100% 0px' });
    later.forEach(function (r) { seen.observe(r.el); });
    // Safari has no requestIdleCallback: there, a timer (and no deadline).
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };
    var next = 0;
    // A slice stops after 8 ms even when the browser offers more (up to
    // 50), so that a click is never kept waiting longer than half a frame.
    idle(function step(deadline) {
      var end = Date.now() + 8;
      while (next < later.length && Date.now() < end && (!deadline || deadline.timeRemaining() > 1)) {
        seen.unobserve(later[next].el);
        reach(later[next++]);
      }
      if (next < later.length) { idle(step); } else { seen.disconnect(); form.dataset.made = 'all'; }
    });
  }
  // Each level's label, by id (render.AssessmentPage.StatusLabels).
  var statusLabels = JSON.parse(form.getAttribute('data-scale-labels') || '{}');
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

  // copyRecord copies an assessment's fields and answers; not where it is
  // kept (its revision), which belongs to the record it was read as.
  function copyRecord(rec) {
    var c = {};
    Object.keys(rec).forEach(function (k) { if (k !== 'kept' && k !== 'keptFinal' && k !== 'unsaved') { c[k] = rec[k]; } });
    c.answers = Object.create(null);
    Object.keys(rec.answers).forEach(function (id) {
      var a = {};
      io.ANSWER_KEYS.forEach(function (f) { a[f] = rec.answers[id][f]; });
      c.answers[id] = a;
    });
    return c;
  }

  // problemOf is why a kept text cannot be read as the assessment kept
  // under id on this page, or null when it can.
  function problemOf(id, t, r) {
    if (r.problem) { return r.problem; }
    if (r.record.id !== id) { return { key: 'unreadable.id', args: [r.record.id] }; }
    if (r.guidance.scale !== io.SCALE) { return { key: 'import.error.scale', args: [r.guidance.scale, io.SCALE] }; }
    return null;
  }

  // readRecord returns the kept assessment, or null when there is none or
  // it cannot be read; an unreadable one is noted and left as it is. The
  // record remembers the text it was read from (kept): that text is its
  // revision, which persist checks before it writes.
  function readRecord(id) {
    var t = store.get(KEY + id);
    if (t === null) { return null; }
    var r = io.parse(t);
    var problem = problemOf(id, t, r);
    if (problem) {
      if (!state.unreadable.some(function (u) { return u.id === id; })) {
        state.unreadable.push({ id: id, problem: problem });
      }
      return null;
    }
    r.record.kept = t;
    r.record.keptFinal = r.record.final;
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
    state.unreadable = [];
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

  // persist keeps a record: the one writer of assessments. It returns null
  // when the record is kept (or, when the browser refuses to keep
  // anything, held in memory, where export still finds it: store.js shows
  // the warning), else the reason it was refused, a message key with its
  // arguments, having written nothing:
  //   - the text would not be read back by io.parse (a value the reader
  //     refuses, more answers than the format's limit): never kept;
  //   - what is kept is not the revision this record was read as (rec.kept;
  //     none for a new record): another tab wrote since, and its record
  //     is not overwritten;
  //   - what is kept is final: a signed-off assessment stays as it was
  //     signed; only "Delete" removes it, and "Start the next review"
  //     carries its answers into a new record.
  //   - what is kept cannot be read: it is left as it is.
  function persist(rec) {
    var textOut = io.toJSON(model.guidance, rec);
    var check = io.check(textOut);
    if (check.problem) { return { key: 'save.invalid', args: [msg.apply(null, [check.problem.key].concat(check.problem.args))] }; }
    var kept = store.get(KEY + rec.id);
    var base = rec.kept === undefined ? null : rec.kept;
    // The text this record was read as is known to be readable, and
    // whether it was final (keptFinal): it need not be read again.
    if (kept !== null && kept === base && rec.keptFinal !== undefined) {
      if (rec.keptFinal) { return { key: 'save.final', args: [rec.name] }; }
    } else if (kept !== null) {
      var was = io.parse(kept);
      // An unreadable text is replaced only by its repair, made from
      // exactly that text (rec.kept) at the user's request.
      var unreadable = problemOf(rec.id, kept, was);
      if (unreadable && kept !== base) { return { key: 'save.unreadable', args: [rec.name] }; }
      if (!unreadable && was.record.final) { return { key: 'save.final', args: [was.record.name] }; }
    }
    if (kept !== base) { return { key: 'save.newer', args: [rec.name] }; }
    if (store.set(KEY + rec.id, textOut)) {
      delete rec.unsaved;
      rec.kept = textOut;
      rec.keptFinal = rec.final;
    } else {
      rec.unsaved = true;
    }
    writeIndex();
    return null;
  }

  // refused tells why a write was refused and shows what is kept now.
  function refused(why) {
    load();
    showList();
    fill(current());
    showUnreadable();
    fail(msg.apply(null, [why.key].concat(why.args)));
  }

  function current() { return state.records[state.current]; }

  // change applies an edit to the current assessment and keeps it at once.
  // It starts from the kept copy, so that an edit made meanwhile in another
  // tab is kept too. It returns false when the edit was refused (the
  // assessment is final, here or in another tab).
  function change(edit) {
    var rec = current();
    if (store.working() && !rec.unsaved) {
      var kept = readRecord(rec.id);
      if (kept) { rec = kept; }
    }
    // A final assessment is signed off as it is: nothing changes it.
    if (rec.final) {
      if (!current().final) { refused({ key: 'save.final', args: [rec.name] }); }
      return false;
    }
    edit(rec);
    rec.updated = now();
    var why = persist(rec);
    if (why) { refused(why); return false; }
    state.records[rec.id] = rec;
    return true;
  }

  // ---- The form ------------------------------------------------------
  // The page arrives blank, and only the recommendations whose fields show
  // something (shown) or that the assessment answers are written to: a
  // fill costs what the answers hold, not what the guidance holds. The
  // form has autocomplete="off" so that the browser restores no field on
  // a reload; a radio it restored anyway is found once, below.
  var shown = Object.create(null);
  each(form.querySelectorAll('input[type="radio"]:checked'), function (input) {
    var box = input.closest('[data-rec]');
    if (box) { shown[box.getAttribute('data-rec')] = true; }
  });

  function fill(rec) {
    var active = document.activeElement;
    clearFieldErrors();
    each(form.querySelectorAll('[data-meta]'), function (input) {
      if (input !== active) { input.value = rec[input.getAttribute('data-meta')] || ''; }
    });
    var ids = Object.keys(shown).concat(Object.keys(rec.answers).filter(function (id) { return !shown[id]; }));
    var filled = [];
    ids.forEach(function (id) {
      // Fields on another page of a form in parts are shown there.
      if (!own(model.byId, id) || !model.byId[id].el) { return; }
      var r = model.byId[id];
      var a = own(rec.answers, id) ? rec.answers[id] : blankAnswer();
      made(r);
      writeAnswer(r, a, active);
      if (io.hasContent(a)) { shown[id] = true; filled.push(r); } else { delete shown[id]; }
    });
    // Flags on answers whose recommendation changed (assessment-editions.js).
    if (R.assessmentEditions) { R.assessmentEditions.show(model, rec); }
    fitTextareas(filled);
    showRetired(rec);
    showSummary(rec);
    showDates(rec);
    showFinal(rec);
    showPlanSoon();
  }

  // writeAnswer shows answer a in recommendation r's fields (all but
  // active, which is being typed in) and its state line.
  function writeAnswer(r, a, active) {
    each(r.el.querySelectorAll('[data-answer]'), function (input) {
      var f = input.getAttribute('data-answer');
      if (input.type === 'radio') {
        input.checked = input.value === a.status;
      } else if (input !== active) {
        input.value = a[f];
      }
    });
    showAnswerState(r, a);
  }

  // ---- Action plan ------------------------------------------------------
  var planSort = $('sa-plan-sort');
  function today() { return view.isoDate(new Date()); }
  function showPlan() {
    if (!R.assessmentPlan) { return; }
    planStale = false;
    R.assessmentPlan.render(model, current(), planSort.value, today(), $('sa-plan-out'));
    $('sa-plan').hidden = false;
  }
  // On a long form the plan, a row per recommendation not in place, is
  // made only while it is near the screen (and before it is printed):
  // otherwise each change would remake thousands of rows no one sees, in
  // one task that a next click would wait behind.
  var planStale = false;
  var planNear = view.nearScreen($('sa-plan'), form.classList.contains('sa-long'), function () {
    if (planStale) { showPlan(); }
  });
  planSort.addEventListener('change', showPlan);
  window.addEventListener('afterprint', function () { document.body.classList.remove('sa-print-plan', 'sa-print-compare'); });

  // showFinal makes the form read-only for a final assessment and says who
  // signed it off. The fields are touched only when that changes: the
  // page arrives with all of them enabled.
  var shownFinal = false;
  // lockFields makes the fields under root read-only when the assessment
  // shown is final, editable when not; a long form's fields made later
  // (made) pass through it too.
  function lockFields(root) {
    each(root.querySelectorAll('input, textarea, button'), function (c) { c.disabled = shownFinal; });
  }
  function showFinal(rec) {
    if (!!rec.final !== shownFinal) {
      shownFinal = !!rec.final;
      lockFields(form);
    }
    var note = $('sa-final-note');
    note.textContent = rec.final ? msg('final.note', rec.approvedBy, view.longDate(rec.approvedOn)) : '';
    note.hidden = !rec.final;
    form.classList.toggle('sa-is-final', !!rec.final);
    each(document.querySelectorAll('[data-sa-action="rename"]'), function (b) { b.disabled = !!rec.final; });
  }

  // showReport makes the printed report from the assessment shown. Only
  // paper shows it, so it is made just before printing (beforeprint, which
  // the browser also sends before it saves a PDF), not on every change.
  function showReport() {
    if (R.assessmentReport) { R.assessmentReport.render(model, current(), $('sa-report')); }
  }
  if (R.assessmentReport) { document.body.classList.add('sa-has-report'); }

  // The action plan is remade a moment after typing stops: a click
  // answers at once, and the plan follows.
  var planTimer = null;
  function showPlanSoon() {
    clearTimeout(planTimer);
    if (!planNear()) { planStale = true; $('sa-plan').hidden = false; return; }
    planTimer = setTimeout(function () { planTimer = null; showPlan(); }, 400);
  }

  function onEdit(e) {
    var t = e.target;
    if (t.type === 'radio' && e.type === 'input') { return; }
    if (t.type !== 'radio' && e.type === 'change') { return; }
    var meta = t.getAttribute('data-meta');
    var field = t.getAttribute('data-answer');
    if (!meta && !field) { return; }
    var value = t.value.slice(0, io.LIMITS.text);
    // A date is checked where it is typed; one the format would refuse
    // (or a year no one means) is shown beside the field and not kept.
    if (t.type === 'date') {
      var problem = t.validity && t.validity.badInput ? { key: 'entry.date', args: [] } : io.entryDate(value);
      showFieldError(t, problem);
      if (problem) { return; }
    }
    if (meta) {
      change(function (rec) { rec[meta] = value; });
    } else if (field) {
      var box = t.closest('[data-rec]');
      if (!box || (t.type === 'radio' && !t.checked)) { return; }
      var id = box.getAttribute('data-rec');
      // The field shows something now, kept or not: the next fill writes
      // it (with what is kept, should the change be refused).
      shown[id] = true;
      change(function (rec) {
        var a = own(rec.answers, id) ? rec.answers[id] : blankAnswer();
        a[field] = value;
        a.updated = now();
        rec.answers[id] = a;
      });
      var ans = current().answers[id];
      if (ans && own(model.byId, id)) { showAnswerState(model.byId[id], ans); }
      if (field === 'status') { showSummary(current(), id); }
    } else {
      return;
    }
    showDates(current());
    showPlanSoon();
  }

  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  // The form is never sent anywhere.
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  // showFieldError puts a message beside a field, above it as GOV.UK's
  // date inputs do, tied to it by aria-describedby and aria-invalid, or
  // takes it away (problem null).
  function showFieldError(input, problem) {
    var id = input.id + '-error';
    var box = $(id);
    var wrap = input.closest('.field') || input.parentNode;
    if (!problem) {
      if (box) { box.remove(); }
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      wrap.classList.remove('sa-field-error');
      return;
    }
    if (!box) {
      box = el('p', { id: id, 'class': 'sa-error-message' });
      input.parentNode.insertBefore(box, input);
    }
    box.replaceChildren(el('span', { 'class': 'visually-hidden' }, msg('entry.error') + ' '),
      document.createTextNode(msg.apply(null, [problem.key].concat(problem.args))));
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    wrap.classList.add('sa-field-error');
  }

  // clearFieldErrors takes away the messages beside fields that now show
  // what is kept: all but the one being typed in, which keeps its value.
  function clearFieldErrors() {
    each(form.querySelectorAll('[aria-invalid="true"]'), function (input) {
      if (input !== document.activeElement) { showFieldError(input, null); }
    });
  }

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

  // showSummary counts the answers again; after one answer's status
  // changed (changed, its id), only the coverage rows citing it are.
  function showSummary(rec, changed) {
    summary.render(model, rec, $('sa-chart'), $('sa-summary-table'));
    if (R.assessmentCoverage) { R.assessmentCoverage.fill(model, rec, changed); }
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
  // Only the fields of recs (the answered ones) and those made taller
  // before can need it; all are reset first and measured after, so that
  // the page is laid out once, not once per field.
  function fitTextareas(recs) {
    var list = Array.prototype.slice.call(form.querySelectorAll('textarea[style]'));
    recs.forEach(function (r) { each(r.el.querySelectorAll('textarea'), function (t) { if (t.value !== '') { list.push(t); } }); });
    list.forEach(function (t) { t.style.height = ''; });
    var fit = list.filter(function (t) { return t.scrollHeight > t.clientHeight; }).map(function (t) { return [t, t.scrollHeight]; });
    fit.forEach(function (p) { p[0].style.height = (p[1] + 4) + 'px'; });
  }
  form.addEventListener('input', function (e) {
    if (e.target.tagName === 'TEXTAREA' && e.target.scrollHeight > e.target.clientHeight) {
      e.target.style.height = (e.target.scrollHeight + 4) + 'px';
    }
  });
  window.addEventListener('beforeprint', function () {
    var rec = current();
    $('sa-dates').textContent = rec.name + ' · ' + msg('printed', view.longDate(new Date())) + ' · ' + msg('last.changed', localTime(rec.updated));
    $('sa-dates').hidden = false;
    fitTextareas(Object.keys(shown).filter(function (id) { return own(model.byId, id); }).map(function (id) { return model.byId[id]; }));
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
  // made stay as they were while both still exist and differ; otherwise
  // the comparison starts from the assessment before the one shown to the
  // one shown. A comparison already on screen is cleared whenever what it
  // compared may have changed.
  function showList() {
    options(select, state.current);
    var others = state.order.filter(function (id) { return id !== state.current; });
    var from = compareFrom.value, to = compareTo.value;
    var keep = from && to && from !== to && own(state.records, from) && own(state.records, to);
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

  function clearComparison() {
    $('sa-compare-out').replaceChildren();
    each(document.querySelectorAll('[data-sa-action="export-compare"], [data-sa-action="print-compare"]'), function (b) { b.disabled = true; });
  }
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

  // uniqueName is name, or name with a number after it when another
  // assessment has that name already, so that the list never shows two
  // alike.
  function uniqueName(name) {
    function used(n) { return state.order.some(function (id) { return state.records[id].name === n; }); }
    if (!used(name)) { return name; }
    for (var i = 2; ; i++) {
      var n = name.slice(0, io.LIMITS.name - 6) + ' ' + i;
      if (!used(n)) { return n; }
    }
  }

  // nextPeriod proposes the period after one: every year in it one on
  // ("2026" gives "2027", "2026/27" gives "2027/28"), or "" when it names
  // no year.
  function nextPeriod(p) {
    if (!/\b\d{4}\b/.test(p)) { return ''; }
    return p.replace(/\b(\d{4})(?:([\/\u2013-])(\d{2}))?\b/g, function (m, y, sep, yy) {
      return String(+y + 1) + (sep ? sep + String((+yy + 1) % 100 + 100).slice(1) : '');
    });
  }

  // add keeps a new record and shows it; false when it was refused.
  function add(rec) {
    var why = persist(rec);
    if (why) { refused(why); return false; }
    state.records[rec.id] = rec;
    state.order.push(rec.id);
    switchTo(rec.id);
    return true;
  }

  // draftFrom is a new draft with the answers of rec (each with the time it
  // last changed) and without its sign-off: nobody approved the copy.
  function draftFrom(rec, name) {
    var c = copyRecord(rec);
    var t = now();
    c.id = newID();
    c.name = uniqueName(name.slice(0, io.LIMITS.name));
    c.created = t;
    c.updated = t;
    c.final = false;
    c.approvedBy = c.approverRole = c.approvedOn = '';
    return c;
  }

  var actions = {
    'new': function () {
      askName(msg('new.title'), uniqueName(msg('default.name') + ' ' + (state.order.length + 1)), function (name) {
        var rec = newRecord(uniqueName(name));
        if (add(rec)) { say(msg('created', rec.name)); }
      });
    },
    rename: function () {
      askName(msg('rename.title'), current().name, function (name) {
        if (!change(function (rec) { rec.name = name; })) { return; }
        showList();
        showDates(current());
        say(msg('renamed', name));
      });
    },
    duplicate: function () {
      var rec = draftFrom(current(), msg('copy.name', current().name));
      if (add(rec)) { say(msg('duplicated', rec.name)); }
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
        if (!change(function (r) { r.final = true; })) { return; }
        fill(current());
        say(msg('final.done', current().name));
      });
    },
    // next starts the next review from the assessment shown: its answers,
    // each with the time it last changed, carried into a new draft without
    // the sign-off, for the next period, under a name the user confirms.
    next: function () {
      var from = current();
      var period = nextPeriod(from.period);
      var name = period && from.period && from.name.indexOf(from.period) >= 0 ? from.name.split(from.period).join(period) :
        period ? from.name + ' ' + period : msg('next.name', from.name);
      askName(msg('next.title'), uniqueName(name.slice(0, io.LIMITS.name)), function (chosen) {
        var rec = draftFrom(from, chosen);
        if (period) { rec.period = period; }
        if (add(rec)) { say(msg('next.done', rec.name, from.name)); }
      });
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
      if (from === to) { clearComparison(); out.replaceChildren(el('p', {}, msg('compare.same.assessment'))); return; }
      summary.compare(model, state.records[from], state.records[to], out);
      each(document.querySelectorAll('[data-sa-action="export-compare"], [data-sa-action="print-compare"]'), function (b) { b.disabled = false; });
    },
    'export-compare': function () {
      var from = state.records[compareFrom.value], to = state.records[compareTo.value];
      if (!from || !to || from === to) { return; }
      var name = 'comparison-' + io.fileName(from.name + ' ' + to.name, 'csv').replace(/^self-assessment-/, '').replace(/-(draft|final)-/, '-');
      try {
        io.download(summary.compareCSV(model, from, to), name, 'text/csv;charset=utf-8');
        say(msg('exported', name));
      } catch (e) {
        fail(msg('export.failed', String(e && e.message || e)));
      }
    },
    'print-compare': function () {
      document.body.classList.add('sa-print-compare');
      window.print();
    }
  };

  function exportAs(ext, type, textOut, kind) {
    var name = io.fileName(current().name, ext, new Date(), current().final);
    if (kind) { name = name.replace(/^self-assessment-/, kind + '-'); }
    try {
      io.download(textOut, name, type);
      say(msg('exported', name));
    } catch (e) {
      fail(msg('export.failed', String(e && e.message || e)));
    }
  }

  // answers branch: "Reviewed: still true" (assessment-editions.js) is kept
  // through change, the one writer, and the form shown again.
  if (R.assessmentEditions) {
    R.assessmentEditions.onReview = function (id) {
      if (change(function (rec) { R.assessmentEditions.review(rec, id, today()); })) {
        fill(current());
        var r = model.byId[id];
        // The button is gone with the flag: keep the place in the form.
        var at = r && (made(r).querySelector('input:checked') || r.el.querySelector('[data-answer]'));
        if (at) { at.focus(); }
        say(msg('edition.reviewed.done', r ? r.label : id, R.assessmentEditions.current));
      }
    };
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
    // A new try starts clean: the message about an earlier file goes.
    say('');
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

  // blank reports whether a record holds nothing a user typed: the
  // assessment a fresh page starts with, which an import may take the
  // place of.
  function blank(rec) {
    return !!rec.unsaved && !Object.keys(rec.answers).some(function (id) { return io.hasContent(rec.answers[id]); }) &&
      ['organisation', 'unit', 'period', 'completedBy', 'approvedBy', 'approverRole', 'approvedOn'].every(function (k) { return !rec[k]; });
  }

  // importedName is the name an import is added under: its own, unless an
  // assessment has it already; then marked as imported, once (a file of
  // "North (imported)" does not become "North (imported) (imported)"),
  // and numbered when that is taken too.
  function importedName(name, id) {
    var others = state.order.filter(function (x) { return x !== id && !blank(state.records[x]); });
    function used(n) { return others.some(function (x) { return state.records[x].name === n; }); }
    if (!used(name)) { return name; }
    var parts = (own(texts, 'imported.name') ? texts['imported.name'] : '%s').split('%s');
    var marked = parts.length === 2 && name.length > parts[0].length + parts[1].length &&
      name.slice(0, parts[0].length) === parts[0] && name.slice(name.length - parts[1].length) === parts[1];
    var n = marked ? name : msg('imported.name', name).slice(0, io.LIMITS.name);
    for (var i = 2; used(n); i++) { n = (marked ? name : msg('imported.name', name)).slice(0, io.LIMITS.name - 6) + ' ' + i; }
    return n;
  }

  // preview shows what an imported file holds, r being what readFile made
  // of it, and asks what to do. Whatever the file's kind (JSON, CSV, ...),
  // the record it gives must pass the same rule as a file and as what is
  // kept (io.parse), with the same limits as riskguide report, before
  // anything is offered: a file that would make an unreadable record is
  // refused here, naming the rule.
  function preview(fileName, r) {
    if (!r.problem) {
      var back = io.check(io.toJSON(model.guidance, r.record));
      if (back.problem) { r = back; }
    }
    if (r.problem) {
      fail(msg('import.error', msg.apply(null, [r.problem.key].concat(r.problem.args)) + (r.problem.hint ? ' ' + msg(r.problem.hint) : '')));
      return;
    }
    var rec = r.record, g = r.guidance;
    var fromSheet = g === model.guidance;
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
    // A fresh page's empty assessment is taken over by the import, id and
    // all; any other assessment with the id stays, and a new one is made.
    var placeholder = own(state.records, rec.id) && blank(state.records[rec.id]) ? state.records[rec.id] : null;
    // What "Import as new" makes, named before it is made. A copy of a
    // final assessment made from a spreadsheet is a draft: the sheet holds
    // answers, not the sign-off.
    var asNew = copyRecord(rec);
    if (!placeholder && taken(rec.id)) {
      asNew.id = newID();
      if (existing && existing.final && fromSheet) {
        asNew.final = false;
        asNew.approvedBy = asNew.approverRole = asNew.approvedOn = '';
      }
    }
    asNew.name = importedName(rec.name, placeholder ? rec.id : null);
    var buttons;
    if (existing) {
      var d = diff(existing, rec);
      body.push(el('p', {}, msg(existing.final ? 'import.final.intro' : 'import.replace.intro', existing.name)));
      if (d.changed + d.added + d.removed === 0 && io.toJSON(model.guidance, existing) === io.toJSON(model.guidance, rec)) {
        body.push(el('p', {}, msg('import.nothing')));
      }
      var list = el('ul');
      [['changed', d.changed], ['added', d.added], ['removed', d.removed], ['unchanged', d.unchanged]].forEach(function (p) {
        list.appendChild(el('li', { 'class': 'sa-count-' + p[0] }, msg('import.' + p[0], p[1])));
      });
      body.push(list);
      body.push(el('p', { 'class': 'sa-import-asnew' }, msg(asNew.final ? 'import.asnew.final' : 'import.asnew.draft', asNew.name)));
      buttons = [{ label: msg('import.replace'), value: 'replace' }, { label: msg('import.asnew'), value: 'new', primary: true }, { label: msg('cancel'), value: null }];
      // A final assessment stays as it was signed off.
      if (existing.final) { buttons.shift(); }
    } else {
      body.push(el('p', { 'class': 'sa-import-asnew' }, msg('import.new', asNew.name, count)));
      if (asNew.final) { body.push(el('p', {}, msg('import.new.final', asNew.approvedBy, asNew.approvedOn))); }
      buttons = [{ label: msg('import.asnew'), value: 'new', primary: true }, { label: msg('cancel'), value: null }];
    }
    ask({ title: msg('import.title'), body: body, buttons: buttons, focus: buttons.length - 1 }, function (choice) {
      if (choice === null) { say(msg('import.cancelled')); return; }
      var out = choice === 'replace' ? rec : asNew;
      // Replace writes over the revision the preview was made from, and
      // only that one: if another tab changed or signed it off since,
      // persist refuses.
      out.kept = choice === 'replace' ? existing.kept : undefined;
      // The empty assessment a fresh page shows goes: the import is what
      // the user wanted to work on.
      state.order.filter(function (x) { return blank(state.records[x]); }).forEach(function (x) {
        delete state.records[x];
        state.order = state.order.filter(function (y) { return y !== x; });
      });
      var why = persist(out);
      if (why) { refused(why); return; }
      if (!own(state.records, out.id)) { state.order.push(out.id); }
      state.records[out.id] = out;
      switchTo(out.id);
      say(msg('imported', out.name));
    });
  }

  // ---- Kept assessments that cannot be read ---------------------------
  // Each is listed with why it cannot be read, to download as it is (for
  // another tool, or a newer riskguide) or to repair: every field that
  // passes the rule is kept and the rest is listed before anything
  // changes. Nothing is hidden or overwritten unasked.
  function showUnreadable() {
    var box = $('sa-unreadable');
    box.replaceChildren();
    box.hidden = state.unreadable.length === 0;
    if (box.hidden) { return; }
    box.appendChild(el('p', {}, msg('unreadable', state.unreadable.length)));
    var list = box.appendChild(el('ul', { 'class': 'plain' }));
    state.unreadable.forEach(function (u) {
      var raw = store.get(KEY + u.id);
      if (raw === null) { return; }
      var li = list.appendChild(el('li', { 'class': 'sa-unreadable-item', 'data-id': u.id }));
      li.appendChild(el('strong', {}, keptName(raw) || u.id));
      li.appendChild(el('span', {}, ' (' + io.size(raw.length) + '): ' + msg.apply(null, [u.problem.key].concat(u.problem.args))));
      var row = li.appendChild(el('div', { 'class': 'sa-row' }));
      var get = row.appendChild(el('button', { type: 'button', 'data-unreadable': 'download' }, msg('unreadable.download')));
      get.addEventListener('click', function () { downloadKept(u.id); });
      var fix = row.appendChild(el('button', { type: 'button', 'data-unreadable': 'repair' }, msg('unreadable.repair')));
      fix.addEventListener('click', function () { repairKept(u.id); });
    });
  }

  // keptName is the name in a kept text, when it has one to show.
  function keptName(raw) {
    try {
      var v = JSON.parse(raw);
      var n = v && v.assessment && v.assessment.name;
      return typeof n === 'string' ? n.slice(0, io.LIMITS.name) : '';
    } catch (e) {
      return '';
    }
  }

  function downloadKept(id) {
    var raw = store.get(KEY + id);
    if (raw === null) { return; }
    var name = 'unreadable-self-assessment-' + id + '.json';
    try {
      io.download(raw, name, 'application/json');
      say(msg('exported', name));
    } catch (e) {
      fail(msg('export.failed', String(e && e.message || e)));
    }
  }

  function repairKept(id) {
    var raw = store.get(KEY + id);
    if (raw === null) { return; }
    var r = io.repair(raw, id, now());
    if (r.problem) { fail(msg('repair.impossible', msg.apply(null, [r.problem.key].concat(r.problem.args)))); return; }
    var rec = r.record;
    if (rec.name === '') { rec.name = msg('default.name'); }
    var n = Object.keys(rec.answers).length;
    var body = [el('p', {}, msg('repair.keeps', rec.name, n))];
    if (r.dropped.length) {
      body.push(el('p', {}, msg('repair.drops', r.dropped.length)));
      var ul = el('ul', { 'class': 'sa-repair-dropped' });
      r.dropped.slice(0, 50).forEach(function (d) { ul.appendChild(el('li', {}, d.path + (d.value ? ': ' + d.value : ''))); });
      if (r.dropped.length > 50) { ul.appendChild(el('li', {}, '…')); }
      body.push(ul);
      body.push(el('p', {}, msg('repair.download.first')));
    }
    ask({
      title: msg('repair.title'), body: body, focus: 2,
      buttons: [{ label: msg('repair.ok'), value: 'repair', primary: true }, { label: msg('unreadable.download'), value: 'download' }, { label: msg('cancel'), value: null }]
    }, function (choice) {
      if (choice === 'download') { downloadKept(id); return; }
      if (choice !== 'repair') { return; }
      rec.kept = raw;
      var why = persist(rec);
      if (why) { refused(why); return; }
      load();
      switchTo(id);
      showUnreadable();
      say(msg('repaired', rec.name, n, r.dropped.length));
    });
  }

  // ---- Other tabs -----------------------------------------------------
  // Another tab of this site saved: show what it kept. Any write this tab
  // makes later is checked against what is kept then (persist).
  window.addEventListener('storage', function (e) {
    if (e.key !== null && e.storageArea !== window.localStorage) { return; }
    load();
    showList();
    fill(current());
    showUnreadable();
  });

  // ---- Start ----------------------------------------------------------
  load();
  $('sa-manage').hidden = false;
  $('sa-summary').hidden = false;
  showList();
  fill(current());
  showUnreadable();
  reachLater();
})();
