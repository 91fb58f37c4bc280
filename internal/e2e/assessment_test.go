package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/report"
)

const (
	rec1 = "training-needs-analysis"
	rec2 = "mandatory-training"
)

// fill answers two recommendations and the header, as a user would.
func fill(tb *tab) {
	tb.t.Helper()
	tb.typeInto("#sa-organisation", "Police Service Nord")
	tb.typeInto("#sa-period", "2026")
	tb.click("#sa-" + rec1 + "-in-place")
	tb.typeInto("#sa-"+rec1+"-evidence", "Analysis dated 2025-03, covers all ranks.\nReviewed by the board.")
	tb.typeInto("#sa-"+rec1+"-owner", "=HYPERLINK(\"x\")")
	tb.click("#sa-" + rec2 + "-planned")
}

func TestAnswersPersist(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	if got := tb.evalBool(`document.getElementById('sa-manage').hidden`); got {
		t.Fatal("the saved-assessments controls stay hidden with scripts on")
	}
	fill(tb)
	tb.Reload()
	if got := tb.value("#sa-organisation"); got != "Police Service Nord" {
		t.Errorf("organisation after reload = %q", got)
	}
	if !tb.checked("#sa-" + rec1 + "-in-place") {
		t.Error("status of 1.1 not kept")
	}
	if !tb.checked("#sa-" + rec2 + "-planned") {
		t.Error("status of 1.2 not kept")
	}
	if got := tb.value("#sa-" + rec1 + "-evidence"); !strings.Contains(got, "Reviewed by the board.") {
		t.Errorf("evidence after reload = %q", got)
	}
	// The summary counts them: one in place and one planned in result 1,
	// so a score of (3 + 1) / 2.
	row := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-summary-table tbody tr:first-child td'), function (c) { return c.textContent; }).join('|')`)
	if row != "0|1|0|1|0|0|2|2.0" {
		t.Errorf("summary row of result 1 = %q", row)
	}
	if n := tb.eval(`String(document.querySelectorAll('#sa-chart svg[role="img"] rect').length)`); n != "2" {
		t.Errorf("chart has %s bars, want 2 (result 1 and overall)", n)
	}
	if errs := tb.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func TestManageAssessments(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	first := tb.eval(`document.getElementById('sa-current').value`)

	tb.click(`[data-sa-action="rename"]`)
	tb.dialog("Nord 2025", "ok")
	tb.click(`[data-sa-action="duplicate"]`)
	if got := tb.eval(`document.querySelector('#sa-current option:checked').textContent`); got != "Nord 2025 (copy)" {
		t.Errorf("after duplicate the current assessment is %q", got)
	}
	if !tb.checked("#sa-" + rec1 + "-in-place") {
		t.Error("the copy lacks the answers")
	}
	tb.click(`[data-sa-action="rename"]`)
	tb.dialog("Nord 2026", "ok")
	tb.click("#sa-" + rec2 + "-in-place")

	tb.click(`[data-sa-action="new"]`)
	tb.dialog("Empty one", "ok")
	if tb.checked("#sa-"+rec1+"-in-place") || tb.value("#sa-organisation") != "" {
		t.Error("a new assessment shows answers")
	}
	names := func() string {
		return tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-current option'), function (o) { return o.textContent; }).join('|')`)
	}
	if got := names(); got != "Nord 2025|Nord 2026|Empty one" {
		t.Errorf("assessments = %q", got)
	}

	// Switch back to the first, which kept its own answers.
	tb.Do(setSelect("#sa-current", first))
	if !tb.checked("#sa-"+rec2+"-planned") || tb.value("#sa-organisation") != "Police Service Nord" {
		t.Error("switching back did not show the first assessment's answers")
	}

	// Compare the first with its copy: 1.2 moved from planned to in place.
	tb.Reload()
	tb.Do(setSelect("#sa-compare-from", first))
	second := tb.eval(`Array.prototype.filter.call(document.querySelectorAll('#sa-current option'), function (o) { return o.textContent === 'Nord 2026'; })[0].value`)
	tb.Do(setSelect("#sa-compare-to", second))
	tb.click(`[data-sa-action="compare"]`)
	if got := tb.eval(`document.querySelector('#sa-compare-out p').textContent`); !strings.HasPrefix(got, "1 moved up, 0 moved down, 0 newly answered, 1 unchanged") {
		t.Errorf("compare = %q", got)
	}
	if got := tb.eval(`document.querySelector('#sa-compare-out tr.sa-change-up th').textContent`); !strings.HasPrefix(got, "1.2") {
		t.Errorf("the row that moved up is %q", got)
	}

	// Delete asks first: cancel keeps it, confirm removes it.
	tb.click(`[data-sa-action="delete"]`)
	tb.dialog("", "")
	if got := names(); got != "Nord 2025|Nord 2026|Empty one" {
		t.Errorf("cancelled delete changed the list: %q", got)
	}
	tb.click(`[data-sa-action="delete"]`)
	tb.dialog("", "delete")
	if got := names(); got != "Nord 2026|Empty one" {
		t.Errorf("after delete: %q", got)
	}
	tb.Reload()
	if got := names(); got != "Nord 2026|Empty one" {
		t.Errorf("after delete and reload: %q", got)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	dir := defaultSite(t).Dir
	tb := openTab(t, dir)
	fill(tb)
	name, data := tb.download("export-json")
	if !regexp.MustCompile(`^self-assessment-my-assessment-draft-\d{4}-\d{2}-\d{2}-\d{6}\.json$`).MatchString(name) {
		t.Errorf("export file name %q", name)
	}
	e, err := report.Parse(data)
	if err != nil {
		t.Fatalf("the export does not parse: %v\n%s", err, data)
	}
	if e.Answers[rec1].Status != "in-place" || e.Assessment.Organisation != "Police Service Nord" || e.Guidance.Fingerprint == "" {
		t.Errorf("export lacks answers: %+v", e)
	}
	if !bytes.Equal(report.Marshal(e), data) {
		t.Errorf("the page and the report package write the same export differently:\npage:\n%s\nGo:\n%s", data, report.Marshal(e))
	}

	csvName, csv := tb.download("export-csv")
	if !strings.HasSuffix(csvName, ".csv") || !bytes.HasPrefix(csv, []byte("\xef\xbb\xbf")) {
		t.Errorf("CSV %q does not start with a byte order mark", csvName)
	}
	lines := strings.Split(string(csv), "\r\n")
	if len(lines) != 20+2 {
		t.Errorf("CSV has %d lines, want a header, 20 rows and an empty end", len(lines))
	}
	if !strings.Contains(string(csv), `"'=HYPERLINK(""x"")"`) {
		t.Errorf("a formula in the owner is not neutralised: %s", lines[1])
	}

	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A browser with nothing kept imports it as a new assessment...
	fresh := openTab(t, dir)
	fresh.importFile(file)
	fresh.dialog("", "new")
	if got := fresh.value("#sa-organisation"); got != "Police Service Nord" {
		t.Errorf("organisation after import = %q", got)
	}
	// ...and exports exactly the same bytes.
	_, again := fresh.download("export-json")
	if !bytes.Equal(again, data) {
		t.Errorf("export, import, export is not byte-identical:\nfirst:\n%s\nagain:\n%s", data, again)
	}

	// Importing into the browser that has it shows no change and replacing
	// keeps the same bytes too.
	tb.importFile(file)
	tb.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if got := tb.eval(`document.getElementById('sa-dialog-body').textContent`); !strings.Contains(got, "nothing would change") || !strings.Contains(got, "0 answers change") {
		t.Errorf("preview of the same file: %q", got)
	}
	tb.dialog("", "replace")
	_, third := tb.download("export-json")
	if !bytes.Equal(third, data) {
		t.Errorf("replace with the same file changed the export")
	}
}

// exportText makes an export by hand, with a given organisation, evidence
// and extra answers.
func exportText(t *testing.T, id, org, evidence string, extra map[string]report.Answer) []byte {
	t.Helper()
	e := &report.Export{
		Guidance:   report.Guidance{Title: "Risk management of intimate partner violence", Version: "1.0", Fingerprint: "0000000000000000"},
		Assessment: report.Assessment{ID: id, Name: "Imported", Organisation: org, Created: "2025-01-01T10:00:00.000Z", Updated: "2025-01-02T10:00:00.000Z"},
		Answers: map[string]report.Answer{
			rec1: {Status: "evaluated", Evidence: evidence, Updated: "2025-01-02T10:00:00.000Z"},
		},
	}
	for k, v := range extra {
		e.Answers[k] = v
	}
	return report.Marshal(e)
}

func TestHostileImports(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	before := tb.storage()
	dir := t.TempDir()
	huge := bytes.Repeat([]byte(" "), 5<<20)
	valid := exportText(t, "a-valid", "Org", "ok", nil)
	mutate := func(f func(map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(valid, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"not-json.json", "not a JSON file", []byte("<html><script>window.__pwned = 1</script></html>")},
		{"empty.json", "empty", []byte("   ")},
		{"huge.json", "larger than the limit", huge},
		{"array.json", "not a riskguide self-assessment export", []byte(`[1, 2, 3]`)},
		{"version.json", "version 5 of the format", mutate(func(m map[string]any) { m["version"] = 5 })},
		{"type.json", "assessment.organisation must be text", mutate(func(m map[string]any) { m["assessment"].(map[string]any)["organisation"] = map[string]any{"x": 1} })},
		{"status.json", "answers." + rec1 + ".status is not one of the statuses", mutate(func(m map[string]any) {
			m["answers"].(map[string]any)[rec1].(map[string]any)["status"] = "<b>done</b>"
		})},
		{"extra.json", "__proto__ is not part of the format", []byte(strings.Replace(string(valid), `"format"`, `"__proto__": {"polluted": true}, "format"`, 1))},
		{"long.json", "is longer than 10000 characters", exportText(t, "a-long", strings.Repeat("x", 10001), "", nil)},
		{"trailing.json", "not a JSON file", append(append([]byte{}, valid...), " x"...)},
		{"february-30.json", "assessment.created is not a date and time", []byte(strings.Replace(string(valid), `"created": "2025-01-01T10:00:00.000Z"`, `"created": "2026-02-30T10:00:00Z"`, 1))},
		{"hour-24.json", "assessment.updated is not a date and time", []byte(strings.Replace(string(valid), `"updated": "2025-01-02T10:00:00.000Z"`, `"updated": "2026-01-02T24:00:00Z"`, 1))},
		{"not-utf-8.json", "not a JSON file", []byte(strings.Replace(string(valid), `"ok"`, "\"o\xffk\"", 1))},
		{"badid.json", "is not a valid identifier", exportText(t, "a-x", "Org", "", map[string]report.Answer{"Bad Id<script>": {Status: "planned", Updated: "2025-01-02T10:00:00.000Z"}})},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		tb.importFile(path)
		tb.waitFor(c.name+" refused", `!document.getElementById('sa-error').hidden`)
		msg := tb.eval(`document.getElementById('sa-error').textContent`)
		if !strings.Contains(msg, "nothing was changed") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q, want it to say %q", c.name, msg, c.want)
		}
		if tb.evalBool(`document.getElementById('sa-dialog').open`) {
			t.Errorf("%s: a preview opened for a bad file", c.name)
			tb.dialog("", "")
		}
		if after := tb.storage(); after != before {
			t.Errorf("%s changed what the browser keeps", c.name)
		}
		tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
	}
	if tb.evalBool(`window.__pwned === 1 || ({}).polluted === true`) {
		t.Error("a hostile file ran a script or polluted Object.prototype")
	}

	// A valid file full of HTML shows it as text, and cancelling changes
	// nothing.
	html := `<img src=x id=injected onerror="window.__pwned=1"><script>window.__pwned=1</script>`
	path := filepath.Join(dir, "html.json")
	os.WriteFile(path, exportText(t, "a-html", html, html, map[string]report.Answer{
		"gone-rec": {Status: "partly", Evidence: html, Updated: "2025-01-02T10:00:00.000Z"},
	}), 0o644)
	tb.importFile(path)
	tb.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if got := tb.eval(`document.getElementById('sa-dialog-body').textContent`); !strings.Contains(got, html) {
		t.Errorf("the preview does not show the organisation as text: %q", got)
	}
	tb.dialog("", "")
	if after := tb.storage(); after != before {
		t.Error("a cancelled import changed what the browser keeps")
	}
	tb.importFile(path)
	tb.dialog("", "new")
	if got := tb.value("#sa-organisation"); got != html {
		t.Errorf("organisation = %q", got)
	}
	if got := tb.eval(`document.querySelector('#sa-retired-list dd:nth-of-type(2)').textContent`); got != html {
		t.Errorf("retired evidence shown as %q", got)
	}
	if tb.evalBool(`document.getElementById('injected') !== null || document.querySelector('#sa-retired script, #sa-current script') !== null || window.__pwned === 1`) {
		t.Error("HTML from the file became elements, or ran")
	}
}

func TestRetiredAnswersAreKept(t *testing.T) {
	t.Parallel()
	earlier, later := earlierSite(t), defaultSite(t).Dir
	tb := openTab(t, earlier)
	tb.click("#sa-" + extraRec + "-evaluated")
	tb.typeInto("#sa-"+extraRec+"-evidence", "Register kept since 2019.")
	tb.click("#sa-" + rec1 + "-partly")

	// The same browser opens the later version, which lacks the
	// recommendation.
	tb.Navigate(pageURL(later))
	if tb.evalBool(`document.getElementById('sa-retired').hidden`) {
		t.Fatal("the retired answer is not shown")
	}
	if got := tb.eval(`document.querySelector('#sa-retired-list h3').textContent`); got != extraRec {
		t.Errorf("retired answer listed as %q", got)
	}
	// Editing under the later version keeps it.
	tb.typeInto("#sa-"+rec1+"-gaps", "Refresh the analysis.")
	tb.Reload()
	_, data := tb.download("export-json")
	e, err := report.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if a := e.Answers[extraRec]; a.Status != "evaluated" || a.Evidence != "Register kept since 2019." {
		t.Errorf("the retired answer is not exported: %+v", a)
	}
	if e.Answers[rec1].Gaps != "Refresh the analysis." {
		t.Errorf("the new answer is missing: %+v", e.Answers[rec1])
	}
	_, csv := tb.download("export-csv")
	if !strings.Contains(string(csv), `"`+extraRec+`"`) || !strings.Contains(string(csv), "No longer in the guidance") {
		t.Error("the CSV lacks the retired answer")
	}
	// Back on the earlier version it is an ordinary answer again.
	tb.Navigate(pageURL(earlier))
	if !tb.checked("#sa-" + extraRec + "-evaluated") {
		t.Error("the answer did not come back under the earlier version")
	}
}

func TestStorageRefused(t *testing.T) {
	t.Parallel()
	tb := openTab(t, "")
	tb.addInitScript(`Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`)
	tb.Navigate(pageURL(defaultSite(t).Dir))
	if tb.evalBool(`document.getElementById('storage-warning').hidden`) {
		t.Fatal("no warning when the browser keeps nothing")
	}
	fill(tb)
	_, data := tb.download("export-json")
	e, err := report.Parse(data)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if e.Answers[rec1].Status != "in-place" {
		t.Errorf("export without storage lost the answer: %+v", e.Answers)
	}
}

func TestAccessible(t *testing.T) {
	t.Parallel()
	tb := openTab(t, earlierSite(t))
	fill(tb)
	tb.click("#sa-" + extraRec + "-planned")
	tb.Navigate(pageURL(defaultSite(t).Dir))
	tb.click(`[data-sa-action="duplicate"]`)
	tb.click(`[data-sa-action="compare"]`)
	browsertest.FailOnAxe(t, "self-assessment", tb.Axe())
	tb.Mobile()
	browsertest.FailOnAxe(t, "self-assessment on a phone", tb.Axe())
	tb.Desktop()
	tb.click(`[data-sa-action="rename"]`)
	tb.waitFor("the dialog", `document.getElementById('sa-dialog').open`)
	browsertest.FailOnAxe(t, "self-assessment with a dialog", tb.Axe())
	if v := tb.CSPViolations(); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}
}

func TestBlankPaperForm(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	p := b.NewPage(t)
	p.DisableScripts()
	p.Navigate(pageURL(defaultSite(t).Dir))
	text := browsertest.PDFText(t, p.PDF())
	for _, want := range []string{"Organisation", "Implementation status", "Not started", "In place and evaluated", "Evidence held", "Gaps and actions", "5.", "What being in place"} {
		if !strings.Contains(text, want) {
			t.Errorf("the blank form on paper lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Export (JSON)", "Your saved assessments", "Compare two"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the blank form on paper shows %q", unwanted)
		}
	}
}

func TestPrintedReport(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	tb.Do(evalVoid(`window.dispatchEvent(new Event('beforeprint'))`))
	pdf := tb.PDF()
	browsertest.KeepPDF(t, "self-assessment-report.pdf", pdf)
	text := browsertest.PDFText(t, pdf)
	for _, want := range []string{"Police Service Nord", "Summary", "score out of 4", "Reviewed by the board.", "Printed ", "In place", "Not answered"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed report lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Export (JSON)", "Your saved assessments"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the printed report shows %q", unwanted)
		}
	}
}

