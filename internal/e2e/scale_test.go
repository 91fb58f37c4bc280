package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/report"
	"github.com/riskguide/riskguide/internal/testfs"
)

// passFailScale is a declared three-level scale: pass, fail and not
// applicable.
const passFailScale = `scale:
  - id: pass
    label: Pass
    description: The requirement is met and shown to be.
    score: 1
    colour: green
    done: true
  - id: fail
    label: Fail
    description: The requirement is not met.
    score: 0
    colour: red
not_applicable: true
`

// scaleSource is the built-in guidance assessed on passFailScale.
func scaleSource(t *testing.T) generate.Source {
	m, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	m["content/assessment.yaml"] = &fstest.MapFile{Data: []byte(passFailScale)}
	// It speaks of chapters and requirements, too.
	m["content/site.yaml"].Data = append(m["content/site.yaml"].Data, `terms:
  recommendation: {singular: requirement, plural: requirements}
  expected_result: {singular: chapter, plural: chapters}
`...)
	return generate.Source{FS: m, Name: "pass/fail"}
}

// TestDeclaredScale: a three-level scale drives the form, the summary and
// its chart, the CSV and JSON exports, and riskguide report; an export made
// on the built-in scale is refused with a message saying why. The site's
// terms name the CSV's columns.
func TestDeclaredScale(t *testing.T) {
	t.Parallel()
	src := scaleSource(t)
	tb := openTab(t, getSite(t, "passfail", src).Dir)
	ids := tb.recIDs()

	// The form offers the declared levels, in order, and nothing else.
	got := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-rec-` + ids[0] + ` .sa-scale input'), function (i) { return i.value + ':' + document.querySelector('label[for="' + i.id + '"]').textContent; }).join(' | ')`)
	if want := "pass:Pass | fail:Fail | not-applicable:Not applicable"; got != want {
		t.Errorf("the form offers %q, want %q", got, want)
	}
	tb.setField("#sa-organisation", "Police Service Nord")
	tb.click("#sa-" + ids[0] + "-pass")
	tb.click("#sa-" + ids[1] + "-fail")
	tb.click("#sa-" + ids[2] + "-not-applicable")

	// The summary counts the declared levels and scores out of 1.
	tb.waitFor("the summary", `!document.getElementById('sa-summary').hidden && document.querySelector('#sa-summary-table table') !== null`)
	head := tb.eval(`document.querySelector('#sa-summary-table thead').textContent`)
	for _, w := range []string{"Pass", "Fail", "Not applicable", "Score (0 to 1)"} {
		if !strings.Contains(head, w) {
			t.Errorf("summary heading %q lacks %q", head, w)
		}
	}
	if strings.Contains(head, "Planned") || strings.Contains(head, "0 to 4") {
		t.Errorf("summary heading still has the built-in scale: %q", head)
	}
	axis := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-chart .sa-axis'), function (x) { return x.textContent; }).join(' ')`)
	if axis != "0 1" {
		t.Errorf("chart axis %q, want 0 1", axis)
	}
	if title := tb.eval(`document.querySelector('#sa-chart title').textContent`); !strings.Contains(title, "out of 1") {
		t.Errorf("chart title %q", title)
	}
	badge := tb.eval(`document.querySelector('#sa-summary-table thead .sa-badge').className`)
	if !strings.Contains(badge, "sa-st-in-place") {
		t.Errorf("the Pass badge has classes %q, want its colour family", badge)
	}
	// The action plan lists what failed (and what is not answered yet),
	// not what passed or does not apply.
	tb.waitFor("the plan", `document.querySelectorAll('#sa-plan-out tbody tr:not(.sa-plan-unanswered)').length === 1`)
	if got := tb.eval(`document.querySelector('#sa-plan-out tbody tr:not(.sa-plan-unanswered)').getAttribute('data-rec')`); got != ids[1] {
		t.Errorf("plan lists %s, want %s", got, ids[1])
	}
	for _, id := range []string{ids[0], ids[2]} {
		if tb.evalBool(`document.querySelector('#sa-plan-out tr[data-rec="` + id + `"]') !== null`) {
			t.Errorf("the plan lists %s, which passed or does not apply", id)
		}
	}

	// The CSV names the levels and scores them on the scale.
	_, csv := tb.download("export-csv")
	rows := readCSV(t, csv)
	if h := strings.Join(rows[0][:7], ","); h != "Organisation,Unit,Period,Chapter,Requirement,Id,Text" {
		t.Errorf("CSV headings: %s", h)
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[5]] = r
	}
	for id, want := range map[string][3]string{ids[0]: {"Pass", "pass", "1"}, ids[1]: {"Fail", "fail", "0"}, ids[2]: {"Not applicable", "not-applicable", ""}} {
		if r := byID[id]; r == nil || r[7] != want[0] || r[8] != want[1] || r[9] != want[2] {
			t.Errorf("CSV row for %s: %q, want status, code and points %q", id, r, want)
		}
	}

	// The JSON export records the scale, and report scores it on it.
	_, data := tb.download("export-json")
	if !strings.Contains(string(data), `"scale": "pass=1 fail=0 not-applicable"`) || !strings.Contains(string(data), `"version": 4,`) {
		t.Fatalf("the export does not record its scale:\n%.600s", data)
	}
	s, diags := generate.Load(src)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	north, err := os.ReadFile(filepath.Join("..", "report", "testdata", "exports", "north.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, bad := report.Build(s, []report.Input{{Name: "nord.json", Data: data}, {Name: "north.json", Data: north}}, reportOptions(t, src, s))
	if len(bad) != 1 || bad[0].File != "north.json" || !strings.Contains(bad[0].Error(), "another scale") {
		t.Errorf("an export on the built-in scale was not refused with a reason: %v", bad)
	}
	if len(r.Forces) != 1 || r.Forces[0].Overall.N != 2 || r.Forces[0].Overall.String() != "0.5" {
		t.Errorf("report scores %+v", r.Forces)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	index := string(files["index.html"])
	for _, w := range []string{"scores Pass 1, Fail 0.", "out of 1", `class="swatch st-tone-green"></span>Pass (1)`, `<td class="st-tone-red">Fail (0)</td>`} {
		if !strings.Contains(index, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if !strings.Contains(string(files["report.csv"]), `"Chapter","Requirement","Id"`) {
		t.Errorf("report CSV headings do not use the terms")
	}
	if !strings.Contains(string(files["report.csv"]), `"Fail","fail","0"`) {
		t.Errorf("report CSV does not name the level")
	}

	// An export made on the built-in scale is refused on the page, whole.
	kept := tb.storage()
	dir := t.TempDir()
	path := filepath.Join(dir, "north.json")
	if err := os.WriteFile(path, north, 0o644); err != nil {
		t.Fatal(err)
	}
	tb.importFile(path)
	tb.waitFor("the refusal", `/another scale/.test(document.getElementById('sa-error').textContent)`)
	if msg := tb.eval(`document.getElementById('sa-error').textContent`); !strings.Contains(msg, "not-started=0 planned=1 partly=2 in-place=3 evaluated=4 not-applicable") || !strings.Contains(msg, "pass=1 fail=0 not-applicable") {
		t.Errorf("the refusal does not name both scales")
	}
	if tb.storage() != kept {
		t.Errorf("a refused file changed what the browser keeps")
	}

	// The comparison moves up the declared scale: fail, then pass.
	first := tb.eval(`document.getElementById('sa-current').value`)
	tb.click(`[data-sa-action="duplicate"]`)
	second := tb.eval(`document.getElementById('sa-current').value`)
	tb.click("#sa-" + ids[1] + "-pass")
	tb.Do(setSelect("#sa-compare-from", first), setSelect("#sa-compare-to", second))
	tb.click(`[data-sa-action="compare"]`)
	tb.waitFor("the comparison", `document.querySelector('#sa-compare-out table') !== null`)
	row := tb.eval(`(function () { var r = document.querySelector('#sa-compare-out tr.sa-change-up'); return r ? Array.prototype.map.call(r.cells, function (c) { return c.textContent; }).slice(1).join(' | ') : ''; })()`)
	if !strings.HasPrefix(row, "Fail | Pass | ") {
		t.Errorf("the comparison's row that moved up: %q, want Fail to Pass", row)
	}
}
