// The answers themselves, in a real Chromium: nothing typed can make a
// record unreadable, a record that cannot be read is listed to download or
// repair, the page refuses what riskguide report would refuse (the shared
// limits), two tabs never undo a sign-off, a copy of a final assessment is
// a draft, imports keep what the file says, and compare starts on two
// assessments and exports its figures.

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/report"
	"github.com/riskguide/riskguide/internal/site"
)

// storeKey is the localStorage key of an assessment on the tab's site.
func (tb *tab) storeKey(id string) string {
	tb.t.Helper()
	return tb.eval(`document.querySelector('meta[name="riskguide-store"]').getAttribute('content')`) + ":assessment:" + id
}

// kept is the text kept for an assessment, "" when there is none.
func (tb *tab) kept(id string) string {
	tb.t.Helper()
	return tb.eval(`localStorage.getItem(` + jsString(tb.storeKey(id)) + `) || ''`)
}

// keptRecords reads every assessment the page keeps with riskguide
// report's reader, failing on any it refuses.
func (tb *tab) keptRecords() map[string]*report.Export {
	tb.t.Helper()
	var pairs [][2]string
	if err := json.Unmarshal([]byte(tb.storage()), &pairs); err != nil {
		tb.t.Fatal(err)
	}
	out := map[string]*report.Export{}
	for _, p := range pairs {
		i := strings.Index(p[0], ":assessment:")
		if i < 0 {
			continue
		}
		e, err := report.Parse([]byte(p[1]))
		if err != nil {
			tb.t.Errorf("riskguide report cannot read what the page keeps under %s: %v\n%s", p[0], err, p[1])
			continue
		}
		out[p[0][i+len(":assessment:"):]] = e
	}
	return out
}

func (tb *tab) currentID() string {
	tb.t.Helper()
	return tb.eval(`document.getElementById('sa-current').value`)
}

func (tb *tab) errorText() string {
	tb.t.Helper()
	return tb.eval(`document.getElementById('sa-error').hidden ? '' : document.getElementById('sa-error').textContent`)
}

// TestDateRefusedAtEntry types a target date with a digit too many, as a
// user slipping on the keyboard would. The field says what is wrong beside
// it, the kept record never holds the date, and after a reload the
// assessment is there and readable.
func TestDateRefusedAtEntry(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	field := "#sa-" + rec1 + "-target"
	tb.typeInto(field, "063020277")
	tb.waitFor("the message beside the date", `document.getElementById('sa-`+rec1+`-target-error') !== null`)
	if got := tb.eval(`document.getElementById('sa-` + rec1 + `-target-error').textContent`); !strings.Contains(got, "Enter a real date") {
		t.Errorf("message beside the date: %q", got)
	}
	if got := tb.eval(`document.querySelector('` + field + `').getAttribute('aria-invalid') + ' ' + document.querySelector('` + field + `').getAttribute('aria-describedby')`); got != "true sa-"+rec1+"-target-error" {
		t.Errorf("the field is not tied to its message: %q", got)
	}
	browsertest.FailOnAxe(t, "a date refused at entry", tb.Axe())
	if s := tb.storage(); strings.Contains(s, "20277") || strings.Contains(s, "-06-3\\\"") {
		t.Fatalf("the mistyped date was kept: %s", s)
	}
	recs := tb.keptRecords()
	if len(recs) != 1 {
		t.Fatalf("%d readable records kept, want 1", len(recs))
	}
	// A real date, typed over it, is kept and the message goes.
	tb.setField(field, "2027-06-30")
	tb.waitFor("the message to go", `document.getElementById('sa-`+rec1+`-target-error') === null`)
	for _, e := range tb.keptRecords() {
		if got := e.Answers[rec1].TargetDate; got != "2027-06-30" {
			t.Errorf("target date kept as %q", got)
		}
	}
	// A year no one means (a real calendar day, but year 0027) is refused too.
	tb.setField(field, "0027-06-30")
	tb.waitFor("the message about the year", `document.getElementById('sa-`+rec1+`-target-error') !== null`)
	years := site.AssessmentFormat.EntryYears
	if got := tb.eval(`document.getElementById('sa-` + rec1 + `-target-error').textContent`); !strings.Contains(got, fmt.Sprintf("from %d to %d", years[0], years[1])) {
		t.Errorf("message about the year: %q", got)
	}
	tb.Reload()
	if got := tb.value("#sa-organisation"); got != "Police Service Nord" {
		t.Errorf("after a reload the assessment is gone: organisation %q", got)
	}
	if got := tb.value(field); got != "2027-06-30" {
		t.Errorf("after a reload the target date is %q", got)
	}
	if !tb.evalBool(`document.getElementById('sa-unreadable').hidden`) {
		t.Error("a record is listed as unreadable")
	}
}

