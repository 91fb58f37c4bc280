package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// readingLayout describes where the reading navigation of a page is.
type readingLayout struct {
	TopVisible     bool    `json:"topVisible"`     // the collapsible contents list under the title
	TopOpen        bool    `json:"topOpen"`        // ... is open
	SideVisible    bool    `json:"sideVisible"`    // the contents list in the aside
	GuideVisible   bool    `json:"guideVisible"`   // the guidance navigation
	AsideBeside    bool    `json:"asideBeside"`    // the aside is right of the text, not below it
	Current        string  `json:"current"`        // text of the guidance link marked aria-current
	Expanded       int     `json:"expanded"`       // results shown with their recommendations
	HeaderHeight   float64 `json:"headerHeight"`   // px
	SearchMisalign float64 `json:"searchMisalign"` // px between the search box's and button's centres
}

const readLayout = `(function () {
  function shown(el) { return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'; }
  var top = document.querySelector('.contents-top'), side = document.querySelector('.contents-side');
  var guide = document.getElementById('guide-nav'), main = document.querySelector('.page-main');
  var cur = guide && guide.querySelector('a[aria-current="page"]');
  var box = document.querySelector('.site-search input').getBoundingClientRect();
  var btn = document.querySelector('.site-search button').getBoundingClientRect();
  return {
    topVisible: shown(top), topOpen: !!top && top.open, sideVisible: shown(side), guideVisible: shown(guide),
    asideBeside: !!guide && guide.getBoundingClientRect().left >= main.getBoundingClientRect().right,
    current: cur ? cur.textContent.replace(/\s+/g, ' ').trim() : '',
    expanded: guide ? guide.querySelectorAll('.guide-recs').length : 0,
    headerHeight: document.querySelector('.site-header').getBoundingClientRect().height,
    searchMisalign: Math.abs((box.top + box.bottom) / 2 - (btn.top + btn.bottom) / 2)
  };
})()`

// TestReadingNavigation opens a recommendation at 1280 px and at 390 px:
// wide, the contents list and the guidance navigation (current
// recommendation marked, only its result expanded) stand in a sticky
// column right of the text; narrow, the contents list is a closed
// <details> under the title that opens from the keyboard, and the guidance
// navigation is in the compact header's menu.
// Both are operated from the keyboard, and axe-core finds nothing.
func TestReadingNavigation(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	res := s.Site.Results[1]
	rec := res.Recommendations[len(res.Recommendations)-1]
	url := fileHost(s).URL("recommendations/" + rec.ID + "/index.html")
	wantCurrent := rec.Label + " " + rec.Text

	t.Run("desktop", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.Desktop()
		p.Navigate(url)
		l := browsertest.Eval[readingLayout](p, readLayout)
		if l.TopVisible || !l.SideVisible || !l.GuideVisible || !l.AsideBeside {
			t.Errorf("at 1280 px want the contents and guidance beside the text: %+v", l)
		}
		if !isCurrent(l.Current, wantCurrent) || l.Expanded != 1 {
			t.Errorf("guidance navigation marks %q with %d results expanded; want %q and 1", l.Current, l.Expanded, wantCurrent)
		}
		// The aside stays in view while the text scrolls.
		p.Do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 500)`))
		if top := browsertest.Eval[float64](p, `document.querySelector('.page-aside').getBoundingClientRect().top`); top < 0 || top > 100 {
			t.Errorf("after scrolling, the aside's top is at %v px; it should stick near the top", top)
		}
		// Keyboard: a contents link followed with Enter moves to its section.
		p.Do(chromedp.Focus(chromedp.CSS(`.contents-side a[href="#evidence"]`)), chromedp.KeyEvent(kb.Enter))
		if h := browsertest.Eval[string](p, `location.hash`); h != "#evidence" {
			t.Errorf("Enter on the contents link left the address at %q", h)
		}
		p.CheckClean()
		browsertest.FailOnAxe(t, "recommendation at 1280 px", p.Axe())
	})

	t.Run("mobile", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.Mobile()
		p.Navigate(url)
		l := browsertest.Eval[readingLayout](p, readLayout)
		if !l.TopVisible || l.TopOpen || l.SideVisible || l.GuideVisible || l.AsideBeside {
			t.Errorf("at 390 px want a closed contents list on top and the guidance in the menu, not below the text: %+v", l)
		}
		if l.HeaderHeight > 56 {
			t.Errorf("the header is %v px tall at 390 px; it should be compact", l.HeaderHeight)
		}
		// The contents list opens from the keyboard and its links work.
		p.Do(chromedp.Focus(chromedp.CSS(`.contents-top summary`)), chromedp.KeyEvent(kb.Enter))
		if !browsertest.Eval[bool](p, `document.querySelector('.contents-top').open`) {
			t.Error("Enter on the summary did not open the contents list")
		}
		p.CheckClean()
		browsertest.FailOnAxe(t, "recommendation at 390 px, contents open", p.Axe())
		// The menu holds the guidance navigation, the page marked; its
		// search box and button are in line.
		p.Do(chromedp.Focus(chromedp.CSS(`#site-menu > summary`)), chromedp.KeyEvent(kb.Enter))
		cur := browsertest.Eval[string](p, `(function () { var a = document.querySelector('#site-nav .guide-recs a[aria-current="page"]'); return a && a.checkVisibility() ? a.textContent.replace(/\s+/g, ' ').trim() : ''; })()`)
		if !isCurrent(cur, wantCurrent) {
			t.Errorf("the menu's guidance navigation marks %q, want %q", cur, wantCurrent)
		}
		if m := browsertest.Eval[readingLayout](p, readLayout).SearchMisalign; m > 2 {
			t.Errorf("the search box and its button are %v px out of line", m)
		}
		if w := browsertest.Eval[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
			t.Errorf("the page is %d px wide in a %d px viewport", w[0], w[1])
		}
	})
}

