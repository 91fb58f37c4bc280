package generate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The self-assessment page carries everything its scripts need in the
// page itself, and is a complete blank form without them.
func TestSelfAssessmentPage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildFS(t, smallSite(), out)
	recs := len(res.Site.AllRecommendations())
	checkPage(t, out, "self-assessment/index.html", []expect{
		{sel: "h1", count: 1, text: "Self-assessment"},
		{sel: `nav#site-nav a[aria-current="page"]`, count: 1, attr: "href", is: "../self-assessment/index.html"},
		{sel: "form#sa-form", count: 1, attr: "data-fingerprint", is: res.Site.Fingerprint()},
		{sel: "section.sa-result", count: len(res.Site.Results)},
		{sel: "section.sa-rec[data-rec]", count: recs},
		{sel: `section.sa-rec[data-rec="train"]`, count: 1, attr: "data-label", is: "1.1"},
		{sel: `.sa-rec input[type="radio"][data-answer="status"]`, count: 6 * recs},
		{sel: `input#sa-train-not-applicable`, count: 1, attr: "value", is: "not-applicable"},
		{sel: `label[for="sa-train-evaluated"]`, count: 1, text: "In place and evaluated"},
		{sel: `textarea[data-answer="evidence"]`, count: recs},
		{sel: `textarea[data-answer="gaps"]`, count: recs},
		{sel: `input[data-answer="owner"]`, count: recs},
		{sel: `input[type="date"][data-answer="targetDate"]`, count: recs},
		{sel: `input[data-meta]`, count: 7},
		{sel: `fieldset.sa-signoff-fields input[data-meta]`, count: 3},
		{sel: "#sa-plan[hidden]", count: 1},
		{sel: "#sa-report[hidden]", count: 1},
		{sel: "#sa-manage[hidden]", count: 1},
		{sel: "#sa-summary[hidden]", count: 1},
		{sel: "#storage-warning[hidden]", count: 1},
		{sel: `#sa-messages [data-msg="import.error"]`, count: 1, text: "nothing was changed"},
		{sel: `script[src^="../assets/js/assessment.js?v="]`, count: 1},
	})
	data, err := os.ReadFile(filepath.Join(out, "self-assessment/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"style=", "<script>", " onclick=", "assessment.js."} {
		if strings.Contains(string(data), bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	if fp := res.Site.Fingerprint(); len(fp) != 16 {
		t.Errorf("fingerprint %q", fp)
	}
}
