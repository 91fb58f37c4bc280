package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/testfs"
)

// Sizes of A4 and US Letter paper in points, as pdfinfo reports them.
const (
	a4Width, a4Height         = 594.96, 841.92
	letterWidth, letterHeight = 612.0, 792.0
)

// letterSite is the default guidance with paper: letter in its site.yaml.
func letterSite(t *testing.T) *builtSite {
	fsys, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/site.yaml"].Data = append(fsys["content/site.yaml"].Data, "\npaper: letter\n"...)
	return getSite(t, "letter", generate.Source{FS: fsys, Name: "default site on Letter paper"})
}

// printAs presses one of the page's print buttons ("blank" or "filled")
// and prints the page as the print dialog would, on the paper its style
// asks for. The browser's own print is stubbed out: the test prints instead.
func printAs(t *testing.T, p *browsertest.Page, mode string) []byte {
	t.Helper()
	browsertest.Eval[bool](p, `window.print = function () {}; true`)
	p.Do(chromedp.Click(chromedp.CSS(`button[data-print="` + mode + `"]`)))
	if got := browsertest.Eval[bool](p, `document.documentElement.classList.contains('print-blank')`); got != (mode == "blank") {
		t.Fatalf("after pressing the %s button, print-blank is %v", mode, got)
	}
	pdf := p.PDFAsStyled()
	// The print is over: the page is as it was.
	browsertest.Eval[bool](p, `window.dispatchEvent(new Event('afterprint')); true`)
	if browsertest.Eval[bool](p, `document.documentElement.classList.contains('print-blank')`) {
		t.Errorf("the page stays in blank mode after printing")
	}
	return pdf
}

// typeInto types text into the field with the given id, in one input
// method step rather than key by key (the print tests fill dozens of
// fields; what they check is the paper, not the keys).
func typeInto(p *browsertest.Page, id, text string) {
	p.InsertText(`[id="`+id+`"]`, text)
}

// TestPrintLongValue types values longer than their boxes into one-line
// fields, in a table cell and in a checklist's header, and prints them:
// each value is on paper in full.
func TestPrintLongValue(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	h := fileHost(s)
	long := "MARAC North; Child protection conference; Perpetrator panel of the northern division"

	p.Navigate(h.URL("protocols/referral-protocol/index.html"))
	typeInto(p, "field-bodies-covered", long)
	typeInto(p, "field-repeat-period", "Twelve months from the date of the last referral to the MARAC")
	pdf := printAs(t, p, "filled")
	browsertest.KeepPDF(t, "long-value-referral-protocol.pdf", pdf)
	text := squash(browsertest.PDFText(t, pdf))
	for _, want := range []string{long, "Twelve months from the date of the last referral to the MARAC"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the referral protocol does not print %q in full", want)
		}
	}

	p.Navigate(h.URL("checklists/frontline-officer/index.html"))
	ref := "CAD 2026/11/30-004512, linked to crime reference 44/123456/26 and earlier call 2026/10/02-000871"
	typeInto(p, "cl-frontline-officer-incident-reference", ref)
	pdf = printAs(t, p, "filled")
	browsertest.KeepPDF(t, "long-value-frontline-officer.pdf", pdf)
	if text := squash(browsertest.PDFText(t, pdf)); !strings.Contains(text, squash(ref)) {
		t.Errorf("the checklist header does not print %q in full", ref)
	}
}

