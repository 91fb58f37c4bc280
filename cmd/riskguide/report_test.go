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
	if r.stdout != "wrote out/index.html: 2 assessments, 1 answer for unknown recommendations\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	for _, f := range []string{"index.html", "report.css", "report.csv"} {
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
	for _, want := range []string{"bad-version.json: is version 2 of the format", "not-json.json: is not JSON", "missing.json: no such file", "3 of 4 files are not valid; nothing written"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a report was written although files were invalid")
	}

	r = run(t, dir, append([]string{"report", "--skip-invalid"}, args[1:]...)...)
	if r.code != 0 || !strings.Contains(r.stderr, "skipping ") || !strings.Contains(r.stdout, "1 assessment,") {
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
