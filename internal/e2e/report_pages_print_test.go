package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/report"
	"github.com/riskguide/riskguide/internal/site"
)

// reportOptions are the options of a report, drafts included, of site s
// (read from src) in its language.
func reportOptions(t *testing.T, src generate.Source, s *site.Site) report.Options {
	t.Helper()
	msgs, err := load.SiteMessages(generate.Theme(src), s)
	if err != nil {
		t.Fatal(err)
	}
	return report.Options{Drafts: true, Strings: msgs, Lang: s.Config.Language}
}

// TestReportPagesPrint prints the pages riskguide report writes, in
// Chromium, and reads them back with pdftotext: every page carries the
// running head and "Page x of y", an organisation's pages name it at the
// top, the index is a few pages rather than a page per section, and long
// organisation and file names wrap between words, never inside one.
func TestReportPagesPrint(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	north, err := os.ReadFile(filepath.Join("..", "report", "testdata", "exports", "north.json"))
	if err != nil {
		t.Fatal(err)
	}
	final, err := os.ReadFile(filepath.Join("..", "report", "testdata", "exports", "north-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	org := "Xanthorpe Quillbury Constabulary Safeguarding Directorate Partnership"
	long := strings.Replace(string(north), `"organisation": "North Police"`, `"organisation": "`+org+`"`, 1)
	long = strings.Replace(long, `"id": "a-north-2026"`, `"id": "a-long-2026"`, 1)
	file := "/srv/exports/xanthorpe-quillbury/safeguarding_directorate/zelfbeoordeling-tweeduizendzesentwintig.json"
	inputs := []report.Input{
		{Name: file, Data: []byte(long)},
		{Name: "north-2025.json", Data: final},
		{Name: "north.json", Data: north},
	}
	// Seven more organisations of long names, so that the tables are
	// crowded and their columns narrow.
	for i := range 7 {
		o := strings.Replace(long, org, fmt.Sprintf("%s %c", org, 'B'+i), 1)
		o = strings.Replace(o, `"id": "a-long-2026"`, fmt.Sprintf(`"id": "a-long-%d"`, i), 1)
		inputs = append(inputs, report.Input{Name: strings.Replace(file, ".json", fmt.Sprintf("-%c.json", 'b'+i), 1), Data: []byte(o)})
	}
	r, bad := report.Build(s.Site, inputs, reportOptions(t, generate.DefaultSource(), s.Site))
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	r.Generated = "2026-05-01"
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var longOrg *report.Organisation
	for _, o := range r.Organisations {
		if o.Name == org && longOrg == nil {
			longOrg = o
		}
	}
	head := "Self-assessment report · " + s.Site.Config.Title + " · 1 May 2026"
	for _, c := range []struct {
		page, head string
		most       int
	}{
		{"index.html", head, 10},
		{longOrg.Page, org + " · " + head, 6},
	} {
		p := browsertest.Shared(t).NewPage(t)
		p.Navigate(browsertest.FileURL(dir, c.page))
		pdf := p.PDFAsStyled()
		browsertest.KeepPDF(t, "report-"+c.page+".pdf", pdf)
		text := browsertest.PDFText(t, pdf)
		pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
		if len(pages) > c.most {
			t.Errorf("%s prints on %d pages, want at most %d", c.page, len(pages), c.most)
		}
		for i, pg := range pages {
			flat := space.ReplaceAllString(pg, " ")
			if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(flat, want) {
				t.Errorf("%s, page %d lacks %q", c.page, i+1, want)
			}
			if !strings.Contains(flat, c.head) {
				t.Errorf("%s, page %d lacks the running head %q:\n%s", c.page, i+1, c.head, pg)
			}
		}
		if w, h := browsertest.PDFPageSize(t, pdf); w < h {
			t.Errorf("%s prints %.0f x %.0f pt, want A4 landscape", c.page, w, h)
		}
		// A word broken inside shows as its two pieces standing alone (the
		// names are made of words the rest of the report does not use).
		tokens := map[string]bool{}
		for _, tok := range regexp.MustCompile(`[\pL\pN]+`).FindAllString(text, -1) {
			tokens[tok] = true
		}
		for _, word := range regexp.MustCompile(`[\pL\pN]+`).FindAllString(org+" "+file, -1) {
			for k := 3; k <= len(word)-3; k++ {
				if tokens[word[:k]] && tokens[word[k:]] {
					t.Errorf("%s: %q is broken inside (%q / %q)", c.page, word, word[:k], word[k:])
					break
				}
			}
		}
	}
}