// TestPrintBlankOrFilled fills in a checklist and a template, then prints
// each page and each pack both ways: with my entries, every tick and value
// is there; blank, none is.
func TestPrintBlankOrFilled(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	h := fileHost(s)
	entries := []string{"Constable Ada Example", "Written in the notes space", "Typed into the referral template", "Several lines typed\nfor the victim's view"}

	p.Navigate(h.URL("checklists/frontline-officer/index.html"))
	typeInto(p, "cl-frontline-officer-officer-name", entries[0])
	typeInto(p, "cl-frontline-officer-notes", entries[1])
	boxes := `document.querySelectorAll('input[type=checkbox][data-tick]')`
	ticked := 0
	for i := 0; i < browsertest.Eval[int](p, boxes+`.length`); i += 2 {
		p.Do(chromedp.Click(chromedp.ID(browsertest.Eval[string](p, boxes+`[`+itoa(i)+`].id`))))
		ticked++
	}
	p.Navigate(h.URL("protocols/referral-protocol/index.html"))
	typeInto(p, "field-bodies-covered", entries[2])
	typeInto(p, "field-how-the-victim-is-informed-and-their-views-recorded", entries[3])

	for _, page := range []string{"checklists/frontline-officer/index.html", "protocols/referral-protocol/index.html", "print/checklists/index.html", "print/protocols/index.html"} {
		p.Navigate(h.URL(page))
		name := strings.ReplaceAll(strings.TrimSuffix(page, "/index.html"), "/", "-")
		filled := printAs(t, p, "filled")
		blank := printAs(t, p, "blank")
		browsertest.KeepPDF(t, name+"-filled.pdf", filled)
		browsertest.KeepPDF(t, name+"-blank.pdf", blank)
		ft, bt := browsertest.PDFText(t, filled), browsertest.PDFText(t, blank)
		wantTicks, wantText := 0, entries[:2]
		if strings.Contains(page, "checklists") {
			wantTicks = ticked
		}
		if strings.Contains(page, "protocol") {
			wantText = entries[2:]
		}
		if got := strings.Count(ft, "✓"); got != wantTicks {
			t.Errorf("%s with my entries: %d ticks, want %d", page, got, wantTicks)
		}
		for _, e := range wantText {
			for _, line := range strings.Split(e, "\n") {
				if !strings.Contains(squash(ft), squash(line)) {
					t.Errorf("%s with my entries lacks %q", page, line)
				}
			}
		}
		if got := strings.Count(bt, "✓"); got != 0 {
			t.Errorf("%s blank: %d ticks printed", page, got)
		}
		for _, e := range entries {
			for _, line := range strings.Split(e, "\n") {
				if strings.Contains(squash(bt), squash(line)) {
					t.Errorf("%s blank prints the entry %q", page, line)
				}
			}
		}
	}
	// Printing blank changed nothing kept: the entries are still there.
	p.Navigate(h.URL("checklists/frontline-officer/index.html"))
	if got := browsertest.Eval[string](p, `document.getElementById('cl-frontline-officer-officer-name').value`); got != entries[0] {
		t.Errorf("after printing blank the name field holds %q", got)
	}
	if got := browsertest.Eval[int](p, `document.querySelectorAll('input[data-tick]:checked').length`); got != ticked {
		t.Errorf("after printing blank %d items are ticked, want %d", got, ticked)
	}
}

