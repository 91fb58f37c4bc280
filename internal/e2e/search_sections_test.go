package e2e

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

// sectionHit is what a result shows of where on its page the words are.
type sectionHit struct {
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Section string   `json:"section"`
	Here    string   `json:"here"`
	More    []string `json:"more"` // the search page's other sections, as addresses
	Marks   []string `json:"marks"`
}

// dropdownHits are the drop-down's results once each has its excerpt.
const dropdownHits = `Array.from(document.querySelectorAll('#site-search-results [role=option]:not(.search-more)')).map(function (o) {
  var s = o.querySelector('.search-section'), h = o.querySelector('.search-here');
  return {title: o.querySelector('.search-title').textContent, href: o.dataset.href,
    section: s ? s.textContent : '', here: h ? h.textContent : '', more: [],
    marks: s ? Array.from(s.querySelectorAll('mark')).map(function (m) { return m.textContent.toLowerCase(); }) : []};
})`

// pageHits are the search page's results.
const pageHits = `Array.from(document.querySelectorAll('#search-results > li')).map(function (li) {
  var a = li.querySelector('h2 a'), s = li.querySelector('.search-section'), h = li.querySelector('details.search-here');
  return {title: a ? a.textContent : '', href: a ? a.href : '',
    section: s ? s.textContent : '', here: h ? h.querySelector('summary').textContent : '',
    more: h ? Array.from(h.querySelectorAll('li a')).map(function (x) { return x.href; }) : [],
    marks: s ? Array.from(s.querySelectorAll('mark')).map(function (m) { return m.textContent.toLowerCase(); }) : []};
})`

func findHit(hits []sectionHit, title string) *sectionHit {
	for i := range hits {
		if hits[i].Title == title {
			return &hits[i]
		}
	}
	return nil
}

// TestSearchSectionHits searches words that one section of a page holds,
// in the header's drop-down and on the search page, on the default site
// and on the ASVS example: the result leads to that section
// (page#heading-id), names it with the words marked, and says how many
// other sections of the page hold them, in the form the count takes; on
// the search page those sections are listed. Following the result opens
// the page at the section.
func TestSearchSectionHits(t *testing.T) {
	t.Parallel()
	polish := polishDefaultSite(t)
	for _, c := range []struct {
		name, query, title string
		site               *builtSite
		page, section, id  string
		here               string
		more               int
	}{
		{"default", "safe contact", "Victim safety monitoring plan", defaultSite(t),
			"protocols/victim-safety-monitoring-plan/index.html", "4. Safe contact", "4-safe-contact", "2 more sections on this page", 2},
		{"asvs", "session timeout", "Level 3 verification checklist", asvsSite(t),
			"checklists/level-3/index.html", "V7 Session Management", "", "1 more section on this page", 1},
		{"polish", "safe contact", "Victim safety monitoring plan", polish,
			"protocols/victim-safety-monitoring-plan/index.html", "4. Safe contact", "4-safe-contact", "Jeszcze 2 sekcje na tej stronie", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			check := func(where string, hits []sectionHit) *sectionHit {
				t.Helper()
				h := findHit(hits, c.title)
				if h == nil {
					t.Fatalf("%s: no result %q among %+v", where, c.title, hits)
				}
				page, id, _ := strings.Cut(h.Href, "#")
				if !strings.HasSuffix(page, c.page) || id == "" || (c.id != "" && id != c.id) {
					t.Errorf("%s: the result leads to %s, want %s#%s", where, h.Href, c.page, c.id)
				}
				if h.Section != c.section || len(h.Marks) == 0 {
					t.Errorf("%s: the result names the section %q with marks %q, want %q marked", where, h.Section, h.Marks, c.section)
				}
				if h.Here != c.here {
					t.Errorf("%s: the result says %q, want %q", where, h.Here, c.here)
				}
				return h
			}
			p := browsertest.Shared(t).NewPage(t)
			p.Desktop()
			dropdown(p, c.site, "index.html", c.query)
			p.Do(chromedp.WaitVisible(chromedp.CSS(`#site-search-results .search-here`)))
			h := check("drop-down", browsertest.Eval[[]sectionHit](p, dropdownHits))
			p.CheckClean()
			// After CheckClean: axe's own loads of the style sheets fail on file://.
			browsertest.FailOnAxe(t, "drop-down with sections", p.Axe())
			// Following the result opens the page at the section.
			p.Do(chromedp.Click(chromedp.CSS(`#site-search-results [data-href="` + h.Href + `"]`)))
			p.Do(chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			_, id, _ := strings.Cut(p.URL(), "#")
			if !strings.Contains(p.URL(), c.page) || id == "" || !browsertest.Eval[bool](p, `!!document.getElementById(`+jsQuote(id)+`)`) {
				t.Errorf("following the result opened %s, not the section of %s", p.URL(), c.page)
			}

			p.Navigate(fileHost(c.site).URL("search/index.html") + "?q=" + strings.ReplaceAll(c.query, " ", "%20"))
			waitResults(t, p)
			p.Do(chromedp.WaitVisible(chromedp.CSS(`#search-results details.search-here`)))
			h = check("search page", browsertest.Eval[[]sectionHit](p, pageHits))
			if len(h.More) != c.more {
				t.Errorf("search page: %d other sections listed, want %d: %q", len(h.More), c.more, h.More)
			}
			for _, m := range h.More {
				if !strings.Contains(m, c.page+"#") || m == h.Href {
					t.Errorf("search page: another section's link %s is not another place on %s", m, c.page)
				}
			}
			p.CheckClean()
			browsertest.FailOnAxe(t, "search page with sections", p.Axe())
		})
	}
}

