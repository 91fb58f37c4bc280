// assessment-io.js reads and writes self-assessments as text: the JSON
// exchange format (docs/self-assessment-format.md), which is also how each
// assessment is kept in the browser, and CSV for spreadsheets. Reading is
// strict: a file that is not exactly the format is refused as a whole, with
// a message naming what is wrong, so that a bad file never changes anything.
(function () {
  'use strict';

  // The format's constants, kept in one place for Go and the page
  // (internal/site/assessment-format.json, as assessment-format.js).
  // VERSION is the format this page writes; READS are those it reads.
  // Version 2 added the sign-off (final, approvedBy, approverRole,
  // approvedOn); a version 1 file reads as a draft with no sign-off.
  var F = window.riskguideAssessmentFormat;
  var FORMAT = F.format;
  // Version 3 added the scale the answers are on (guidance.scale); a file
  // of version 1 or 2 is on DEFAULT_SCALE.
  var VERSION = F.version;
  var READS = F.reads;
  // A scale is written as its levels, each an id with "=" and its score
  // when it has one: "pass=1 fail=0 not-applicable".
  var DEFAULT_SCALE = F.defaultScale;
  var SCALE_PATTERN = new RegExp(F.scalePattern);
  var MAX_SCALE_LEVELS = F.maxScaleLevels;
  // STATUSES and POINTS are the page's scale (see useScale): its levels in
  // order, and the points of those that score.
  var STATUSES = [];
  var POINTS = {};
  // DONE holds the levels that count as in place; COLOURS the colour
  // family of each level of a declared scale.
  var DONE = {};
  var COLOURS = {};
  // TONES draws a colour family as the built-in level of that colour.
  var TONES = { red: 'not-started', orange: 'planned', yellow: 'partly', green: 'in-place', 'dark-green': 'evaluated', grey: 'not-applicable' };
  var io = { SCALE: DEFAULT_SCALE };
  var LIMITS = F.limits;
  var ID = /^[a-z0-9][a-z0-9-]*$/;
  // Dates and times follow the written rule of the format
  // (docs/self-assessment-format.md), checked field by field rather than by
  // Date.parse, which accepts days such as 30 February and the hour 24.
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
  // BLANK is a name with nothing but white space in it.
  var BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*$/;
  var MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  var ASSESSMENT_KEYS_V1 = F.assessmentKeys;
  var SIGNOFF_KEYS = F.signOffKeys;
  var ASSESSMENT_KEYS = ASSESSMENT_KEYS_V1.concat(SIGNOFF_KEYS);
  // Version 4 added to each answer the edition it was given under, the
  // hash of the recommendation's quoted text then, and the day it was last
  // reviewed (editionKeys). An answer of an older file was given under the
  // edition the file names; its hash is settled by the page, which knows
  // the editions (io.settle, set by assessment-editions.js).
  var ANSWER_KEYS_V3 = F.answerKeys;
  var ANSWER_KEYS = ANSWER_KEYS_V3.concat(F.editionKeys);
  var TEXT_HASH = new RegExp(F.textHashPattern);
  var TEXT_FIELDS = ['evidence', 'gaps', 'owner', 'targetDate'];

  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  // scaleLevels reads a scale as exports write it: {ids, points}, or null
  // for text that is not a scale.
  function scaleLevels(scale) {
    if (typeof scale !== 'string' || !SCALE_PATTERN.test(scale)) { return null; }
    var parts = scale.split(' ');
    if (parts.length < 2 || parts.length > MAX_SCALE_LEVELS) { return null; }
    var out = { ids: [], points: {} };
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      var lid = eq < 0 ? parts[i] : parts[i].slice(0, eq);
      if (out.ids.indexOf(lid) >= 0 || lid.length > LIMITS.id) { return null; }
      out.ids.push(lid);
      if (eq >= 0) { out.points[lid] = +parts[i].slice(eq + 1); }
    }
    return out;
  }

  // useScale makes a scale the page's: the one its answers are given on,
  // written into its exports, and required of what it imports. done and
  // colours are "id id" and "id=colour id=colour".
  function useScale(scale, done, colours) {
    var levels = scaleLevels(scale) || scaleLevels(DEFAULT_SCALE);
    io.SCALE = scaleLevels(scale) ? scale : DEFAULT_SCALE;
    STATUSES.length = 0;
    levels.ids.forEach(function (s) { STATUSES.push(s); });
    Object.keys(POINTS).forEach(function (k) { delete POINTS[k]; });
    Object.keys(levels.points).forEach(function (k) { POINTS[k] = levels.points[k]; });
    Object.keys(DONE).forEach(function (k) { delete DONE[k]; });
    (done === undefined ? 'in-place evaluated' : done).split(' ').forEach(function (k) { if (k) { DONE[k] = true; } });
    Object.keys(COLOURS).forEach(function (k) { delete COLOURS[k]; });
    (colours || '').split(' ').forEach(function (p) {
      var eq = p.indexOf('=');
      if (eq > 0) { COLOURS[p.slice(0, eq)] = p.slice(eq + 1); }
    });
  }

  // Problem is a reason to refuse a file: a message key and its arguments.
  function Problem(key, args) { this.key = key; this.args = args || []; }

  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  function object(v, path) {
    if (!isObject(v)) { throw new Problem('err.object', [path]); }
    return v;
  }

  // exactKeys refuses missing and unknown keys, in a fixed order so that the
  // message is the same every time (and the same as riskguide report's).
  function exactKeys(v, keys, path) {
    keys.forEach(function (k) {
      if (!own(v, k)) { throw new Problem('err.missing', [join(path, k)]); }
    });
    var extra = Object.keys(v).filter(function (k) { return keys.indexOf(k) < 0; }).sort();
    if (extra.length) { throw new Problem('err.unknown', [join(path, extra[0])]); }
  }

  function join(path, key) { return path ? path + '.' + key : key; }

  function text(v, path, max) {
    if (typeof v !== 'string') { throw new Problem('err.string', [path]); }
    if (v.length > max) { throw new Problem('err.long', [path, max]); }
    return v;
  }

  // calendarDay reports whether the day exists in the Gregorian calendar.
  function calendarDay(year, month, day) {
    if (month < 1 || month > 12 || day < 1) { return false; }
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]);
  }

  function validDate(s) {
    var m = DATE.exec(s);
    return m !== null && calendarDay(+m[1], +m[2], +m[3]);
  }

  function validTime(s) {
    var m = TIME.exec(s);
    return m !== null && calendarDay(+m[1], +m[2], +m[3]) && +m[4] <= 23 && +m[5] <= 59 && +m[6] <= 59 &&
      (m[8] === 'Z' || (+m[9] <= 23 && +m[10] <= 59));
  }

  // entryDate checks a date typed on the page (a target date, the date of
  // approval) before it is kept: null when it may be kept ("" clears the
  // field), else a Problem. Besides a real calendar day, its year must lie
  // within ENTRY_YEARS, so that a digit too many (20277) is caught where
  // it is typed rather than kept as a date no one meant.
  var ENTRY_YEARS = F.entryYears;
  function entryDate(s) {
    if (s === '') { return null; }
    if (!validDate(s)) { return new Problem('entry.date'); }
    var y = +s.slice(0, 4);
    if (y < ENTRY_YEARS[0] || y > ENTRY_YEARS[1]) { return new Problem('entry.year', [ENTRY_YEARS[0], ENTRY_YEARS[1]]); }
    return null;
  }

  function time(v, path) {
    text(v, path, 40);
    if (!validTime(v)) { throw new Problem('err.time', [path]); }
    return v;
  }

  function id(v, path) {
    if (v.length > LIMITS.id || !ID.test(v)) { throw new Problem('err.id', [path]); }
    return v;
  }

  // validate checks a parsed file and returns it as a record: the
  // assessment's fields with its answers, plus the guidance it names.
  function validate(v) {
    if (!isObject(v) || v.format !== FORMAT) { throw new Problem('err.format'); }
    exactKeys(v, ['format', 'version', 'guidance', 'assessment', 'answers'], '');
    if (typeof v.version !== 'number' || Math.floor(v.version) !== v.version) {
      throw new Problem('err.integer', ['version']);
    }
    if (READS.indexOf(v.version) < 0) { throw new Problem('err.version', [String(v.version)]); }

    var g = object(v.guidance, 'guidance');
    exactKeys(g, v.version >= 3 ? ['title', 'version', 'fingerprint', 'scale'] : ['title', 'version', 'fingerprint'], 'guidance');
    var guidance = {
      title: text(g.title, 'guidance.title', LIMITS.text),
      version: text(g.version, 'guidance.version', LIMITS.text),
      fingerprint: text(g.fingerprint, 'guidance.fingerprint', LIMITS.id),
      scale: v.version >= 3 ? text(g.scale, 'guidance.scale', LIMITS.text) : DEFAULT_SCALE
    };
    var levels = scaleLevels(guidance.scale);
    if (!levels) { throw new Problem('err.scale', ['guidance.scale']); }

    var a = object(v.assessment, 'assessment');
    exactKeys(a, v.version === 1 ? ASSESSMENT_KEYS_V1 : ASSESSMENT_KEYS, 'assessment');
    var rec = { answers: Object.create(null) };
    rec.id = id(text(a.id, 'assessment.id', LIMITS.id), 'assessment.id');
    rec.name = text(a.name, 'assessment.name', LIMITS.name);
    if (BLANK.test(rec.name)) { throw new Problem('err.name', ['assessment.name']); }
    ['organisation', 'unit', 'period', 'completedBy'].forEach(function (k) {
      rec[k] = text(a[k], 'assessment.' + k, LIMITS.text);
    });
    rec.created = time(a.created, 'assessment.created');
    rec.updated = time(a.updated, 'assessment.updated');
    rec.final = false;
    rec.approvedBy = rec.approverRole = rec.approvedOn = '';
    if (v.version >= 2) {
      if (typeof a.final !== 'boolean') { throw new Problem('err.bool', ['assessment.final']); }
      rec.final = a.final;
      rec.approvedBy = text(a.approvedBy, 'assessment.approvedBy', LIMITS.text);
      rec.approverRole = text(a.approverRole, 'assessment.approverRole', LIMITS.text);
      rec.approvedOn = text(a.approvedOn, 'assessment.approvedOn', LIMITS.id);
      if (rec.approvedOn !== '' && !validDate(rec.approvedOn)) { throw new Problem('err.date', ['assessment.approvedOn']); }
    }

    var answers = object(v.answers, 'answers');
    var ids = Object.keys(answers);
    if (ids.length > LIMITS.answers) { throw new Problem('err.many', [LIMITS.answers]); }
    ids.sort().forEach(function (k) {
      var path = 'answers.' + k;
      id(k, path);
      var x = object(answers[k], path);
      exactKeys(x, v.version >= 4 ? ANSWER_KEYS : ANSWER_KEYS_V3, path);
      var status = text(x.status, path + '.status', LIMITS.id);
      if (status !== '' && levels.ids.indexOf(status) < 0) { throw new Problem('err.status', [path + '.status']); }
      var ans = { status: status };
      ['evidence', 'gaps', 'owner'].forEach(function (f) { ans[f] = text(x[f], path + '.' + f, LIMITS.text); });
      ans.targetDate = text(x.targetDate, path + '.targetDate', LIMITS.id);
      if (ans.targetDate !== '' && !validDate(ans.targetDate)) { throw new Problem('err.date', [path + '.targetDate']); }
      ans.updated = time(x.updated, path + '.updated');
      // editions (version 4): see ANSWER_KEYS.
      ans.edition = guidance.version;
      ans.textHash = ans.reviewed = '';
      if (v.version >= 4) {
        ans.edition = text(x.edition, path + '.edition', LIMITS.id);
        ans.textHash = text(x.textHash, path + '.textHash', LIMITS.id);
        if (!TEXT_HASH.test(ans.textHash)) { throw new Problem('err.hash', [path + '.textHash']); }
        ans.reviewed = text(x.reviewed, path + '.reviewed', LIMITS.id);
        if (ans.reviewed !== '' && !validDate(ans.reviewed)) { throw new Problem('err.date', [path + '.reviewed']); }
      }
      io.settle(k, ans);
      rec.answers[k] = ans;
    });
    return { guidance: guidance, record: rec };
  }

  // decodeBytes reads a file's bytes as the page imports them: at most
  // LIMITS.bytes, UTF-8 (one byte order mark at the start is dropped, a
  // byte that is not UTF-8 refuses the file). It takes an ArrayBuffer or a
  // typed array and gives {text} or {problem}.
  function decodeBytes(bytes) {
    if (bytes.byteLength > LIMITS.bytes) {
      return { problem: new Problem('import.error.size', [size(bytes.byteLength)]) };
    }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch (e) {
      return { problem: new Problem('import.error.json', [String(e && e.message || e)]) };
    }
  }

  // check reads a text the page is about to keep or export as a file
  // would be read: its size in UTF-8 bytes, then parse. It gives the same
  // {guidance, record} or {problem} as parseBytes, so that the page keeps
  // nothing that riskguide report would refuse.
  function check(s) {
    var n = new TextEncoder().encode(s).length;
    if (n > LIMITS.bytes) { return { problem: new Problem('import.error.size', [size(n)]) }; }
    return parse(s);
  }

  // parseBytes reads an exported file's bytes: decodeBytes, then parse.
  function parseBytes(bytes) {
    var d = decodeBytes(bytes);
    return d.problem ? d : parse(d.text);
  }

  function size(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.ceil(n / 1024) + ' kB';
  }

  // parse reads the text of a file, already decoded, or of a kept
  // assessment: {guidance, record} or {problem}. JSON.parse refuses
  // anything after the value but white space.
  function parse(s) {
    if (/^[\t\n\r ]*$/.test(s)) { return { problem: new Problem('import.error.empty') }; }
    var v;
    try {
      v = JSON.parse(s);
    } catch (e) {
      return { problem: new Problem('import.error.json', [String(e && e.message || e)]) };
    }
    try {
      return validate(v);
    } catch (e) {
      if (e instanceof Problem) { return { problem: e }; }
      throw e;
    }
  }

  // repair reads what it can of a kept text that parse refuses: the JSON
  // value is taken apart field by field, every field that passes the rule
  // is kept, and every one that does not is listed in dropped (its path and
  // the start of its value). It gives {record, dropped} for the id given,
  // or {problem} when the text is not JSON at all. A final assessment that
  // lost anything comes back as a draft: what is kept is no longer what was
  // signed off.
  function repair(s, recID, nowTime) {
    var v;
    try {
      v = JSON.parse(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
    } catch (e) {
      return { problem: new Problem('import.error.json', [String(e && e.message || e)]) };
    }
    var dropped = [];
    function drop(path, value) {
      var shown = typeof value === 'string' ? value : JSON.stringify(value);
      shown = shown === undefined ? '' : shown;
      dropped.push({ path: path, value: shown.length > 60 ? shown.slice(0, 59) + '…' : shown });
    }
    function str(obj, k, path, max, ok) {
      if (!own(obj, k)) { return ''; }
      var x = obj[k];
      if (typeof x === 'string' && x.length <= max && (!ok || ok(x))) { return x; }
      drop(path, x);
      return '';
    }
    var a = isObject(v) && isObject(v.assessment) ? v.assessment : {};
    var rec = { id: recID, answers: Object.create(null) };
    rec.name = str(a, 'name', 'assessment.name', LIMITS.name, function (x) { return !BLANK.test(x); });
    ['organisation', 'unit', 'period', 'completedBy', 'approvedBy', 'approverRole'].forEach(function (k) {
      rec[k] = str(a, k, 'assessment.' + k, LIMITS.text);
    });
    rec.approvedOn = str(a, 'approvedOn', 'assessment.approvedOn', LIMITS.id, validDate);
    rec.created = str(a, 'created', 'assessment.created', 40, validTime) || nowTime;
    rec.updated = str(a, 'updated', 'assessment.updated', 40, validTime) || nowTime;
    var levels = isObject(v) && isObject(v.guidance) && scaleLevels(v.guidance.scale) || scaleLevels(DEFAULT_SCALE);
    var answers = isObject(v) && isObject(v.answers) ? v.answers : {};
    var ids = Object.keys(answers).sort();
    ids.forEach(function (k, n) {
      var path = 'answers.' + k;
      var x = answers[k];
      if (k.length > LIMITS.id || !ID.test(k) || !isObject(x) || n >= LIMITS.answers) { drop(path, x); return; }
      var ans = {
        status: str(x, 'status', path + '.status', LIMITS.id, function (st) {
          return st === '' || (levels.ids.indexOf(st) >= 0 && STATUSES.indexOf(st) >= 0);
        }),
        targetDate: str(x, 'targetDate', path + '.targetDate', LIMITS.id, function (d) { return entryDate(d) === null; })
      };
      ['evidence', 'gaps', 'owner'].forEach(function (f) { ans[f] = str(x, f, path + '.' + f, LIMITS.text); });
      ans.updated = str(x, 'updated', path + '.updated', 40, validTime) || rec.updated;
      // editions: what cannot be read is settled as for an older file.
      ans.edition = str(x, 'edition', path + '.edition', LIMITS.id) ||
        (isObject(v) && isObject(v.guidance) && typeof v.guidance.version === 'string' && v.guidance.version.length <= LIMITS.id ? v.guidance.version : '');
      ans.textHash = str(x, 'textHash', path + '.textHash', LIMITS.id, function (h) { return TEXT_HASH.test(h); });
      ans.reviewed = str(x, 'reviewed', path + '.reviewed', LIMITS.id, validDate);
      io.settle(k, ans);
      if (hasContent(ans)) { rec.answers[k] = ans; }
    });
    rec.final = a.final === true && dropped.length === 0 && rec.approvedBy !== '' && rec.approvedOn !== '';
    if (a.final === true && !rec.final) { drop('assessment.final', true); }
    return { record: rec, dropped: dropped };
  }

  // hasContent reports whether an answer says anything; empty answers are
  // not written, so that clearing a field leaves no trace in the file.
  function hasContent(a) {
    return a.status !== '' || TEXT_FIELDS.some(function (f) { return a[f] !== ''; });
  }

  // serialize writes JSON with two-space indents like JSON.stringify, but
  // from [key, value] pairs, so that keys keep the order given even when an
  // id looks like a number (plain objects would move those first).
  function serialize(v, indent) {
    var pad = '\n' + new Array(indent + 1).join('  ');
    if (Array.isArray(v)) {
      if (v.length === 0) { return '{}'; }
      return '{' + v.map(function (p) {
        return pad + '  ' + JSON.stringify(p[0]) + ': ' + serialize(p[1], indent + 1);
      }).join(',') + pad + '}';
    }
    return JSON.stringify(v);
  }

  // toJSON writes a record in the exchange format against the guidance
  // given. The same record always gives the same bytes.
  function toJSON(guidance, rec) {
    var answers = Object.keys(rec.answers).sort().filter(function (k) {
      return hasContent(rec.answers[k]);
    }).map(function (k) {
      var a = rec.answers[k];
      // An answer made on the page (or read from a spreadsheet) is given
      // under the page's edition until it says otherwise.
      if (a.edition === undefined) { io.settle(k, a); }
      return [k, ANSWER_KEYS.map(function (f) { return [f, a[f] === undefined ? '' : a[f]]; })];
    });
    return serialize([
      ['format', FORMAT],
      ['version', VERSION],
      ['guidance', [['title', guidance.title], ['version', guidance.version], ['fingerprint', guidance.fingerprint], ['scale', io.SCALE]]],
      ['assessment', ASSESSMENT_KEYS.map(function (k) { return [k, k === 'final' ? !!rec[k] : rec[k] || '']; })],
      ['answers', answers]
    ], 0) + '\n';
  }

  // cell quotes one CSV value (RFC 4180) and stops a spreadsheet from
  // reading it as a formula: a value that starts like one gets a leading
  // apostrophe, which spreadsheets show as text.
  function cell(v) {
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return '"' + s.replace(/"/g, '""') + '"';
  }

  // toCSV writes one row per recommendation of the page, then one per
  // retired answer, as UTF-8 with a byte order mark (so that spreadsheets
  // read accents right) and CRLF line ends, values separated by sep (a
  // comma unless given).
  function toCSV(model, rec, msg, sep) {
    var header = ['organisation', 'unit', 'period', 'result', 'rec', 'id', 'text', 'status', 'status.value',
      'points', 'evidence', 'gaps', 'owner', 'target', 'updated', 'note'].map(function (k) { return msg('csv.' + k); });
    var rows = [header];
    function row(result, label, recID, recText, note) {
      var a = own(rec.answers, recID) ? rec.answers[recID] : { status: '', evidence: '', gaps: '', owner: '', targetDate: '', updated: '' };
      rows.push([rec.organisation, rec.unit, rec.period, result, label, recID, recText,
        a.status ? model.statusLabel(a.status) : '', a.status,
        own(POINTS, a.status) ? String(POINTS[a.status]) : '',
        a.evidence, a.gaps, a.owner, a.targetDate, a.updated, note]);
    }
    model.results.forEach(function (res) {
      res.recs.forEach(function (r) { row(res.number + ' ' + res.title, r.label, r.id, r.text, ''); });
    });
    model.retired(rec).forEach(function (k) { row('', '', k, '', msg('csv.retired')); });
    return '\ufeff' + rows.map(function (r) { return r.map(cell).join(sep || ','); }).join('\r\n') + '\r\n';
  }

  function slug(s) {
    var t = s.normalize ? s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : s;
    t = t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
    return t || 'assessment';
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  // localDate is today's date where the user is, as YYYY-MM-DD.
  function localDate(d) {
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
  }

  // fileName is the name an export is saved under: what, whose, in which
  // state (draft or final) and when, to the second, so that a draft and a
  // final exported on the same day, or two drafts a minute apart, never
  // take each other's name.
  function fileName(name, ext, d, final) {
    var t = d || new Date();
    return 'self-assessment-' + slug(name) + '-' + (final ? 'final' : 'draft') + '-' + localDate(t) + '-' +
      pad2(t.getHours()) + pad2(t.getMinutes()) + pad2(t.getSeconds()) + '.' + ext;
  }

  // download hands text to the browser as a file. It needs no storage and
  // no network, so export works when the browser keeps nothing.
  function download(textOut, name, type) {
    var blob = new Blob([textOut], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // countKey returns the key of the form that the string key takes for the
  // count n in the page's language (key.one, key.few, key.many...), when
  // texts has that form, else key itself, the form of every other number.
  // The browser's Intl.PluralRules names the form: CLDR's rules, the same
  // the build uses (golang.org/x/text), so that a Polish or Czech page says
  // its counts as its pages do.
  var pluralRules = null;
  io.countKey = function (texts, key, n) {
    if (!pluralRules) {
      try {
        pluralRules = new Intl.PluralRules(document.documentElement.lang || 'en');
      } catch (e) {
        pluralRules = new Intl.PluralRules('en');
      }
    }
    var form = key + '.' + pluralRules.select(n);
    return Object.prototype.hasOwnProperty.call(texts, form) ? form : key;
  };

  // settle gives an answer of recommendation id its edition and text hash
  // where it lacks them; assessment-editions.js, which knows the page's
  // editions, replaces it. Without that page (riskguide report's parity
  // test under node), the answer keeps what the file says.
  io.settle = function (id, a) {
    if (a.edition === undefined) { a.edition = ''; }
    if (a.textHash === undefined) { a.textHash = ''; }
    if (a.reviewed === undefined) { a.reviewed = ''; }
  };

  useScale(DEFAULT_SCALE);
  window.riskguide = window.riskguide || {};
  window.riskguide.assessmentIO = io;
  var exported = {
    FORMAT: FORMAT,
    VERSION: VERSION,
    DEFAULT_SCALE: DEFAULT_SCALE,
    STATUSES: STATUSES,
    POINTS: POINTS,
    DONE: DONE,
    COLOURS: COLOURS,
    TONES: TONES,
    useScale: useScale,
    scaleLevels: scaleLevels,
    LIMITS: LIMITS,
    ANSWER_KEYS: ANSWER_KEYS,
    TEXT_HASH: TEXT_HASH,
    ASSESSMENT_KEYS: ASSESSMENT_KEYS,
    validDate: validDate,
    validTime: validTime,
    entryDate: entryDate,
    repair: repair,
    TEXT_FIELDS: TEXT_FIELDS,
    own: own,
    parse: parse,
    check: check,
    decodeBytes: decodeBytes,
    parseBytes: parseBytes,
    size: size,
    hasContent: hasContent,
    toJSON: toJSON,
    toCSV: toCSV,
    cell: cell,
    fileName: fileName,
    localDate: localDate,
    download: download
  };
  Object.keys(exported).forEach(function (k) { io[k] = exported[k]; });
})();
