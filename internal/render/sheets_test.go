package render

import (
	"strings"
	"testing"
)

func TestCSSString(t *testing.T) {
	for in, want := range map[string]string{
		`Plan`:           `"Plan"`,
		`Say "no" \ yes`: `"Say \22 no\22  \5c  yes"`,
		"two\nlines":     `"two\a lines"`,
		"</style>":       `"</style>"`,
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %s, want %s", in, got, want)
		}
	}
	if got := cssCounters("Page %s of %s", "counter(page)", "counter(pages)"); got != `"Page " counter(page) " of " counter(pages)` {
		t.Errorf("cssCounters = %s", got)
	}
	if got := cssCounters("%s/%s", "a", "b"); got != `a "/" b` {
		t.Errorf("cssCounters = %s", got)
	}
}

// TestSheetsCSS: the default site asks for A4 and names a page for every
// checklist and template, with its title; paper: letter asks for Letter.
func TestSheetsCSS(t *testing.T) {
	r, s := defaultRenderer(t)
	css := string(r.sheetsCSS())
	if !strings.Contains(css, "@page { size: A4; }") {
		t.Error("the default site does not ask for A4")
	}
	for _, c := range s.Checklists {
		if !strings.Contains(css, "@page sheet-checklist-"+c.Role.ID+" {") || !strings.Contains(css, cssString(c.Title)) {
			t.Errorf("no page for the checklist of %s", c.Role.ID)
		}
	}
	for _, p := range s.Protocols {
		if !strings.Contains(css, ".sheet-protocol-"+p.ID+" { page: sheet-protocol-"+p.ID+"; }") || !strings.Contains(css, cssString(p.Title)) {
			t.Errorf("no page for the template %s", p.ID)
		}
	}
	s.Config.Paper = "letter"
	if css := string(r.sheetsCSS()); !strings.Contains(css, "@page { size: letter; }") {
		t.Error("paper: letter does not ask for Letter")
	}
}
