package riskguide

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/site"
)

func loadDefault(t *testing.T) *site.Site {
	t.Helper()
	s, diags := load.Load(Default)
	diags = append(diags, check.Check(s, diags)...)
	if len(diags) > 0 {
		t.Fatalf("the default content has problems:\n%v", diags)
	}
	return s
}

// TestDefaultContentComplete holds the default guidance to its promise: five
// results, twenty recommendations, and everything around each of them.
func TestDefaultContentComplete(t *testing.T) {
	s := loadDefault(t)
	if len(s.Results) != 5 || len(s.AllRecommendations()) != 20 {
		t.Fatalf("%d results and %d recommendations, want 5 and 20", len(s.Results), len(s.AllRecommendations()))
	}
	served := map[string]bool{}
	for _, c := range s.Checklists {
		items := 0
		for _, sec := range c.Sections {
			for _, it := range sec.Items {
				items++
				if len(it.Recommendations) == 0 {
					t.Errorf("%s: checklist item %q serves no recommendation", it.Pos, it.Text)
				}
				for _, r := range it.Recommendations {
					served[r.ID] = true
				}
			}
		}
		if n := len(c.Sections); n < 3 || n > 6 {
			t.Errorf("%s: %d sections, want 3 to 6", c.Pos.File, n)
		}
		if items < 10 || items > 25 {
			t.Errorf("%s: %d items, want 10 to 25", c.Pos.File, items)
		}
	}
	for _, role := range s.Roles {
		if s.ChecklistFor(role.ID) == nil {
			t.Errorf("role %q has no checklist", role.ID)
		}
		concerns := false
		for _, rec := range s.AllRecommendations() {
			concerns = concerns || rec.HasRole(role.ID)
		}
		if !concerns {
			t.Errorf("no recommendation concerns role %q, so its page lists none", role.ID)
		}
	}
	for _, rec := range s.AllRecommendations() {
		words := len(strings.Fields(rec.Guidance.Value))
		if words < 120 || words > 320 {
			t.Errorf("%s: guidance of %q has %d words, want 120 to 300", rec.Pos, rec.ID, words)
		}
		if n := len(rec.Indicators); n < 2 || n > 4 {
			t.Errorf("%s: %q has %d indicators, want 2 to 4", rec.Pos, rec.ID, n)
		}
		if len(rec.Evidence) == 0 {
			t.Errorf("%s: %q cites no evidence", rec.Pos, rec.ID)
		}
		if len(rec.Roles) == 0 {
			t.Errorf("%s: %q concerns no role", rec.Pos, rec.ID)
		}
		if !served[rec.ID] {
			t.Errorf("%s: no checklist item serves %q", rec.Pos, rec.ID)
		}
	}
	if len(s.Protocols) < 8 {
		t.Errorf("%d templates, want at least 8", len(s.Protocols))
	}
	for _, id := range []string{"about", "how-to-use", "glossary", "accessibility"} {
		if s.Page(id) == nil {
			t.Errorf("no %s page", id)
		}
	}
}

// TestRecommendationsVerbatim checks that every expected result and
// recommendation quotes the guidance word for word: each statement and
// text must be a line of the original text (seed/guidance.txt), with the
// one doubled full stop of the original corrected.
func TestRecommendationsVerbatim(t *testing.T) {
	seed, err := os.ReadFile("testdata/guidance.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(strings.ReplaceAll(string(seed), "reporting..", "reporting."), "\n") {
		l = strings.TrimPrefix(l, "- ")
		l = strings.TrimPrefix(l, "Expected result: ")
		lines[strings.TrimSpace(l)] = true
	}
	s := loadDefault(t)
	for _, res := range s.Results {
		if !lines[res.Statement] {
			t.Errorf("%s: statement of %q is not verbatim: %q", res.Pos, res.ID, res.Statement)
		}
		for _, rec := range res.Recommendations {
			if !lines[rec.Text] {
				t.Errorf("%s: text of %q is not verbatim: %q", rec.Pos, rec.ID, rec.Text)
			}
		}
	}
}

// TestCitedArticles keeps legal citations to article numbers that were
// checked against the instruments' text.
func TestCitedArticles(t *testing.T) {
	verified := map[string]*regexp.Regexp{
		"istanbul-convention":       regexp.MustCompile(`^Article (7|10|11|15|16|18|26|31|51|51\(2\)|52|53|56)$`),
		"victims-rights-directive":  regexp.MustCompile(`^Article (22|22\(1\)–\(3\)|26|28)$`),
		"directive-2024-1385":       regexp.MustCompile(`^Article (16|39|44|49\(1\))$`),
		"law-enforcement-directive": regexp.MustCompile(`^Article (6|7|27)$`),
		"gdpr":                      regexp.MustCompile(`^Article (2\(2\)\(d\)|5|6|9|35)$`),
	}
	s := loadDefault(t)
	for _, rec := range s.AllRecommendations() {
		for _, ev := range rec.Evidence {
			re, ok := verified[ev.Source.ID]
			if ok && ev.Locator != "" && !re.MatchString(ev.Locator) {
				t.Errorf("%s: %q cites %s %q, which is not a checked article", ev.Source.Pos, rec.ID, ev.Source.ID, ev.Locator)
			}
		}
	}
}
