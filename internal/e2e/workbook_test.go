package e2e

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/riskguide/riskguide/internal/report"
)

// soffice runs LibreOffice headless with a profile of the test's own, so
// that runs in parallel do not wait on each other's lock, and returns the
// files it wrote into a new folder.
func soffice(t *testing.T, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice (LibreOffice) is needed: see .ci/run")
		}
		t.Skip("soffice (LibreOffice) is not installed")
	}
	out := t.TempDir()
	profile := "file://" + t.TempDir()
	// --outdir must follow --convert-to's filter.
	args = append(append(append([]string{}, args[:len(args)-1]...), "--outdir", out), args[len(args)-1])
	cmd := exec.Command(bin, append([]string{"-env:UserInstallation=" + profile, "--headless"}, args...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, b)
	}
	return out
}

// sheetCSV converts one sheet (numbered from 1) of a workbook to CSV with
// LibreOffice and reads it.
func sheetCSV(t *testing.T, path string, sheet string) [][]string {
	t.Helper()
	out := soffice(t, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,"+sheet, path)
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("LibreOffice wrote %v from %s", files, path)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return readCSV(t, data)
}

// sheetCSVs converts every sheet of a workbook to CSV in one run of
// LibreOffice (sheet -1, LibreOffice 7.2 and later) and returns them by
// sheet name: one start of LibreOffice, seconds on a busy machine, instead
// of one for each sheet.
func sheetCSVs(t *testing.T, path string) map[string][][]string {
	t.Helper()
	out := soffice(t, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", path)
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
	sheets := map[string][][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), base), ".csv")] = readCSV(t, data)
	}
	for _, name := range []string{"Assessment", "Details"} {
		if sheets[name] == nil {
			t.Fatalf("LibreOffice wrote no sheet %s from %s: %v", name, path, files)
		}
	}
	return sheets
}

func rowOf(t *testing.T, rows [][]string, col int, id string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > col && r[col] == id {
			return r
		}
	}
	t.Fatalf("no row for %s in %v", id, rows)
	return nil
}