// isCurrent reports whether the guidance navigation's marked link, whose
// text may be cut short, names want.
func isCurrent(got, want string) bool {
	got = strings.TrimSuffix(got, "…")
	return len(got) > 20 && strings.HasPrefix(want, got)
}

// TestContentsLists checks which reading pages get a contents list: a
// template and a free page with several headings do, and each entry leads
// to a heading on the page; the links work without JavaScript.
func TestContentsLists(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.DisableScripts()
	p.Desktop()
	for _, page := range []string{"protocols/information-sharing-agreement/index.html", "how-to-use/index.html", "recommendations/" + s.Site.Results[0].Recommendations[0].ID + "/index.html"} {
		p.Navigate(fileHost(s).URL(page))
		got := browsertest.Eval[[]string](p, `Array.from(document.querySelectorAll('.contents-side a')).filter(a => !document.getElementById(a.hash.slice(1))).map(a => a.hash)`)
		n := browsertest.Eval[int](p, `document.querySelectorAll('.contents-side a').length`)
		if n < 2 || len(got) > 0 {
			t.Errorf("%s: %d contents entries, leading nowhere: %v", page, n, got)
		}
	}
}

// TestRecommendationAssessmentLinks follows, for every recommendation, the
// link from its page to its entry in the self-assessment, and back from
// that entry to the page; and the self-assessment's jump links to each
// expected result. The self-assessment's chart gives way to its table at
// 390 px, which fits the screen.
func TestRecommendationAssessmentLinks(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	h := fileHost(s)
	p := browsertest.Shared(t).NewPage(t)
	for _, rec := range s.Site.AllRecommendations() {
		p.Navigate(h.URL("recommendations/" + rec.ID + "/index.html"))
		p.Follow(`.assess-link a`)
		p.Do(chromedp.WaitVisible(chromedp.CSS(`#sa-form`)))
		got := browsertest.Eval[string](p, `(function () { var el = document.getElementById(location.hash.slice(1)); return el ? el.getAttribute('data-rec') : ''; })()`)
		if got != rec.ID || !strings.Contains(p.URL(), "self-assessment/index.html") {
			t.Errorf("%s: the self-assessment link led to %s (entry %q)", rec.ID, p.URL(), got)
			continue
		}
		p.Follow(`#sa-rec-` + rec.ID + ` .sa-rec-link a`)
		p.Do(chromedp.WaitVisible(chromedp.CSS(`h1.rec-title`)))
		if h1 := browsertest.Eval[string](p, `document.querySelector('h1').textContent`); h1 != rec.Text {
			t.Errorf("%s: the entry's link led to %q", rec.ID, h1)
		}
	}
	p.Navigate(h.URL("self-assessment/index.html"))
	missing := browsertest.Eval[[]string](p, `Array.from(document.querySelectorAll('.sa-jump a')).filter(a => !document.getElementById(a.hash.slice(1))).map(a => a.hash)`)
	if n := browsertest.Eval[int](p, `document.querySelectorAll('.sa-jump a').length`); n != len(s.Site.Results) || len(missing) > 0 {
		t.Errorf("%d jump links for %d results; leading nowhere: %v", n, len(s.Site.Results), missing)
	}
	p.Mobile()
	p.Navigate(h.URL("self-assessment/index.html"))
	p.Do(chromedp.Click(chromedp.CSS(`#sa-organisation`)), chromedp.SendKeys(chromedp.CSS(`#sa-organisation`), "Force"))
	p.Do(chromedp.Click(chromedp.CSS(`input[name^="sa-status-"][value="in-place"]`)))
	p.Do(chromedp.WaitVisible(chromedp.CSS(`#sa-summary-table table`)))
	if shown := browsertest.Eval[bool](p, `document.getElementById('sa-chart').getClientRects().length > 0`); shown {
		t.Error("at 390 px the chart, whose labels would be unreadable, should give way to the table")
	}
	// The summary table fits the screen, caption included: no sideways
	// scroll, in the page or in the table's own box.
	fit := browsertest.Eval[[]float64](p, `(function () { var w = document.querySelector('#sa-summary-table .sa-table-wrap') || document.querySelector('#sa-summary-table'), t = w.querySelector('table');
  return [w.scrollWidth - w.clientWidth, t.getBoundingClientRect().right - window.innerWidth, t.querySelector('caption') ? t.querySelector('caption').scrollWidth - t.querySelector('caption').clientWidth : 0, document.documentElement.scrollWidth - window.innerWidth]; })()`)
	if fit[0] > 0 || fit[1] > 0 || fit[2] > 0 || fit[3] > 0 {
		t.Errorf("at 390 px the summary table scrolls sideways: box %v px, table past the screen %v px, caption cut %v px, page %v px", fit[0], fit[1], fit[2], fit[3])
	}
	browsertest.FailOnAxe(t, "self-assessment at 390 px", p.Axe())
}
