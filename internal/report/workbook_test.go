package report

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseWorkbook: no file makes the workbook reader panic, and what it
// accepts is an export by the rule.
func FuzzParseWorkbook(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "workbooks", "*.xlsx"))
	if len(files) == 0 {
		f.Fatal("no workbooks in testdata/workbooks")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Read("fuzz.xlsx", data)
		if err == nil && (e == nil || len(e.Answers) > MaxAnswers || e.Assessment.ID == "") {
			t.Fatalf("accepted a workbook that breaks the rule: %+v", e)
		}
	})
}

// TestParseWorkbookFiles reads the workbooks of testdata/workbooks: a blank
// filled in with excelize, and the same saved by LibreOffice, give the same
// answers.
func TestParseWorkbookFiles(t *testing.T) {
	var got []*Export
	for _, name := range []string{"excelize-east-2026.xlsx", "libreoffice-east-2026.xlsx"} {
		data, err := os.ReadFile(filepath.Join("testdata", "workbooks", name))
		if err != nil {
			t.Fatal(err)
		}
		e, err := Read(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got = append(got, e)
	}
	for _, e := range got {
		a := e.Answers["training-needs-analysis"]
		if a.Status != "in-place" || a.TargetDate != "2027-06-30" || a.Owner != "Ms Example" {
			t.Errorf("%s: %+v", e.Assessment.ID, a)
		}
		if b := e.Answers["mandatory-training"]; b.Status != "planned" || b.TargetDate != "2027-09-01" {
			t.Errorf("%s: %+v", e.Assessment.ID, b)
		}
		if e.Assessment.Organisation != "Police Service Est" || e.Assessment.CompletedBy != "A. Lead" || len(e.Answers) != 3 {
			t.Errorf("%s: %+v, %d answers", e.Assessment.ID, e.Assessment, len(e.Answers))
		}
	}
	if got[0].Assessment.ID != "workbook-excelize-east-2026" {
		t.Errorf("a workbook without an id is named %q", got[0].Assessment.ID)
	}
}
