// Runs queries against a built site's search index with the real
// assets/js/search.js, in node: script elements are read from disk and
// evaluated as a browser would. Usage: node run-queries.js SITE_DIR < queries.json
// where queries.json is [{"q": "...", "kind": "", "role": ""}, ...].
// Prints, per query, the ranked documents' addresses and how long it took.
'use strict';
const vm = require('vm');
const fs = require('fs');
const path = require('path');

const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
const ctx = { URLSearchParams, setTimeout, Promise };
ctx.window = ctx;
ctx.document = {
  currentScript: { src: 'file://' + path.join(site, 'assets/js/search.js') },
  head: {
    appendChild(el) {
      const file = el.src.replace(/^file:\/\//, '').replace(/\?.*$/, '');
      setTimeout(() => {
        try {
          vm.runInContext(fs.readFileSync(file, 'utf8'), ctx);
        } catch (e) {
          if (el.onerror) { el.onerror(e); }
        }
      }, 0);
    }
  },
  createElement() { return {}; },
  querySelector() { return null; }
};
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(site, 'assets/js/search.js'), 'utf8'), ctx);
const engine = ctx.riskguideSearch;

(async () => {
  const out = [];
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const hits = await engine.query(q.q, { kind: q.kind || '', role: q.role || '' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const docs = [];
    for (const h of hits.slice(0, 10)) {
      const d = await engine.describe(h.doc, true);
      docs.push({ url: d.url, kind: d.kind, title: d.title, snippet: engine.highlight(d.text, q.q, 200) });
    }
    out.push({ q: q.q, total: hits.length, ms, docs });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
