package e2e

import (
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/build"
)

// bilingualSite is the example site in English and French.
func bilingualSite(t *testing.T) *builtSite {
	t.Helper()
	src, err := build.FindSource("../../docs/examples/bilingual")
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, "bilingual", src)
}

// TestAssessmentAcrossLanguages: an assessment filled in on the French
// self-assessment opens in the English one, and the other way round: both
// keep answers by recommendation id under the same key.
func TestAssessmentAcrossLanguages(t *testing.T) {
	s := bilingualSite(t)
	tb := openTab(t, "")
	tb.Navigate(browsertest.FileURL(s.Dir, "fr/self-assessment/index.html"))
	if lang := tb.eval(`document.documentElement.lang`); lang != "fr" {
		t.Fatalf("the French self-assessment has lang %q", lang)
	}
	tb.typeInto("#sa-organisation", "Commissariat Centre")
	tb.click("#sa-private-space-in-place")
	tb.typeInto("#sa-private-space-evidence", "Salle 2 réservée.")

	tb.Navigate(browsertest.FileURL(s.Dir, "self-assessment/index.html"))
	if lang := tb.eval(`document.documentElement.lang`); lang != "en" {
		t.Fatalf("the English self-assessment has lang %q", lang)
	}
	if got := tb.value("#sa-organisation"); got != "Commissariat Centre" {
		t.Errorf("organisation in English = %q", got)
	}
	if !tb.checked("#sa-private-space-in-place") {
		t.Error("the status given in French is not shown in English")
	}
	if got := tb.value("#sa-private-space-evidence"); got != "Salle 2 réservée." {
		t.Errorf("evidence in English = %q", got)
	}
	tb.click("#sa-same-day-planned")

	tb.Navigate(browsertest.FileURL(s.Dir, "fr/self-assessment/index.html"))
	if !tb.checked("#sa-same-day-planned") {
		t.Error("the status given in English is not shown in French")
	}
	if errs := tb.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestAxeFrench runs axe-core on every page of the bilingual site, French
// and English, at desktop width: the switcher, the notices and the
// passages in another language included.
func TestAxeFrench(t *testing.T) {
	s := bilingualSite(t)
	b := browsertest.Shared(t)
	p := b.NewPage(t)
	p.Desktop()
	h := fileHost(s)
	french := 0
	for _, page := range s.Pages {
		p.Navigate(h.URL(page))
		browsertest.FailOnAxe(t, page, p.Axe())
		if len(page) > 3 && page[:3] == "fr/" {
			french++
		}
	}
	if french < 15 {
		t.Fatalf("only %d French pages checked", french)
	}
}
