package report

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/edition/editiontest"
	"github.com/riskguide/riskguide/internal/generate"
)

// TestGoldenEditions reports, against edition 2.1, North's assessments of
// 2025 (a version 3 export naming edition 2.0) and 2026 (version 4: one
// amended answer reviewed under 2.1, one not) and South's of 2026 (all
// under 2.1). Columns say which editions they answered; an answer to a
// quoted text 2.1 amended is marked and not scored.
func TestGoldenEditions(t *testing.T) {
	_, v21 := editiontest.Sources(t)
	src := generate.Source{FS: v21, Name: "edition 2.1"}
	s, diags := generate.Load(src)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	records, notes, diags := edition.Read(v21)
	if len(diags) > 0 || len(records) != 1 {
		t.Fatalf("records %d, %v", len(records), diags)
	}
	o := opts(t, s, false)
	o.Editions = edition.NewSet(records, notes, edition.FromSite(s))
	var in []Input
	for _, n := range []string{"north-2025.json", "north-2026.json", "south-2026.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", "editions", n))
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Name: n, Data: data})
	}
	r, bad := Build(s, in, o)
	if len(bad) > 0 {
		t.Fatalf("invalid: %v", bad)
	}

	// What the golden files show, said once in Go.
	if !r.MixedEditions || r.NotCompared != 3 {
		t.Errorf("mixed %v, %d answers not compared; want true, 3 (2025: two amended; 2026: one)", r.MixedEditions, r.NotCompared)
	}
	byFile := map[string]*Force{}
	for _, f := range r.Forces {
		byFile[f.File] = f
	}
	for file, want := range map[string]string{"north-2025.json": "2.0", "north-2026.json": "2.0 2.1", "south-2026.json": "2.1"} {
		if got := strings.Join(byFile[file].Editions, " "); got != want {
			t.Errorf("%s answered editions %q, want %q", file, got, want)
		}
	}
	north := byFile["north-2026.json"]
	if north.comparable(editiontest.AmendedB) || !north.comparable(editiontest.AmendedA) || !north.comparable(editiontest.Untouched) {
		t.Errorf("north 2026 not compared: %v", north.changed)
	}
	// North 2026 scores in-place (3) twice; its answer to the amended
	// text (partly, 2) is left out.
	if north.Overall.N != 2 || north.Overall.Value != 3 {
		t.Errorf("north 2026 overall %+v, want 3 over 2 answers", north.Overall)
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
	for _, name := range names {
		golden := filepath.Join("testdata", "golden-editions", name)
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
}
