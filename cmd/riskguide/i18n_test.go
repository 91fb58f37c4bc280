package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckInterfaceStrings: `riskguide check` names each bad override in a
// site's layouts/i18n file at its line and column, and a good one builds
// with every other string intact.
func TestCheckInterfaceStrings(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "new", ".")
	write(t, filepath.Join(dir, "layouts/i18n/en.yaml"), "rec.label: \"Requirement %d\"\nnav.guidanse: Requirements\nskip: \"\"\n")
	r := run(t, dir, "check")
	if r.code != 1 {
		t.Fatalf("check with bad interface strings: %+v", r)
	}
	for _, want := range []string{
		`layouts/i18n/en.yaml:1:12: interface string "rec.label" has placeholders %d, but the built-in text "{Recommendation} %s" has %s`,
		`layouts/i18n/en.yaml:2:1: unknown interface string "nav.guidanse"`,
		`did you mean "nav.guidance"?`,
		`layouts/i18n/en.yaml:3:7: interface string "skip" is empty`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	write(t, filepath.Join(dir, "layouts/i18n/en.yaml"), "rec.label: \"Requirement %s\"\nnav.guidance: Requirements\n")
	if r := run(t, dir, "check"); r.code != 0 {
		t.Fatalf("check with two good overrides: %+v", r)
	}
}
