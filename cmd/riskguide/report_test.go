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
	r := run(t, dir, "report", "--drafts", "--out", "out", filepath.Join(ex, "north.json"), filepath.Join(ex, "south.json"))
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
	args := []string{"report", "--drafts", "--out", "out", filepath.Join(ex, "north.json"), filepath.Join(ex, "bad-version.json"), filepath.Join(ex, "not-json.json"), "missing.json"}
	r := run(t, dir, args...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %+v", r.code, r)
	}
	for _, want := range []string{"bad-version.json: is version 5 of the format", "not-json.json: is a web page (HTML)", "missing.json: no such file", "3 of 4 files are not valid; nothing written"} {
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
	r := run(t, dir, append([]string{"report", "--drafts", "--out", "a"}, files...)...)
	if r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	if !strings.Contains(r.stderr, "warning: "+files[2]+": the same assessment (id a-north-2026) as "+files[1]) {
		t.Errorf("no warning about the duplicate: %q", r.stderr)
	}
	if !strings.Contains(r.stdout, "2 assessments of 1 organisation,") {
		t.Errorf("stdout = %q", r.stdout)
	}
	r = run(t, dir, append([]string{"report", "--drafts", "--out", "b", "--date", "2026-05-01"}, files...)...)
	if r.code != 0 {
		t.Fatalf("report --date: %+v", r)
	}
	for _, f := range []string{"index.html", "org-north-police.html", "report.csv"} {
		a, errA := os.ReadFile(filepath.Join(dir, "a", f))
		b, errB := os.ReadFile(filepath.Join(dir, "b", f))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s differs between SOURCE_DATE_EPOCH and --date of the same day (%v, %v)", f, errA, errB)
		}
		if f == "index.html" && !strings.Contains(string(a), "Generated on 1 May 2026.") {
			t.Error("index.html does not say when it was generated")
		}
	}
	if r := run(t, dir, append([]string{"report", "--out", "c", "--date", "01/05/2026"}, files...)...); r.code != 2 || !strings.Contains(r.stderr, "is not a date written as YYYY-MM-DD") {
		t.Errorf("a bad --date: %+v", r)
	}
}

// TestReportPrefersFinals: North's signed-off 2025 assessment is reported
// on and its 2026 draft named as left out; with --drafts both are, the
// draft marked; drafts alone are refused, saying how to include them.
func TestReportPrefersFinals(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	final, draft := filepath.Join(ex, "north-2025.json"), filepath.Join(ex, "north.json")
	r := run(t, dir, "report", "--out", "a", draft, final)
	if r.code != 0 || !strings.Contains(r.stdout, "1 assessment of 1 organisation,") {
		t.Fatalf("report: %+v", r)
	}
	if want := "left out " + draft + ": North Police, Public protection is a draft, not signed off (add --drafts to report on drafts)"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q: %s", want, r.stderr)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "a", "report.csv"))
	if !strings.Contains(string(csv), `"North 2025","Final","C. Chief","Chief Constable","2025-04-02"`) || strings.Contains(string(csv), `"Draft"`) {
		t.Errorf("report.csv of finals:\n%.400s", csv)
	}

	r = run(t, dir, "report", "--drafts", "--out", "b", draft, final)
	if r.code != 0 || !strings.Contains(r.stdout, "2 assessments of 1 organisation,") || strings.Contains(r.stderr, "left out") {
		t.Fatalf("report --drafts: %+v", r)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "b", "index.html"))
	if !strings.Contains(string(html), `2026 (Public protection) <span class="draft">(draft)</span>`) {
		t.Error("the draft is not marked as one")
	}

	r = run(t, dir, "report", "--out", "c", draft)
	if r.code != 1 || !strings.Contains(r.stderr, "no final assessment to report on: 1 draft left out; add --drafts to report on drafts") {
		t.Errorf("drafts alone: %+v", r)
	}
}

// TestReportRefusesCSVByKind: a CSV saved from the page or a spreadsheet
// is refused as a CSV file, saying what to give instead.
func TestReportRefusesCSVByKind(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "north.csv"), "\ufeff\"Organisation\",\"Unit\",\"Period\",\"Assessment\"\r\n\"North Police\",\"\",\"2026\",\"North 2026\"\r\n")
	write(t, filepath.Join(dir, "south.txt"), "Organisation;Unit;Period;Assessment\r\nSouth;;2026;South\r\n")
	r := run(t, dir, "report", "--out", "out", filepath.Join(ex, "north-2025.json"), "north.csv", "south.txt")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %+v", r.code, r)
	}
	for _, want := range []string{
		"north.csv: is a CSV file: report reads the JSON exports of the self-assessment page. Import the CSV there",
		"south.txt: is a CSV file:",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "is not JSON") {
		t.Errorf("a CSV is called not JSON:\n%s", r.stderr)
	}
}

// TestReportKeepsItsInputs: files kept in an earlier report's folder and
// given again are not deleted when that folder would be replaced.
func TestReportKeepsItsInputs(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	if r := run(t, dir, "report", filepath.Join(ex, "north-2025.json")); r.code != 0 {
		t.Fatalf("first report: %+v", r)
	}
	data, err := os.ReadFile(filepath.Join(ex, "north-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "report", "b.json"), string(data))
	write(t, filepath.Join(dir, "report", "c.json"), string(data))
	before := snapshot(t, dir)
	r := run(t, dir, "report", "report/b.json", "report/c.json")
	if r.code != 1 || !strings.Contains(r.stderr, "refusing to write the report into report: it holds report/b.json, one of the files to report on") {
		t.Errorf("report into the folder of its inputs: %+v", r)
	}
	sameTree(t, dir, before)
	// Through a link to the folder, the same.
	if err := os.Symlink("report", filepath.Join(dir, "via")); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "report", "--out", "report", "via/c.json")
	if r.code != 1 || !strings.Contains(r.stderr, "it holds via/c.json") {
		t.Errorf("input through a link: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "report", "c.json")); err != nil {
		t.Errorf("an input was deleted: %v", err)
	}
}

// TestReportQuotesControlCharacters: a JSON key of escape sequences is
// printed quoted, as check quotes input, never as raw control codes.
func TestReportQuotesControlCharacters(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(ex, "north-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(string(data), `"answers": {`, `"answers": {"\u001b]0;pwned\u0007\u001b[2J": {},`, 1)
	write(t, filepath.Join(dir, "evil\x1b[31m.json"), evil)
	r := run(t, dir, "report", "evil\x1b[31m.json")
	if r.code != 1 {
		t.Fatalf("exit %d: %+v", r.code, r)
	}
	if strings.ContainsAny(r.stderr, "\x1b\x07") {
		t.Errorf("stderr carries control characters: %q", r.stderr)
	}
	if want := `"evil\x1b[31m.json": "answers.\x1b]0;pwned\a\x1b[2J" is not a valid identifier`; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %s:\n%q", want, r.stderr)
	}
}
