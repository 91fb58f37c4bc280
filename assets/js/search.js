// search.js: the search engine. It loads the index that the build wrote to
// search/data/ with <script> tags (fetch is blocked on file://), a piece at a
// time, and answers queries: every word required, word prefixes matched,
// ranked first by whether the title holds every word, then by the BM25
// scores stored in the index, with a bonus where words that stand together
// in the query stand together in the text.
//
// fold, words and stem follow the rules of internal/search/rules.json,
// which the index's manifest carries (setRules): written once, for the build
// and the browser. internal/search/testdata/text-cases.json holds what both
// must make of some texts; the tests check each side against it.
(function (root) {
  'use strict';

  var SPECIAL = {}, APOSTROPHE = {}, STEM = null;

  // setRules takes the rules from the manifest.
  function setRules(r) {
    SPECIAL = r.special || {};
    APOSTROPHE = {};
    (r.apostrophes || []).forEach(function (a) { APOSTROPHE[a] = true; });
    STEM = r.stem ? suffixStemmer(r.stem) : null;
  }
  var MARK = /\p{Mn}/gu;
  var WORD_CHAR = /[\p{L}\p{Nd}]/u;
  var LETTER = /\p{L}/u;

  // foldChar lower-cases one character and drops its diacritics.
  function foldChar(c) {
    if (SPECIAL[c]) { return SPECIAL[c]; }
    return c.normalize('NFD').replace(MARK, '').toLowerCase();
  }

  function fold(s) {
    var out = '';
    for (var c of s) { out += foldChar(c); }
    return out;
  }

  // words splits text into folded words; an apostrophe inside a word is
  // dropped ("victim's" gives "victims").
  function words(s) {
    var chars = Array.from(fold(s));
    var out = [];
    var cur = '';
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (WORD_CHAR.test(c)) {
        cur += c;
      } else if (APOSTROPHE[c] && cur !== '' && i + 1 < chars.length && LETTER.test(chars[i + 1])) {
        // keep the word whole
      } else if (cur !== '') {
        out.push(cur);
        cur = '';
      }
    }
    if (cur !== '') { out.push(cur); }
    return out;
  }

  function endsWith(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function runes(s) { return Array.from(s).length; }

  // suffixStemmer returns the stemmer that rules describe (rules.json):
  // irregular words, then the first suffix that fits, then a doubled
  // letter and a final e. Lengths count characters (code points).
  function suffixStemmer(r) {
    return function (w) {
      if (Object.prototype.hasOwnProperty.call(r.irregular || {}, w)) { return r.irregular[w]; }
      if (runes(w) <= r.short) { return w; }
      for (var i = 0; i < r.suffixes.length; i++) {
        var suf = r.suffixes[i][0], rep = r.suffixes[i][1], min = r.suffixes[i][2];
        if (!endsWith(w, suf) || runes(w) - runes(suf) < min) { continue; }
        if (suf === 's' && (r.keepS || []).some(function (k) { return endsWith(w, k); })) { break; }
        w = w.slice(0, w.length - suf.length) + rep;
        if ((r.undoubleAfter || []).indexOf(suf) >= 0) {
          var c = Array.from(w), n = c.length;
          if (n >= 2 && c[n - 1] === c[n - 2] && r.undoubleExcept.indexOf(c[n - 1]) < 0) { w = c.slice(0, n - 1).join(''); }
        }
        break;
      }
      if (runes(w) > r.dropEAbove && endsWith(w, 'e')) { w = w.slice(0, w.length - 1); }
      return w;
    };
  }

  // The stemmer of the index's language, when search.js applies one (see
  // internal/search/snowball.go for the others).
  function stemmerFor() { return STEM || function (w) { return w; }; }

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) { DIGIT[ALPHABET[a]] = a; }

  // decodeNumbers reads the varints of index.go: five bits a character,
  // with a flag for "more follows".
  function decodeNumbers(s) {
    var out = [];
    var v = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s[i]];
      v += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; } else { out.push(v); v = 0; shift = 0; }
    }
    return out;
  }

  // The engine state: pieces of the index, loaded once each.
  var dataURL = null;
  var pieces = {};
  var waiting = {};

  function findDataURL() {
    var script = document.currentScript || document.querySelector('script[src*="assets/js/search.js"]');
    var src = script ? script.src : '';
    return src.replace(/assets\/js\/search\.js(\?.*)?$/, '') + 'search/data/';
  }

  // load adds the script of one piece of the index and resolves with its
  // data, which the script hands to add().
  function load(name) {
    if (pieces[name]) { return Promise.resolve(pieces[name]); }
    if (waiting[name]) { return waiting[name].promise; }
    var w = {};
    w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject; });
    waiting[name] = w;
    var el = document.createElement('script');
    // Pieces carry the hash of the index they belong to (see index.go).
    el.src = dataURL + name + '.js' + (name !== 'index' && manifest && manifest.ver ? '?v=' + manifest.ver : '');
    el.onerror = function () {
      delete waiting[name];
      w.reject(new Error('could not load the search index (' + name + ')'));
    };
    document.head.appendChild(el);
    return w.promise;
  }

  function add(name, data) {
    pieces[name] = data;
    if (waiting[name]) { waiting[name].resolve(data); delete waiting[name]; }
  }

  var manifest = null;
  var stops = {};
  var terms = {};    // shard key -> sorted array of terms
  var postings = {}; // shard key -> array of encoded postings

  function ready() {
    if (manifest) { return Promise.resolve(manifest); }
    return load('index').then(function (m) {
      manifest = m;
      setRules(m.rules || {});
      m.stop.forEach(function (w) { stops[w] = true; });
      return m;
    });
  }

  function shardsFor(word) {
    var k = manifest.keyLen;
    var key = Array.from(word).slice(0, k).join('');
    if (Array.from(word).length >= k) {
      return manifest.keys.indexOf(key) >= 0 ? [key] : [];
    }
    return manifest.keys.filter(function (s) { return s.indexOf(key) === 0; });
  }

  function loadShard(key) {
    if (terms[key]) { return Promise.resolve(); }
    return load('t-' + key).then(function (d) {
      terms[key] = d.t === '' ? [] : d.t.split('\n');
      postings[key] = d.p;
    });
  }

  // lowerBound finds the first term >= s in a sorted array.
  function lowerBound(list, s) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < s) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  var PREFIX_FACTOR = 0.5;

  // decoded caches each term's postings as typed arrays, decoded once. A
  // posting's number is its score doubled, plus one when the term is in
  // the document's title.
  var decoded = {};
  function decodePostings(id, enc) {
    var d = decoded[id];
    if (d) { return d; }
    var nums = decodeNumbers(enc);
    var n = nums.length >> 1;
    var docs = new Int32Array(n), scores = new Float32Array(n), titles = new Uint8Array(n);
    var doc = 0;
    for (var j = 0, k = 0; j + 1 < nums.length; j += 2, k++) {
      doc += nums[j];
      docs[k] = doc;
      scores[k] = Math.floor(nums[j + 1] / 2);
      titles[k] = nums[j + 1] % 2;
    }
    d = { docs: docs, scores: scores, titles: titles };
    decoded[id] = d;
    return d;
  }
  function termPostings(key, i) { return decodePostings(key + '\u0000' + i, postings[key][i]); }

  // Pairs of terms that stand together in a short text, "victim safety",
  // in the b- files: loaded only for queries of several words.
  var pairTerms = {}, pairPostings = {};
  function pairKey(pair) {
    var key = Array.from(pair).slice(0, manifest.keyLen).join('');
    return (manifest.pairKeys || []).indexOf(key) >= 0 ? key : null;
  }
  function loadPairShard(key) {
    if (pairTerms[key]) { return Promise.resolve(); }
    return load('b-' + key).then(function (d) {
      pairTerms[key] = d.t === '' ? [] : d.t.split('\n');
      pairPostings[key] = d.p;
    });
  }
  function pairMatches(pair) {
    var key = pairKey(pair);
    if (key === null || !pairTerms[key]) { return null; }
    var list = pairTerms[key], i = lowerBound(list, pair);
    if (i >= list.length || list[i] !== pair) { return null; }
    return decodePostings('b' + key + '\u0000' + i, pairPostings[key][i]);
  }

  // Work arrays, one slot per document, reused by every query. inTitle
  // says whether the word being matched is in the document's title, and
  // titled counts the query's words that are.
  var best, total, hits, touched, inTitle, titled;
  function workArrays() {
    if (best && best.length === manifest.n) { return; }
    best = new Float32Array(manifest.n);
    total = new Float64Array(manifest.n);
    hits = new Uint8Array(manifest.n);
    touched = new Int32Array(manifest.n);
    inTitle = new Uint8Array(manifest.n);
    titled = new Uint8Array(manifest.n);
  }

  // matchWord sets best[doc] to the score of one query word in each document:
  // its stem matched exactly, or (for words of two letters or more) any term
  // starting with the stem or the word. It returns how many documents it
  // touched, listed at the start of touched.
  function matchWord(word, stem, keys) {
    var n = 0;
    function addTerm(key, i, factor) {
      var p = termPostings(key, i);
      for (var k = 0; k < p.docs.length; k++) {
        var doc = p.docs[k], s = p.scores[k] * factor;
        if (best[doc] === 0) { touched[n++] = doc; }
        if (s > best[doc]) { best[doc] = s; }
        if (p.titles[k]) { inTitle[doc] = 1; }
      }
    }
    var prefixes = Array.from(word).length >= 2 ? [stem, word] : [];
    keys.forEach(function (key) {
      var list = terms[key];
      var exact = lowerBound(list, stem);
      if (exact < list.length && list[exact] === stem) { addTerm(key, exact, 1); }
      var seen = {};
      seen[exact] = list[exact] === stem;
      prefixes.forEach(function (p) {
        for (var i = lowerBound(list, p); i < list.length && list[i].indexOf(p) === 0; i++) {
          if (seen[i]) { continue; }
          seen[i] = true;
          addTerm(key, i, PREFIX_FACTOR);
        }
      });
    });
    return n;
  }

  // query resolves with the ranked documents for text: [{doc, score}].
  // filter may name a kind and a role id.
  function query(text, filter) {
    return ready().then(function () {
      var stem = stemmerFor();
      var qs = words(text).filter(function (w) { return !stops[w]; });
      if (qs.length === 0) { return []; }
      var keysByWord = qs.map(function (w) {
        var s = stem(w);
        var ks = shardsFor(s);
        shardsFor(w).forEach(function (k) { if (ks.indexOf(k) < 0) { ks.push(k); } });
        return ks;
      });
      var all = [];
      keysByWord.forEach(function (ks) { ks.forEach(function (k) { if (all.indexOf(k) < 0) { all.push(k); } }); });
      var needFilter = filter && (filter.kind || filter.role);
      // Neighbouring words of the query, as pairs of stems.
      var pairs = [];
      for (var p = 0; p + 1 < qs.length; p++) {
        var pair = stem(qs[p]) + ' ' + stem(qs[p + 1]);
        if (pairKey(pair) !== null) { pairs.push(pair); }
      }
      var pairShards = [];
      pairs.forEach(function (pr) { var k = pairKey(pr); if (pairShards.indexOf(k) < 0) { pairShards.push(k); } });
      return Promise.all(all.map(loadShard).concat(pairShards.map(loadPairShard), needFilter ? [load('f')] : [])).then(function () {
        workArrays();
        // Every word is required: a document counts only if each word
        // touched it, which hits[] tracks.
        var candidates = null;
        for (var i = 0; i < qs.length; i++) {
          var n = matchWord(qs[i], stem(qs[i]), keysByWord[i]);
          var next = [];
          for (var k = 0; k < n; k++) {
            var doc = touched[k];
            if (hits[doc] === i) {
              hits[doc] = i + 1;
              total[doc] += best[doc];
              titled[doc] += inTitle[doc];
              if (i === qs.length - 1) { next.push(doc); }
            }
            best[doc] = 0;
            inTitle[doc] = 0;
          }
          if (i < qs.length - 1) {
            next = null;
          }
          candidates = next;
        }
        pairs.forEach(function (pr) {
          var m = pairMatches(pr);
          if (!m) { return; }
          for (var k = 0; k < m.docs.length; k++) {
            if (hits[m.docs[k]] === qs.length) { total[m.docs[k]] += m.scores[k]; }
          }
        });
        var allow = needFilter ? filterDocs(filter) : null;
        var out = [];
        (candidates || []).forEach(function (doc) {
          if (!allow || allow(doc)) { out.push({ doc: doc, score: total[doc], title: titled[doc] === qs.length }); }
        });
        // A document whose title holds every word comes first: it is what
        // the reader named.
        out.sort(function (x, y) { return (y.title - x.title) || y.score - x.score || x.doc - y.doc; });
        // Reset what this query set, for the next one.
        total.fill(0);
        hits.fill(0);
        titled.fill(0);
        return out;
      });
    });
  }

  // queryAny resolves with the documents that have some words of text but
  // not all, when no document has all: [{doc, score, words}], most words
  // first, then by score. It answers a query with one word too many.
  function queryAny(text, filter) {
    return ready().then(function () {
      var stem = stemmerFor();
      var qs = words(text).filter(function (w) { return !stops[w]; });
      if (qs.length < 2) { return []; }
      var keysByWord = qs.map(function (w) {
        var ks = shardsFor(stem(w));
        shardsFor(w).forEach(function (k) { if (ks.indexOf(k) < 0) { ks.push(k); } });
        return ks;
      });
      var all = [];
      keysByWord.forEach(function (ks) { ks.forEach(function (k) { if (all.indexOf(k) < 0) { all.push(k); } }); });
      var needFilter = filter && (filter.kind || filter.role);
      return Promise.all(all.map(loadShard).concat(needFilter ? [load('f')] : [])).then(function () {
        workArrays();
        var count = new Uint8Array(manifest.n), sum = new Float64Array(manifest.n), seen = [];
        for (var i = 0; i < qs.length; i++) {
          var n = matchWord(qs[i], stem(qs[i]), keysByWord[i]);
          for (var k = 0; k < n; k++) {
            var doc = touched[k];
            if (count[doc] === 0) { seen.push(doc); }
            count[doc]++;
            sum[doc] += best[doc];
            best[doc] = 0;
            inTitle[doc] = 0;
          }
        }
        var allow = needFilter ? filterDocs(filter) : null;
        var out = [];
        seen.forEach(function (doc) {
          if (!allow || allow(doc)) { out.push({ doc: doc, score: sum[doc], words: count[doc] }); }
        });
        out.sort(function (x, y) { return (y.words - x.words) || y.score - x.score || x.doc - y.doc; });
        return out;
      });
    });
  }

  var roleDocs = {};
  function filterDocs(filter) {
    var f = pieces.f;
    var kind = filter.kind ? manifest.kinds.indexOf(filter.kind) : -1;
    var inRole = null;
    if (filter.role) {
      var ri = -1;
      manifest.roles.forEach(function (r, i) { if (r[0] === filter.role) { ri = i; } });
      if (!roleDocs[ri]) {
        var set = new Set();
        if (ri >= 0) {
          var doc = 0;
          decodeNumbers(f.r[ri]).forEach(function (gap) { doc += gap; set.add(doc); });
        }
        roleDocs[ri] = set;
      }
      inRole = roleDocs[ri];
    }
    return function (doc) {
      if (kind >= 0 && f.k.charCodeAt(doc) - 48 !== kind) { return false; }
      if (inRole && !inRole.has(doc)) { return false; }
      return true;
    };
  }

  // chunkOf finds the piece holding doc: the last whose first document is
  // at or before it.
  function chunkOf(starts, doc) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= doc) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  // describe resolves with what a result shows: kind, number, title and
  // address from the site root, and, if withText, the text for a snippet
  // (a separate, larger piece of the index) and, for a page with headings,
  // its sections: [{id, title, text, rest}], where rest holds the terms of
  // a text too long to keep whole (see sectionsEntry in index.go).
  function describe(doc, withText) {
    var mi = chunkOf(manifest.metaStarts, doc), xi = chunkOf(manifest.textStarts, doc);
    var wanted = [load('m-' + mi)];
    if (withText) { wanted.push(load('x-' + xi)); }
    return Promise.all(wanted).then(function (d) {
      var m = d[0].d[doc - manifest.metaStarts[mi]];
      var x = withText ? d[1].x[doc - manifest.textStarts[xi]] : '';
      var out = {
        doc: doc, kind: manifest.kinds[m[0]], label: m[1], title: m[2], url: m[3], lang: m[4] || '',
        text: typeof x === 'string' ? x : '', sections: null
      };
      if (Array.isArray(x)) {
        out.sections = x.map(function (e) { return { id: e[0], title: e[1], text: e[2], rest: e[3] || '' }; });
        out.text = out.sections.map(function (e) { return e.title ? e.title + ' ' + e.text : e.text; }).join(' ');
      }
      return out;
    });
  }

  // queryTerms are the words of a query that count, with their stems.
  function queryTerms(query) {
    var stem = stemmerFor();
    return words(query).filter(function (w) { return !stops[w]; }).map(function (w) { return { word: w, stem: stem(w) }; });
  }

  // termMatches says whether a term of a text matches a query word as the
  // index matches it (matchWord): the stem itself, or, for a query word of
  // two letters or more, a term starting with its stem or with the word.
  function termMatches(t, q) {
    if (t === q.stem) { return true; }
    return Array.from(q.word).length >= 2 && (t.indexOf(q.stem) === 0 || t.indexOf(q.word) === 0);
  }

  // textTerms are the terms of a text: each word and its stem.
  function textTerms(text) {
    var stem = stemmerFor(), out = [];
    words(text).forEach(function (w) { out.push(w); var s = stem(w); if (s !== w) { out.push(s); } });
    return out;
  }

  // place finds where in a page a result's words are: the section holding
  // the most of them (at least want, which is every word for a result that
  // has them all), those in its heading counting more, then the most
  // mentions; and how many other sections hold as many. It resolves to
  // {section, more}, section null when the page itself is the place: its
  // title holds every word, or no section holds enough of them alone.
  // The text before the first heading is the page's too.
  function place(d, query, want) {
    var qs = queryTerms(query);
    if (!d.sections || qs.length === 0) { return { section: null, more: [] }; }
    want = Math.min(want || qs.length, qs.length);
    var scored = d.sections.map(function (sec) {
      var head = textTerms(sec.title), body = textTerms(sec.text).concat(sec.rest ? sec.rest.split(' ') : []);
      var found = 0, score = 0;
      qs.forEach(function (q) {
        var h = head.filter(function (t) { return termMatches(t, q); }).length;
        var b = body.filter(function (t) { return termMatches(t, q); }).length;
        if (h + b > 0) { found++; }
        score += 3 * h + b;
      });
      return { sec: sec, found: found, score: score };
    });
    var held = scored.filter(function (x) { return x.found >= want; });
    var titleTerms = textTerms(d.title);
    var inTitle = qs.every(function (q) { return titleTerms.some(function (t) { return termMatches(t, q); }); });
    var best = null;
    if (!inTitle) {
      held.forEach(function (x) { if (!best || x.score > best.score) { best = x; } });
    }
    var more = held.filter(function (x) { return x !== best && x.sec.id !== ''; }).map(function (x) { return x.sec; });
    return { section: best && best.sec.id !== '' ? best.sec : null, more: more };
  }

  // highlight splits text into runs, marking every word that starts with a
  // query word or its stem. Runs are {text, mark}; callers build DOM text
  // nodes from them, so nothing in the index is ever parsed as HTML.
  function highlight(text, query, maxLength) {
    var stem = stemmerFor();
    var qs = [];
    words(query).forEach(function (w) { if (!stops[w]) { qs.push(w); qs.push(stem(w)); } });
    var chars = Array.from(text);
    var folded = chars.map(foldChar);
    var marks = [];
    var first = -1;
    for (var i = 0; i < chars.length;) {
      if (!WORD_CHAR.test(folded[i])) { i++; continue; }
      var j = i, w = '';
      while (j < chars.length && WORD_CHAR.test(folded[j])) { w += folded[j]; j++; }
      if (qs.some(function (q) { return q !== '' && w.indexOf(q) === 0; })) {
        marks.push([i, j]);
        if (first < 0) { first = i; }
      }
      i = j;
    }
    var start = 0, end = chars.length;
    if (maxLength && chars.length > maxLength) {
      start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(maxLength / 3));
      while (start > 0 && chars[start - 1] !== ' ') { start--; }
      end = Math.min(chars.length, start + maxLength);
      while (end < chars.length && chars[end] !== ' ') { end++; }
    }
    var runs = [];
    if (start > 0) { runs.push({ text: '… ', mark: false }); }
    var pos = start;
    marks.forEach(function (m) {
      if (m[1] <= start || m[0] >= end) { return; }
      var a = Math.max(m[0], start), b = Math.min(m[1], end);
      if (a > pos) { runs.push({ text: chars.slice(pos, a).join(''), mark: false }); }
      runs.push({ text: chars.slice(a, b).join(''), mark: true });
      pos = b;
    });
    if (pos < end) { runs.push({ text: chars.slice(pos, end).join(''), mark: false }); }
    if (end < chars.length) { runs.push({ text: ' …', mark: false }); }
    return runs;
  }

  root.riskguideSearch = {
    add: add,
    query: query,
    queryAny: queryAny,
    describe: describe,
    place: place,
    highlight: highlight,
    ready: ready,
    manifest: function () { return manifest; },
    // exposed for the tests that compare them with the Go rules
    setRules: setRules,
    fold: fold,
    words: words,
    stem: function (w) { return stemmerFor()(w); },
    // terms are the terms a query text looks up: its words without stop
    // words, stemmed.
    terms: function (text) {
      var stem = stemmerFor();
      return words(text).filter(function (w) { return !stops[w]; }).map(function (w) { return stem(w); });
    }
  };
  if (typeof document !== 'undefined') { dataURL = findDataURL(); }
})(typeof window !== 'undefined' ? window : this);
