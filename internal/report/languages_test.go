package report

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/riskguide/riskguide/internal/generate"
)

// TestExportsInDifferentLanguages: the self-assessment of each language of
// the bilingual example names the same guidance (the source's fingerprint),
// so a report combines an export made in French with one made in English,
// each counted with its answers and neither flagged as made on another
// guidance.
func TestExportsInDifferentLanguages(t *testing.T) {
	src, err := generate.FindSource("../../docs/examples/bilingual")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := generate.BuildSource(src, generate.Options{Out: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	fingerprint := regexp.MustCompile(`data-fingerprint="([0-9a-f]+)"`)
	title := regexp.MustCompile(`data-guidance-title="([^"]+)"`)
	export := func(page, id, org, rec, status string) Input {
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		fp, tt := fingerprint.FindSubmatch(data), title.FindSubmatch(data)
		if fp == nil || tt == nil {
			t.Fatalf("%s names no guidance", page)
		}
		return Input{Name: id + ".json", Data: fmt.Appendf(nil, `{"format": "riskguide-self-assessment", "version": 3,
  "guidance": {"title": %q, "version": "1.0", "fingerprint": %q, "scale": "not-started=0 planned=1 partly=2 in-place=3 evaluated=4 not-applicable"},
  "assessment": {"id": %q, "name": %q, "organisation": %q, "unit": "", "period": "2026", "completedBy": "", "final": false, "approvedBy": "", "approverRole": "", "approvedOn": "",
    "created": "2026-01-10T08:00:00.000Z", "updated": "2026-03-01T09:00:00.000Z"},
  "answers": {%q: {"status": %q, "evidence": "", "gaps": "", "owner": "", "targetDate": "", "updated": "2026-03-01T09:00:00.000Z"}}}`,
			tt[1], fp[1], id, id, org, rec, status)}
	}
	fr := export("fr/self-assessment/index.html", "a-fr", "Commissariat Centre", "private-space", "in-place")
	en := export("self-assessment/index.html", "a-en", "Central Station", "same-day", "planned")
	r, bad := Build(res.Site, []Input{fr, en}, opts(t, res.Site, true))
	if len(bad) > 0 {
		t.Fatalf("exports refused: %v", bad)
	}
	if len(r.Forces) != 2 {
		t.Fatalf("%d forces in the report, want 2", len(r.Forces))
	}
	for _, f := range r.Forces {
		if f.OtherGuidance {
			t.Errorf("%s is reported as made on another guidance", f.File)
		}
		if len(f.Export.Answers) != 1 {
			t.Errorf("%s: %d answers", f.File, len(f.Export.Answers))
		}
	}
}
