package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestSearchEverywhere opens the search page with ?q= from disk, from
// http.FileServer and under nginx's sub-path, all with the strict CSP: the
// query runs, results carry their kind, number and marked words, their links
// work, and nothing leaves the site or breaks the policy.
func TestSearchEverywhere(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	for _, h := range hosts(t, s) {
		t.Run(h.Name, func(t *testing.T) {
			t.Parallel()
			p := b.NewPage(t)
			p.Navigate(h.URL("search/index.html") + "?q=information%20sharing")
			waitResults(t, p)
			results := browsertest.Eval[[]map[string]string](p, `Array.from(document.querySelectorAll('#search-results > li')).map(li => ({
				kind: li.querySelector('.search-kind').textContent,
				title: li.querySelector('h2 a').textContent,
				href: li.querySelector('h2 a').href,
				marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent.toLowerCase()).join(' ')
			}))`)
			var protocol, rec bool
			for _, r := range results {
				protocol = protocol || strings.Contains(r["href"], "protocols/information-sharing-agreement/index.html")
				rec = rec || (strings.Contains(r["href"], "recommendations/information-sharing-protocols/index.html") && r["kind"] == "Recommendation 5.2")
				if !strings.Contains(r["marks"], "shar") && !strings.Contains(r["marks"], "information") {
					t.Errorf("result %q has no marked words", r["title"])
				}
			}
			if !protocol || !rec {
				t.Errorf("want the template and recommendation 5.2 among %v", results)
			}
			if got := browsertest.Eval[bool](p, `document.getElementById('search-all').hidden`); !got {
				t.Error("the list of every recommendation should give way to the results")
			}
			p.CheckClean()
			// The first result's link leads to a real page.
			p.Do(chromedp.Click(chromedp.CSS(`#search-results > li:first-child h2 a`)))
			p.Do(chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if strings.Contains(p.URL(), "search/") {
				t.Errorf("clicking a result stayed on %s", p.URL())
			}
			p.CheckClean()
		})
	}
}

// TestSearchFilters checks the kind and role filters, from the address.
func TestSearchFilters(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("search/index.html") + "?q=training&kind=checklist&role=training-lead")
	waitResults(t, p)
	got := browsertest.Eval[[]string](p, `Array.from(document.querySelectorAll('#search-results h2 a')).map(a => a.getAttribute('href'))`)
	if len(got) != 1 || !strings.HasSuffix(got[0], "checklists/training-lead/index.html") {
		t.Errorf("kind=checklist&role=training-lead gave %v", got)
	}
	if v := browsertest.Eval[string](p, `document.getElementById('search-kind').value + '/' + document.getElementById('search-role').value`); v != "checklist/training-lead" {
		t.Errorf("filters not taken from the address: %s", v)
	}
}

// TestSearchBoxKeyboard types into the header box of an ordinary page and
// picks a result with the arrow keys and Enter, as a keyboard user would.
func TestSearchBoxKeyboard(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("sources/index.html"))
	p.Do(
		chromedp.Focus(chromedp.CSS(`#site-search-q`)),
		chromedp.SendKeys(chromedp.CSS(`#site-search-q`), "children"),
		chromedp.WaitVisible(chromedp.CSS(`#site-search-results[data-query="children"] [role=option]`)),
	)
	if v := browsertest.Eval[string](p, `document.getElementById('site-search-q').getAttribute('aria-expanded')`); v != "true" {
		t.Errorf("aria-expanded = %q with results shown", v)
	}
	if v := p.Axe(); len(v) > 0 {
		browsertest.FailOnAxe(t, "search box with results open", v)
	}
	p.Do(chromedp.KeyEvent(kb.ArrowDown))
	active := browsertest.Eval[string](p, `(() => { const id = document.getElementById('site-search-q').getAttribute('aria-activedescendant'); const o = document.getElementById(id); return o && o.getAttribute('aria-selected') === 'true' ? o.textContent : ''; })()`)
	if !strings.Contains(strings.ToLower(active), "children") {
		t.Fatalf("ArrowDown selected %q, want the children recommendation first", active)
	}
	p.Do(chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if !strings.Contains(p.URL(), "recommendations/children-needs/index.html") {
		t.Errorf("Enter went to %s", p.URL())
	}
	// Escape closes the list.
	p.Do(
		chromedp.SendKeys(chromedp.CSS(`#site-search-q`), "safety"),
		chromedp.WaitVisible(chromedp.CSS(`#site-search-results[data-query="safety"] [role=option]`)),
		chromedp.KeyEvent(kb.Escape),
	)
	if hidden := browsertest.Eval[bool](p, `document.getElementById('site-search-results').hidden`); !hidden {
		t.Error("Escape did not close the results")
	}
	// Enter with nothing selected goes to the full search page with the query.
	p.Do(chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`#search-results > li h2 a`)))
	if u := p.URL(); !strings.Contains(u, "search/index.html?q=") || !strings.Contains(u, "safety") {
		t.Errorf("Enter submitted to %s", u)
	}
}

// TestSearchPageKeyboard moves from the query field through the results
// with the arrow keys.
func TestSearchPageKeyboard(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("search/index.html") + "?q=victim")
	waitResults(t, p)
	p.Do(chromedp.Focus(chromedp.CSS(`#search-q`)), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	idx := browsertest.Eval[int](p, `Array.from(document.querySelectorAll('#search-results a')).indexOf(document.activeElement)`)
	if idx != 1 {
		t.Errorf("two ArrowDowns focus result %d, want 1", idx)
	}
}

// TestSearchWithoutJavaScript: the search page lists every recommendation.
func TestSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.DisableScripts()
	p.Navigate(fileHost(s).URL("search/index.html") + "?q=children")
	n := browsertest.Eval[int](p, `document.querySelectorAll('#search-all .rec-list a').length`)
	if n != len(s.Site.AllRecommendations()) {
		t.Errorf("without scripts the search page lists %d recommendations, want %d", n, len(s.Site.AllRecommendations()))
	}
	if vis := browsertest.Eval[bool](p, `getComputedStyle(document.querySelector('#search-all .no-js-only')).display !== 'none'`); !vis {
		t.Error("the note that search needs JavaScript is hidden without JavaScript")
	}
}

func waitResults(t *testing.T, p *browsertest.Page) {
	t.Helper()
	p.Do(chromedp.WaitVisible(chromedp.CSS(`#search-results > li h2 a`)))
}
