package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func workbooksDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../internal/report/testdata/workbooks")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReportReadsWorkbooks: riskguide report reads the site's blank
// workbook filled in with excelize, and the same saved by LibreOffice, as
// it reads JSON exports: statuses by their names or codes, target dates
// typed as dates or as dd.mm.yyyy.
func TestReportReadsWorkbooks(t *testing.T) {
	wb := workbooksDir(t)
	for _, name := range []string{"excelize-east-2026.xlsx", "libreoffice-east-2026.xlsx"} {
		dir := t.TempDir()
		r := run(t, dir, "report", "--drafts", "--out", "out", "--date", "2026-12-01", filepath.Join(wb, name), filepath.Join(exportsDir(t), "north.json"))
		if r.code != 0 {
			t.Fatalf("%s: %+v", name, r)
		}
		if !strings.Contains(r.stdout, "2 assessments of 2 organisations") {
			t.Errorf("%s: stdout %q", name, r.stdout)
		}
		data, err := os.ReadFile(filepath.Join(dir, "out", "report.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var east []string
		for _, line := range strings.Split(string(data), "\r\n") {
			if strings.Contains(line, "Police Service Est") {
				east = append(east, line)
			}
		}
		all := strings.Join(east, "\n")
		for _, want := range []string{`"training-needs-analysis"`, `"in-place"`, `"Analyse des besoins – 2025"`, `"Ms Example"`, `"2027-06-30"`, `"planned"`, `"2027-09-01"`, `"evaluated"`} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: report.csv rows of Police Service Est lack %s:\n%s", name, want, all)
			}
		}
	}
}

// TestReportRefusesBadWorkbooks: a workbook with a date that reads two
// ways, or without the sheets of the layout, is refused naming the sheet,
// row and column.
func TestReportRefusesBadWorkbooks(t *testing.T) {
	dir := t.TempDir()
	f, err := excelize.OpenFile(filepath.Join(workbooksDir(t), "excelize-east-2026.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Assessment", "I3", "03/04/2027"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "ambiguous.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := f.DeleteSheet("Details"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "no-details.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := run(t, dir, "report", "--out", "out", "ambiguous.xlsx", "no-details.xlsx")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %+v", r.code, r)
	}
	for _, want := range []string{
		`ambiguous.xlsx: sheet "Assessment", row 3, column I (target date): the date "03/04/2027" could be day first or month first`,
		`no-details.xlsx: is a workbook (.xlsx) without the sheet "Details"`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}