// TestSheetsIdentifyThemselves prints every checklist and template, and
// both packs: every page carries its sheet's title, the guidance's name and
// version, the date it was printed, and "Page x of y".
func TestSheetsIdentifyThemselves(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	h := fileHost(s)
	guidance := s.Site.Config.Title + " · Version " + s.Site.Config.Version
	year := fmt.Sprint(time.Now().Year())
	var titles []string
	check := func(page string, titles []string) {
		p.Navigate(h.URL(page))
		pdf := p.PDFAsStyled()
		browsertest.KeepPDF(t, "sheet-"+strings.ReplaceAll(strings.TrimSuffix(page, "/index.html"), "/", "-")+".pdf", pdf)
		pages := browsertest.PDFPageTexts(t, pdf)
		for i, text := range pages {
			flat := squash(text)
			where := fmt.Sprintf("%s, page %d", page, i+1)
			// A sheet in a pack says the page of the pack beside its own
			// (TestPackPageNumbers).
			want := fmt.Sprintf("Page %d of %d", i+1, len(pages))
			if strings.HasPrefix(page, "print/") {
				want = fmt.Sprintf("page %d of %d of the pack", i+1, len(pages))
			}
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q", where, want)
			}
			if !strings.Contains(flat, squash(guidance)) {
				t.Errorf("%s: no %q", where, guidance)
			}
			if !strings.Contains(text, "Printed ") || !strings.Contains(text, year) {
				t.Errorf("%s: no date printed", where)
			}
			found := false
			for _, title := range titles {
				found = found || strings.Contains(flat, squash(title))
			}
			if !found {
				t.Errorf("%s: carries none of the titles %q", where, titles)
			}
		}
	}
	for _, cl := range s.Site.Checklists {
		check("checklists/"+cl.Role.ID+"/index.html", []string{cl.Title})
		titles = append(titles, cl.Title)
	}
	check("print/checklists/index.html", titles)
	titles = nil
	for _, pr := range s.Site.Protocols {
		check("protocols/"+pr.ID+"/index.html", []string{pr.Title})
		titles = append(titles, pr.Title)
	}
	check("print/protocols/index.html", titles)
}

// TestPaperSizes prints every checklist of the default site as its style
// asks: on A4 by default and on Letter with paper: letter, one page each.
func TestPaperSizes(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	for _, tc := range []struct {
		site          *builtSite
		width, height float64
	}{{defaultSite(t), a4Width, a4Height}, {letterSite(t), letterWidth, letterHeight}} {
		p := b.NewPage(t)
		for _, cl := range tc.site.Site.Checklists {
			name := "checklists/" + cl.Role.ID + "/index.html"
			p.Navigate(fileHost(tc.site).URL(name))
			pdf := p.PDFAsStyled()
			browsertest.KeepPDF(t, tc.site.Name+"-"+cl.Role.ID+".pdf", pdf)
			if w, hgt := browsertest.PDFPageSize(t, pdf); w != tc.width || hgt != tc.height {
				t.Errorf("%s %s: page is %v x %v pt, want %v x %v", tc.site.Name, name, w, hgt, tc.width, tc.height)
			}
			if n := browsertest.PDFPages(t, pdf); n != 1 {
				t.Errorf("%s %s: %d pages, want 1", tc.site.Name, name, n)
			}
		}
	}
}

// TestRepeatedRowsNotSplit fills every repeated row of the small site's
// record with text that wraps in its narrow cells, and prints it: the rows
// run over several pages, and each row's text is all on one page.
func TestRepeatedRowsNotSplit(t *testing.T) {
	t.Parallel()
	s := testSite(t)
	p := browsertest.Shared(t).NewPage(t)
	p.Navigate(fileHost(s).URL("protocols/plan/index.html"))
	rows := browsertest.Eval[int](p, `document.querySelectorAll('input[id^="field-case-reference"]').length`)
	if rows != 24 {
		t.Fatalf("%d rows of the record, want 24", rows)
	}
	// Each word names its row, so that a row broken over two pages shows
	// as words of one row on two pages.
	cols := []string{"case-reference", "trigger", "referred-to"}
	cell := func(col, row int) []string {
		var words []string
		for w := 1; w <= 8; w++ {
			words = append(words, fmt.Sprintf("r%02dc%dw%d", row, col, w))
		}
		return words
	}
	for i := 0; i < rows; i++ {
		suffix := ""
		if i > 0 {
			suffix = "-" + itoa(i)
		}
		for c, col := range cols {
			typeInto(p, "field-"+col+suffix, strings.Join(cell(c, i), " "))
		}
	}
	pdf := printAs(t, p, "filled")
	browsertest.KeepPDF(t, "rows-plan.pdf", pdf)
	pages := browsertest.PDFPageTexts(t, pdf)
	if len(pages) < 2 {
		t.Fatalf("the record prints on %d page; the test needs it to run over pages", len(pages))
	}
	for i := 0; i < rows; i++ {
		on := map[int]bool{}
		for c := range cols {
			for _, w := range cell(c, i) {
				for n, text := range pages {
					if strings.Contains(text, w) {
						on[n] = true
					}
				}
			}
		}
		if len(on) != 1 {
			t.Errorf("row %d is printed on %d pages", i+1, len(on))
		}
	}
}

