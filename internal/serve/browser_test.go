package serve

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// poll evaluates expr in the page until it returns want, or fails the test.
// A live reload may be under way, so expr must not assume the document has
// loaded, and an evaluation that meets the document being replaced
// ("Inspected target navigated or closed") is tried again.
func poll(t *testing.T, pg *browsertest.Page, expr, want, what string) {
	t.Helper()
	deadline := browsertest.Deadline(t)
	got, last := "", error(nil)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(pg.Context(), chromedp.Evaluate[string](expr))
		if got, last = v, err; err == nil && got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: got %q (last error: %v), want %q", what, got, last, want)
}

const overlayText = `(function () {
  var o = document.getElementById('riskguide-problems');
  return o && !o.hidden ? o.textContent : '';
})()`

// TestBrowserLiveReload is the editor's view in a real browser, under the
// strict Content-Security-Policy the server sends: an edit reloads the page,
// a broken edit puts the problems over it, and the fix takes them away.
func TestBrowserLiveReload(t *testing.T) {
	b := browsertest.Shared(t)
	p := start(t, newSite(t))
	pg := b.NewPage(t)
	pg.Navigate(p.URL() + "about/index.html")
	title := browsertest.Eval[string](pg, `document.title`)

	site := p.read(t, "content/site.yaml")
	p.write(t, "content/site.yaml", strings.Replace(site, "title: Risk management of intimate partner violence", "title: Edited in the browser test", 1))
	poll(t, pg, `document.title.indexOf('Edited in the browser test') >= 0 ? 'yes' : 'no'`, "yes", "title after an edit")

	roles := p.read(t, "content/roles.yaml")
	p.write(t, "content/roles.yaml", "roles:\n  - id: Bad_ID\n    name: X\n")
	deadline := browsertest.Deadline(t)
	text := ""
	for time.Now().Before(deadline) && !strings.Contains(text, "content/roles.yaml:2:9") {
		time.Sleep(50 * time.Millisecond)
		text = browsertest.Eval[string](pg, overlayText)
	}
	if !strings.Contains(text, "content/roles.yaml:2:9") || !strings.Contains(text, `invalid id "Bad_ID"`) {
		t.Fatalf("overlay: %q", text)
	}
	if got := browsertest.Eval[string](pg, `getComputedStyle(document.getElementById('riskguide-problems')).position`); got != "fixed" {
		t.Errorf("overlay is not styled (position %q): reload.css not applied", got)
	}
	for _, v := range pg.Axe() {
		if strings.Contains(strings.Join(v.Nodes, " "), "riskguide-problems") {
			t.Errorf("overlay: axe: %s", v)
		}
	}

	// A page opened while the content is broken shows the problems too.
	other := b.NewPage(t)
	other.Navigate(p.URL())
	poll(t, other, `(`+overlayText+`).indexOf('content/roles.yaml:2:9') >= 0 ? 'yes' : 'no'`, "yes", "overlay on a page opened while broken")

	p.write(t, "content/roles.yaml", roles)
	for _, page := range []*browsertest.Page{pg, other} {
		poll(t, page, overlayText, "", "overlay after the fix")
	}
	if got := browsertest.Eval[string](pg, `document.title`); got == title || !strings.Contains(got, "Edited in the browser test") {
		t.Errorf("title after the fix: %q", got)
	}

	for _, page := range []*browsertest.Page{pg, other} {
		page.CheckClean()
	}
}

// TestBrowserNotFound checks serve's own page, which also reloads into the
// real page once it exists.
func TestBrowserNotFound(t *testing.T) {
	b := browsertest.Shared(t)
	p := start(t, newSite(t))
	pg := b.NewPage(t)
	pg.Navigate(p.URL() + "new-page/index.html")
	if h := browsertest.Eval[string](pg, `document.querySelector('h1').textContent`); h != "Page not found" {
		t.Errorf("h1 = %q", h)
	}
	browsertest.FailOnAxe(t, "not found page", pg.Axe())
	if v := pg.CSPViolations(); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}

	p.write(t, "content/pages/new-page.md", "---\ntitle: A new page\n---\nHello.\n")
	poll(t, pg, `(document.querySelector('h1') || {}).textContent || ''`, "A new page", "h1 once the page exists")
}

// probeJS is loaded by a page on another origin that wants the preview's
// drafts: it catches what the search index's pieces hand to
// riskguideSearch.add, and includes any address as a script.
const probeJS = `window.got = [];
window.done = [];
window.riskguideSearch = { add: function (name) { window.got.push(name); } };
window.include = function (src) {
  var s = document.createElement('script');
  s.src = src;
  s.onload = function () { window.done.push('load ' + src); };
  s.onerror = function () { window.done.push('error ' + src); };
  document.head.appendChild(s);
};
`

// TestBrowserOtherOriginsReadNothing is the attack of a page on another
// origin, in a real browser: it defines riskguideSearch and includes the
// preview's search index as scripts. From another port on 127.0.0.1 (the
// same site, another origin: only Cross-Origin-Resource-Policy stops it),
// from a page on another site, and from a file:// page (both refused by
// their Sec-Fetch-Site as well), it gets nothing; the same page includes a
// script from its own server (the control that the wait would have seen
// a piece), and the preview's own page still reads its index.
func TestBrowserOtherOriginsReadNothing(t *testing.T) {
	b := browsertest.Shared(t)
	p := start(t, newSite(t))
	_, port, _ := net.SplitHostPort(p.listener.Addr().String())

	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html": "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Another origin</title>\n" +
			"<script src=\"probe.js\"></script></head><body><p>Another origin</p></body></html>\n",
		"probe.js":   probeJS,
		"control.js": `riskguideSearch.add("control", {});` + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := browsertest.ServeDir(t, dir, nil)
	targets := []string{
		other + "control.js",
		"http://127.0.0.1:" + port + "/search/data/index.js",
		"http://127.0.0.1:" + port + "/search/data/f.js",
		"http://localhost:" + port + "/search/data/index.js",
	}
	include := func(pg *browsertest.Page) []string {
		t.Helper()
		for _, u := range targets {
			browsertest.Eval[bool](pg, `include(`+strconv.Quote(u)+`), true`)
		}
		poll(t, pg, `String(window.done.length)`, strconv.Itoa(len(targets)), "scripts settled")
		return browsertest.Eval[[]string](pg, `window.got`)
	}
	for _, from := range []string{other + "index.html", browsertest.FileURL(dir, "index.html")} {
		pg := b.NewPage(t)
		pg.Navigate(from)
		if got := include(pg); !slices.Equal(got, []string{"control"}) {
			t.Errorf("a page at %s read %q from the preview (want only its own control)", from, got)
		}
	}

	// The preview's own page reads its index as before.
	pg := b.NewPage(t)
	pg.Navigate(p.URL())
	browsertest.Eval[bool](pg, probeJS+"true")
	browsertest.Eval[bool](pg, `include('search/data/index.js'), true`)
	poll(t, pg, `window.got.join(' ')`, "index", "the preview's own page including its index")
}
