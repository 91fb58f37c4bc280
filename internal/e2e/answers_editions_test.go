// Answers that know their edition: an assessment answered under edition 2.0
// of the guidance, opened under 2.1, flags exactly the answers whose
// recommendation's quoted text was amended, with the word difference;
// "Reviewed: still true" clears a flag and is exported; the next review
// carries the flags; the printed report names the edition and lists the
// answers not reviewed.

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/edition/editiontest"
	"github.com/riskguide/riskguide/internal/generate"
)

const (
	amendedA  = editiontest.AmendedA
	amendedB  = editiontest.AmendedB
	untouched = editiontest.Untouched
)

func editionSites(t *testing.T) (dir20, dir21 string) {
	v20, v21 := editiontest.Sources(t)
	return getSite(t, "edition-2.0", generate.Source{FS: v20, Name: "edition 2.0"}).Dir,
		getSite(t, "edition-2.1", generate.Source{FS: v21, Name: "edition 2.1"}).Dir
}

// flagged lists the recommendations shown as changed since answered.
func flagged(tb *tab) string {
	return tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-form .sa-rec-changed'), function (e) { return e.getAttribute('data-rec'); }).sort().join(' ')`)
}

func TestEditionsFlagAmendedAnswers(t *testing.T) {
	dir20, dir21 := editionSites(t)
	tb := openTab(t, dir20)
	tb.waitFor("the form", `!document.getElementById('sa-manage').hidden`)
	if got := flagged(tb); got != "" {
		t.Fatalf("answers flagged before any answer: %q", got)
	}
	tb.click("#sa-" + amendedA + "-in-place")
	tb.typeInto("#sa-"+amendedB+"-evidence", "Court data since 2025.")
	tb.click("#sa-" + untouched + "-planned")
	tb.waitFor("the answers kept", `Object.keys(localStorage).some(function (k) { var v = localStorage.getItem(k); return v.indexOf('Court data since 2025.') >= 0 && v.indexOf('"planned"') >= 0; })`)

	// Under 2.1, exactly the two amended recommendations are flagged.
	tb.Navigate(pageURL(dir21))
	tb.waitFor("the form", `!document.getElementById('sa-manage').hidden`)
	want := strings.Join([]string{amendedB, amendedA}, " ")
	if got := flagged(tb); got != want {
		t.Fatalf("flagged %q, want %q", got, want)
	}
	box := `document.querySelector('#sa-rec-` + amendedA + ` .sa-edition')`
	text := tb.eval(box + `.textContent`)
	for _, w := range []string{"This recommendation changed since you answered it", "edition 2.0", "Reviewed: still true", "deleted:", "inserted:"} {
		if !strings.Contains(text, w) {
			t.Errorf("the flag says %q, without %q", text, w)
		}
	}
	all := func(tag string) string {
		return tb.eval(`Array.prototype.map.call(` + box + `.querySelectorAll('` + tag + `'), function (e) { return e.textContent; }).join('|')`)
	}
	if del, ins := all("del"), all("ins"); !strings.Contains(del, "Analyse") || !strings.Contains(ins, "Assess") || !strings.Contains(ins, "every year") {
		t.Errorf("difference: deleted %q, inserted %q", del, ins)
	}
	if got := tb.eval(`document.getElementById('sa-edition-count').textContent`); !strings.HasPrefix(got, "2 answers to review") {
		t.Errorf("summary says %q", got)
	}

	// axe with a flag showing, at desktop and phone width.
	tb.Desktop()
	browsertest.FailOnAxe(t, "self-assessment with a flag (desktop)", tb.Axe())
	tb.Mobile()
	browsertest.FailOnAxe(t, "self-assessment with a flag (phone)", tb.Axe())
	tb.Desktop()

	// "Reviewed: still true" clears the flag, and the export says so.
	tb.click(`#sa-rec-` + amendedA + ` [data-edition-review]`)
	tb.waitFor("the flag cleared", `!document.querySelector('#sa-rec-`+amendedA+`').classList.contains('sa-rec-changed')`)
	if got := flagged(tb); got != amendedB {
		t.Errorf("after the review, flagged %q, want %q", got, amendedB)
	}
	_, data := tb.download("export-json")
	var exp struct {
		Version int `json:"version"`
		Answers map[string]struct {
			Edition  string `json:"edition"`
			TextHash string `json:"textHash"`
			Reviewed string `json:"reviewed"`
		} `json:"answers"`
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	today := time.Now().Format("2006-01-02")
	hashA := tb.eval(`document.getElementById('sa-rec-` + amendedA + `').getAttribute('data-text-hash')`)
	if a := exp.Answers[amendedA]; exp.Version != 4 || a.Edition != "2.1" || a.TextHash != hashA || a.Reviewed != today {
		t.Errorf("reviewed answer exported as version %d %+v; want edition 2.1, hash %s, reviewed %s", exp.Version, a, hashA, today)
	}
	if b := exp.Answers[amendedB]; b.Edition != "2.0" || b.TextHash == "" || b.Reviewed != "" {
		t.Errorf("unreviewed answer exported as %+v", b)
	}
	if c := exp.Answers[untouched]; c.Edition != "2.0" || c.TextHash != tb.eval(`document.getElementById('sa-rec-`+untouched+`').getAttribute('data-text-hash')`) {
		t.Errorf("unchanged answer exported as %+v", c)
	}

	// The printed report names the edition and lists the unreviewed answer.
	tb.Do(evalVoid(`window.dispatchEvent(new Event('beforeprint'))`))
	report := tb.eval(`document.querySelector('#sa-report .sa-report-editions').textContent`)
	if !strings.Contains(report, "This report answers edition 2.1") {
		t.Errorf("report: %q", report)
	}
	listed := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-report .sa-report-unreviewed li'), function (li) { return li.textContent; }).join('|')`)
	if !strings.Contains(listed, "answered under edition 2.0") || strings.Count(listed, "|") != 0 ||
		!strings.Contains(listed, "administrative and court sources") {
		t.Errorf("unreviewed answers in the report: %q", listed)
	}

	// The next review carries the answers and keeps the flag.
	tb.click(`[data-sa-action="next"]`)
	tb.dialog("Next review", "ok")
	tb.waitFor("the next review shown", `document.getElementById('sa-current').selectedOptions[0].textContent.indexOf('Next review') >= 0`)
	if got := flagged(tb); got != amendedB {
		t.Errorf("the next review flags %q, want %q", got, amendedB)
	}
}

// TestEditionsOlderExport imports, under edition 2.1, an export of format
// version 3 (no edition per answer) that names edition 2.0: its answers
// are read as given under 2.0, so the two amended ones are flagged. The
// assessment is final, so it cannot be marked reviewed.
func TestEditionsOlderExport(t *testing.T) {
	_, dir21 := editionSites(t)
	tb := openTab(t, dir21)
	tb.waitFor("the form", `!document.getElementById('sa-manage').hidden`)
	importNorth2025(tb)
	if got, want := flagged(tb), amendedB+" "+amendedA; got != want {
		t.Errorf("flagged %q, want %q", got, want)
	}
	if !tb.evalBool(`document.querySelector('#sa-rec-` + amendedA + ` [data-edition-review]').disabled`) {
		t.Error("a final assessment offers to mark an answer reviewed")
	}
}

// importNorth2025 imports, as a new assessment, the final export of
// format version 3 that names edition 2.0.
func importNorth2025(tb *tab) {
	tb.t.Helper()
	path, err := filepath.Abs("../report/testdata/editions/north-2025.json")
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.importFile(path)
	tb.dialog("", "new")
	tb.waitFor("the import shown", `document.getElementById('sa-organisation').value === 'North Police'`)
}

// TestEditionsPageValid: the 2.1 page, with its earlier texts in
// templates, passes html-validate.
func TestEditionsPageValid(t *testing.T) {
	_, dir21 := editionSites(t)
	page := filepath.Join(dir21, "self-assessment", "index.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// A positive control: the page holds the templates it is checked for.
	if n := strings.Count(string(data), `<template data-edition="2.0"`); n != 2 {
		t.Fatalf("%d earlier texts on the page, want 2", n)
	}
	for _, p := range htmlValidate(t, []string{page}) {
		t.Error(p)
	}
}