// tableOverflow lists the tables of the page that are wider than the text
// they stand in.
const tableOverflow = `(function () {
  var bad = [];
  Array.prototype.forEach.call(document.querySelectorAll('.protocol-body table'), function (t, i) {
    var box = t.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
    if (r.right > box.right + 0.5 || t.scrollWidth > t.clientWidth + 1) {
      bad.push('table ' + (i + 1) + ': ' + Math.round(r.width) + ' px in ' + Math.round(box.width) + ' px');
    }
  });
  return bad;
})()`

// TestTemplateTablesFit checks on screen, on a phone, and under print
// media that no table of a template is wider than the text around it.
func TestTemplateTablesFit(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	p := browsertest.Shared(t).NewPage(t)
	for _, pr := range s.Site.Protocols {
		name := "protocols/" + pr.ID + "/index.html"
		p.Navigate(fileHost(s).URL(name))
		for _, view := range []string{"desktop", "mobile", "print"} {
			switch view {
			case "desktop":
				p.Desktop()
			case "mobile":
				p.Mobile()
			case "print":
				p.Desktop()
				p.EmulateMedia("print")
			}
			if bad := browsertest.Eval[[]string](p, tableOverflow); len(bad) > 0 {
				t.Errorf("%s (%s): %v", name, view, bad)
			}
		}
		p.EmulateMedia("")
	}
}

// TestPackChoice prints the pack of all checklists after choosing two
// roles: only those two are printed. Without scripts the choice is not
// offered and every checklist prints.
func TestPackChoice(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	b := browsertest.Shared(t)
	p := b.NewPage(t)
	p.Navigate(fileHost(s).URL("print/checklists/index.html"))
	p.Do(chromedp.Click(chromedp.CSS(`button[data-pack-all="false"]`)))
	chosen := s.Site.Checklists[:2]
	for _, cl := range chosen {
		p.Do(chromedp.Click(chromedp.ID("choose-" + cl.Role.ID)))
	}
	pdf := printAs(t, p, "blank")
	browsertest.KeepPDF(t, "pack-two-checklists.pdf", pdf)
	text := squash(browsertest.PDFText(t, pdf))
	for i, cl := range s.Site.Checklists {
		if got := strings.Contains(text, squash(cl.Sections[0].Items[0].Text)); got != (i < len(chosen)) {
			t.Errorf("%s printed: %v, want %v", cl.Role.ID, got, i < len(chosen))
		}
	}
	if n := browsertest.PDFPages(t, pdf); n != len(chosen) {
		t.Errorf("%d pages for %d checklists", n, len(chosen))
	}

	q := b.NewPage(t)
	q.DisableScripts()
	q.Navigate(fileHost(s).URL("print/protocols/index.html"))
	pdf = q.PDFAsStyled()
	text = squash(browsertest.PDFText(t, pdf))
	for _, pr := range s.Site.Protocols {
		if !strings.Contains(text, squash(pr.Title)) {
			t.Errorf("without scripts, the template %s is not printed", pr.ID)
		}
	}
	if strings.Contains(text, squash("Choose what to print")) {
		t.Error("without scripts, the choice of sheets is printed")
	}
	// Without scripts the date is not known: each page leaves a line for it.
	for i, page := range browsertest.PDFPageTexts(t, pdf) {
		if !strings.Contains(page, "Printed on: ____") || !strings.Contains(page, fmt.Sprintf("page %d of", i+1)) || len(strings.Fields(page)) < 30 {
			t.Errorf("without scripts, page %d of the templates lacks the line for the date or its number, or is nearly blank", i+1)
		}
	}
}