// TestUnreadableRecordListed: a record kept by an earlier version of the
// page with a target date no reader accepts is listed, not hidden; it can
// be downloaded byte for byte and repaired, keeping every valid answer and
// naming what was dropped.
func TestUnreadableRecordListed(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	const id = "a-broken"
	good := string(exportText(t, id, "North Police", "Register kept since 2024.", map[string]report.Answer{
		rec2: {Status: "planned", Evidence: "Plan approved.", TargetDate: "2027-06-30", Updated: "2025-01-02T10:00:00.000Z"},
	}))
	broken := strings.Replace(good, `"targetDate": "2027-06-30"`, `"targetDate": "20277-06-3"`, 1)
	if broken == good {
		t.Fatal("the fixture has no target date to break")
	}
	if _, err := report.Parse([]byte(broken)); err == nil {
		t.Fatal("riskguide report reads the broken record")
	}
	key := tb.storeKey(id)
	tb.Do(evalVoid(`localStorage.setItem(` + jsString(key) + `, ` + jsString(broken) + `)`))
	// A second one was cut short: not JSON at all.
	const cut = "a-cut"
	cutText := broken[:len(broken)/2]
	tb.Do(evalVoid(`localStorage.setItem(` + jsString(tb.storeKey(cut)) + `, ` + jsString(cutText) + `)`))
	tb.Reload()
	tb.waitFor("the unreadable record listed", `!document.getElementById('sa-unreadable').hidden`)
	browsertest.FailOnAxe(t, "an unreadable record listed", tb.Axe())
	item := `#sa-unreadable [data-id="` + id + `"]`
	if got := tb.eval(`document.querySelector('` + item + `').textContent`); !strings.Contains(got, "Imported") || !strings.Contains(got, "answers."+rec2+".targetDate") {
		t.Errorf("the listing does not name the record and what is wrong: %q", got)
	}

	if name, data := tb.downloadFrom(item + ` [data-unreadable="download"]`); string(data) != broken {
		t.Errorf("%s is not the kept text as it is:\n%s", name, data)
	}
	// What is not JSON cannot be repaired: the page says so and leaves it.
	tb.click(`#sa-unreadable [data-id="` + cut + `"] [data-unreadable="repair"]`)
	tb.waitFor("the refusal to repair", `!document.getElementById('sa-error').hidden`)
	if got := tb.errorText(); !strings.Contains(got, "cannot be repaired") || !strings.Contains(got, "Download it as it is") {
		t.Errorf("repairing a text cut short says %q", got)
	}
	if tb.kept(cut) != cutText || tb.evalBool(`document.getElementById('sa-dialog').open`) {
		t.Error("a text that cannot be repaired was changed or offered for repair")
	}

	tb.click(item + ` [data-unreadable="repair"]`)
	tb.waitFor("the repair dialog", `document.getElementById('sa-dialog').open`)
	body := tb.eval(`document.getElementById('sa-dialog-body').textContent`)
	if !strings.Contains(body, "answers."+rec2+".targetDate: 20277-06-3") || !strings.Contains(body, "keeps 2 answers") {
		t.Errorf("the repair does not say what it keeps and drops: %q", body)
	}
	tb.dialog("", "repair")
	if tb.evalBool(`document.querySelector('#sa-unreadable [data-id="` + id + `"]') !== null`) {
		t.Error("the repaired record is still listed as unreadable")
	}
	if tb.kept(cut) != cutText || tb.evalBool(`document.querySelector('#sa-unreadable [data-id="`+cut+`"]') === null`) {
		t.Error("the record cut short is no longer listed as it is")
	}
	e, err := report.Parse([]byte(tb.kept(id)))
	if err != nil {
		t.Fatalf("the repaired record does not read: %v", err)
	}
	if a := e.Answers[rec2]; a.Status != "planned" || a.Evidence != "Plan approved." || a.TargetDate != "" {
		t.Errorf("the repaired answer is %+v", a)
	}
	if a := e.Answers[rec1]; a.Evidence != "Register kept since 2024." {
		t.Errorf("a valid answer was lost: %+v", a)
	}
	if tb.currentID() != id || tb.value("#sa-organisation") != "North Police" {
		t.Error("the repaired assessment is not shown")
	}
}

