package generate

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/site"
)

// TestScaleIsChecked: content/assessment.yaml is decoded strictly, every
// problem at its position.
func TestScaleIsChecked(t *testing.T) {
	fsys := smallSite()
	fsys["content/assessment.yaml"] = &fstest.MapFile{Data: []byte(`scale:
  - id: pass
    label: Pass
    score: 1
    colour: green
  - id: pass
    label: Again
    score: 1
    colour: green
  - id: not-applicable
    label: N/A
    score: 0
    colour: grey
  - id: fail
    label: Fail
    score: 0
    colour: purple
    weight: 2
`)}
	_, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	var diags site.Diagnostics
	if !errors.As(err, &diags) {
		t.Fatalf("build: %v", err)
	}
	got := diags.Error()
	for _, want := range []string{
		`content/assessment.yaml:6:5: level "pass" appears twice`,
		`content/assessment.yaml:10:5: level id "not-applicable" is the one not_applicable offers`,
		`content/assessment.yaml:18:5: unknown key "weight" in a level of the scale`,
		`content/assessment.yaml:2:3: no level of the scale is done: true`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}

// TestDeclaredScaleOnTheForm: the form offers the declared levels, the key
// describes them, and the page tells its scripts the scale.
func TestDeclaredScaleOnTheForm(t *testing.T) {
	fsys := smallSite()
	fsys["content/assessment.yaml"] = &fstest.MapFile{Data: []byte(`scale:
  - {id: pass, label: Pass, description: Met., score: 1, colour: green, done: true}
  - {id: fail, label: Fail, description: Not met., score: 0, colour: red}
not_applicable: false
`)}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "self-assessment/index.html", []expect{
		{`#sa-rec-train .sa-scale input`, 2, "", "value", "pass"},
		{`#sa-rec-train .sa-scale label`, 2, "Pass", "", ""},
		{`#sa-form`, 1, "", "data-scale", "pass=1 fail=0"},
		{`#sa-form`, 1, "", "data-scale-done", "pass"},
		{`#sa-form`, 1, "", "data-scale-labels", `{"fail":"Fail","pass":"Pass"}`},
		{`dl.sa-scale-key dt`, 2, "Pass (score 1)", "", ""},
		{`dl.sa-scale-key dt .sa-st-not-started`, 1, "Fail", "", ""},
		{`dl.sa-scale-key dd`, 2, "Met.", "", ""},
		{`#sa-summary p.hint`, 1, "Each recommendation scores 1 for Pass, 0 for Fail. The score of each expected result", "", ""},
		{`[data-msg="summary.score"]`, 1, "Score (0 to 1)", "", ""},
		{`#sa-plan p.hint`, 1, "Every recommendation not yet done (Fail, or with actions but no status)", "", ""},
	})
}
