package e2e

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// chromeText is text that belongs to the screen only: the skip link, the
// footer's links and the toolbar's buttons. None of it may be printed.
var chromeText = []string{"Skip to content", "Print the whole guidance", "Start again: clear all ticks", "Clear all fields"}

// printHidden is every part of the page that must not print, with what it
// is; under print media each must take no space.
const printHidden = `(function () {
  var sel = {'.site-header': 'header', '#site-nav': 'navigation', '.breadcrumb': 'breadcrumb',
    '.pager': 'previous/next links', '.skip-link': 'skip link', '.footer-links': 'footer links',
    '.toolbar': 'toolbar', 'button': 'button', '.no-print': 'screen-only text'};
  var shown = [];
  Object.keys(sel).forEach(function (s) {
    Array.prototype.forEach.call(document.querySelectorAll(s), function (el) {
      if (el.getClientRects().length > 0) { shown.push(sel[s] + ' (' + s + ')'); }
    });
  });
  return shown;
})()`

// drawnControls lists the checkboxes and fields that print without a
// visible box or rule.
const drawnControls = `(function () {
  var bad = [];
  Array.prototype.forEach.call(document.querySelectorAll('.tick'), function (el, i) {
    var s = getComputedStyle(el), r = el.getBoundingClientRect();
    if (s.display === 'none' || r.width < 8 || r.height < 8 || parseFloat(s.borderTopWidth) < 1 || parseFloat(s.borderLeftWidth) < 1) {
      bad.push('tick box ' + i);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-field]'), function (el) {
    var s = getComputedStyle(el), r = el.getBoundingClientRect();
    // A sheet prints a copy of the value (or a space to write in) after
    // the field's wrapper, in place of the control, which would clip it.
    var wrap = el.closest('.field');
    if (s.display === 'none' && wrap) {
      s = getComputedStyle(wrap, '::after');
      var lab = wrap.querySelector('label'), w = wrap.getBoundingClientRect();
      var lh = lab && getComputedStyle(lab).position !== 'absolute' ? lab.getBoundingClientRect().height : 0;
      r = { width: w.width, height: w.height - lh };
      if (s.content === 'none' || s.content === 'normal') { s = { display: 'none' }; }
    }
    var ruled = parseFloat(s.borderBottomWidth) >= 1 || (s.backgroundImage && s.backgroundImage !== 'none');
    if (s.display === 'none' || r.width < 40 || r.height < 10 || !ruled) { bad.push('field ' + el.id); }
    var label = document.querySelector('label[for="' + el.id + '"]');
    if (!label || label.getClientRects().length === 0) { bad.push('label of field ' + el.id); }
  });
  return bad;
})()`

func printedText(t *testing.T, p *browsertest.Page, name string) (string, int) {
	t.Helper()
	p.EmulateMedia("print")
	if shown := browsertest.Eval[[]string](p, printHidden); len(shown) > 0 {
		t.Errorf("%s: prints %v", name, shown)
	}
	if bad := browsertest.Eval[[]string](p, drawnControls); len(bad) > 0 {
		t.Errorf("%s: not drawn for hand-filling on paper: %v", name, bad)
	}
	p.EmulateMedia("")
	pdf := p.PDF()
	browsertest.KeepPDF(t, strings.ReplaceAll(strings.TrimSuffix(name, "/index.html"), "/", "-")+".pdf", pdf)
	text := browsertest.PDFText(t, pdf)
	for _, c := range chromeText {
		if strings.Contains(text, c) {
			t.Errorf("%s: the printed page contains %q", name, c)
		}
	}
	return text, browsertest.PDFPages(t, pdf)
}

// squash drops whitespace and hyphens, so that text compares equal however
// the printed page wrapped it: pdftotext joins a word broken at a hyphen
// at the end of a line without the hyphen.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}

// TestPrintChecklists prints each role's checklist after ticking some items:
// the ticked items print as ticks and only those, the boxes of the others
// are drawn, no navigation prints, and with the default content one role's
// checklist fits on two A4 pages.
func TestPrintChecklists(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	for _, s := range []*builtSite{defaultSite(t), testSite(t)} {
		t.Run(s.Name, func(t *testing.T) {
			p := b.NewPage(t)
			h := fileHost(s)
			if len(s.Site.Checklists) == 0 {
				t.Fatal("no checklists")
			}
			for _, cl := range s.Site.Checklists {
				name := "checklists/" + cl.Role.ID + "/index.html"
				p.Navigate(h.URL(name))
				boxes := `document.querySelectorAll('input[type=checkbox][data-tick]')`
				n := browsertest.Eval[int](p, boxes+`.length`)
				ticked := 0
				for i := 0; i < n; i += 3 {
					id := browsertest.Eval[string](p, boxes+`[`+itoa(i)+`].id`)
					p.Do(chromedp.Click(chromedp.ID(id)))
					ticked++
				}
				text, pages := printedText(t, p, name)
				if got := strings.Count(text, "✓"); got != ticked {
					t.Errorf("%s: %d ticks printed, want %d (ticked every third of %d items)", name, got, ticked, n)
				}
				for _, sec := range cl.Sections {
					for _, it := range sec.Items {
						if !strings.Contains(squash(text), squash(it.Text)) {
							t.Errorf("%s: item not printed: %q", name, it.Text)
						}
					}
				}
				if s.Name == "default" && pages > 2 {
					t.Errorf("%s: prints on %d A4 pages, want at most 2", name, pages)
				}
			}
		})
	}
}

