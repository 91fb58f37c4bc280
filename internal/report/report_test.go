package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func defaultSite(t *testing.T) *site.Site {
	t.Helper()
	s, diags := generate.Load(generate.DefaultSource())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

// opts are the options of a report of site s in its language, with drafts
// or without.
func opts(t *testing.T, s *site.Site, drafts bool) Options {
	t.Helper()
	msgs, err := load.SiteMessages(generate.Theme(generate.DefaultSource()), s)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Drafts: drafts, Strings: msgs, Lang: s.Config.Language}
}

func inputs(t *testing.T, names ...string) []Input {
	t.Helper()
	var in []Input
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", "exports", n))
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Name: n, Data: data})
	}
	return in
}

// goldenInputs are two years of one force (the first signed off), two
// other forces (one answered against another version of the guidance), and
// a duplicate of one year, given after it.
var goldenInputs = []string{"north.json", "south.json", "east.json", "north-2025.json", "north-copy.json"}

func TestGolden(t *testing.T) {
	s := defaultSite(t)
	r, bad := Build(s, inputs(t, goldenInputs...), opts(t, s, true))
	if len(bad) > 0 {
		t.Fatalf("invalid: %v", bad)
	}
	r.Generated = "2026-05-01"
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range files {
		if name != "report.css" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "index.html org-east.html org-north-police.html org-south-constabulary.html report.csv" {
		t.Errorf("files: %s", got)
	}
	for _, name := range names {
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(files[name], want) {
			t.Errorf("%s differs from %s; run go test ./internal/report -update and review the diff", name, golden)
		}
	}
	if len(files["report.css"]) == 0 {
		t.Error("no stylesheet")
	}
}

func TestReportContent(t *testing.T) {
	s := defaultSite(t)
	r, bad := Build(s, inputs(t, "north.json", "south.json", "east.json", "bad-version.json", "not-json.json"), opts(t, s, true))
	if len(bad) != 2 || bad[0].File != "bad-version.json" || bad[1].File != "not-json.json" {
		t.Fatalf("invalid = %v", bad)
	}
	if !strings.Contains(bad[0].Error(), "version 5 of the format") {
		t.Errorf("bad version: %v", bad[0])
	}
	if len(r.Forces) != 3 || r.Forces[1].Name != "North Police, Public protection" || r.Forces[0].Name != "East" {
		t.Fatalf("forces = %+v", r.Forces)
	}
	south := r.Forces[2]
	if !south.OtherGuidance || south.Unknown != 1 || r.Forces[1].OtherGuidance {
		t.Errorf("guidance versions: north %+v, south %+v", r.Forces[1], south)
	}
	if len(r.Unknown) != 1 || r.Unknown[0].ID != "old-recommendation" {
		t.Errorf("unknown = %+v", r.Unknown)
	}
	// North, result 1: in place 3, evaluated 4, partly 2, not applicable
	// left out: (3 + 4 + 2) / 3 = 3.0. South: not started 0, partly 2: 1.0.
	// East answered nothing, so has no score and the average is of two.
	res := r.Results[0]
	if got := []string{res.Scores[1].String(), res.Scores[2].String(), res.Scores[0].String(), res.Average.String()}; strings.Join(got, " ") != "3.0 1.0 – 2.0" {
		t.Errorf("scores of result 1 = %q", got)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	html := string(files["index.html"])
	for _, want := range []string{
		`<th scope="col">North Police<span class="period">2026 (Public protection) <span class="draft">(draft)</span></span></th>`,
		`<td class="st-evaluated">In place and evaluated (4)</td>`,
		`<td class="st-none">Not answered</td>`,
		`<td class="file">old-recommendation</td>`,
		`role="img" aria-labelledby="chart-title chart-desc"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, "<script") {
		t.Error("the report has inline style or script")
	}
	csv := string(files["report.csv"])
	if !strings.HasPrefix(csv, "\ufeff\"File\",") || !strings.Contains(csv, "\r\n") {
		t.Error("CSV lacks the BOM or CRLF line ends")
	}
	if !strings.Contains(csv, `"'=cmd|' /C calc'!A0"`) {
		t.Error("a formula in an answer is not neutralised in the CSV")
	}
	if n := strings.Count(csv, "\r\n"); n != 1+3*20+1 {
		t.Errorf("CSV has %d lines, want a header, 20 per force and 1 unknown", n)
	}
}

// TestAcrossYears reports two years of one force, another force, and the
// same file under another name: the force counts once, by its latest
// year, its trend is shown, and the duplicate is named and left out.
func TestAcrossYears(t *testing.T) {
	s := defaultSite(t)
	r, bad := Build(s, inputs(t, goldenInputs...), opts(t, s, true))
	if len(bad) > 0 {
		t.Fatalf("invalid: %v", bad)
	}
	if len(r.Organisations) != 3 || len(r.Columns) != 3 || len(r.Forces) != 4 {
		t.Fatalf("%d organisations, %d columns, %d assessments; want 3, 3, 4", len(r.Organisations), len(r.Columns), len(r.Forces))
	}
	north := r.Organisations[1]
	if north.Name != "North Police" || len(north.Assessments) != 2 || north.Assessments[0].Period != "2025" || north.Latest.Period != "2026" {
		t.Fatalf("North Police: %+v", north)
	}
	if north.Latest.File != "north.json" {
		t.Errorf("of two copies of North 2026 the report kept %s, want north.json (changed later)", north.Latest.File)
	}
	if len(r.Duplicates) != 1 || r.Duplicates[0].Dropped != "north-copy.json" || r.Duplicates[0].Kept != "north.json" {
		t.Errorf("duplicates: %+v", r.Duplicates)
	}
	// Result 1 of North: 2025 planned 1, partly 2, not applicable, in
	// place 3 = 2.0; 2026 partly 2, evaluated 4, in place 3 = 3.0.
	tr := north.Trend[0]
	if got := tr.Scores[0].String() + " " + tr.Scores[1].String() + " " + tr.Change; got != "2.0 3.0 up 1.0" {
		t.Errorf("trend of result 1: %s", got)
	}
	// Coverage: Article 15 of the Istanbul Convention is served by result
	// 1's recommendations (and 2.1); North's latest scores 3.0 on them.
	found := false
	for _, g := range r.Coverage {
		for _, row := range g.Rows {
			if g.Source.ID == "istanbul-convention" && row.Locator == "Article 15" {
				found = true
				if got := row.RecIDs(); !strings.HasPrefix(got, "training-needs-analysis mandatory-training") {
					t.Errorf("Article 15 is served by %s", got)
				}
				if got := row.Scores[1].String(); got != "3.0" {
					t.Errorf("North's score on Article 15 = %s", got)
				}
			}
		}
	}
	if !found {
		t.Error("no coverage row for Article 15 of the Istanbul Convention")
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	html := string(files["index.html"])
	for _, want := range []string{
		`<a href="org-north-police.html">North Police</a>`,
		`<h2 id="coverage">Coverage by legal instrument</h2>`,
		`<span class="file">north-copy.<wbr>json</span>: the same assessment as <span class="file">north.<wbr>json</span>`,
		`2026-03-01 09:00 UTC`,
		`Final: C. Chief (Chief Constable), 2025-04-02`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(html, "Generated on") {
		t.Error("a report with no date set says when it was generated")
	}
	org := string(files["org-north-police.html"])
	for _, want := range []string{
		`Pilot in two districts &lt;b&gt;only&lt;/b&gt;.`,
		`<strong>Gaps and actions:</strong> <span class="text">Victims&#39; groups not yet involved.</span>`,
		`<td>up 1.0</td>`,
	} {
		if !strings.Contains(org, want) {
			t.Errorf("org-north-police.html lacks %s", want)
		}
	}
	for name, data := range files {
		if strings.Contains(string(data), "style=") || strings.Contains(string(data), "<script") {
			t.Errorf("%s has inline style or script", name)
		}
	}
	if n := strings.Count(string(files["report.csv"]), "\r\n"); n != 1+4*20+1 {
		t.Errorf("CSV has %d lines, want a header, 20 per assessment kept and 1 unknown", n)
	}
}
