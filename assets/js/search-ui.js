// search-ui.js: the search box in every page's header, with results as you
// type (an ARIA combobox: arrow keys move, Enter opens, Escape closes), and
// the full search page, which reads ?q=, &kind= and &role= so that a search
// can be linked to, from file:// too. Results are built from text nodes only.
(function () {
  'use strict';
  var engine = window.riskguideSearch;
  if (!engine) { return; }

  // siteRoot is the address of the site's root folder, from this script's.
  var me = document.querySelector('script[src*="assets/js/search-ui.js"]');
  var siteRoot = me ? me.src.replace(/assets\/js\/search-ui\.js(\?.*)?$/, '') : '';

  function msg(key, n) {
    var m = engine.manifest();
    var s = (m && m.msg && m.msg[key]) || key;
    return n === undefined ? s : s.replace('%d', String(n));
  }

  // plural returns the string of key for the count n, in the form the
  // count takes in the page's language by the browser's CLDR rules, where
  // the strings have one (key.one, key.few...), else other: key itself,
  // the form of every other number (see pluralForm in internal/render).
  var pluralRules = null;
  function plural(key, n, other) {
    if (!pluralRules) {
      try { pluralRules = new Intl.PluralRules(document.documentElement.lang || 'en'); } catch (e) { pluralRules = new Intl.PluralRules('en'); }
    }
    var m = engine.manifest(), form = key + '.' + pluralRules.select(n);
    return msg(m && m.msg && m.msg[form] ? form : (other || key), n);
  }

  // countText says how many results; the strings have count.one and
  // count.many.
  function countText(n) { return plural('count', n, 'count.many'); }

  // sectionEl names the section of a page a result leads to, its words
  // marked.
  function sectionEl(tag, sec, q, lang) {
    var el = document.createElement(tag);
    el.className = 'search-section';
    appendRuns(el, engine.highlight(sec.title, q));
    if (lang) { el.lang = lang; }
    return el;
  }

  // resultURL turns an address from the site root into one for this page;
  // absolute, so it works wherever the page is.
  function resultURL(url) { return siteRoot + url; }

  function appendRuns(el, runs) {
    runs.forEach(function (r) {
      if (r.mark) {
        var m = document.createElement('mark');
        m.textContent = r.text;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(r.text));
      }
    });
  }

  function kindLabel(d) {
    var k = msg('kind.' + d.kind);
    return d.label ? k + ' ' + d.label : k;
  }

  // ---- the header box ----
  var box = document.querySelector('[data-search-box]');
  if (box) { setUpBox(box); }

  function setUpBox(input) {
    var form = input.form;
    var list = document.createElement('ul');
    list.id = 'site-search-results';
    list.className = 'search-popup';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', form.querySelector('label').textContent);
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    form.appendChild(status);

    var active = -1;
    var options = [];
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function setActive(i) {
      options.forEach(function (o, j) { o.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      active = i;
      if (i >= 0) {
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    var label = list.getAttribute('aria-label');

    // show lists results; partial says they have only some of the words.
    function show(q, results, total, partial) {
      // Results of an earlier keystroke may arrive after the reader moved to
      // an option: keep that option selected if it is still listed.
      var keep = active >= 0 ? options[active].dataset.href : null;
      list.dataset.query = q;
      list.textContent = '';
      options = [];
      list.setAttribute('aria-label', partial ? msg('partial') : label);
      if (partial) {
        // Said by the list's name and the status; shown once here.
        var note = document.createElement('li');
        note.className = 'search-note';
        note.setAttribute('aria-hidden', 'true');
        note.textContent = msg('partial');
        list.appendChild(note);
      }
      results.forEach(function (d, i) {
        var li = document.createElement('li');
        li.id = 'site-search-option-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.href = resultURL(d.url);
        var kind = document.createElement('span');
        kind.className = 'search-kind';
        kind.textContent = kindLabel(d);
        var title = document.createElement('span');
        title.className = 'search-title';
        appendRuns(title, engine.highlight(d.title, q));
        if (d.lang) { title.lang = d.lang; }
        li.appendChild(kind);
        li.appendChild(title);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { window.location.href = li.dataset.href; });
        list.appendChild(li);
        options.push(li);
      });
      if (total > results.length) {
        var more = document.createElement('li');
        more.id = 'site-search-option-more';
        more.setAttribute('role', 'option');
        more.setAttribute('aria-selected', 'false');
        more.className = 'search-more';
        more.textContent = msg('more') + ' (' + countText(total) + ')';
        more.dataset.href = form.action + (form.action.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q);
        more.addEventListener('mousedown', function (e) { e.preventDefault(); });
        more.addEventListener('click', function () { window.location.href = more.dataset.href; });
        list.appendChild(more);
        options.push(more);
      }
      if (total === 0) {
        var none = document.createElement('li');
        none.className = 'search-none';
        none.textContent = msg('none');
        list.appendChild(none);
      }
      status.textContent = total === 0 ? msg('none') : (partial ? msg('partial') + ': ' : '') + countText(total);
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      var again = -1;
      options.forEach(function (o, i) { if (keep && o.dataset.href === keep) { again = i; } });
      setActive(again);
    }

    function run() {
      var q = input.value.trim();
      var ticket = ++latest;
      if (q.length < 2) { close(); return; }
      engine.query(q).then(function (hits) {
        if (hits.length > 0) { return { hits: hits, partial: false }; }
        return engine.queryAny(q).then(function (some) { return { hits: some, partial: some.length > 0 }; });
      }).then(function (r) {
        return Promise.all(r.hits.slice(0, 6).map(function (h) { return engine.describe(h.doc); }))
          .then(function (ds) {
            if (ticket !== latest) { return; }
            show(q, ds, r.hits.length, r.partial);
            return excerpts(q, ds, ticket, r.partial ? r.hits.map(function (h) { return h.words; }) : []);
          });
      }).catch(function () {
        if (ticket !== latest) { return; }
        list.textContent = '';
        var li = document.createElement('li');
        li.className = 'search-none';
        li.textContent = msg('failed');
        list.appendChild(li);
        list.hidden = false;
      });
    }

    // excerpts adds to each result shown an excerpt around its best match,
    // which shows why it is there, and, on a page with headings, the
    // section that holds the words, which the result then leads to, and
    // how many more do. Texts come in pieces of the index larger than the
    // titles: the results show at once, and their excerpts one after
    // another, so that the first costs one piece. wants are, for results
    // with only some of the words, how many each has.
    function excerpts(q, ds, ticket, wants) {
      return ds.reduce(function (done, d, i) {
        return done.then(function () {
          if (ticket !== latest) { return; }
          return engine.describe(d.doc, true).then(function (full) {
            var li = options[i];
            if (ticket !== latest || !li) { return; }
            var where = engine.place(full, q, wants[i]);
            var text = full.text;
            if (where.section) {
              li.dataset.href = resultURL(full.url) + '#' + where.section.id;
              li.appendChild(sectionEl('span', where.section, q, full.lang));
              text = where.section.text || text;
            }
            if (text) {
              var snippet = document.createElement('span');
              snippet.className = 'search-snippet';
              appendRuns(snippet, engine.highlight(text, q, 110));
              if (full.lang) { snippet.lang = full.lang; }
              li.appendChild(snippet);
            }
            if (where.more.length) {
              var here = document.createElement('span');
              here.className = 'search-here';
              here.textContent = plural('here', where.more.length);
              li.appendChild(here);
            }
          });
        });
      }, Promise.resolve());
    }

    // Enter submits the form; with an option chosen, it opens that option.
    form.addEventListener('submit', function (e) {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        window.location.href = options[active].dataset.href;
      }
    });
    input.addEventListener('focus', function () { engine.ready().catch(function () {}); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden && e.key === 'ArrowDown' && input.value.trim().length >= 2) { run(); return; }
      if (list.hidden) { return; }
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (options.length) { setActive(active + 1 >= options.length ? 0 : active + 1); }
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (options.length) { setActive(active <= 0 ? options.length - 1 : active - 1); }
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        window.location.href = options[active].dataset.href;
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  // ---- the search page ----
  var page = document.getElementById('search-form');
  if (page) { setUpPage(page); }

  function setUpPage(form) {
    var q = form.querySelector('#search-q');
    var kind = form.querySelector('#search-kind');
    var role = form.querySelector('#search-role');
    var status = document.getElementById('search-status');
    var results = document.getElementById('search-results');
    var all = document.getElementById('search-all');
    // The heading over results that have only some of the words.
    var partialNote = document.createElement('h2');
    partialNote.className = 'search-partial';
    partialNote.id = 'search-partial';
    partialNote.hidden = true;
    results.parentNode.insertBefore(partialNote, results);
    var params = new URLSearchParams(window.location.search);
    q.value = params.get('q') || '';
    kind.value = params.get('kind') || '';
    role.value = params.get('role') || '';
    var latest = 0;

    function remember() {
      var p = new URLSearchParams();
      if (q.value.trim()) { p.set('q', q.value.trim()); }
      if (kind.value) { p.set('kind', kind.value); }
      if (role.value) { p.set('role', role.value); }
      var s = p.toString();
      try {
        window.history.replaceState(null, '', window.location.pathname + (s ? '?' + s : ''));
      } catch (e) { /* some file:// setups refuse; the search still works */ }
    }

    function run() {
      var text = q.value.trim();
      var ticket = ++latest;
      results.textContent = '';
      partialNote.hidden = true;
      remember();
      if (text.length < 2) {
        status.textContent = text ? msg('hint') : '';
        all.hidden = false;
        return;
      }
      status.textContent = msg('loading');
      var filter = { kind: kind.value, role: role.value };
      partialNote.hidden = true;
      engine.query(text, filter).then(function (hits) {
        if (hits.length > 0) { return { hits: hits, partial: false }; }
        return engine.queryAny(text, filter).then(function (some) { return { hits: some, partial: some.length > 0 }; });
      }).then(function (r) {
        var hits = r.hits;
        if (ticket !== latest) { return; }
        status.textContent = hits.length ? countText(hits.length) : msg('none');
        partialNote.textContent = msg('partial');
        partialNote.hidden = !r.partial;
        all.hidden = hits.length > 0;
        var shown = hits.slice(0, 50);
        var slots = shown.map(function () {
          var li = document.createElement('li');
          results.appendChild(li);
          return li;
        });
        shown.forEach(function (h, i) {
          engine.describe(h.doc, true).then(function (d) {
            if (ticket === latest) { fill(slots[i], d, text, r.partial ? h.words : 0); }
          });
        });
      }).catch(function () {
        if (ticket === latest) { status.textContent = msg('failed'); }
      });
    }

    // fill shows one result: its kind, its title linked, on a page with
    // headings the section holding the words, which the link leads to, an
    // excerpt, and the other sections that hold the words, folded. want is,
    // for a result with only some of the words, how many it has.
    function fill(li, d, text, want) {
      li.className = 'search-result';
      var kindEl = document.createElement('p');
      kindEl.className = 'search-kind';
      kindEl.textContent = kindLabel(d);
      var where = engine.place(d, text, want);
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = resultURL(d.url) + (where.section ? '#' + where.section.id : '');
      appendRuns(a, engine.highlight(d.title, text));
      h.appendChild(a);
      var snippet = document.createElement('p');
      snippet.className = 'search-snippet';
      appendRuns(snippet, engine.highlight((where.section && where.section.text) || d.text, text, 220));
      // A text shown untranslated on a translated site is in the source
      // language: screen readers and hyphenation follow lang.
      if (d.lang) { a.lang = d.lang; snippet.lang = d.lang; }
      li.appendChild(kindEl);
      li.appendChild(h);
      if (where.section) { li.appendChild(sectionEl('p', where.section, text, d.lang)); }
      li.appendChild(snippet);
      if (where.more.length) {
        var more = document.createElement('details');
        more.className = 'search-here';
        var summary = document.createElement('summary');
        summary.textContent = plural('here', where.more.length);
        var list = document.createElement('ul');
        where.more.forEach(function (sec) {
          var item = document.createElement('li');
          var link = document.createElement('a');
          link.href = resultURL(d.url) + '#' + sec.id;
          appendRuns(link, engine.highlight(sec.title, text));
          if (d.lang) { link.lang = d.lang; }
          item.appendChild(link);
          list.appendChild(item);
        });
        more.appendChild(summary);
        more.appendChild(list);
        li.appendChild(more);
      }
    }

    var timer = null;
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    kind.addEventListener('change', run);
    role.addEventListener('change', run);
    q.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var firstLink = results.querySelector('h2 a');
        if (firstLink) { e.preventDefault(); firstLink.focus(); }
      }
    });
    results.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
      var links = Array.prototype.slice.call(results.querySelectorAll('h2 a'));
      var i = links.indexOf(document.activeElement);
      if (i < 0) { return; }
      e.preventDefault();
      if (e.key === 'ArrowDown' && i + 1 < links.length) { links[i + 1].focus(); }
      if (e.key === 'ArrowUp') { (i > 0 ? links[i - 1] : q).focus(); }
    });
    run();
  }
})();
