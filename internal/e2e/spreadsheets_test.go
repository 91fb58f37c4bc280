package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// spreadsheetFile is a file of testdata/spreadsheets, as spreadsheets in
// various locales save the page's CSV (written by testdata/spreadsheets/gen.py).
func spreadsheetFile(name string) string {
	p, _ := filepath.Abs(filepath.Join("testdata", "spreadsheets", name))
	return p
}

// importAccept imports a file, waits for the preview and returns its text,
// then accepts it: replacing the assessment shown when the preview offers
// that, else as a new one.
func (tb *tab) importAccept(path string) string {
	tb.t.Helper()
	tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
	tb.importFile(path)
	tb.waitFor("the preview of "+filepath.Base(path), `document.getElementById('sa-dialog').open || !document.getElementById('sa-error').hidden`)
	if !tb.evalBool(`document.getElementById('sa-dialog').open`) {
		tb.t.Fatalf("%s was refused: %s", filepath.Base(path), tb.eval(`document.getElementById('sa-error').textContent`))
	}
	body := tb.eval(`document.getElementById('sa-dialog-body').textContent`)
	choice := "new"
	if tb.evalBool(`!!document.querySelector('#sa-dialog-buttons button[data-choice="replace"]')`) {
		choice = "replace"
	}
	tb.dialog("", choice)
	return body
}

// TestCSVDialects imports CSV files as Excel and LibreOffice save them in
// EU locales: each is read, the preview says how, and the answers, with
// their accented letters and dates, are those of the file.
func TestCSVDialects(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	cases := []struct {
		file  string
		notes []string
		date1 string
		date2 string
	}{
		{"excel-de-semicolon-windows-1252.csv", []string{"Read as Windows-1252 text, values separated by semicolons.", "Target dates read as dd.mm.yyyy."}, "2027-06-30", "2027-09-01"},
		{"excel-unicode-text-utf16le.txt", []string{"Read as UTF-16 text, values separated by tabs.", "Target dates read as YYYY-MM-DD."}, "2027-06-30", "2027-09-01"},
		{"utf16be-semicolon.csv", []string{"Read as UTF-16 text, values separated by semicolons."}, "2027-06-30", ""},
		{"excel-uk-utf8-bom-ddmmyyyy.csv", []string{"Read as UTF-8 text, values separated by commas.", "Target dates read as dd/mm/yyyy."}, "2027-06-30", "2027-09-01"},
		// Semicolons come from a day-first locale: 03/04 is 3 April.
		{"excel-fr-semicolon-utf8-ddmmyyyy.csv", []string{"values separated by semicolons", "Target dates read as dd/mm/yyyy."}, "2027-04-03", "2027-09-01"},
	}
	for _, c := range cases {
		body := tb.importAccept(spreadsheetFile(c.file))
		for _, n := range c.notes {
			if !strings.Contains(body, n) {
				t.Errorf("%s: the preview %q does not say %q", c.file, body, n)
			}
		}
		if got := tb.value("#sa-" + rec1 + "-evidence"); got != "Schulungsanalyse geprüft – 12 € pro Person" {
			t.Errorf("%s: evidence %q", c.file, got)
		}
		if got := tb.value("#sa-" + rec2 + "-owner"); got != "Hr. Groß" {
			t.Errorf("%s: owner %q", c.file, got)
		}
		if got := tb.value("#sa-organisation"); got != "Polizei Süd" {
			t.Errorf("%s: organisation %q", c.file, got)
		}
		if !tb.checked("#sa-"+rec1+"-in-place") || !tb.checked("#sa-"+rec2+"-planned") {
			t.Errorf("%s: the statuses were not read", c.file)
		}
		if got := tb.value("#sa-" + rec1 + "-target"); got != c.date1 {
			t.Errorf("%s: first target date %q, want %q", c.file, got, c.date1)
		}
		if got := tb.value("#sa-" + rec2 + "-target"); got != c.date2 {
			t.Errorf("%s: second target date %q, want %q", c.file, got, c.date2)
		}
	}

	// Dates that cannot be read for sure are refused, naming row and
	// column and saying how to save the file; nothing changes.
	kept := tb.storage()
	for _, c := range []struct{ file, want string }{
		{"refused-ambiguous-dates.csv", "row 2, column “Target date”: the date “03/04/2027” could be day first or month first"},
		{"refused-month-first.csv", "row 2, column “Target date”: the date “06/30/2027” is written month first"},
	} {
		tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
		tb.importFile(spreadsheetFile(c.file))
		tb.waitFor(c.file+" refused", `!document.getElementById('sa-error').hidden`)
		msg := tb.eval(`document.getElementById('sa-error').textContent`)
		for _, want := range []string{c.want, "nothing was changed", "CSV UTF-8"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message %q lacks %q", c.file, msg, want)
			}
		}
		if tb.evalBool(`document.getElementById('sa-dialog').open`) {
			t.Errorf("%s: a preview opened", c.file)
		}
		if tb.storage() != kept {
			t.Errorf("%s changed what the browser keeps", c.file)
		}
	}
}

