package e2e

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// nginxPath is the sub-path the site is served under by nginx, as on an
// intranet that hosts several sites.
const nginxPath = "/guidance/ipv/"

// hosts returns the three ways one built site is opened: from disk, at the
// root of Go's http.FileServer, and under a sub-path of nginx. Both servers
// send the recommended headers, Content-Security-Policy included.
func hosts(t *testing.T, s *builtSite) []host {
	return append([]host{fileHost(s)},
		host{Name: "fileserver", Base: browsertest.ServeDir(t, s.Dir, browsertest.RecommendedHeaders())},
		host{Name: "nginx", Base: browsertest.StartNginx(t, s.Dir, nginxPath, browsertest.RecommendedHeaders()).URL},
	)
}

// TestHosting opens the same built site from file://, from http.FileServer
// and from nginx under a sub-path, and in each follows every link reachable
// from the home page. On every page: every request succeeds, none goes to
// another origin, the console has no error, the browser reports no CSP
// violation, the stylesheet and the scripts were applied, and every
// #fragment a link names exists. Every page of the site must be reached.
// Then checklist ticks and template fields must survive a reload.
func TestHosting(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	for _, h := range hosts(t, s) {
		t.Run(s.Name+"/"+h.Name, func(t *testing.T) {
			t.Parallel()
			p := b.NewPage(t)
			crawl(t, p, h, s)
			keepsEntries(t, p, h, s)
		})
	}
	// The small test site, with its logo, is also crawled with pretty URLs
	// on both servers (TestPrettyURLs); here it is opened from disk.
	small := testSite(t)
	t.Run("small/file", func(t *testing.T) {
		t.Parallel()
		p := b.NewPage(t)
		crawl(t, p, fileHost(small), small)
		keepsEntries(t, p, fileHost(small), small)
	})
}

// TestPrettyURLs serves a site built with pretty_urls: true, whose links end
// in a folder name, from both web servers.
func TestPrettyURLs(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := prettySite(t)
	for _, h := range hosts(t, s)[1:] {
		t.Run(h.Name, func(t *testing.T) {
			p := b.NewPage(t)
			crawl(t, p, h, s)
			keepsEntries(t, p, h, s)
		})
	}
}

// pageKey names a page independently of how its address is spelled: with or
// without index.html, which a server may redirect or a pretty link drops.
func pageKey(u string) string {
	u, _, _ = strings.Cut(u, "#")
	return strings.TrimSuffix(u, "index.html")
}

// pageState is what crawl reads from each page in one round trip.
type pageState struct {
	Scripted   bool     `json:"scripted"`   // page.js ran
	Styled     bool     `json:"styled"`     // site.css applied
	Themed     bool     `json:"themed"`     // theme.css applied
	StoreReady bool     `json:"storeReady"` // store.js ran and storage works
	Links      []string `json:"links"`
	IDs        []string `json:"ids"`
	H1         int      `json:"h1"`
}

const readState = `(function () {
  var skip = document.querySelector('.skip-link');
  var accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();
  return {
    scripted: document.documentElement.classList.contains('js'),
    styled: !!skip && getComputedStyle(skip).position === 'absolute',
    themed: accent !== '',
    storeReady: !!(window.riskguide && window.riskguide.store && window.riskguide.store.working()),
    links: Array.prototype.map.call(document.querySelectorAll('a[href]'), function (a) { return a.href; })
      .concat(Array.prototype.map.call(document.querySelectorAll('form[action]'), function (f) { return f.action; })),
    ids: Array.prototype.map.call(document.querySelectorAll('[id]'), function (e) { return e.id; }),
    h1: document.querySelectorAll('h1').length
  };
})()`

