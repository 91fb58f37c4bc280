package e2e

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

// quickExitDefaultSite is the default guidance with a quick-exit button.
func quickExitDefaultSite(t *testing.T) *builtSite {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(riskguide.Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(riskguide.Default, p)
		if p == "content/site.yaml" {
			data = append(append([]byte{}, data...), "\nquick_exit:\n  url: https://www.example.org/\n"...)
		}
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, "default-quick-exit", generate.Source{FS: m, Name: "the default site with quick exit"})
}

// pageTypes is one page of every kind of the default site.
func pageTypes(s *builtSite) []string {
	res := s.Site.Results[1]
	return []string{
		"index.html",
		"results/" + res.ID + "/index.html",
		"recommendations/" + res.Recommendations[0].ID + "/index.html",
		"checklists/index.html",
		"checklists/" + s.Site.Roles[0].ID + "/index.html",
		"protocols/index.html",
		"protocols/" + s.Site.Protocols[0].ID + "/index.html",
		"sources/index.html",
		"search/index.html",
		"self-assessment/index.html",
		s.Site.Pages[0].ID + "/index.html",
		"print/index.html",
	}
}

// phoneLayout is what a phone shows at the top of a page.
type phoneLayout struct {
	Header      float64 `json:"header"`      // height of the header row, px
	Bottom      float64 `json:"bottom"`      // bottom of the header from the top of the screen, px
	Scrolled    float64 `json:"scrolled"`    // ... after scrolling down the page
	ExitTop     float64 `json:"exitTop"`     // top of the quick-exit button after scrolling; -1 without one
	Wide        int     `json:"wide"`        // the page's width beyond the screen's, px
	SearchBoxes int     `json:"searchBoxes"` // visible search boxes
	MenuButton  bool    `json:"menuButton"`  // the Menu button is shown
	ExitFirst   bool    `json:"exitFirst"`   // quick exit comes before the menu in the tab order
}

const measurePhone = `(function () {
  function shown(el) { return el.checkVisibility({visibilityProperty: true}); }
  var h = document.querySelector('.site-header'), exit = document.querySelector('.quick-exit-button');
  var r = h.getBoundingClientRect();
  var out = { header: r.height, bottom: r.bottom,
    wide: document.documentElement.scrollWidth - window.innerWidth,
    searchBoxes: Array.from(document.querySelectorAll('input[type="search"]')).filter(shown).length,
    menuButton: shown(document.querySelector('#site-menu > summary')),
    exitFirst: !exit || !!(exit.compareDocumentPosition(document.querySelector('#site-menu > summary')) & Node.DOCUMENT_POSITION_FOLLOWING) };
  window.scrollTo(0, document.documentElement.scrollHeight);
  out.scrolled = h.getBoundingClientRect().bottom;
  out.exitTop = exit ? exit.getBoundingClientRect().top : -1;
  window.scrollTo(0, 0);
  return out;
})()`

// TestPhoneHeader opens a page of every kind at 390×844, with and without
// a quick-exit button: the header is one compact row (at most 56 px, and
// at most 104 px with the quick-exit bar above it) that stays on screen
// when the page scrolls, with the quick-exit button above it and before it
// from the keyboard; no page scrolls sideways; the search page has one
// search box.
func TestPhoneHeader(t *testing.T) {
	t.Parallel()
	for _, s := range []*builtSite{defaultSite(t), quickExitDefaultSite(t)} {
		exit := s.Site.Config.QuickExit.URL != ""
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			p := browsertest.Shared(t).NewPage(t)
			p.Mobile()
			for _, page := range pageTypes(s) {
				p.Navigate(fileHost(s).URL(page))
				l := browsertest.Eval[phoneLayout](p, measurePhone)
				limit := 56.0
				if exit {
					limit = 104
				}
				if l.Header > 56 || l.Bottom > limit || !l.MenuButton {
					t.Errorf("%s: header %v px tall, ending %v px down (limit %v), Menu button shown %v", page, l.Header, l.Bottom, limit, l.MenuButton)
				}
				if l.Scrolled <= 0 || l.Scrolled > limit {
					t.Errorf("%s: scrolled down, the header ends %v px down; it should stay on screen", page, l.Scrolled)
				}
				if exit && (l.ExitTop < 0 || l.ExitTop > 10 || !l.ExitFirst) {
					t.Errorf("%s: scrolled down, the quick-exit button is at %v px (first in tab order %v); it should stay at the top, before the menu", page, l.ExitTop, l.ExitFirst)
				}
				if l.Wide > 0 {
					t.Errorf("%s: the page is %d px wider than the screen", page, l.Wide)
				}
				want := 1
				if page != "search/index.html" {
					want = 0 // the header's box is inside the closed menu
				}
				if l.SearchBoxes != want {
					t.Errorf("%s: %d search boxes shown, want %d", page, l.SearchBoxes, want)
				}
			}
		})
	}
}