// TestCSVExportForLocale: in a browser whose locale writes decimals with a
// comma (German), the CSV export is separated by semicolons, as Excel there
// opens it, with a byte order mark; it imports back unchanged, and the
// comma export stays one choice away.
func TestCSVExportForLocale(t *testing.T) {
	t.Parallel()
	tb := openTab(t, "")
	tb.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "de_DE"})
		return err
	}))
	tb.Navigate(pageURL(defaultSite(t).Dir))
	if got := tb.value("#sa-csv-sep"); got != ";" {
		t.Fatalf("in a German locale the separator offered is %q", got)
	}
	fill(tb)
	_, before := tb.download("export-json")
	_, data := tb.download("export-csv")
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf\"Organisation\";\"Unit\";")) {
		t.Errorf("the German export starts %q", data[:min(len(data), 40)])
	}
	path := filepath.Join(t.TempDir(), "semicolons.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	body := tb.importAccept(path)
	if !strings.Contains(body, "values separated by semicolons") || !strings.Contains(body, "0 answers change") {
		t.Errorf("re-importing the semicolon export: %q", body)
	}
	if _, after := tb.download("export-json"); !bytes.Equal(before, after) {
		t.Errorf("the semicolon export did not import back unchanged")
	}
	tb.Do(setSelect("#sa-csv-sep", ","))
	if _, data := tb.download("export-csv"); !bytes.HasPrefix(data, []byte("\xef\xbb\xbf\"Organisation\",\"Unit\",")) {
		t.Errorf("the comma export starts %q", data[:min(len(data), 40)])
	}
}

// TestCSVSavedByLibreOffice: the page's CSV, opened by LibreOffice and
// saved again as it saves for western Europe (semicolons, Windows-1252),
// imports back unchanged.
func TestCSVSavedByLibreOffice(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	tb.typeInto("#sa-"+rec2+"-gaps", "Kosten: 12 € – Zuständigkeit klären")
	tb.Do(setSelect("#sa-csv-sep", ","))
	_, before := tb.download("export-json")
	_, data := tb.download("export-csv")
	in := filepath.Join(t.TempDir(), "assessment.csv")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Read as UTF-8 with every quoted value as text; write with semicolons
	// in Windows-1252 (LibreOffice's encoding number 1).
	out := soffice(t, "--infilter=CSV:44,34,76,1,,0,true", "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,1,1", in)
	saved := filepath.Join(out, "assessment.csv")
	raw, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || !bytes.Contains(raw, []byte("12 \x80 \x96")) {
		t.Fatalf("LibreOffice did not save Windows-1252: %q", raw[:min(len(raw), 200)])
	}
	body := tb.importAccept(saved)
	if !strings.Contains(body, "Read as Windows-1252 text, values separated by semicolons.") || !strings.Contains(body, "0 answers change") {
		t.Errorf("preview of LibreOffice's CSV: %q", body)
	}
	if _, after := tb.download("export-json"); !bytes.Equal(before, after) {
		t.Errorf("LibreOffice's CSV did not import back unchanged:\n%s\n%s", before, after)
	}
}
