package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

var sheetPageRe = regexp.MustCompile(`Page (\d+) of this sheet · page (\d+) of (\d+) of the pack`)

// TestPackPageNumbers prints two templates from the pack of templates in
// Chromium: each numbers its own pages from 1 ("Page 1 of this sheet"),
// beside the page of the pack; one template chosen alone prints "Page 1 of
// N" with N its own count, as from its own page.
func TestPackPageNumbers(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("print/protocols/index.html"))
	clickCSS(p, `[data-pack-all="false"]`)
	sheets := []string{"pack-action-plan", "pack-information-sharing-agreement"}
	for _, id := range sheets {
		clickCSS(p, `input[data-pack-sheet="`+id+`"]`)
	}
	pdf := p.PDF()
	browsertest.KeepPDF(t, "pack-two-templates.pdf", pdf)
	pages := browsertest.PDFPageTexts(t, pdf)
	starts, prev := 0, 0
	for i, pg := range pages {
		m := sheetPageRe.FindStringSubmatch(pg)
		if m == nil {
			t.Fatalf("page %d of the pack has no sheet page number:\n%s", i+1, pg)
		}
		own, _ := strconv.Atoi(m[1])
		if m[2] != strconv.Itoa(i+1) || m[3] != strconv.Itoa(len(pages)) {
			t.Errorf("page %d says it is page %s of %s of the pack", i+1, m[2], m[3])
		}
		switch own {
		case 1:
			starts++
		case prev + 1:
		default:
			t.Errorf("page %d is the sheet's page %d, after its page %d", i+1, own, prev)
		}
		prev = own
	}
	if starts != len(sheets) {
		t.Errorf("%d sheets start again at page 1, want %d", starts, len(sheets))
	}
	if !strings.Contains(pages[0], "Action plan") {
		t.Errorf("the first page is not the action plan's:\n%s", pages[0])
	}

	// The action plan unticked, the information-sharing agreement is
	// alone: it prints as from its own page, with its own count.
	clickCSS(p, `input[data-pack-sheet="pack-action-plan"]`)
	pdf = p.PDF()
	pages = browsertest.PDFPageTexts(t, pdf)
	for i, pg := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(pg, want) || strings.Contains(pg, "of the pack") {
			t.Errorf("one template from the pack: page %d does not say %q alone:\n%s", i+1, want, pg)
		}
	}
	if len(pages) < 2 {
		t.Errorf("the information-sharing agreement alone printed on %d page, want at least 2", len(pages))
	}
}

// TestPackSelectNone chooses no sheet of a pack: "Print blank" then shows
// a message and does not print, and a print all the same (the browser's
// own command) is one page that says why, not an empty one.
func TestPackSelectNone(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	for _, name := range []string{"print/checklists/index.html", "print/protocols/index.html"} {
		p.Navigate(fileHost(s).URL(name))
		browsertest.Eval[bool](p, `(window.print = function () { window.printed = true; }, true)`)
		clickCSS(p, `[data-pack-all="false"]`)
		if browsertest.Eval[bool](p, `!document.getElementById('pack-empty').hidden`) {
			t.Errorf("%s: the message shows before printing is asked for", name)
		}
		clickCSS(p, `[data-print="blank"]`)
		if browsertest.Eval[bool](p, `window.printed === true`) {
			t.Errorf("%s: with no sheet chosen, Print blank printed", name)
		}
		msg := browsertest.Eval[string](p, `(function () { var e = document.getElementById('pack-empty'); return e.hidden || e.getClientRects().length === 0 ? '' : e.textContent; })()`)
		if !strings.Contains(msg, "Nothing is chosen to print") {
			t.Errorf("%s: with no sheet chosen, Print blank shows no message (%q)", name, msg)
		}
		pdf := p.PDF()
		browsertest.KeepPDF(t, strings.ReplaceAll(name, "/", "-")+"-none.pdf", pdf)
		text := browsertest.PDFText(t, pdf)
		if n := browsertest.PDFPages(t, pdf); n != 1 || !strings.Contains(text, "Nothing is chosen to print") {
			t.Errorf("%s: printed with no sheet chosen: %d pages, without the message:\n%s", name, n, text)
		}
		// A sheet chosen again: the message goes, and the print button prints.
		first := browsertest.Eval[string](p, `document.querySelector('input[data-pack-sheet]').getAttribute('data-pack-sheet')`)
		clickCSS(p, `input[data-pack-sheet="`+first+`"]`)
		clickCSS(p, `[data-print="blank"]`)
		if !browsertest.Eval[bool](p, `window.printed === true && document.getElementById('pack-empty').hidden`) {
			t.Errorf("%s: with a sheet chosen, Print blank does not print, or the message stays", name)
		}
	}
}

// TestNoLoneTableRow prints every template on its own page and in the pack
// in Chromium: no page holds only a table's headings and one row (a
// signature block or "Reason for closing" cut from what leads to it).
func TestNoLoneTableRow(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	h := fileHost(s)
	p := browsertest.Shared(t).NewPage(t)
	theadRe := regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
	names := []string{"print/protocols/index.html"}
	for _, pr := range s.Site.Protocols {
		names = append(names, "protocols/"+pr.ID+"/index.html")
	}
	_, titles, _ := pageHTML(t, s, "print/protocols/index.html")
	guidance := squash(s.Site.Config.Title + " · Version " + s.Site.Config.Version)
	for _, name := range names {
		raw := readBuilt(t, s, name)
		hs, _, _ := pageHTML(t, s, name)
		var pageHeadings []string
		for _, x := range hs {
			if len(squash(x)) > 3 {
				pageHeadings = append(pageHeadings, squash(x))
			}
		}
		var heads []string
		for _, m := range theadRe.FindAllStringSubmatch(raw, -1) {
			heads = append(heads, squash(htmlText(m[1])))
		}
		if len(heads) == 0 {
			continue
		}
		p.Navigate(h.URL(name))
		pdf := p.PDF()
		pages := browsertest.PDFPageTexts(t, pdf)
		for i, pg := range pages {
			// The page's own text: without the running head (the
			// sheet's title, the guidance) and the foot.
			rest := squash(withoutFoot(pg))
			for _, title := range titles {
				rest = strings.Replace(rest, squash(title), "", 1)
			}
			rest = strings.Replace(rest, guidance, "", 1)
			for _, hd := range heads {
				// Only the headings and a row: short, and no heading of
				// the page after them (rows of fields print no text, so
				// the length alone cannot tell one row from six).
				after := strings.TrimPrefix(rest, hd)
				if len(after) == len(rest) || len(after) > 120 || containsAny(after, pageHeadings) {
					continue
				}
				t.Errorf("%s: page %d of %d holds only a table's headings and a row:\n%s", name, i+1, len(pages), pg)
			}
		}
	}
}

// clickCSS scrolls to the element sel selects and clicks it.
func clickCSS(p *browsertest.Page, sel string) {
	p.Do(chromedp.ScrollIntoView(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// containsAny tells whether s contains any of subs.
func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// withoutFoot drops the lines of a printed page that Chromium draws in its
// foot margin (the date printed, the page number), wherever pdftotext put
// them among the page's own lines.
func withoutFoot(page string) string {
	var keep []string
	for _, l := range strings.Split(page, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Printed ") || sheetPageLineRe.MatchString(l) {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

var sheetPageLineRe = regexp.MustCompile(`^Page \d+ of`)
