package site

import "testing"

// TestShownLabel: a level's own label wins; a level without one is named
// by its interface string, looked up by LabelKey.
func TestShownLabel(t *testing.T) {
	lookup := func(key string) string { return "<" + key + ">" }
	for _, c := range []struct {
		level Level
		want  string
	}{
		{Level{ID: "pass", Label: "Pass"}, "Pass"},
		{Level{ID: "in-place"}, "<assessment.status.in-place>"},
	} {
		if got := c.level.ShownLabel(lookup); got != c.want {
			t.Errorf("%+v: label %q, want %q", c.level, got, c.want)
		}
	}
}