func crawl(t *testing.T, p *browsertest.Page, h host, s *builtSite) {
	t.Helper()
	base, err := url.Parse(h.Base)
	if err != nil {
		t.Fatal(err)
	}
	start := h.Base
	if base.Scheme == "file" {
		start = h.URL("index.html")
	}
	queue := []string{start}
	seen := map[string]bool{pageKey(start): true}
	ids := map[string]map[string]bool{}      // page key -> ids on it
	wanted := map[string]map[string]string{} // page key -> fragment -> a page linking to it
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		p.Navigate(u)
		where := strings.TrimPrefix(u, h.Base)
		if where == "" {
			where = "(home)"
		}
		for _, problem := range [][]string{
			prefixed("failed load", p.FailedLoads()),
			prefixed("request to another origin", p.ForeignRequests()),
			prefixed("console", p.ConsoleErrors()),
			prefixed("CSP violation", p.CSPViolations()),
		} {
			for _, msg := range problem {
				t.Errorf("%s: %s", where, msg)
			}
		}
		st := browsertest.Eval[pageState](p, readState)
		if !st.Scripted || !st.Styled || !st.Themed || !st.StoreReady {
			t.Errorf("%s: page not fully working: scripts ran %v, site.css applied %v, theme.css applied %v, storage working %v",
				where, st.Scripted, st.Styled, st.Themed, st.StoreReady)
		}
		if st.H1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", where, st.H1)
		}
		key := pageKey(u)
		ids[key] = map[string]bool{}
		for _, id := range st.IDs {
			ids[key][id] = true
		}
		for _, l := range st.Links {
			lu, err := url.Parse(l)
			if err != nil {
				t.Errorf("%s: bad link %q", where, l)
				continue
			}
			if lu.Scheme != "file" && lu.Host != base.Host {
				continue // a printed citation, never fetched by the site itself
			}
			if !strings.HasPrefix(l, h.Base) {
				t.Errorf("%s: link %s leaves the site's folder %s", where, l, h.Base)
				continue
			}
			if strings.HasSuffix(lu.Path, ".xlsx") {
				// A file offered for download, not a page to open: it must
				// be there.
				checkDownload(t, where, lu)
				continue
			}
			k := pageKey(l)
			if lu.Fragment != "" {
				if wanted[k] == nil {
					wanted[k] = map[string]string{}
				}
				wanted[k][lu.Fragment] = where
			}
			if !seen[k] {
				seen[k] = true
				lu.Fragment = ""
				queue = append(queue, lu.String())
			}
		}
	}
	for k, frags := range wanted {
		for f, from := range frags {
			if ids[k] != nil && !ids[k][f] {
				t.Errorf("%s: link to %s#%s, which has no element with that id", from, strings.TrimPrefix(k, h.Base), f)
			}
		}
	}
	var missed []string
	for _, pg := range s.Pages {
		if !seen[pageKey(h.URL(pg))] && pg != "404.html" {
			missed = append(missed, pg)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("pages not reachable from the home page: %v", missed)
	}
	if len(seen) < len(s.Pages)-1 {
		t.Errorf("visited %d pages of %d", len(seen), len(s.Pages))
	}
}

// checkDownload checks that a file a page offers for download is served
// (or, from disk, is there).
func checkDownload(t *testing.T, where string, u *url.URL) {
	t.Helper()
	if u.Scheme == "file" {
		if _, err := os.Stat(u.Path); err != nil {
			t.Errorf("%s: the download %s is missing: %v", where, u, err)
		}
		return
	}
	resp, err := http.Get(u.String())
	if err != nil {
		t.Errorf("%s: the download %s: %v", where, u, err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: the download %s: %s", where, u, resp.Status)
	}
}

func prefixed(what string, msgs []string) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = what + ": " + m
	}
	return out
}

// firstWith returns the first page under prefix (a section's own index
// and print pages aside) whose HTML contains marker.
func firstWith(t *testing.T, s *builtSite, prefix, marker string) string {
	t.Helper()
	for _, pg := range s.Pages {
		if !strings.HasPrefix(pg, prefix) || pg == prefix+"index.html" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(pg)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), marker) {
			return pg
		}
	}
	t.Fatalf("%s has no page under %s with %s", s.Name, prefix, marker)
	return ""
}

// keepsEntries ticks checklist items and types into template fields the
// way a visitor does (mouse and keyboard), then reloads the page and leaves
// and comes back: what was entered must still be there.
func keepsEntries(t *testing.T, p *browsertest.Page, h host, s *builtSite) {
	t.Helper()
	cl := h.URL(firstWith(t, s, "checklists/", "data-tick"))
	p.Navigate(cl)
	boxes := `document.querySelectorAll('input[type=checkbox][data-tick]')`
	if n := browsertest.Eval[int](p, boxes+`.length`); n < 3 {
		t.Fatalf("%s: %d checkboxes, want at least 3", cl, n)
	}
	first := browsertest.Eval[string](p, boxes+`[0].id`)
	third := browsertest.Eval[string](p, boxes+`[2].id`)
	p.Do(
		chromedp.Click(chromedp.ID(first)),
		chromedp.Click(chromedp.CSS(`label[for="`+third+`"]`)),
	)
	checked := `Array.prototype.map.call(` + boxes + `, function (b) { return b.checked; })`
	want := browsertest.Eval[[]bool](p, checked)
	if !want[0] || want[1] || !want[2] {
		t.Fatalf("%s: clicking did not tick the first and third items: %v", cl, want)
	}

	pr := h.URL(firstWith(t, s, "protocols/", "<textarea"))
	p.Navigate(pr)
	input := browsertest.Eval[string](p, `document.querySelector('input[data-field]').id`)
	area := browsertest.Eval[string](p, `document.querySelector('textarea[data-field]').id`)
	p.Do(
		chromedp.SendKeys(chromedp.ID(input), "Metropolitan unit 7"),
		chromedp.SendKeys(chromedp.ID(area), "First line\nSecond line"),
	)

	p.Reload()
	values := `[document.getElementById('` + input + `').value, document.getElementById('` + area + `').value]`
	if got := browsertest.Eval[[]string](p, values); got[0] != "Metropolitan unit 7" || got[1] != "First line\nSecond line" {
		t.Errorf("%s: fields after reload = %q", pr, got)
	}
	p.Navigate(cl)
	p.Reload()
	if got := browsertest.Eval[[]bool](p, checked); !equalBools(got, want) {
		t.Errorf("%s: ticks after leaving and reloading = %v, want %v", cl, got, want)
	}
	p.Navigate(pr)
	if got := browsertest.Eval[[]string](p, values); got[0] != "Metropolitan unit 7" {
		t.Errorf("%s: fields after coming back = %q", pr, got)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