// TestSearchSectionCounts: the search page says "N more on this page" in
// the form Polish gives N (one, few, many), as the browser's CLDR rules
// choose: 7 is "many".
func TestSearchSectionCounts(t *testing.T) {
	t.Parallel()
	s := polishDefaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("search/index.html") + "?q=victim")
	waitResults(t, p)
	p.Do(chromedp.WaitVisible(chromedp.CSS(`#search-results details.search-here`)))
	h := findHit(browsertest.Eval[[]sectionHit](p, pageHits), "Victim safety monitoring plan")
	if h == nil {
		t.Fatal("no result for the victim safety monitoring plan")
	}
	if h.Here != "Jeszcze 7 sekcji na tej stronie" || len(h.More) != 7 {
		t.Errorf("the plan says %q and lists %d sections; want Jeszcze 7 sekcji na tej stronie", h.Here, len(h.More))
	}
}

// polishDefaultSite is the default site with language: pl, whose strings
// count in three forms.
func polishDefaultSite(t *testing.T) *builtSite {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(riskguide.Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(riskguide.Default, p)
		if p == "content/site.yaml" {
			data = []byte(strings.Replace(string(data), "language: en", "language: pl", 1))
		}
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, "default-pl", generate.Source{FS: fsys, Name: "the default site in Polish"})
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSearchTextCases runs search.js, in the browser on the default site
// with the rules its index carries, on the texts of
// internal/search/testdata/text-cases.json, which the Go side is tested
// against too (search.TestTextCases): both must make the same words and
// terms of them.
func TestSearchTextCases(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "search", "testdata", "text-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tc struct {
		Lang  string `json:"lang"`
		Cases []struct {
			Text  string   `json:"text"`
			Words []string `json:"words"`
			Terms []string `json:"terms"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &tc); err != nil {
		t.Fatal(err)
	}
	s := defaultSite(t)
	if s.Site.Config.Language != tc.Lang {
		t.Fatalf("the cases are for %s, the default site is in %s", tc.Lang, s.Site.Config.Language)
	}
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("index.html"))
	texts := make([]string, len(tc.Cases))
	for i, c := range tc.Cases {
		texts[i] = c.Text
	}
	type made struct {
		Words []string `json:"words"`
		Terms []string `json:"terms"`
	}
	got := browsertest.Eval[[]made](p, `riskguideSearch.ready().then(function () {
  return `+jsQuote(strings.Join(texts, "\u0000"))+`.split('\u0000').map(function (t) {
    return {words: riskguideSearch.words(t), terms: riskguideSearch.terms(t)};
  });
})`)
	if len(got) != len(tc.Cases) {
		t.Fatalf("%d answers for %d cases", len(got), len(tc.Cases))
	}
	for i, c := range tc.Cases {
		if strings.Join(got[i].Words, " ") != strings.Join(c.Words, " ") {
			t.Errorf("words of %q: search.js %q, want %q", c.Text, got[i].Words, c.Words)
		}
		if strings.Join(got[i].Terms, " ") != strings.Join(c.Terms, " ") {
			t.Errorf("terms of %q: search.js %q, want %q", c.Text, got[i].Terms, c.Terms)
		}
	}
}

// TestSearchSectionIDs reads the search index of the default site and of
// the ASVS example as the browser does: every section a result can lead
// to is an element of its page with that id, so the index and the pages
// agree on heading ids. The victim safety plan's sections are there.
func TestSearchSectionIDs(t *testing.T) {
	t.Parallel()
	for _, s := range []*builtSite{defaultSite(t), asvsSite(t)} {
		pieces := map[string]json.RawMessage{}
		files, err := filepath.Glob(filepath.Join(s.Dir, "search", "data", "*.js"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no index: %v", s.Name, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// riskguideSearch.add("name",{...});
			_, body, _ := strings.Cut(string(data), ",")
			pieces[strings.TrimSuffix(filepath.Base(f), ".js")] = json.RawMessage(strings.TrimSuffix(body, ");\n"))
		}
		var manifest struct{ MetaStarts, TextStarts []int }
		var metas, texts []json.RawMessage
		if err := json.Unmarshal(pieces["index"], &manifest); err != nil {
			t.Fatal(err)
		}
		for i := range manifest.MetaStarts {
			var m struct{ D []json.RawMessage }
			if err := json.Unmarshal(pieces["m-"+itoa(i)], &m); err != nil {
				t.Fatal(err)
			}
			metas = append(metas, m.D...)
		}
		for i := range manifest.TextStarts {
			var x struct{ X []json.RawMessage }
			if err := json.Unmarshal(pieces["x-"+itoa(i)], &x); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, x.X...)
		}
		if len(metas) != len(texts) {
			t.Fatalf("%s: %d titles, %d texts", s.Name, len(metas), len(texts))
		}
		ids := map[string]bool{}
		for i := range texts {
			var secs [][]string
			if json.Unmarshal(texts[i], &secs) != nil {
				continue // a text without sections
			}
			var meta []any
			if err := json.Unmarshal(metas[i], &meta); err != nil {
				t.Fatal(err)
			}
			url := meta[3].(string)
			page, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(url)))
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range secs {
				if sec[0] == "" {
					continue
				}
				ids[url+"#"+sec[0]] = true
				if !strings.Contains(string(page), ` id="`+sec[0]+`"`) {
					t.Errorf("%s: the index leads to %s#%s (%q), which the page lacks", s.Name, url, sec[0], sec[1])
				}
			}
		}
		t.Logf("%s: %d sections", s.Name, len(ids))
		if s.Name == "default" && !ids["protocols/victim-safety-monitoring-plan/index.html#3-individual-needs-and-children"] {
			t.Errorf("the default index lacks the section 3. Individual needs and children of the victim safety plan")
		}
		if len(ids) == 0 {
			t.Errorf("%s: no sections in the index", s.Name)
		}
	}
}
