package serve

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// poll evaluates expr in the page until it returns want, or fails the test.
// A live reload may be under way, so expr must not assume the document has
// loaded.
func poll(t *testing.T, pg *browsertest.Page, expr, want, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	got := ""
	for time.Now().Before(deadline) {
		if got = browsertest.Eval[string](pg, expr); got == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: got %q, want %q", what, got, want)
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
	deadline := time.Now().Add(20 * time.Second)
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