// TestPhoneMenu opens the menu of a recommendation at 390 px from the
// keyboard: it shows the search box and every section of the site with
// its pages (results with the current one's recommendations, checklists,
// templates, self-assessment, sources, about pages), the page being read
// marked; Tab reaches every link in order, and Escape closes it with the
// focus back on its button. Without JavaScript the menu opens and its
// links work. At 1280 px the sections stand in a row with no button.
func TestPhoneMenu(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	res := s.Site.Results[1]
	rec := res.Recommendations[0]
	url := fileHost(s).URL("recommendations/" + rec.ID + "/index.html")
	var want []string // the links the menu must hold, as paths from the site root
	for _, r := range s.Site.Results {
		want = append(want, "results/"+r.ID+"/index.html")
	}
	for _, r := range res.Recommendations {
		want = append(want, "recommendations/"+r.ID+"/index.html")
	}
	for _, r := range s.Site.Roles {
		want = append(want, "checklists/"+r.ID+"/index.html")
	}
	for _, pr := range s.Site.Protocols {
		want = append(want, "protocols/"+pr.ID+"/index.html")
	}
	for _, pg := range s.Site.Pages {
		want = append(want, pg.ID+"/index.html")
	}
	want = append(want, "index.html", "checklists/index.html", "protocols/index.html", "self-assessment/index.html", "sources/index.html")

	t.Run("keyboard", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.Mobile()
		p.Navigate(url)
		if open := browsertest.Eval[bool](p, `document.getElementById('site-menu').open`); open {
			t.Fatal("the menu is open before it is asked for")
		}
		// From the top of the page, Tab reaches the menu's button.
		for i := 0; i < 5 && !browsertest.Eval[bool](p, `document.activeElement.matches('#site-menu > summary')`); i++ {
			p.Do(chromedp.KeyEvent(kb.Tab))
		}
		p.Do(chromedp.KeyEvent(kb.Enter))
		if !browsertest.Eval[bool](p, `document.getElementById('site-menu').open && document.getElementById('site-search-q').checkVisibility()`) {
			t.Fatal("Enter on the Menu button did not open the menu with its search box")
		}
		expanded := browsertest.Eval[string](p, `(function () { var n = document.querySelector('#site-nav a[aria-current="page"]'); return n ? n.getAttribute('href') : ''; })()`)
		if !strings.Contains(expanded, rec.ID) {
			t.Errorf("the menu marks %q as the page being read, want the link to %s", expanded, rec.ID)
		}
		// Tab walks through the menu: the search box, its button, then every
		// link, each visible when it has the focus.
		reached := map[string]bool{}
		var hidden []string
		for i := 0; i < 200; i++ {
			p.Do(chromedp.KeyEvent(kb.Tab))
			f := browsertest.Eval[[]string](p, `(function () { var a = document.activeElement, r = a.getBoundingClientRect();
  return [a.closest('#site-menu') ? 'in' : 'out', a.href ? a.getAttribute('href') : a.tagName, (r.bottom > 0 && r.top < window.innerHeight && r.width > 0) ? 'shown' : 'hidden']; })()`)
			if f[0] == "out" {
				break
			}
			reached[f[1]] = true
			if f[2] != "shown" {
				hidden = append(hidden, f[1])
			}
		}
		var missing []string
		for _, w := range want {
			if !reached["../../"+w] {
				missing = append(missing, w)
			}
		}
		if len(missing) > 0 || len(hidden) > 0 {
			t.Errorf("Tab through the open menu missed %v; focused off screen %v", missing, hidden)
		}
		p.CheckClean()
		browsertest.FailOnAxe(t, "recommendation at 390 px, menu open", p.Axe())
		// Escape closes it, back on the button.
		p.Do(chromedp.Focus(chromedp.CSS(`#site-nav a`)), chromedp.KeyEvent(kb.Escape))
		if st := browsertest.Eval[[]bool](p, `[document.getElementById('site-menu').open, document.activeElement.matches('#site-menu > summary')]`); st[0] || !st[1] {
			t.Errorf("after Escape the menu is open %v, focus on its button %v", st[0], st[1])
		}
	})

	t.Run("no scripts", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.DisableScripts()
		p.Mobile()
		p.Navigate(url)
		p.Do(chromedp.Click(chromedp.CSS(`#site-menu > summary`)))
		if !browsertest.Eval[bool](p, `document.querySelector('#site-nav a[href$="sources/index.html"]').checkVisibility()`) {
			t.Fatal("without scripts, the Menu button did not open the menu")
		}
		p.Follow(`#site-nav a[href$="sources/index.html"]`)
		if !strings.HasSuffix(p.URL(), "sources/index.html") {
			t.Errorf("the menu's link led to %s", p.URL())
		}
	})

	t.Run("desktop", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.Desktop()
		p.Navigate(url)
		got := browsertest.Eval[[]float64](p, `(function () {
  var links = Array.from(document.querySelectorAll('#site-nav a')).filter(function (a) { return a.checkVisibility(); });
  var tops = links.map(function (a) { return Math.round(a.getBoundingClientRect().top); });
  return [document.querySelector('#site-menu > summary').checkVisibility() ? 1 : 0, links.length, Math.min.apply(null, tops), Math.max.apply(null, tops), document.querySelector('.site-header').getBoundingClientRect().height];
})()`)
		if got[0] != 0 || got[1] != 5 || got[2] != got[3] {
			t.Errorf("at 1280 px want no Menu button and the 5 sections in one row: button shown %v, %v sections, tops %v..%v", got[0], got[1], got[2], got[3])
		}
	})
}