// TestBlankWorkbook: the built site offers a blank workbook of every
// recommendation, linked from the self-assessment page; LibreOffice opens
// it; its status column offers the site's scale as a list.
func TestBlankWorkbook(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	path := filepath.Join(s.Dir, "self-assessment", "self-assessment-blank.xlsx")
	page, err := os.ReadFile(filepath.Join(s.Dir, "self-assessment", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`href="self-assessment-blank.xlsx"`)) {
		t.Error("the self-assessment page does not link to the blank workbook")
	}
	sheets := sheetCSVs(t, path)
	rows := sheets["Assessment"]
	if got := strings.Join(rows[0], "|"); got != "Expected result|Recommendation|Id|Text|Status|Evidence held|Gaps and actions|Owner|Target date|Last changed|Note" {
		t.Errorf("headings %q", got)
	}
	if len(rows) != 21 {
		t.Errorf("%d rows, want a heading and 20 recommendations", len(rows))
	}
	r := rowOf(t, rows, 2, rec1)
	if r[1] != "1.1" || !strings.HasPrefix(r[3], "Analyse training needs") || r[4] != "" {
		t.Errorf("row of %s: %q", rec1, r)
	}
	details := sheets["Details"]
	if got := rowOf(t, details, 0, "guidance.scale")[2]; got != report.DefaultScale {
		t.Errorf("the workbook's scale is %q", got)
	}
	// The drop-down list, as LibreOffice writes it back.
	out := soffice(t, "--convert-to", "xlsx", path)
	f, err := excelize.OpenFile(filepath.Join(out, "self-assessment-blank.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations("Assessment")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, dv := range dvs {
		if dv.Type == "list" && strings.Contains(dv.Sqref, "E2") && strings.Contains(dv.Formula1, "Scale") && strings.Contains(dv.Formula1, "$A$2:$A$7") {
			found = true
		}
	}
	if !found {
		t.Errorf("no list validation of the scale on the status column: %+v", dvs)
	}
	scale, _ := f.GetRows("Scale")
	var names []string
	for _, r := range scale[1:] {
		names = append(names, r[0])
	}
	if got := strings.Join(names, "|"); got != "Not started|Planned|Partly in place|In place|In place and evaluated|Not applicable" {
		t.Errorf("the list offers %q", got)
	}
}

// fillBlank fills the site's blank workbook as a user would in a
// spreadsheet, with excelize: a status from the list, text, and a target
// date typed as a date.
func fillBlank(t *testing.T, blank, out string) {
	t.Helper()
	f, err := excelize.OpenFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Assessment", "E2", "In place")
	set("Assessment", "F2", "Analyse des besoins – 2025")
	set("Assessment", "H2", "Ms Example")
	set("Assessment", "I2", time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC))
	set("Assessment", "E3", "Planned")
	set("Assessment", "I3", "2027-09-01")
	set("Details", "C2", "Police Service Nord")
	set("Details", "C4", "2026")
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

// TestWorkbookImport imports a blank workbook filled in with excelize, and
// the same workbook saved again by LibreOffice: each gives the answers
// typed.
func TestWorkbookImport(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	dir := t.TempDir()
	filled := filepath.Join(dir, "filled.xlsx")
	fillBlank(t, filepath.Join(s.Dir, "self-assessment", "self-assessment-blank.xlsx"), filled)
	resaved := filepath.Join(soffice(t, "--convert-to", "xlsx", filled), "filled.xlsx")
	for _, path := range []string{filled, resaved} {
		tb := openTab(t, s.Dir)
		body := tb.importAccept(path)
		if !strings.Contains(body, "Read from the sheet “Assessment” of the workbook.") {
			t.Errorf("%s: preview %q", path, body)
		}
		if !tb.checked("#sa-"+rec1+"-in-place") || !tb.checked("#sa-"+rec2+"-planned") {
			t.Errorf("%s: statuses not read", path)
		}
		for sel, want := range map[string]string{
			"#sa-" + rec1 + "-evidence": "Analyse des besoins – 2025",
			"#sa-" + rec1 + "-owner":    "Ms Example",
			"#sa-" + rec1 + "-target":   "2027-06-30",
			"#sa-" + rec2 + "-target":   "2027-09-01",
			"#sa-organisation":          "Police Service Nord",
			"#sa-period":                "2026",
		} {
			if got := tb.value(sel); got != want {
				t.Errorf("%s: %s = %q, want %q", filepath.Base(filepath.Dir(path)), sel, got, want)
			}
		}
	}
}

// TestWorkbookRefused: a workbook with an id this guidance lacks, or a date
// that reads two ways, and a zip that is no workbook, are refused with the
// row and column and change nothing.
func TestWorkbookRefused(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	dir := t.TempDir()
	blank := filepath.Join(s.Dir, "self-assessment", "self-assessment-blank.xlsx")
	edit := func(name string, cells map[string]string) string {
		path := filepath.Join(dir, name)
		fillBlank(t, blank, path)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for c, v := range cells {
			if err := f.SetCellValue("Assessment", c, v); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return path
	}
	notBook := filepath.Join(dir, "not-a-workbook.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hello"))
	zw.Close()
	if err := os.WriteFile(notBook, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := openTab(t, s.Dir)
	fill(tb)
	kept := tb.storage()
	for _, c := range []struct{ path, want string }{
		{edit("unknown.xlsx", map[string]string{"C3": "no-such-rec"}), "row 3, column “Id”: “no-such-rec” is not a recommendation"},
		{edit("ambiguous.xlsx", map[string]string{"I3": "03/04/2027"}), "row 3, column “Target date”: the date “03/04/2027” could be day first or month first"},
		{edit("status.xlsx", map[string]string{"E4": "Done"}), "row 4, column “Status”: “Done” is not one of the statuses"},
		{notBook, "it is not a workbook that can be read"},
	} {
		tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
		tb.importFile(c.path)
		tb.waitFor(filepath.Base(c.path)+" refused", `!document.getElementById('sa-error').hidden`)
		msg := tb.eval(`document.getElementById('sa-error').textContent`)
		if !strings.Contains(msg, c.want) || !strings.Contains(msg, "nothing was changed") {
			t.Errorf("%s: message %q, want %q", filepath.Base(c.path), msg, c.want)
		}
		if tb.evalBool(`document.getElementById('sa-dialog').open`) {
			t.Errorf("%s: a preview opened", filepath.Base(c.path))
		}
		if tb.storage() != kept {
			t.Errorf("%s changed what the browser keeps", filepath.Base(c.path))
		}
	}
}

// TestWorkbookRoundTrip exports the assessment shown as a workbook from the
// page: it is a zip that LibreOffice opens and converts back to the same
// answers, and it imports again without a change.
func TestWorkbookRoundTrip(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	_, before := tb.download("export-json")
	name, data := tb.download("export-xlsx")
	if !strings.HasSuffix(name, ".xlsx") {
		t.Errorf("exported as %q", name)
	}
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatalf("the export is not a zip: %v", err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := report.Parse(before)
	if err != nil {
		t.Fatal(err)
	}
	sheets := sheetCSVs(t, path)
	rows := sheets["Assessment"]
	r := rowOf(t, rows, 2, rec1)
	if r[4] != "In place" || r[5] != e.Answers[rec1].Evidence || r[7] != `=HYPERLINK("x")` || r[9] != e.Answers[rec1].Updated {
		t.Errorf("LibreOffice reads the row of %s as %q", rec1, r)
	}
	if r := rowOf(t, rows, 2, rec2); r[4] != "Planned" {
		t.Errorf("LibreOffice reads the row of %s as %q", rec2, r)
	}
	details := sheets["Details"]
	if got := rowOf(t, details, 0, "organisation")[2]; got != "Police Service Nord" {
		t.Errorf("organisation in Details: %q", got)
	}
	if got := rowOf(t, details, 0, "id")[2]; got != e.Assessment.ID {
		t.Errorf("id in Details: %q", got)
	}

	// riskguide report reads the page's workbook as the same assessment as
	// its JSON export.
	w, err := report.Read(name, data)
	if err != nil {
		t.Fatalf("report cannot read the page's workbook: %v", err)
	}
	// A workbook names the edition it was made under but keeps no hash of
	// each answer's text: riskguide report settles those against the
	// site's editions (answers branch), so they are not compared here.
	for id, a := range e.Answers {
		if w.Answers[id].Edition == a.Edition {
			a.TextHash = ""
			e.Answers[id] = a
		}
	}
	if !reflect.DeepEqual(w, e) {
		t.Errorf("report reads the workbook as\n%+v\nand the JSON export as\n%+v", w, e)
	}

	body := tb.importAccept(path)
	if !strings.Contains(body, "2 answers stay the same") || !strings.Contains(body, "0 answers change") {
		t.Errorf("re-importing the export: preview %q", body)
	}
	_, after := tb.download("export-json")
	if !bytes.Equal(before, after) {
		t.Errorf("the assessment changed by importing its own workbook:\n%s\n%s", before, after)
	}
}

// TestWorkbookKeepsRetiredAnswers: an answer for a recommendation the
// guidance no longer has is written into the exported workbook, after the
// guidance's rows with its note, and comes back from it, in the page and in
// riskguide report.
func TestWorkbookKeepsRetiredAnswers(t *testing.T) {
	t.Parallel()
	earlier, later := earlierSite(t), defaultSite(t).Dir
	tb := openTab(t, earlier)
	tb.click("#sa-" + extraRec + "-evaluated")
	tb.typeInto("#sa-"+extraRec+"-evidence", "Register kept since 2019.")
	tb.click("#sa-" + rec1 + "-partly")
	tb.Navigate(pageURL(later))
	_, before := tb.download("export-json")
	name, data := tb.download("export-xlsx")
	w, err := report.Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if a := w.Answers[extraRec]; a.Status != "evaluated" || a.Evidence != "Register kept since 2019." {
		t.Errorf("the retired answer in the workbook: %+v", a)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := rowOf(t, sheetCSV(t, path, "2"), 2, extraRec); r[10] != "No longer in the guidance" || r[4] != "In place and evaluated" {
		t.Errorf("LibreOffice reads the retired row as %q", r)
	}
	body := tb.importAccept(path)
	if !strings.Contains(body, "0 answers change") {
		t.Errorf("re-importing: %q", body)
	}
	if _, after := tb.download("export-json"); !bytes.Equal(before, after) {
		t.Errorf("the retired answer did not come back unchanged:\n%s\n%s", before, after)
	}
}