// newerVersion finds the format version of an export, to be replaced by one
// no riskguide has written yet.
var newerVersion = regexp.MustCompile(`"version": [0-9]+`)

// TestImportAsNewNeverOverwritesUnreadable keeps a record the page cannot
// read (one of a newer format version, as a later riskguide would write)
// under the id of the file imported next. "Import as a new assessment"
// must leave that record byte for byte as it was and give the import an id
// of its own.
func TestImportAsNewNeverOverwritesUnreadable(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	const id = "a-clash"
	newer := newerVersion.ReplaceAllString(string(exportText(t, id, "Kept by a newer version", "newer", nil)), `"version": 99`)
	key := tb.eval(`document.querySelector('meta[name="riskguide-store"]').getAttribute('content')`) + ":assessment:" + id
	tb.Do(evalVoid(`localStorage.setItem(` + jsString(key) + `, ` + jsString(newer) + `)`))
	tb.Reload()
	tb.waitFor("the unreadable record listed", `!document.getElementById('sa-unreadable').hidden`)

	path := filepath.Join(t.TempDir(), "import.json")
	if err := os.WriteFile(path, exportText(t, id, "Imported org", "imported", nil), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.importFile(path)
	tb.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if tb.evalBool(`document.querySelector('#sa-dialog-buttons button[data-choice="replace"]') !== null`) {
		t.Error("the preview offers to replace an assessment the page cannot read")
	}
	tb.dialog("", "new")
	if got := tb.eval(`localStorage.getItem(` + jsString(key) + `)`); got != newer {
		t.Fatalf("the unreadable record was overwritten; it now holds:\n%s", got)
	}
	if got := tb.value("#sa-organisation"); got != "Imported org" {
		t.Errorf("the imported assessment is not shown: organisation %q", got)
	}
	cur := tb.eval(`document.getElementById('sa-current').value`)
	if cur == id {
		t.Errorf("the import kept the id %q of the unreadable record", id)
	}
	if tb.eval(`localStorage.getItem(`+jsString(strings.TrimSuffix(key, id)+cur)+`) || ''`) == "" {
		t.Error("the imported assessment was not kept under its new id")
	}
	// After a reload both are still there: the import, and the record
	// left alone.
	tb.Reload()
	if got := tb.eval(`localStorage.getItem(` + jsString(key) + `)`); got != newer {
		t.Error("the unreadable record changed after a reload")
	}
	if !strings.Contains(tb.eval(`document.getElementById('sa-current').textContent`), "Imported") {
		t.Error("the imported assessment is gone after a reload")
	}
}

// TestEditNeverOverwritesUnreadable: another tab (a newer riskguide, say)
// rewrites the shown assessment in a form this page cannot read. Typing
// on keeps the edit on the page but leaves the kept record as it is, and
// says so.
func TestEditNeverOverwritesUnreadable(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	id := tb.eval(`document.getElementById('sa-current').value`)
	key := tb.eval(`document.querySelector('meta[name="riskguide-store"]').getAttribute('content')`) + ":assessment:" + id
	newer := newerVersion.ReplaceAllString(tb.eval(`localStorage.getItem(`+jsString(key)+`)`), `"version": 99`)
	// Set without a storage event, as a tab that has not heard of it yet.
	tb.Do(evalVoid(`localStorage.setItem(` + jsString(key) + `, ` + jsString(newer) + `)`))
	tb.typeInto("#sa-"+rec2+"-evidence", "Typed after the newer version wrote.")
	if got := tb.eval(`localStorage.getItem(` + jsString(key) + `)`); got != newer {
		t.Fatalf("the unreadable record was overwritten by an edit:\n%s", got)
	}
	if tb.evalBool(`document.getElementById('sa-error').hidden`) {
		t.Error("the page does not say that it could not keep the edit")
	}
	if got := tb.value("#sa-" + rec2 + "-evidence"); got != "Typed after the newer version wrote." {
		t.Errorf("the edit is gone from the page: %q", got)
	}
}