// TestPhoneTemplateTables opens every template at 390 px: its tables are
// stacked, each cell under its column's heading, no heading word is
// broken across lines, every field is at least most of the screen wide,
// and nothing scrolls sideways.
func TestPhoneTemplateTables(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Mobile()
	for _, pr := range s.Site.Protocols {
		p.Navigate(fileHost(s).URL("protocols/" + pr.ID + "/index.html"))
		got := browsertest.Eval[struct {
			Tables int      `json:"tables"`
			Broken []string `json:"broken"`
			Narrow int      `json:"narrow"`
			Wide   int      `json:"wide"`
		}](p, `(function () {
  var broken = [], narrow = 0;
  // A word whose letters sit on two lines has more than one box.
  function check(el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var re = /\S+/g, m;
      while ((m = re.exec(n.data))) {
        var r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        var tops = new Set(Array.from(r.getClientRects()).filter(function (b) { return b.width > 0; }).map(function (b) { return Math.round(b.top); }));
        if (tops.size > 1) { broken.push(m[0]); }
      }
    }
  }
  var tables = document.querySelectorAll('.protocol-body table');
  tables.forEach(function (t) {
    // Headings hidden for the stacked layout (1 px wide) are read, not seen.
    t.querySelectorAll('td .field label, th').forEach(function (el) { var box = el.closest('thead') || el; if (el.checkVisibility() && box.getBoundingClientRect().width > 2) { check(el); } });
    t.querySelectorAll('td input, td textarea').forEach(function (f) { if (f.getBoundingClientRect().width < 250) { narrow++; } });
  });
  return { tables: tables.length, broken: broken, narrow: narrow, wide: document.documentElement.scrollWidth - window.innerWidth };
})()`)
		if got.Tables == 0 {
			continue
		}
		if len(got.Broken) > 0 || got.Narrow > 0 || got.Wide > 0 {
			t.Errorf("%s at 390 px: words broken across lines %q, %d fields under 250 px, %d px of sideways scroll", pr.ID, got.Broken, got.Narrow, got.Wide)
		}
		if cells := browsertest.Eval[int](p, `document.querySelectorAll('.protocol-body td[data-label]').length`); cells == 0 {
			t.Errorf("%s: no table cell names its column", pr.ID)
		}
	}
}

