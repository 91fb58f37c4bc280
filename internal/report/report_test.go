package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func defaultSite(t *testing.T) *site.Site {
	t.Helper()
	s, diags := build.Load(build.DefaultSource())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
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

func TestGolden(t *testing.T) {
	r, bad := Build(defaultSite(t), inputs(t, "north.json", "south.json", "east.json"))
	if len(bad) > 0 {
		t.Fatalf("invalid: %v", bad)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "report.csv"} {
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
	r, bad := Build(defaultSite(t), inputs(t, "north.json", "south.json", "east.json", "bad-version.json", "not-json.json"))
	if len(bad) != 2 || bad[0].File != "bad-version.json" || bad[1].File != "not-json.json" {
		t.Fatalf("invalid = %v", bad)
	}
	if !strings.Contains(bad[0].Error(), "version 3 of the format") {
		t.Errorf("bad version: %v", bad[0])
	}
	if len(r.Forces) != 3 || r.Forces[0].Name != "North Police, Public protection" || r.Forces[2].Name != "East" {
		t.Fatalf("forces = %+v", r.Forces)
	}
	south := r.Forces[1]
	if !south.OtherGuidance || south.Unknown != 1 || r.Forces[0].OtherGuidance {
		t.Errorf("guidance versions: north %+v, south %+v", r.Forces[0], south)
	}
	if len(r.Unknown) != 1 || r.Unknown[0].ID != "old-recommendation" {
		t.Errorf("unknown = %+v", r.Unknown)
	}
	// North, result 1: in place 3, evaluated 4, partly 2, not applicable
	// left out: (3 + 4 + 2) / 3 = 3.0. South: not started 0, partly 2: 1.0.
	// East answered nothing, so has no score and the average is of two.
	res := r.Results[0]
	if got := []string{res.Scores[0].String(), res.Scores[1].String(), res.Scores[2].String(), res.Average.String()}; strings.Join(got, " ") != "3.0 1.0 – 2.0" {
		t.Errorf("scores of result 1 = %q", got)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	html := string(files["index.html"])
	for _, want := range []string{
		`<th scope="col">North Police, Public protection</th>`,
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
