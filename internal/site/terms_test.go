package site

import "testing"

func TestTermsExpand(t *testing.T) {
	terms := DefaultTerms()
	terms.Recommendation = Term{"requirement", "requirements"}
	terms.ExpectedResult = Term{"ASVS chapter", "ASVS chapters"}
	for in, want := range map[string]string{
		"{Recommendation} %s":                  "Requirement %s",
		"All %d {recommendations}":             "All %d requirements",
		"{Expected_results} and {checklists}":  "ASVS chapters and checklists",
		"by {expected_result}":                 "by ASVS chapter",
		"{Templates}":                          "Templates",
		"{recomendation} {x} {{.T}} {}":        "{recomendation} {x} {{.T}} {}",
		"no placeholder":                       "no placeholder",
		"{Checklist}: {template}, {Templates}": "Checklist: template, Templates",
	} {
		if got := terms.Expand(in); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (Terms{}).Expand("{Recommendations}"); got != "Recommendations" {
		t.Errorf("zero Terms: %q", got)
	}
	if got := terms.UnknownPlaceholders("{recomendation} {Recommendation}"); len(got) != 1 || got[0] != "{recomendation}" {
		t.Errorf("UnknownPlaceholders: %q", got)
	}
}
