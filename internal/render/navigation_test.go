package render

import (
	"os"
	"testing"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/markdown"
)

// TestGuideNavIsBounded: on a guidance of 30 results of 20 recommendations
// the navigation of a recommendation page lists a window of 11 results and
// 11 recommendations around the current one, with links to the full lists,
// so that pages do not grow with the size of the guidance.
func TestGuideNavIsBounded(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 600, 5); err != nil {
		t.Fatal(err)
	}
	s, diags := load.Load(os.DirFS(dir))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	r, err := newRenderer(s, withMessages(t, s, Options{Theme: riskguide.Default, Source: os.DirFS(dir), Workers: 1}))
	if err != nil {
		t.Fatal(err)
	}
	res := s.Results[len(s.Results)/2]
	if len(s.Results) <= guideWindow || len(res.Recommendations) <= guideWindow {
		t.Fatalf("the synthetic site has %d results of %d recommendations: too few to test the window", len(s.Results), len(res.Recommendations))
	}
	rec := res.Recommendations[len(res.Recommendations)-1]
	b := r.newBase(recPath(rec.ID), "recommendation", markdown.New(markdown.Options{}))
	g, err := r.guideNav(b, res, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Results) != guideWindow || g.More == nil {
		t.Fatalf("%d results listed (more: %v), want %d and a link to all", len(g.Results), g.More, guideWindow)
	}
	var open *GuideResult
	for i := range g.Results {
		if g.Results[i].Recs != nil {
			if open != nil {
				t.Fatal("two results expanded")
			}
			open = &g.Results[i]
		}
	}
	if open == nil || open.Number != res.Number || len(open.Recs) != guideWindow || open.More == nil {
		t.Fatalf("expanded result %+v, want result %d with %d recommendations and a link to all", open, res.Number, guideWindow)
	}
	if last := open.Recs[len(open.Recs)-1]; !last.Current || last.Label != rec.Label {
		t.Errorf("the last recommendation listed is %+v, want the current one, %s", last, rec.Label)
	}
}
