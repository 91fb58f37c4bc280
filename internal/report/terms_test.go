package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/site"
	"github.com/riskguide/riskguide/internal/testfs"
)

// siteWith is the built-in site with extra lines at the end of its
// site.yaml.
func siteWith(t *testing.T, siteYAML string) *site.Site {
	t.Helper()
	m, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	m["content/site.yaml"].Data = append(m["content/site.yaml"].Data, siteYAML...)
	s, diags := generate.Load(generate.Source{FS: m, Name: "test"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

// TestReportUsesTheSiteTerms: the report's headings, its chart and its
// CSV's columns speak of requirements and chapters.
func TestReportUsesTheSiteTerms(t *testing.T) {
	s := siteWith(t, `terms:
  recommendation: {singular: requirement, plural: requirements}
  expected_result: {singular: chapter, plural: chapters}
`)
	r, bad := Build(s, inputs(t, "north.json", "north-2025.json", "south.json"), opts(t, s, true))
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	files, err := r.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", r.Organisations[0].Page} {
		page := string(files[name])
		// Outside tags: the words a reader sees (the default content's
		// own title speaks of recommendations, and is left alone).
		visible := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
		visible = strings.ReplaceAll(visible, "Risk management principles and recommendations", "")
		visible = strings.ReplaceAll(visible, "Principles and recommendations", "")
		visible = strings.ReplaceAll(visible, "old-recommendation", "") // an id in the export
		if m := regexp.MustCompile(`(?i).{0,40}(recommendation|expected result).{0,40}`).FindString(visible); m != "" {
			t.Errorf("%s still says: %q", name, m)
		}
		for _, want := range []string{"Status of each requirement", "Chapter</th>"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if !strings.Contains(string(files["index.html"]), "All requirements</text>") {
		t.Errorf("the chart's total bar is not named by the term")
	}
	head, _, _ := strings.Cut(string(files["report.csv"]), "\r\n")
	if !strings.Contains(head, `"Guidance version","Chapter","Requirement","Id"`) {
		t.Errorf("CSV heading: %s", head)
	}
}
