package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// markControls numbers every control a keyboard user must be able to reach,
// in document order, and returns how many there are.
const markControls = `(function () {
  var sel = 'a[href], button, input, select, textarea, details > summary, [tabindex]:not([tabindex="-1"])';
  var n = 0;
  Array.prototype.forEach.call(document.querySelectorAll(sel), function (el) {
    if (el.disabled || el.closest('[hidden]') || el.getClientRects().length === 0) { return; }
    // The content of a closed <details> cannot be reached until it opens,
    // unless the page shows it anyway (the header's menu on a wide screen).
    if (!el.checkVisibility()) { return; }
    var s = getComputedStyle(el);
    if (s.visibility === 'hidden') { return; }
    el.setAttribute('data-kb', String(n++));
  });
  return n;
})()`

// focusState describes the element that has focus and how it is shown.
type focusState struct {
	Index   int    `json:"index"` // its data-kb number, -1 if none
	Tag     string `json:"tag"`
	Visible bool   `json:"visible"` // a focus indicator is drawn
	InView  bool   `json:"inView"`  // the element is on screen
	Desc    string `json:"desc"`
}

const readFocus = `(function () {
  var el = document.activeElement;
  if (!el || el === document.body) { return {index: -1, tag: 'body', visible: false, inView: false, desc: 'body'}; }
  var s = getComputedStyle(el);
  var ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
  var r = el.getBoundingClientRect();
  var inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
    r.top < window.innerHeight && r.left < window.innerWidth;
  var idx = el.getAttribute('data-kb');
  return {index: idx === null ? -1 : Number(idx), tag: el.tagName.toLowerCase(), visible: !!ring, inView: inView,
    desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"'};
})()`

// TestKeyboard tabs through one page of every kind at desktop width, and
// through the home page, a recommendation, a checklist and a template at
// mobile width: the first Tab lands on the skip link, which moves focus to the
// main content; every link, button and field is reached, in document
// order, with a visible focus indicator, on screen. Then the controls are
// operated from the keyboard alone: a link followed with Enter, a checkbox
// ticked with Space, a field filled by typing, the clear button pressed
// with Enter and confirmed.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	// The value says whether the page is tabbed through at mobile width too:
	// the pages whose layout changes most on a phone.
	pages := map[string]bool{
		"index.html": true, "sources/index.html": false, "checklists/index.html": false,
		"protocols/index.html": false, "print/index.html": false, "print/checklists/index.html": false,
		firstWith(t, s, "results/", "<h1"):          false,
		firstWith(t, s, "recommendations/", "<h1"):  true,
		firstWith(t, s, "checklists/", "data-tick"): true,
		firstWith(t, s, "protocols/", "<textarea"):  true,
		"about/index.html":                          false,
	}
	h := fileHost(s)
	for _, mobile := range []bool{false, true} {
		width := "desktop"
		if mobile {
			width = "mobile"
		}
		t.Run(width, func(t *testing.T) {
			p := b.NewPage(t)
			if mobile {
				p.Mobile()
			}
			for pg, onMobile := range pages {
				if mobile && !onMobile {
					continue
				}
				p.Navigate(h.URL(pg))
				tabThrough(t, p, pg)
			}
		})
	}
	t.Run("operate", func(t *testing.T) { operate(t, b, h, s) })
}

func pressTab(p *browsertest.Page) focusState {
	p.Do(chromedp.KeyEvent(kb.Tab))
	return browsertest.Eval[focusState](p, readFocus)
}

func tabThrough(t *testing.T, p *browsertest.Page, pg string) {
	t.Helper()
	n := browsertest.Eval[int](p, markControls)
	if n == 0 {
		t.Fatalf("%s: no controls found", pg)
	}
	first := pressTab(p)
	if !strings.Contains(first.Desc, "Skip to content") {
		t.Errorf("%s: first Tab focuses %s, want the skip link", pg, first.Desc)
	}
	next := 0
	for f := first; ; f = pressTab(p) {
		if f.Index < 0 {
			if f.Tag == "body" && next == n {
				break // focus has left the page after the last control
			}
			t.Errorf("%s: Tab focused %s, which is not a visible control", pg, f.Desc)
		}
		if f.Index < next {
			break // wrapped round to the start
		}
		if f.Index != next {
			t.Errorf("%s: Tab skipped control %d, went to %d (%s)", pg, next, f.Index, f.Desc)
		}
		if !f.Visible {
			t.Errorf("%s: no visible focus indicator on %s", pg, f.Desc)
		}
		if !f.InView {
			t.Errorf("%s: focused %s is not on screen", pg, f.Desc)
		}
		next = f.Index + 1
		if next > n {
			break
		}
	}
	if next != n {
		t.Errorf("%s: reached %d of %d controls by Tab", pg, next, n)
	}
}

func operate(t *testing.T, b *browsertest.Browser, h host, s *builtSite) {
	p := b.NewPage(t)
	dialogs := p.AcceptDialogs()

	// The skip link moves focus past the header.
	p.Navigate(h.URL("index.html"))
	pressTab(p)
	p.Do(chromedp.KeyEvent(kb.Enter))
	if id := browsertest.Eval[string](p, `document.activeElement.id`); id != "main" {
		t.Errorf("Enter on the skip link focuses %q, want main", id)
	}

	// A link is followed with Enter.
	for i := 0; i < 50; i++ {
		f := pressTab(p)
		if strings.Contains(f.Desc, "Checklists for each role") {
			browsertest.Run(p, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
			break
		}
	}
	if u := p.URL(); !strings.HasSuffix(u, "checklists/index.html") {
		t.Errorf("Enter on the checklists link went to %s", u)
	}

	// A checkbox is ticked with Space and kept; the clear button empties it.
	cl := firstWith(t, s, "checklists/", "data-tick")
	p.Navigate(h.URL(cl))
	focusFirst(t, p, `input[type=checkbox][data-tick]`)
	p.Do(chromedp.KeyEvent(" "))
	isChecked := `document.querySelector('input[type=checkbox][data-tick]').checked`
	if !browsertest.Eval[bool](p, isChecked) {
		t.Fatalf("%s: Space did not tick the focused checkbox", cl)
	}
	p.Reload()
	if !browsertest.Eval[bool](p, isChecked) {
		t.Errorf("%s: the tick set from the keyboard was lost on reload", cl)
	}
	focusFirst(t, p, `button[data-clear]`)
	p.Do(chromedp.KeyEvent(kb.Enter))
	if browsertest.Eval[bool](p, isChecked) {
		t.Errorf("%s: Enter on the clear button left the tick", cl)
	}
	if *dialogs != 1 {
		t.Errorf("%s: the clear button asked %d times, want one confirmation", cl, *dialogs)
	}

	// A field is filled by typing.
	pr := firstWith(t, s, "protocols/", "<textarea")
	p.Navigate(h.URL(pr))
	id := focusFirst(t, p, `input[data-field]`)
	p.Do(chromedp.KeyEvent("Typed by keyboard"))
	p.Reload()
	if v := browsertest.Eval[string](p, `document.getElementById('`+id+`').value`); v != "Typed by keyboard" {
		t.Errorf("%s: typed field after reload = %q", pr, v)
	}
}

// focusFirst presses Tab until the first element matching sel has focus,
// and returns its id.
func focusFirst(t *testing.T, p *browsertest.Page, sel string) string {
	t.Helper()
	for i := 0; i < 300; i++ {
		pressTab(p)
		if browsertest.Eval[bool](p, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, sel)) {
			return browsertest.Eval[string](p, `document.activeElement.id`)
		}
	}
	t.Fatalf("Tab never reached %s", sel)
	return ""
}
