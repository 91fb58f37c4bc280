package report

import (
	"fmt"
	"strings"
	"testing"
)

// TestFinalsPreferredOverDrafts: of North's signed-off 2025 assessment and
// its 2026 draft, the report compares the final one and names the draft as
// left out; with Drafts, the 2026 draft is compared and marked as a draft.
func TestFinalsPreferredOverDrafts(t *testing.T) {
	s := defaultSite(t)
	r, bad := Build(s, inputs(t, "north.json", "north-2025.json", "south.json"), opts(t, s, false))
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	if len(r.Columns) != 1 || r.Columns[0].File != "north-2025.json" {
		t.Fatalf("columns: %+v", r.Columns)
	}
	var left []string
	for _, f := range r.DraftsLeftOut {
		left = append(left, f.File)
	}
	if strings.Join(left, " ") != "north.json south.json" {
		t.Errorf("drafts left out: %v", left)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	html := string(files["index.html"])
	for _, want := range []string{"<strong>Drafts left out.</strong>", `(<span class="file">north.<wbr>json</span>)`, "compared on their latest final assessment"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(html, `class="draft"`) {
		t.Error("a report of finals marks something as a draft")
	}

	r, _ = Build(s, inputs(t, "north.json", "north-2025.json"), opts(t, s, true))
	if len(r.Columns) != 1 || r.Columns[0].File != "north.json" || len(r.DraftsLeftOut) != 0 {
		t.Fatalf("with drafts, columns: %+v", r.Columns)
	}
	files, err = r.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["index.html"]), `<th scope="col">North Police<span class="period">2026 (Public protection) <span class="draft">(draft)</span></span></th>`) {
		t.Error("the draft compared is not marked as a draft")
	}
	head, rest, _ := strings.Cut(string(files["report.csv"]), "\r\n")
	if !strings.Contains(head, `"Assessment","State","Approved by","Approver role","Approved on","Guidance version"`) {
		t.Errorf("CSV heading: %s", head)
	}
	if !strings.Contains(rest, `"North 2025","Final","C. Chief","Chief Constable","2025-04-02"`) || !strings.Contains(rest, `"North 2026","Draft","","",""`) {
		t.Errorf("CSV rows lack the state and sign-off:\n%.600s", rest)
	}
}

