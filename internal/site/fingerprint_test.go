package site

import "testing"

func fpSite(results ...*ExpectedResult) *Site {
	for _, res := range results {
		for _, rec := range res.Recommendations {
			rec.Result = res
		}
	}
	return &Site{Results: results}
}

func TestFingerprint(t *testing.T) {
	a := func() *ExpectedResult {
		return &ExpectedResult{ID: "a", Title: "A", Statement: "S", Recommendations: []*Recommendation{{ID: "a1", Text: "one"}, {ID: "a2", Text: "two"}}}
	}
	b := func() *ExpectedResult {
		return &ExpectedResult{ID: "b", Title: "B", Recommendations: []*Recommendation{{ID: "b1", Text: "three"}}}
	}
	base := fpSite(a(), b()).Fingerprint()
	if len(base) != 16 {
		t.Fatalf("fingerprint %q is not 16 hex digits", base)
	}
	if got := fpSite(b(), a()).Fingerprint(); got != base {
		t.Error("reordering results changed the fingerprint")
	}
	reordered := a()
	reordered.Recommendations[0], reordered.Recommendations[1] = reordered.Recommendations[1], reordered.Recommendations[0]
	if got := fpSite(reordered, b()).Fingerprint(); got != base {
		t.Error("reordering recommendations changed the fingerprint")
	}
	reworded := a()
	reworded.Recommendations[0].Text = "one, reworded"
	if got := fpSite(reworded, b()).Fingerprint(); got == base {
		t.Error("rewording a recommendation left the fingerprint unchanged")
	}
	moved := b()
	moved.Recommendations = append(moved.Recommendations, &Recommendation{ID: "a2", Text: "two"})
	first := a()
	first.Recommendations = first.Recommendations[:1]
	if got := fpSite(first, moved).Fingerprint(); got == base {
		t.Error("moving a recommendation to another result left the fingerprint unchanged")
	}
}