// TestCSVOverTheSharedLimit imports a CSV of 6,000 rows (answers kept for
// retired ids): more answers than riskguide report reads, so the page
// refuses it with the same limit and keeps nothing.
func TestCSVOverTheSharedLimit(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	_, csv := tb.download("export-csv")
	lines := strings.SplitAfter(string(csv), "\r\n")
	var b strings.Builder
	b.WriteString(lines[0])
	for i := 0; i < 6000; i++ {
		fmt.Fprintf(&b, `"","","","","","old-%04d","","","","","Kept","","","","","No longer in the guidance"`+"\r\n", i)
	}
	path := filepath.Join(t.TempDir(), "many.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	before := tb.storage()
	tb.importFile(path)
	tb.waitFor("the refusal", `!document.getElementById('sa-error').hidden`)
	want := fmt.Sprintf("more than %d answers", site.AssessmentFormat.Limits.Answers)
	if got := tb.errorText(); !strings.Contains(got, want) {
		t.Errorf("refusal %q, want %q", got, want)
	}
	if tb.evalBool(`document.getElementById('sa-dialog').open`) {
		t.Error("a preview was offered")
	}
	if tb.storage() != before {
		t.Error("the refused file changed what the browser keeps")
	}
	tb.Reload()
	if got := tb.value("#sa-organisation"); got != "Police Service Nord" {
		t.Errorf("after a reload the assessment is gone: organisation %q", got)
	}
}

// TestSignOffRaceKeepsFinal: tab A has an import dialog open to replace
// the assessment while tab B (same browser profile) signs it off. A's
// "Replace" must not turn the final record back into a draft, nor can A's
// next edit change it.
func TestSignOffRaceKeepsFinal(t *testing.T) {
	t.Parallel()
	dir := defaultSite(t).Dir
	a := openTab(t, dir)
	fill(a)
	id := a.currentID()
	_, data := a.download("export-json")
	changed := strings.Replace(string(data), "Reviewed by the board.", "Changed in the file.", 1)
	path := filepath.Join(t.TempDir(), "changed.json")
	os.WriteFile(path, []byte(changed), 0o644)

	b := &tab{Page: a.Sibling(t), t: t, downloads: a.downloads}
	b.Navigate(pageURL(dir))
	if b.currentID() != id {
		t.Fatalf("the second tab shows %s, not %s", b.currentID(), id)
	}

	a.importFile(path)
	a.waitFor("the preview", `document.querySelector('#sa-dialog-buttons button[data-choice="replace"]') !== null`)
	signOff(b)
	a.waitFor("tab A to hear of the sign-off", `document.getElementById('sa-organisation').disabled`)
	a.click(`#sa-dialog-buttons button[data-choice="replace"]`)
	a.waitFor("the refusal", `!document.getElementById('sa-error').hidden`)
	if got := a.errorText(); !strings.Contains(got, "is final") {
		t.Errorf("tab A says %q", got)
	}
	check := func(when string) {
		t.Helper()
		e, err := report.Parse([]byte(a.kept(id)))
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if !e.Assessment.Final || e.Assessment.ApprovedBy != "C. Chief" || strings.Contains(e.Answers[rec1].Evidence, "Changed in the file.") {
			t.Errorf("%s: the signed-off record was changed: %+v %+v", when, e.Assessment, e.Answers[rec1])
		}
	}
	check("after Replace")
	// An edit forced through in tab A changes nothing either.
	a.Do(evalVoid(`(function () { var f = document.getElementById('sa-unit'); f.disabled = false; f.value = 'Changed'; f.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	check("after an edit")
	// Tab A still writes what may be written: the next review, started
	// in tab B, takes A's edit.
	b.click(`[data-sa-action="next"]`)
	b.dialog("", "ok")
	draft := b.currentID()
	a.waitFor("tab A to list the next review", `document.querySelector('#sa-current option[value="`+draft+`"]') !== null`)
	a.Do(setSelect("#sa-current", draft))
	a.typeInto("#sa-unit", "Public protection")
	if e, err := report.Parse([]byte(a.kept(draft))); err != nil || e.Assessment.Unit != "Public protection" {
		t.Errorf("tab A's edit of the draft was not kept: %v", err)
	}
	check("after the next review")
}

// TestDuplicateOfFinalIsDraft: a copy of a signed-off assessment is a
// draft nobody has approved; the final one stays final; and their exports
// carry their state in the file name.
func TestDuplicateOfFinalIsDraft(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	signOff(tb)
	final := tb.currentID()
	finalName, _ := tb.download("export-json")
	tb.click(`[data-sa-action="duplicate"]`)
	copyID := tb.currentID()
	if copyID == final {
		t.Fatal("no copy was made")
	}
	if tb.value("#sa-approvedby") != "" || tb.value("#sa-approvedon") != "" || tb.evalBool(`document.getElementById('sa-organisation').disabled`) {
		t.Error("the copy carries the sign-off or is read-only")
	}
	if !tb.evalBool(`document.getElementById('sa-final-note').hidden`) {
		t.Errorf("the copy says %q", tb.eval(`document.getElementById('sa-final-note').textContent`))
	}
	recs := tb.keptRecords()
	if c := recs[copyID]; c == nil || c.Assessment.Final || c.Assessment.ApprovedBy != "" || c.Answers[rec1].Status != "in-place" {
		t.Errorf("the copy is kept as %+v", c)
	}
	if f := recs[final]; f == nil || !f.Assessment.Final {
		t.Error("the original is no longer final")
	}
	draftName, _ := tb.download("export-json")
	if !strings.Contains(finalName, "-final-") || !strings.Contains(draftName, "-draft-") || finalName == draftName {
		t.Errorf("export names %q and %q do not tell final from draft", finalName, draftName)
	}
}

// TestImportKeepsWhatTheFileSays: a signed-off assessment exported in one
// browser comes into a fresh one under its own name, with its completed by
// and sign-off, in place of the empty assessment a fresh page shows. An
// earlier error goes with the next try, and a second import is marked as
// imported once.
func TestImportKeepsWhatTheFileSays(t *testing.T) {
	t.Parallel()
	dir := defaultSite(t).Dir
	one := openTab(t, dir)
	fill(one)
	one.click(`[data-sa-action="rename"]`)
	one.dialog("North 2026", "ok")
	one.typeInto("#sa-completedby", "A. Lead")
	signOff(one)
	_, data := one.download("export-json")
	path := filepath.Join(t.TempDir(), "north.json")
	os.WriteFile(path, data, 0o644)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)

	two := openTab(t, dir)
	two.importFile(bad)
	two.waitFor("the refusal", `!document.getElementById('sa-error').hidden`)
	two.importFile(path)
	two.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if two.errorText() != "" {
		t.Errorf("the earlier error stays under the preview: %q", two.errorText())
	}
	if got := two.eval(`document.querySelector('#sa-dialog-body .sa-import-asnew').textContent`); !strings.Contains(got, "“North 2026”") {
		t.Errorf("the preview names %q", got)
	}
	two.dialog("", "new")
	if got := two.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-current option'), function (o) { return o.textContent; }).join('|')`); got != "North 2026" {
		t.Errorf("the list holds %q", got)
	}
	if two.value("#sa-completedby") != "A. Lead" || two.value("#sa-approvedby") != "C. Chief" || !two.evalBool(`document.getElementById('sa-organisation').disabled`) {
		t.Error("completed by or the sign-off was lost")
	}
	// The same file again cannot replace the final one; as new it is
	// named, before it is made, as imported, once.
	for _, want := range []string{"North 2026 (imported)", "North 2026 (imported) 2"} {
		two.importFile(path)
		two.waitFor("the preview", `document.getElementById('sa-dialog').open`)
		if two.evalBool(`document.querySelector('#sa-dialog-buttons button[data-choice="replace"]') !== null`) {
			t.Error("a final assessment is offered to be replaced")
		}
		if got := two.eval(`document.querySelector('#sa-dialog-body .sa-import-asnew').textContent`); !strings.Contains(got, "“"+want+"”") {
			t.Errorf("the preview names %q, want %q", got, want)
		}
		two.dialog("", "new")
		if got := two.eval(`document.querySelector('#sa-current option:checked').textContent`); got != want {
			t.Errorf("imported as %q, want %q", got, want)
		}
	}
	for id, e := range two.keptRecords() {
		if e.Assessment.CompletedBy != "A. Lead" || !e.Assessment.Final {
			t.Errorf("%s kept as %+v", id, e.Assessment)
		}
	}

	// A CSV brought into a fresh browser takes the place of the empty
	// assessment the page shows, under the name the preview gave.
	_, csv := one.download("export-csv")
	csvPath := filepath.Join(t.TempDir(), "north.csv")
	os.WriteFile(csvPath, csv, 0o644)
	three := openTab(t, dir)
	three.importFile(csvPath)
	three.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if got := three.eval(`document.querySelector('#sa-dialog-body .sa-import-asnew').textContent`); !strings.Contains(got, "“My assessment”") {
		t.Errorf("the CSV preview names %q", got)
	}
	three.dialog("", "new")
	if got := three.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-current option'), function (o) { return o.textContent; }).join('|')`); got != "My assessment" {
		t.Errorf("after the CSV import the list holds %q", got)
	}
	if three.value("#sa-organisation") != "Police Service Nord" || !three.checked("#sa-"+rec1+"-in-place") {
		t.Error("the CSV's answers were not imported")
	}
	// Each answer keeps the time it last changed, as the CSV gives it,
	// rather than the time of the import.
	var exported *report.Export
	for _, e := range one.keptRecords() {
		exported = e
	}
	for _, e := range three.keptRecords() {
		for id, a := range exported.Answers {
			if got := e.Answers[id].Updated; got != a.Updated {
				t.Errorf("answer %s imported from CSV changed at %q, want %q as exported", id, got, a.Updated)
			}
		}
	}
}

// TestCompareStartsOnTwo: the comparison starts on two different
// assessments, shows each status as its badge and the change of score per
// recommendation and per expected result, and exports them as CSV.
func TestCompareStartsOnTwo(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	first := tb.currentID()
	tb.click(`[data-sa-action="duplicate"]`)
	second := tb.currentID()
	tb.click("#sa-" + rec2 + "-in-place")
	if from, to := tb.value("#sa-compare-from"), tb.value("#sa-compare-to"); from != first || to != second {
		t.Errorf("compare starts from %s to %s; want %s to %s", from, to, first, second)
	}
	tb.click(`[data-sa-action="compare"]`)
	tb.waitFor("the comparison", `document.querySelector('#sa-compare-out .sa-compare-table') !== null`)
	row := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-compare-out tr[data-rec="` + rec2 + `"] td'), function (c) { return (c.querySelector('.sa-badge') ? 'badge:' : '') + c.textContent; }).join('|')`)
	if row != "badge:Planned|badge:In place|+2|Moved up" {
		t.Errorf("the row of %s reads %q", rec2, row)
	}
	res := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-compare-out .sa-compare-results tbody tr:first-child td'), function (c) { return c.textContent; }).join('|')`)
	if res != "2.0|3.0|+1.0" {
		t.Errorf("the first expected result reads %q", res)
	}
	_, csv := tb.download("export-compare")
	text := string(csv)
	if !strings.HasPrefix(text, "\ufeff") || !strings.Contains(text, `"`+rec2+`","`) || !strings.Contains(text, `"Planned","In place","1","3","'+2","Moved up"`) || !strings.Contains(text, `"2.0","3.0","'+1.0"`) {
		t.Errorf("the comparison's CSV:\n%s", text)
	}
	// Printed, the comparison is all the page shows.
	tb.Do(evalVoid(`document.body.classList.add('sa-print-compare')`))
	tb.EmulateMedia("print")
	if got := tb.eval(`getComputedStyle(document.getElementById('sa-compare')).display + ' ' + getComputedStyle(document.getElementById('sa-form')).display`); got != "block none" {
		t.Errorf("printing the comparison shows the comparison and the form as %q", got)
	}
	tb.EmulateMedia("screen")
	tb.Do(evalVoid(`document.body.classList.remove('sa-print-compare')`))
	// Evidence with an address in brackets keeps the address's own
	// brackets and drops the sentence's.
	tb.typeInto("#sa-"+rec1+"-evidence", " See (https://host.example/a_(b)).")
	if got := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-rec-` + rec1 + ` [data-links] a'), function (a) { return a.getAttribute('href'); }).join(' ')`); got != "https://host.example/a_(b)" {
		t.Errorf("linked %q", got)
	}
}
