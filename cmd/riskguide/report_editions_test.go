package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/edition/editiontest"
)

// TestReportAcrossEditions runs the real binary on a site folder of
// edition 2.1 with 2.0 recorded: the report reads the records from the
// folder, names the editions each column answered and marks the answers
// to an amended text.
func TestReportAcrossEditions(t *testing.T) {
	_, v21 := editiontest.Sources(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	for name, f := range v21 {
		if f.Mode.IsDir() {
			continue
		}
		write(t, filepath.Join(src, filepath.FromSlash(name)), string(f.Data))
	}
	ex, err := filepath.Abs("../../internal/report/testdata/editions")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "report", "--source", "site", "--out", "out", "--date", "2026-05-01",
		filepath.Join(ex, "north-2025.json"), filepath.Join(ex, "north-2026.json"), filepath.Join(ex, "south-2026.json"))
	if r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, want := range []string{
		`North Police<span class="period">2026</span><span class="edition">answered under edition 2.0, 2.1</span>`,
		`South Constabulary<span class="period">2026</span><span class="edition">answered under edition 2.1</span>`,
		`<td class="st-partly changed">Partly in place <span class="edition">answered under edition 2.0, whose text differs: not compared</span>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// The 2025 export (format version 3) names edition 2.0, which only
	// the record in the folder makes known: without it, its answers would
	// be taken as given under 2.1.
	org, err := os.ReadFile(filepath.Join(dir, "out", "org-north-police.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `2025<span class="edition">answered under edition 2.0</span>`; !strings.Contains(string(org), want) {
		t.Errorf("org-north-police.html lacks %s", want)
	}
}
