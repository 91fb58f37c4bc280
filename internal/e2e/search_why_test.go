package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// dropdown types q into the header's search box of page and waits for
// its list of results for q.
func dropdown(p *browsertest.Page, s *builtSite, page, q string) {
	p.Navigate(fileHost(s).URL(page))
	p.Do(
		chromedp.Focus(chromedp.CSS(`#site-search-q`)),
		chromedp.SendKeys(chromedp.CSS(`#site-search-q`), q),
		chromedp.WaitVisible(chromedp.CSS(`#site-search-results[data-query="`+q+`"] li`)))
}

// optionTexts lists the results of the header's drop-down: title, the
// excerpt, and the excerpt's marked words.
const optionTexts = `Array.from(document.querySelectorAll('#site-search-results [role=option]:not(.search-more)')).map(function (o) {
  var s = o.querySelector('.search-snippet');
  return {title: o.querySelector('.search-title').textContent, snippet: s ? s.textContent : '',
    marks: s ? Array.from(s.querySelectorAll('mark')).map(function (m) { return m.textContent.toLowerCase(); }) : []};
})`

type option struct {
	Title   string   `json:"title"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
}

// TestSearchExcerpts types a query into the header's search box on the
// default site and on the ASVS example: every result of the drop-down
// shows an excerpt with the query's words marked, as the search page
// does; the list passes axe.
func TestSearchExcerpts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		site func(*testing.T) *builtSite
		page string
		q    string
	}{
		{defaultSite, "", "perpetrator behaviour"},
		{asvsSite, "recommendations/v1-2-1/index.html", "password"},
	} {
		s := c.site(t)
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			p := browsertest.Shared(t).NewPage(t)
			p.Desktop()
			page := c.page
			if s.Name == "default" {
				page = "results/" + s.Site.Results[0].ID + "/index.html"
			}
			dropdown(p, s, page, c.q)
			// Excerpts come one after another: wait for the last result's.
			p.Do(chromedp.WaitVisible(chromedp.CSS(`#site-search-results li:nth-last-child(1 of [role=option]:not(.search-more)) .search-snippet`)))
			opts := browsertest.Eval[[]option](p, optionTexts)
			if len(opts) == 0 {
				t.Fatalf("no results for %q", c.q)
			}
			first := strings.Fields(c.q)[0][:5]
			for _, o := range opts {
				marked := false
				for _, m := range o.Marks {
					marked = marked || strings.HasPrefix(m, first) || strings.HasPrefix(m, "behav")
				}
				if o.Snippet == "" || !marked {
					t.Errorf("%q: result %q has excerpt %q with marks %v", c.q, o.Title, o.Snippet, o.Marks)
				}
			}
			browsertest.FailOnAxe(t, "drop-down with excerpts", p.Axe())
			// The search page shows the same, with longer excerpts.
			p.Navigate(fileHost(s).URL("search/index.html") + "?q=" + url.QueryEscape(c.q))
			waitResults(t, p)
			if n := browsertest.Eval[int](p, `document.querySelectorAll('#search-results .search-snippet mark').length`); n == 0 {
				t.Errorf("search page for %q: no excerpt with marked words", c.q)
			}
		})
	}
}

// TestSearchPartial asks for words no single page has together: rather
// than nothing, the drop-down and the search page show the pages with the
// most of them, under "No result has every word; these have some". A query
// that some page matches in full shows no such heading.
func TestSearchPartial(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Desktop()
	const q = "children zeppelin"
	dropdown(p, s, "index.html", q)
	p.Do(chromedp.WaitVisible(chromedp.CSS(`#site-search-results .search-note`)))
	note := browsertest.Eval[string](p, `document.querySelector('#site-search-results .search-note').textContent`)
	opts := browsertest.Eval[[]option](p, optionTexts)
	label := browsertest.Eval[string](p, `document.getElementById('site-search-results').getAttribute('aria-label')`)
	if note != "No result has every word; these have some" || label != note || len(opts) == 0 {
		t.Errorf("drop-down for %q: note %q, list named %q, %d results", q, note, label, len(opts))
	}
	browsertest.FailOnAxe(t, "drop-down with partial matches", p.Axe())

	p.Navigate(fileHost(s).URL("search/index.html") + "?q=" + url.QueryEscape(q))
	waitResults(t, p)
	got := browsertest.Eval[[]string](p, `[document.getElementById('search-partial').hidden ? '' : document.getElementById('search-partial').textContent, String(document.querySelectorAll('#search-results > li').length)]`)
	if got[0] != note || got[1] == "0" {
		t.Errorf("search page for %q: heading %q over %s results", q, got[0], got[1])
	}
	// Positive control: a full match has no such heading.
	p.Navigate(fileHost(s).URL("search/index.html") + "?q=children")
	waitResults(t, p)
	if shown := browsertest.Eval[bool](p, `!document.getElementById('search-partial').hidden`); shown {
		t.Error("a query that pages match in full is shown as partial")
	}
}

// TestSearchFirstDownload types a word on a page of the default site from
// disk and adds up the pieces of the index the browser loaded until the
// drop-down shows its first result with its excerpt: at most 30 kB,
// uncompressed. The other results' excerpts follow, one piece each.
func TestSearchFirstDownload(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Desktop()
	p.Navigate(fileHost(s).URL("index.html"))
	// search.js loads each piece of the index with a <script> element; the
	// observer notes, in the order of the changes to the page, the pieces
	// added before the first excerpt.
	p.Do(chromedp.Evaluate[chromedp.Void](`window.firstPieces = null; (function () {
  var pieces = [];
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) {
        if (window.firstPieces) { return; }
        if (n.tagName === 'SCRIPT' && n.src.indexOf('/search/data/') >= 0) { pieces.push(n.src); }
        if (n.classList && n.classList.contains('search-snippet')) { window.firstPieces = pieces.slice(); }
      });
    });
  }).observe(document, {childList: true, subtree: true});
})()`))
	p.Do(
		chromedp.Focus(chromedp.CSS(`#site-search-q`)),
		chromedp.SendKeys(chromedp.CSS(`#site-search-q`), "children"),
		chromedp.WaitVisible(chromedp.CSS(`#site-search-results .search-snippet mark`)))
	loaded := browsertest.Eval[[]string](p, `window.firstPieces || []`)
	total := 0
	for _, u := range loaded {
		name := u[strings.Index(u, "/search/data/")+1:]
		name, _, _ = strings.Cut(name, "?")
		fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		total += int(fi.Size())
	}
	t.Logf("first result with its excerpt: %d pieces of the index, %d bytes: %v", len(loaded), total, loaded)
	if len(loaded) < 3 || total > 30<<10 {
		t.Errorf("the first result and its excerpt took %d bytes of the index in %d pieces; want at most 30 kB", total, len(loaded))
	}
}
