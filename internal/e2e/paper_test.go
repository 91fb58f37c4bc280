package e2e

import (
	"strings"
	"testing"
	"unicode"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestPrintedHeadingsWholeWords prints every template of the default site,
// the pack of all templates and the blank self-assessment to PDF in
// Chromium and reads them back with pdftotext: every word of every heading and table column heading is
// printed whole (no "applicabl|e" broken over two lines of a narrow
// column), and the text has no ligature characters (ﬁ, ﬀ), so a plain
// search of the PDF finds "officer" and "signed off".
func TestPrintedHeadingsWholeWords(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	h := fileHost(s)
	p := b.NewPage(t)
	pages := []string{"self-assessment/index.html", "print/protocols/index.html"}
	for _, pr := range s.Site.Protocols {
		pages = append(pages, "protocols/"+pr.ID+"/index.html")
	}
	for _, name := range pages {
		p.Navigate(h.URL(name))
		p.EmulateMedia("print")
		// The self-assessment writes its report when printing begins, as
		// Chromium's PDF does too.
		browsertest.Eval[bool](p, `window.dispatchEvent(new Event('beforeprint'))`)
		headings := browsertest.Eval[[]string](p, `Array.prototype.filter.call(document.querySelectorAll('main h1, main h2, main h3, main h4, main th, main caption'), function (e) {
			return e.getClientRects().length > 0;
		}).map(function (e) { return e.innerText; /* as printed: without what print hides, such as heading links */ })`)
		p.EmulateMedia("")
		text := browsertest.PDFText(t, p.PDF())
		if i := strings.IndexFunc(text, func(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }); i >= 0 {
			t.Errorf("%s: the PDF has a ligature character %q, which a text search does not match", name, text[i:i+3])
		}
		printed := map[string]bool{}
		for _, w := range strings.FieldsFunc(text, notWordRune) {
			printed[w] = true
		}
		checked := 0
		for _, hd := range headings {
			for _, token := range strings.Fields(hd) {
				// A compound ("information-sharing") may break after its
				// own hyphen, which pdftotext joins into one word.
				parts := strings.FieldsFunc(token, notWordRune)
				if joined := strings.Join(parts, ""); len([]rune(joined)) >= 4 && printed[joined] {
					checked++
					continue
				}
				for _, w := range parts {
					if len([]rune(w)) < 4 {
						continue
					}
					checked++
					if !printed[w] {
						t.Errorf("%s: the heading %q is not printed with the word %q whole", name, strings.TrimSpace(hd), w)
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no heading words to check", name)
		}
	}
}

// notWordRune splits printed text into words: letters and digits, with
// hyphens and apostrophes counted as separators.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
