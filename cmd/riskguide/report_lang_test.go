package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestReportInFrench writes the report of the bilingual example in French
// (report --lang fr) and compares every file with testdata/report-fr/golden:
// headings, status labels, dates, CSV headings and the guidance's own texts
// in French, drafts marked "(brouillon)".
func TestReportInFrench(t *testing.T) {
	dir, err := filepath.Abs("testdata/report-fr")
	if err != nil {
		t.Fatal(err)
	}
	src, err := filepath.Abs("../../docs/examples/bilingual")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "report")
	r := run(t, dir, "report", "--source", src, "--lang", "fr", "--drafts", "--date", "2026-05-01", "--out", out,
		"exports/lille-2026.json", "exports/lyon-2025.json", "exports/lyon-2026.json")
	if r.code != 0 {
		t.Fatalf("report --lang fr: %+v", r)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".riskguide" {
			names = append(names, e.Name())
		}
	}
	if got := strings.Join(names, " "); got != "index.html org-commissariat-de-lille.html org-commissariat-de-lyon.html report.css report.csv" {
		t.Errorf("files: %s", got)
	}
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "report.css" {
			// The stylesheet is report.css as riskguide has it, then the
			// running heads written for this report: only those are the
			// golden's, so that the golden is not a second copy of the
			// stylesheet.
			static, err := os.ReadFile(filepath.Join("..", "..", "internal", "report", "report.css"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(got, static) {
				t.Fatal("report.css does not start with internal/report/report.css")
			}
			got = got[len(static):]
		}
		golden := filepath.Join(dir, "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/riskguide -run TestReportInFrench -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./cmd/riskguide -run TestReportInFrench -update and review the diff", name, golden)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{`<html lang="fr">`, "Rapport d’auto-évaluation", "Établi le 1er mai 2026.", "En place et évalué (4)", "(brouillon)", "Définitive\u202f: C. Durand", `<td class="num">2,8</td>`, `<span lang="en">Record every report on the day it is made.</span>`} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	if !bytes.HasPrefix(csv, []byte("\ufeff\"Fichier\",\"Organisation\",\"Unité\",\"Période\",\"Évaluation\",\"État\",\"Approuvée par\"")) {
		t.Errorf("CSV headings: %.200s", csv)
	}

	// A language the site does not have is refused, naming those it has.
	r = run(t, dir, "report", "--source", src, "--lang", "de", "--out", out, "exports/lille-2026.json")
	if r.code != 2 || !strings.Contains(r.stderr, "--lang de: the site is not in that language; its languages are en, fr") {
		t.Errorf("report --lang de: %+v", r)
	}
}