// TestSideMap opens a template, a free page and a recommendation at
// 1280 px: beside the text stands a map of the whole site, each section
// collapsed unless the page is in it, the page marked; a heading's link to
// itself has a name and is shown when it has the focus.
func TestSideMap(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Desktop()
	rec := s.Site.Results[0].Recommendations[0]
	for _, page := range []string{"protocols/" + s.Site.Protocols[1].ID + "/index.html", s.Site.Pages[0].ID + "/index.html", "recommendations/" + rec.ID + "/index.html"} {
		p.Navigate(fileHost(s).URL(page))
		got := browsertest.Eval[struct {
			Sections []string `json:"sections"`
			Open     []string `json:"open"`
			Current  string   `json:"current"`
			Beside   bool     `json:"beside"`
		}](p, `(function () {
  var m = document.querySelector('.page-aside .side-map'), main = document.querySelector('.page-main');
  if (!m) { return {sections: [], open: []}; }
  var cur = document.querySelector('.page-aside a[aria-current="page"]');
  return {
    sections: Array.from(m.querySelectorAll('.map > li')).map(function (li) { var s = li.querySelector('summary, a'); return s.textContent.trim(); }),
    open: Array.from(m.querySelectorAll('details[open] > summary')).map(function (s) { return s.textContent.trim(); }),
    current: cur ? cur.getAttribute('href') : '',
    beside: m.getBoundingClientRect().left >= main.getBoundingClientRect().right
  };
})()`)
		// Checklists, self-assessment, templates, sources and about; and
		// the guidance on pages without its navigation.
		want := 6
		if strings.HasPrefix(page, "recommendations/") {
			want = 5
		}
		if len(got.Sections) != want || !got.Beside || len(got.Open) > 1 || got.Current == "" || !strings.HasSuffix(page, strings.ReplaceAll(got.Current, "../", "")) {
			t.Errorf("%s: side map %+v; want %d sections beside the text, at most the current one open, the page marked", page, got, want)
		}
	}
	// The link of a heading: shown when focused (and on hover, or always
	// on a screen without hover), named for a screen reader.
	p.Navigate(fileHost(s).URL("recommendations/" + rec.ID + "/index.html"))
	p.Do(chromedp.Focus(chromedp.CSS(`#guidance .heading-link`)))
	link := browsertest.Eval[[]string](p, `(function () { var a = document.activeElement; return [getComputedStyle(a).opacity, a.getAttribute('href'), a.textContent]; })()`)
	if link[0] != "1" || link[1] != "#guidance" || !strings.Contains(link[2], "Link to this section") {
		t.Errorf("heading link when focused: opacity, address, text %q", link)
	}
}

// TestDarkMode opens a recommendation with the reader's system set to
// dark: the page is dark with light text, and the header keeps the site's
// colour; printed, the same page is black on white.
func TestDarkMode(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Mobile()
	const colours = `(function () {
  // rgb(0-255 ...) or, from color-mix(), color(srgb 0-1 ...).
  function lum(c) { var m = c.match(/[\d.]+/g).map(Number), k = c.indexOf('color(') === 0 ? 1 : 255; return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / k; }
  var b = getComputedStyle(document.body), a = getComputedStyle(document.querySelector('.page-main a'));
  return [lum(b.backgroundColor), lum(b.color), lum(a.color)];
})()`
	p.Navigate(fileHost(s).URL("recommendations/" + s.Site.Results[0].Recommendations[0].ID + "/index.html"))
	p.ColorScheme("light")
	if c := browsertest.Eval[[]float64](p, colours); c[0] < 0.9 || c[1] > 0.2 || c[2] > 0.5 {
		t.Errorf("light scheme: background, text and link luminance %v; want light, dark, dark", c)
	}
	p.ColorScheme("dark")
	if c := browsertest.Eval[[]float64](p, colours); c[0] > 0.15 || c[1] < 0.8 || c[2] < 0.6 {
		t.Errorf("dark scheme: background, text and link luminance %v; want dark, light, light", c)
	}
	p.MediaScheme("print", "dark")
	if c := browsertest.Eval[[]float64](p, colours); c[0] < 0.9 || c[1] > 0.1 || c[2] > 0.1 {
		t.Errorf("printed in the dark scheme: background, text and link luminance %v; paper is always black on white", c)
	}
}
