package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/report"
)

// signOff fills the sign-off and marks the assessment final.
func signOff(tb *tab) {
	tb.t.Helper()
	tb.typeInto("#sa-approvedby", "C. Chief")
	tb.typeInto("#sa-approverrole", "Chief Constable")
	tb.setField("#sa-approvedon", "2026-04-01")
	tb.click(`[data-sa-action="finalise"]`)
	tb.dialog("", "final")
}

func TestFinalIsReadOnly(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	// Without an approver and a date it cannot be final.
	tb.click(`[data-sa-action="finalise"]`)
	if tb.evalBool(`document.getElementById('sa-dialog').open`) || !strings.Contains(tb.eval(`document.getElementById('sa-error').textContent`), "who approved") {
		t.Fatal("an assessment without a sign-off was offered to become final")
	}
	signOff(tb)
	first := tb.eval(`document.getElementById('sa-current').value`)
	check := func(when string) {
		t.Helper()
		if n := tb.eval(`String(document.querySelectorAll('#sa-form input:not(:disabled), #sa-form textarea:not(:disabled), #sa-form button:not(:disabled)').length)`); n != "0" {
			t.Errorf("%s: %s controls of a final assessment can still be changed", when, n)
		}
		if got := tb.eval(`document.getElementById('sa-final-note').textContent`); !strings.Contains(got, "approved by C. Chief on 1 April 2026") {
			t.Errorf("%s: final note %q", when, got)
		}
	}
	check("after sign-off")
	before := tb.storage()
	// A script-driven edit of a disabled field changes nothing either.
	tb.Do(evalVoid(`(function () { var f = document.getElementById('sa-organisation'); f.disabled = false; f.value = 'Changed'; f.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	if tb.storage() != before {
		t.Error("a final assessment was changed")
	}
	tb.Reload()
	check("after reload")

	_, data := tb.download("export-json")
	e, err := report.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if a := e.Assessment; !a.Final || a.ApprovedBy != "C. Chief" || a.ApproverRole != "Chief Constable" || a.ApprovedOn != "2026-04-01" {
		t.Errorf("the export lacks the sign-off: %+v", a)
	}
	if !strings.Contains(string(data), `"version": 4,`) {
		t.Error("the export is not version 4")
	}
	// Its own export cannot replace it: it can only come in as a new one.
	file := filepath.Join(t.TempDir(), "final.json")
	os.WriteFile(file, data, 0o644)
	tb.importFile(file)
	tb.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	if choices := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-dialog-buttons button'), function (b) { return b.getAttribute('data-choice'); }).join(' ')`); choices != "new " {
		t.Errorf("importing over a final assessment offers %q", choices)
	}
	tb.dialog("", "")
	_, pages := printReport(tb, "report-final.pdf")
	for _, want := range []string{"Final: signed off", "C. Chief", "Chief Constable", "1 April 2026"} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("page 1 of the report lacks %q", want)
		}
	}

	// The next review starts from it, answers carried over, as a draft.
	// It proposes the next period and a plain name for it.
	tb.click(`[data-sa-action="next"]`)
	tb.waitFor("the next review's name", `document.getElementById('sa-dialog').open`)
	if got := tb.value("#sa-dialog-input"); got != "My assessment 2027" {
		t.Errorf("the next review is proposed as %q", got)
	}
	tb.dialog("", "ok")
	if got := tb.eval(`document.querySelector('#sa-current option:checked').textContent`); got != "My assessment 2027" {
		t.Errorf("the next review is called %q", got)
	}
	if got := tb.value("#sa-period"); got != "2027" {
		t.Errorf("the next review's period is %q", got)
	}
	if !tb.checked("#sa-"+rec1+"-in-place") || tb.value("#sa-organisation") != "Police Service Nord" {
		t.Error("the answers were not carried over")
	}
	if tb.value("#sa-approvedby") != "" || tb.evalBool(`document.getElementById('sa-organisation').disabled`) {
		t.Error("the next review is not an open draft")
	}
	tb.click("#sa-" + rec2 + "-in-place")
	tb.Do(setSelect("#sa-current", first))
	if !tb.checked("#sa-"+rec2+"-planned") || !tb.evalBool(`document.getElementById('sa-organisation').disabled`) {
		t.Error("editing the next review changed the final one")
	}
}

// TestVersion1ImportsWithoutLoss imports an export written before the
// sign-off existed (format version 1) and exports it again: every value
// survives, and the new fields read as a draft without a sign-off.
func TestVersion1ImportsWithoutLoss(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../report/testdata/exports/north.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"version": 1,`) {
		t.Fatal("the fixture is not a version 1 export")
	}
	old, err := report.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "north.json")
	os.WriteFile(path, data, 0o644)
	tb := openTab(t, defaultSite(t).Dir)
	tb.importFile(path)
	tb.dialog("", "new")
	_, out := tb.download("export-json")
	back, err := report.Parse(out)
	if err != nil {
		t.Fatalf("the export of an imported version 1 file does not read: %v", err)
	}
	// The export names the guidance the page shows now; everything the
	// force wrote must come back as it was.
	back.Guidance = old.Guidance
	// Its answers name the edition "1.0", which this site does not know
	// and has no records before: they are taken as given under the page's
	// edition, to its texts (answers branch: editions).
	for id, a := range back.Answers {
		if a.Edition != "2.0" || len(a.TextHash) != 16 || a.Reviewed != "" {
			t.Errorf("answer %s of a version 1 file settled as %q %q %q", id, a.Edition, a.TextHash, a.Reviewed)
		}
		o := old.Answers[id]
		a.Edition, a.TextHash, a.Reviewed = o.Edition, o.TextHash, o.Reviewed
		back.Answers[id] = a
	}
	if string(report.Marshal(back)) != string(report.Marshal(old)) {
		t.Errorf("a version 1 file did not come back whole:\nin:\n%s\nout:\n%s", data, out)
	}
	if tb.evalBool(`document.getElementById('sa-organisation').disabled`) {
		t.Error("a version 1 file imported as final")
	}

	// A file of version 2 or later must say final with true or false, and
	// date its approval properly; otherwise nothing is imported.
	v2 := string(report.Marshal(old))
	kept := tb.storage()
	for name, c := range map[string]struct{ from, to, want string }{
		"final.json": {`"final": false`, `"final": "yes"`, "assessment.final must be true or false"},
		"date.json":  {`"approvedOn": ""`, `"approvedOn": "2026-02-30"`, "assessment.approvedOn is not a date"},
		"v1.json":    {`"version": 4,`, `"version": 1,`, "guidance.scale is not part of the format"},
	} {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, []byte(strings.Replace(v2, c.from, c.to, 1)), 0o644)
		tb.importFile(p)
		tb.waitFor(name+" refused", `!document.getElementById('sa-error').hidden`)
		if msg := tb.eval(`document.getElementById('sa-error').textContent`); !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want %q", name, msg, c.want)
		}
		if tb.storage() != kept {
			t.Errorf("%s changed what the browser keeps", name)
		}
		tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
	}
}
