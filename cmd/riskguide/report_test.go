package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func exportsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../internal/report/testdata/exports")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReport(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	r := run(t, dir, "report", "--out", "out", filepath.Join(ex, "north.json"), filepath.Join(ex, "south.json"))
	if r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	if r.stdout != "wrote out/index.html: 2 assessments of 2 organisations, 1 answer for unknown recommendations\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	for _, f := range []string{"index.html", "report.css", "report.csv", "org-north-police.html", "org-south-constabulary.html"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

func TestReportInvalid(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	args := []string{"report", "--out", "out", filepath.Join(ex, "north.json"), filepath.Join(ex, "bad-version.json"), filepath.Join(ex, "not-json.json"), "missing.json"}
	r := run(t, dir, args...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %+v", r.code, r)
	}
	for _, want := range []string{"bad-version.json: is version 4 of the format", "not-json.json: is not JSON", "missing.json: no such file", "3 of 4 files are not valid; nothing written"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a report was written although files were invalid")
	}

	r = run(t, dir, append([]string{"report", "--skip-invalid"}, args[1:]...)...)
	if r.code != 0 || !strings.Contains(r.stderr, "skipping ") || !strings.Contains(r.stdout, "1 assessment of 1 organisation,") {
		t.Fatalf("--skip-invalid: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "index.html")); err != nil {
		t.Error("--skip-invalid wrote no report")
	}
}

func TestReportUsage(t *testing.T) {
	if r := run(t, t.TempDir(), "report"); r.code != 2 {
		t.Errorf("report without files: %+v", r)
	}
}

// TestReportYearsAndDuplicates runs the command on two years of one force
// and a copy of one of them: the copy is named in a warning and left out,
// and with SOURCE_DATE_EPOCH (or --date) the output is the same bytes on
// every run.
func TestReportYearsAndDuplicates(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	files := []string{filepath.Join(ex, "north-2025.json"), filepath.Join(ex, "north.json"), filepath.Join(ex, "north-copy.json")}
	t.Setenv("SOURCE_DATE_EPOCH", "1777593600") // 2026-05-01
	r := run(t, dir, append([]string{"report", "--out", "a"}, files...)...)
	if r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	if !strings.Contains(r.stderr, "warning: "+files[2]+": the same assessment (id a-north-2026) as "+files[1]) {
		t.Errorf("no warning about the duplicate: %q", r.stderr)
	}
	if !strings.Contains(r.stdout, "2 assessments of 1 organisation,") {
		t.Errorf("stdout = %q", r.stdout)
	}
	r = run(t, dir, append([]string{"report", "--out", "b", "--date", "2026-05-01"}, files...)...)
	if r.code != 0 {
		t.Fatalf("report --date: %+v", r)
	}
	for _, f := range []string{"index.html", "org-north-police.html", "report.csv"} {
		a, errA := os.ReadFile(filepath.Join(dir, "a", f))
		b, errB := os.ReadFile(filepath.Join(dir, "b", f))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s differs between SOURCE_DATE_EPOCH and --date of the same day (%v, %v)", f, errA, errB)
		}
		if f == "index.html" && !strings.Contains(string(a), "Generated on 2026-05-01.") {
			t.Error("index.html does not say when it was generated")
		}
	}
	if r := run(t, dir, append([]string{"report", "--out", "c", "--date", "01/05/2026"}, files...)...); r.code != 2 || !strings.Contains(r.stderr, "is not a date written as YYYY-MM-DD") {
		t.Errorf("a bad --date: %+v", r)
	}
}