// TestReadRefusesByKind: a file that is not a JSON export is refused with
// a message that names what it is, not a JSON parser's complaint.
func TestReadRefusesByKind(t *testing.T) {
	for _, c := range []struct {
		name, data, want string
	}{
		{"answers.csv", "\ufeff\"Organisation\",\"Unit\",\"Period\"\r\n\"North\",\"\",\"2026\"\r\n", "is a CSV file: report reads the JSON exports"},
		{"answers.txt", "Organisation;Unit;Period;Assessment\r\nNorth;;2026;x\r\n", "is a CSV file"},
		{"answers.xlsx", "PK\x03\x04\x14\x00\x00\x00", "is a workbook (.xlsx) that cannot be read"},
		{"answers.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "is an old Excel workbook"},
		{"report.pdf", "%PDF-1.7\n", "is a PDF file"},
		{"index.html", "<!DOCTYPE html><html>", "is a web page (HTML)"},
		{"export.json", "\xff\xfe{\x00", "is UTF-16 text"},
		{"notes.txt", "hello", "is text but not JSON"},
	} {
		_, err := Read(c.name, []byte(c.data))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// JSON is read as JSON whatever the file is called, so that the
	// format's own message says what is wrong.
	if _, err := Read("export.csv", []byte(`{"format": "other"}`)); err == nil || !strings.Contains(err.Error(), "is not a riskguide self-assessment export") {
		t.Errorf("JSON named .csv: %v", err)
	}
}

// TestPrintableQuotesControlCharacters: text from a file is printed as it
// is when it shows as itself, and quoted with escapes otherwise.
func TestPrintableQuotesControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"North Police":           "North Police",
		"Police nationale – Île": "Police nationale – Île",
		"a\x1b]0;pwned\x07":      `"a\x1b]0;pwned\a"`,
		"two\nlines":             `"two\nlines"`,
		"bad \xff byte":          `"bad \xff byte"`,
		"bidi \u202e":            `"bidi \u202e"`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
	err := &Error{Path: "answers.\x1b[2J", Msg: "is not a valid identifier"}
	if got := err.Error(); got != `"answers.\x1b[2J" is not a valid identifier` {
		t.Errorf("error with a key of control characters: %s", got)
	}
}

// orgForces makes n assessments of n organisations, named by name(i).
func orgForces(n int, name func(int) string) []*Force {
	forces := make([]*Force, n)
	for i := range forces {
		e := &Export{Assessment: Assessment{ID: fmt.Sprintf("a%d", i), Name: "x", Organisation: name(i), Period: "2026"}}
		forces[i] = &Force{File: fmt.Sprintf("%d.json", i), Name: name(i), Export: e}
	}
	return forces
}

// sameSlug names organisations that differ only in punctuation, so that
// all share one slug.
func sameSlug(i int) string {
	return "North" + strings.Repeat("!", i%7) + fmt.Sprint(strings.Repeat("?", i/7))
}

// TestOrgPageNames: organisations whose names share a slug get numbered
// pages, each name once, and a name that looks like a numbered one does
// not take another's page.
func TestOrgPageNames(t *testing.T) {
	r := &Report{}
	forces := orgForces(50, sameSlug)
	forces = append(forces, orgForces(1, func(int) string { return "North 3" })...)
	r.group(forces)
	seen := map[string]string{}
	for _, o := range r.Organisations {
		if prev, dup := seen[o.Page]; dup {
			t.Errorf("%q and %q share %s", prev, o.Name, o.Page)
		}
		seen[o.Page] = o.Name
	}
	if len(seen) != 51 {
		t.Errorf("%d pages for 51 organisations", len(seen))
	}
	for _, p := range []string{"org-north.html", "org-north-2.html", "org-north-3.html", "org-north-51.html"} {
		if _, ok := seen[p]; !ok {
			t.Errorf("no page %s", p)
		}
	}
	if _, ok := seen["org-north-52.html"]; ok {
		t.Error("numbers run past the organisations")
	}
}

// BenchmarkOrgPageNames names the pages of 5,000 organisations, all with
// one slug and all with their own: the times are about the same.
func BenchmarkOrgPageNames(b *testing.B) {
	for _, c := range []struct {
		name string
		org  func(int) string
	}{{"same-slug", sameSlug}, {"distinct", func(i int) string { return fmt.Sprintf("Force %d", i) }}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				forces := orgForces(5000, c.org)
				r := &Report{}
				b.StartTimer()
				r.group(forces)
			}
		})
	}
}

// TestPrintCSSQuotesNames: an organisation's name goes into report.css as
// a CSS string that it cannot end, whatever it holds.
func TestPrintCSSQuotesNames(t *testing.T) {
	for in, want := range map[string]string{
		`North Police`:            `"North Police"`,
		`Nord "2026" \ } @page{x`: `"Nord \"2026\" \\ } @page{x"`,
		"two\nlines\x1b":          `"two\a lines\1b "`,
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %s, want %s", in, got, want)
		}
	}
	s := defaultSite(t)
	r := &Report{Title: "Guidance", Generated: "2026-05-01", strings: opts(t, s, false).Strings}
	r.group(orgForces(2, func(i int) string { return fmt.Sprintf("Force %d", i) }))
	css := string(r.printCSS())
	for _, want := range []string{
		`@top-left { content: "Self-assessment report · Guidance · 1 May 2026";`,
		`content: "Page " counter(page) " of " counter(pages);`,
		"body.org-2 { page: org-2; }",
		`@page org-2 {` + "\n" + `  @top-left { content: "Force 1 · Self-assessment report · Guidance · 1 May 2026";`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("report.css lacks %s:\n%s", want, css)
		}
	}
}