// TestPrintAllChecklists prints the page of every checklist: each role's
// checklist is there, each starting on a new page.
func TestPrintAllChecklists(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	p := b.NewPage(t)
	p.Navigate(fileHost(s).URL("print/checklists/index.html"))
	text, pages := printedText(t, p, "print/checklists/index.html")
	if pages < len(s.Site.Checklists) {
		t.Errorf("%d checklists printed on %d pages; each must start a page", len(s.Site.Checklists), pages)
	}
	for _, cl := range s.Site.Checklists {
		for _, sec := range cl.Sections {
			for _, it := range sec.Items {
				if !strings.Contains(squash(text), squash(it.Text)) {
					t.Errorf("item of %s not printed: %q", cl.Role.ID, it.Text)
				}
			}
		}
	}
}

// TestPrintProtocols prints each template filled in: every field is drawn
// as its label over a ruled space (the DOM check under print media, which
// holds for a blank form too), and the typed values print. A field in a
// table cell is named by its column heading, which must print instead.
func TestPrintProtocols(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	for _, s := range []*builtSite{defaultSite(t), testSite(t)} {
		t.Run(s.Name, func(t *testing.T) {
			p := b.NewPage(t)
			h := fileHost(s)
			for _, pr := range s.Site.Protocols {
				name := "protocols/" + pr.ID + "/index.html"
				p.Navigate(h.URL(name))
				labels := browsertest.Eval[[]string](p, `Array.prototype.map.call(document.querySelectorAll('.field label'), function (l) {
					var td = l.closest('td');
					if (!td) { return l.textContent; }
					var th = td.closest('table').querySelectorAll('thead th')[td.cellIndex];
					return th ? th.textContent : l.textContent;
				})`)
				if len(labels) == 0 {
					t.Errorf("%s: no fields", name)
				}
				input := browsertest.Eval[string](p, `document.querySelector('input[data-field]').id`)
				area := browsertest.Eval[string](p, `(document.querySelector('textarea[data-field]') || {}).id || ''`)
				p.Do(chromedp.SendKeys(chromedp.ID(input), "Filled-in value one"))
				want := []string{"Filled-in value one"}
				if area != "" {
					p.Do(chromedp.SendKeys(chromedp.ID(area), "Line one of many\nLine two of many"))
					want = append(want, "Line one of many", "Line two of many")
				}
				text, _ := printedText(t, p, name)
				// A label in a narrow table cell wraps, and pdftotext then
				// interleaves it with its neighbours: look for its words.
				words := map[string]bool{}
				for _, w := range strings.Fields(text) {
					words[w] = true
				}
				for _, l := range labels {
					for _, w := range strings.Fields(l) {
						if !words[w] {
							t.Errorf("%s: the print lacks %q of the label %q", name, w, l)
						}
					}
				}
				for _, w := range want {
					// A value wraps in a narrow cell: compare without the breaks.
					if !strings.Contains(squash(text), squash(w)) {
						t.Errorf("%s: the typed value %q is not printed", name, w)
					}
				}
			}
		})
	}
}

// TestPrintGuidance prints the whole guidance: every expected result and
// every recommendation is in it, and the addresses of cited sources are
// printed.
func TestPrintGuidance(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	for _, s := range []*builtSite{defaultSite(t), testSite(t)} {
		t.Run(s.Name, func(t *testing.T) {
			p := b.NewPage(t)
			p.Navigate(fileHost(s).URL("print/index.html"))
			text, pages := printedText(t, p, s.Name+"-print/index.html")
			flat := squash(text)
			recs := 0
			for _, r := range s.Site.Results {
				if !strings.Contains(flat, squash(r.Title)) {
					t.Errorf("expected result %d not printed: %q", r.Number, r.Title)
				}
				for _, rec := range r.Recommendations {
					recs++
					if !strings.Contains(flat, squash(rec.Label+rec.Text)) {
						t.Errorf("recommendation %s not printed: %q", rec.Label, rec.Text)
					}
				}
			}
			for _, src := range s.Site.Sources {
				if src.URL != "" && !strings.Contains(flat, squash(src.URL)) {
					t.Errorf("the address of source %s is not printed: %s", src.ID, src.URL)
				}
			}
			if recs == 0 || pages < len(s.Site.Results) {
				t.Errorf("%d recommendations on %d pages", recs, pages)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestPrintLetter prints every role's checklist and a filled-in template on
// US Letter, the other paper the guidance must print on: the pages are
// Letter-sized, every checklist item and every typed value is printed, and
// one role's checklist still fits on two pages.
func TestPrintLetter(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	h := fileHost(s)
	for _, cl := range s.Site.Checklists {
		name := "checklists/" + cl.Role.ID + "/index.html"
		p.Navigate(h.URL(name))
		pdf := p.PDFOn(chromedp.PaperLetter)
		if w, hgt := browsertest.PDFPageSize(t, pdf); w != 612 || hgt != 792 {
			t.Fatalf("%s: page is %v x %v pt, want Letter, 612 x 792", name, w, hgt)
		}
		if n := browsertest.PDFPages(t, pdf); n > 2 {
			t.Errorf("%s: %d Letter pages, want at most 2", name, n)
		}
		text := squash(browsertest.PDFText(t, pdf))
		for _, sec := range cl.Sections {
			for _, it := range sec.Items {
				if !strings.Contains(text, squash(it.Text)) {
					t.Errorf("%s: item %q not printed on Letter", name, it.Text)
				}
			}
		}
	}
	name := "protocols/information-sharing-agreement/index.html"
	p.Navigate(h.URL(name))
	area := browsertest.Eval[string](p, `document.querySelector('textarea[data-field]').id`)
	p.Do(chromedp.SendKeys(chromedp.ID(area), "Typed for the Letter print"))
	text := squash(browsertest.PDFText(t, p.PDFOn(chromedp.PaperLetter)))
	if !strings.Contains(text, squash("Typed for the Letter print")) {
		t.Errorf("%s: the typed value is not printed on Letter", name)
	}
}
