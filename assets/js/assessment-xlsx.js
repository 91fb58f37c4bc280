// assessment-xlsx.js reads and writes the self-assessment workbook (.xlsx),
// laid out as docs/self-assessment-format.md describes ("The workbook").
//
// A workbook is a zip of XML files. The zip entries are inflated and
// deflated by the browser's own DecompressionStream and CompressionStream
// ('deflate-raw'); what is read of the XML is small (the cells of three
// sheets and the shared strings), so it is read here with DOMParser instead
// of a spreadsheet library, which would be many times the size of this
// page's scripts. Exporting fills in the blank workbook the build wrote
// with excelize (assessment-workbook.js): its styles, drop-down list of the
// scale and instructions stay as they were made; only cell values are set.
// The rows are then read by the same rules as a CSV (assessment-csv.js),
// so a workbook is refused for the same reasons, naming row and column.
(function () {
  'use strict';
  var R = window.riskguide || {};
  var io = R.assessmentIO, csv = R.assessmentCSV;
  if (!io || !csv) { return; }

  var SHEETS = { instructions: 'Instructions', assessment: 'Assessment', details: 'Details', scale: 'Scale' };
  var COLUMNS = ['result', 'rec', 'id', 'text', 'status', 'evidence', 'gaps', 'owner', 'target', 'updated', 'note'];
  var REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  // A workbook may not unpack to more than this: a small file that
  // inflates to gigabytes is refused.
  var MAX_UNPACKED = 64 * 1048576;

  function Problem(key, args) { this.problem = { key: key, args: args || [], hint: 'err.sheet.save' }; }

  function isWorkbook(bytes) {
    var b = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
    return b.length === 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
  }

  // ---- Zip ---------------------------------------------------------------
  function u16(b, i) { return b[i] | (b[i + 1] << 8); }
  function u32(b, i) { return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0; }

  function stream(bytes, transform) {
    return new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer().then(function (a) { return new Uint8Array(a); });
  }

  // unzip lists a zip's entries by name from its central directory:
  // {name: function () { return Promise of bytes }}.
  function unzip(bytes) {
    var b = new Uint8Array(bytes);
    var end = -1;
    for (var i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
      if (u32(b, i) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) { throw new Problem('err.xlsx.read', ['zip']); }
    var count = u16(b, end + 10), at = u32(b, end + 16), entries = {}, total = 0;
    for (var n = 0; n < count; n++) {
      if (at + 46 > b.length || u32(b, at) !== 0x02014b50) { throw new Problem('err.xlsx.read', ['zip']); }
      var method = u16(b, at + 10), size = u32(b, at + 20), full = u32(b, at + 24);
      var nameLen = u16(b, at + 28), extra = u16(b, at + 30), comment = u16(b, at + 32), local = u32(b, at + 42);
      var name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen));
      total += full;
      if (total > MAX_UNPACKED) { throw new Problem('err.xlsx.read', ['size']); }
      entries[name] = entry(b, method, local, size, full);
      at += 46 + nameLen + extra + comment;
    }
    return entries;
  }

  function entry(b, method, local, size, full) {
    return function () {
      if (local + 30 > b.length || u32(b, local) !== 0x04034b50) { return Promise.reject(new Problem('err.xlsx.read', ['zip'])); }
      var start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
      var data = b.subarray(start, start + size);
      if (method === 0) { return Promise.resolve(data); }
      if (method !== 8) { return Promise.reject(new Problem('err.xlsx.read', ['zip method ' + method])); }
      // Read chunk by chunk, and stop at the size the zip declares: an
      // entry that inflates beyond it is refused before it fills memory.
      var reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
      var chunks = [], got = 0;
      function more() {
        return reader.read().then(function (r) {
          if (r.done) {
            var out = new Uint8Array(got), at = 0;
            chunks.forEach(function (c) { out.set(c, at); at += c.length; });
            return out;
          }
          got += r.value.length;
          if (got > full) { reader.cancel(); throw new Problem('err.xlsx.read', ['size']); }
          chunks.push(r.value);
          return more();
        });
      }
      return more();
    };
  }

  var CRC = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(b) {
    var c = 0xffffffff;
    for (var i = 0; i < b.length; i++) { c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }

  // zip packs [name, bytes] pairs, deflated, with a fixed time (1980-01-01)
  // so that the same workbook gives the same bytes.
  function zip(files) {
    return Promise.all(files.map(function (f) { return stream(f[1], new CompressionStream('deflate-raw')); })).then(function (packed) {
      var parts = [], central = [], offset = 0, enc = new TextEncoder();
      function head(sig, f, data, name, isCentral, localAt) {
        var h = new DataView(new ArrayBuffer(isCentral ? 46 : 30));
        var p = 0;
        function w16(v) { h.setUint16(p, v, true); p += 2; }
        function w32(v) { h.setUint32(p, v, true); p += 4; }
        w32(sig);
        if (isCentral) { w16(20); }
        w16(20); w16(0x0800); w16(8); w16(0); w16(0x21);
        w32(crc32(f[1])); w32(data.length); w32(f[1].length); w16(name.length); w16(0);
        if (isCentral) { w16(0); w16(0); w16(0); w32(0); w32(localAt); }
        return new Uint8Array(h.buffer);
      }
      files.forEach(function (f, i) {
        var name = enc.encode(f[0]);
        central.push(head(0x02014b50, f, packed[i], name, true, offset), name);
        var local = head(0x04034b50, f, packed[i], name, false);
        parts.push(local, name, packed[i]);
        offset += local.length + name.length + packed[i].length;
      });
      var size = central.reduce(function (s, c) { return s + c.length; }, 0);
      var end = new DataView(new ArrayBuffer(22));
      end.setUint32(0, 0x06054b50, true);
      end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
      end.setUint32(12, size, true); end.setUint32(16, offset, true);
      return new Blob(parts.concat(central, [new Uint8Array(end.buffer)]), { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    });
  }

  // ---- Sheets ------------------------------------------------------------
  function xml(bytes) {
    var d = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
    if (d.getElementsByTagName('parsererror').length) { throw new Problem('err.xlsx.read', ['XML']); }
    return d;
  }

  function kids(node, local) {
    return Array.prototype.filter.call(node.getElementsByTagName('*'), function (e) { return e.localName === local; });
  }

  // book opens a workbook's parts: {sheets: {name: path}, strings, date1904, files}.
  function book(files) {
    function part(name) {
      if (!files[name]) { return Promise.reject(new Problem('err.xlsx.read', [name])); }
      return files[name]().then(xml);
    }
    return Promise.all([part('xl/workbook.xml'), part('xl/_rels/workbook.xml.rels'),
      files['xl/sharedStrings.xml'] ? part('xl/sharedStrings.xml') : Promise.resolve(null)]).then(function (p) {
      var targets = {};
      kids(p[1], 'Relationship').forEach(function (r) {
        var t = r.getAttribute('Target') || '';
        targets[r.getAttribute('Id')] = t.charAt(0) === '/' ? t.slice(1) : 'xl/' + t;
      });
      var sheets = {};
      kids(p[0], 'sheet').forEach(function (s) { sheets[s.getAttribute('name')] = targets[s.getAttributeNS(REL, 'id')]; });
      var pr = kids(p[0], 'workbookPr')[0];
      var d1904 = pr && /^(1|true)$/.test(pr.getAttribute('date1904') || '');
      var strings = p[2] ? kids(p[2], 'si').map(function (si) {
        return kids(si, 't').filter(function (t) { return t.parentNode.localName !== 'rPh'; }).map(function (t) { return t.textContent; }).join('');
      }) : [];
      return { sheets: sheets, strings: strings, date1904: d1904, files: files };
    });
  }

  // columnIndex is a cell reference's column, from 0: "C7" is 2.
  function columnIndex(ref) {
    var m = /^([A-Z]+)/.exec(ref || ''), n = 0;
    if (!m) { return -1; }
    for (var i = 0; i < m[1].length; i++) { n = n * 26 + m[1].charCodeAt(i) - 64; }
    return n - 1;
  }

  // cells reads a sheet into rows of {text, number} by row number (from 1).
  function cells(b, name) {
    var path = b.sheets[name];
    if (!path || !b.files[path]) { return Promise.reject(new Problem('err.xlsx.sheet', [name])); }
    return b.files[path]().then(function (bytes) {
      var d = xml(bytes), rows = {}, next = 1;
      kids(d, 'row').forEach(function (row) {
        var r = +row.getAttribute('r') || next;
        next = r + 1;
        var out = [], col = 0;
        kids(row, 'c').forEach(function (c) {
          var at = c.hasAttribute('r') ? columnIndex(c.getAttribute('r')) : col;
          col = at + 1;
          var t = c.getAttribute('t') || 'n', v = kids(c, 'v')[0], value = { text: '', number: null };
          if (t === 'inlineStr') {
            value.text = kids(c, 't').map(function (x) { return x.textContent; }).join('');
          } else if (v) {
            var s = v.textContent;
            if (t === 's') { value.text = b.strings[+s] || ''; }
            else if (t === 'n' && s !== '') { value.number = +s; value.text = String(+s); }
            else if (t === 'b') { value.text = s === '1' ? 'TRUE' : 'FALSE'; }
            else { value.text = s; }
          }
          out[at] = value;
        });
        rows[r] = out;
      });
      return rows;
    });
  }

  function text(v) { return v ? v.text : ''; }

  // serialDate turns a spreadsheet's day number into YYYY-MM-DD.
  function serialDate(n, d1904) {
    var ms = Math.round((Math.floor(n) + (d1904 ? 24107 : -25569)) * 86400000);
    return new Date(ms).toISOString().slice(0, 10);
  }

  // parseBytes reads a workbook back into base, as a CSV is:
  // Promise of {guidance, record, notes} or {problem}.
  function parseBytes(model, base, bytes, now) {
    var b;
    return Promise.resolve().then(function () {
      return book(unzip(bytes));
    }).then(function (opened) {
      b = opened;
      return Promise.all([cells(b, SHEETS.assessment), cells(b, SHEETS.details), cells(b, SHEETS.scale)]);
    }).then(function (s) {
      var sheet = s[0], details = {}, labels = {};
      Object.keys(s[1]).forEach(function (r) {
        var row = s[1][r];
        if (text(row[0])) { details[text(row[0])] = text(row[2]); }
      });
      Object.keys(s[2]).forEach(function (r) {
        if (+r > 1 && text(s[2][r][0]) && text(s[2][r][1])) { labels[text(s[2][r][0])] = text(s[2][r][1]); }
      });
      if (details['guidance.scale'] && details['guidance.scale'] !== io.SCALE) {
        return { problem: { key: 'import.error.scale', args: [details['guidance.scale'], io.SCALE] } };
      }
      var head = sheet[1] || [];
      for (var h = 0; h < Math.max(head.length, COLUMNS.length); h++) {
        var want = h < COLUMNS.length ? model.msg('csv.' + COLUMNS[h]) : '';
        if (text(head[h]) !== want) { return new Problem('err.csv.columns', [h + 1, want, text(head[h])]); }
      }
      var body = [];
      Object.keys(sheet).map(Number).sort(function (x, y) { return x - y; }).forEach(function (r) {
        if (r < 2) { return; }
        var row = [];
        for (var c = 0; c < COLUMNS.length; c++) {
          var v = sheet[r][c];
          row.push(COLUMNS[c] === 'target' && v && v.number !== null ? serialDate(v.number, b.date1904) : text(v));
        }
        if (row.every(function (x) { return x === ''; })) { return; }
        row.line = r;
        body.push(row);
      });
      var fields = {};
      ['organisation', 'unit', 'period', 'completedBy'].forEach(function (k) {
        if (details[k] !== undefined) { fields[k] = details[k].slice(0, io.LIMITS.text); }
      });
      var out = csv.table(model, base, COLUMNS, body, 2, fields, now, false, labels);
      if (out.record) { out.notes.unshift({ key: 'sheet.read.xlsx', args: [SHEETS.assessment] }); }
      return out;
    }).catch(function (e) {
      if (e instanceof Problem) { return e; }
      return new Problem('err.xlsx.read', [String(e && e.message || e)]);
    });
  }

  // ---- Export ------------------------------------------------------------
  // setCell writes text into a cell of a sheet's row, as an inline string,
  // creating the cell in column order when the row lacks it.
  function setCell(doc, row, ref, value) {
    var ns = doc.documentElement.namespaceURI;
    var c = kids(row, 'c').filter(function (x) { return x.getAttribute('r') === ref; })[0];
    if (!c) {
      c = doc.createElementNS(ns, 'c');
      c.setAttribute('r', ref);
      var after = kids(row, 'c').filter(function (x) { return columnIndex(x.getAttribute('r')) > columnIndex(ref); })[0];
      row.insertBefore(c, after || null);
    }
    while (c.firstChild) { c.removeChild(c.firstChild); }
    c.removeAttribute('t');
    if (value === '') { return; }
    c.setAttribute('t', 'inlineStr');
    var is = doc.createElementNS(ns, 'is'), t = doc.createElementNS(ns, 't');
    t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
    t.textContent = value;
    is.appendChild(t);
    c.appendChild(is);
  }

  function rowAt(doc, n) {
    var data = kids(doc, 'sheetData')[0];
    var row = kids(data, 'row').filter(function (r) { return +r.getAttribute('r') === n; })[0];
    if (!row) {
      row = doc.createElementNS(doc.documentElement.namespaceURI, 'row');
      row.setAttribute('r', String(n));
      data.appendChild(row);
    }
    return row;
  }

  function letter(i) { return String.fromCharCode(65 + i); }

  // blank loads the blank workbook's script (assessment-workbook.js, named
  // by the form's data-workbook) the first time a workbook is exported: it
  // grows with the guidance (1.7 MB at 10,000 recommendations) and most
  // visits export none. A script, not fetch, because a page opened from
  // file:// may not fetch. Promise of the workbook as base64.
  var loading = null;
  function blank() {
    if (window.riskguideWorkbook) { return Promise.resolve(window.riskguideWorkbook); }
    if (!loading) {
      loading = new Promise(function (ok, fail) {
        var s = document.createElement('script');
        s.src = document.getElementById('sa-form').getAttribute('data-workbook');
        s.onload = function () { ok(window.riskguideWorkbook || ''); };
        s.onerror = function () { loading = null; s.remove(); fail(new Error(s.src)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  // toWorkbook fills in the blank workbook with rec: Promise of a Blob.
  function toWorkbook(model, rec) {
    var files, names, b;
    return blank().then(function (text) {
      var raw = atob(text);
      var bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
      files = unzip(bytes.buffer);
      names = Object.keys(files);
      return book(files);
    }).then(function (opened) {
      b = opened;
      return Promise.all(names.map(function (n) { return files[n](); }));
    }).then(function (contents) {
      var data = {};
      names.forEach(function (n, k) { data[n] = contents[k]; });
      return cells(b, SHEETS.assessment).then(function (sheet) {
        var doc = xml(data[b.sheets[SHEETS.assessment]]), byId = {}, last = 1;
        Object.keys(sheet).forEach(function (r) {
          last = Math.max(last, +r);
          if (+r > 1 && text(sheet[r][2])) { byId[text(sheet[r][2])] = +r; }
        });
        function write(r, values) {
          var row = rowAt(doc, r);
          Object.keys(values).forEach(function (c) { setCell(doc, row, letter(+c) + r, values[c]); });
        }
        function answer(id) {
          var a = io.own(rec.answers, id) ? rec.answers[id] : { status: '', evidence: '', gaps: '', owner: '', targetDate: '', updated: '' };
          return { 4: a.status ? model.statusLabel(a.status) : '', 5: a.evidence, 6: a.gaps, 7: a.owner, 8: a.targetDate, 9: a.updated };
        }
        Object.keys(byId).forEach(function (id) { write(byId[id], answer(id)); });
        model.retired(rec).forEach(function (id) {
          last++;
          var v = answer(id);
          v[2] = id;
          v[10] = model.msg('csv.retired');
          write(last, v);
        });
        var dim = kids(doc, 'dimension')[0];
        if (dim) { dim.setAttribute('ref', 'A1:' + letter(COLUMNS.length - 1) + last); }
        data[b.sheets[SHEETS.assessment]] = new TextEncoder().encode(new XMLSerializer().serializeToString(doc));

        var det = xml(data[b.sheets[SHEETS.details]]);
        var values = {
          name: rec.name, organisation: rec.organisation, unit: rec.unit, period: rec.period, completedBy: rec.completedBy,
          id: rec.id, created: rec.created, updated: rec.updated, final: rec.final ? 'true' : 'false',
          approvedBy: rec.approvedBy, approverRole: rec.approverRole, approvedOn: rec.approvedOn
        };
        return cells(b, SHEETS.details).then(function (d) {
          Object.keys(d).forEach(function (r) {
            var k = text(d[r][0]);
            if (io.own(values, k)) { setCell(det, rowAt(det, +r), 'C' + r, values[k] || ''); }
          });
          data[b.sheets[SHEETS.details]] = new TextEncoder().encode(new XMLSerializer().serializeToString(det));
          return zip(names.map(function (n) { return [n, data[n]]; }));
        });
      });
    });
  }

  R.assessmentXLSX = { isWorkbook: isWorkbook, parseBytes: parseBytes, toWorkbook: toWorkbook, unzip: unzip };
})();
