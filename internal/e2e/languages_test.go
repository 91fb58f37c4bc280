package e2e

import (
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

// bilingualSite is the example site in English and French.
func bilingualSite(t *testing.T) *builtSite {
	t.Helper()
	src, err := generate.FindSource("../../docs/examples/bilingual")
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, "bilingual", src)
}

// TestAssessmentAcrossLanguages: an assessment filled in on the French
// self-assessment opens in the English one, and the other way round: both
// keep answers by recommendation id under the same key.
func TestAssessmentAcrossLanguages(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestHostingBilingual crawls the bilingual site from file://, from
// http.FileServer and from nginx under a sub-path with the recommended
// headers (Content-Security-Policy included), following every link from
// the English home page: the language switcher must lead to every French
// page, with no failed request, console error or CSP violation.
func TestHostingBilingual(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := bilingualSite(t)
	for _, h := range hosts(t, s) {
		t.Run(h.Name, func(t *testing.T) {
			t.Parallel()
			p := b.NewPage(t)
			crawl(t, p, h, s)
		})
	}
}

// TestNoJavaScriptFrench opens every French page with JavaScript off: each
// shows its heading and content, and the switcher, being plain links, is
// there.
func TestNoJavaScriptFrench(t *testing.T) {
	t.Parallel()
	s := bilingualSite(t)
	b := browsertest.Shared(t)
	p := b.NewPage(t)
	p.DisableScripts()
	h := fileHost(s)
	n := 0
	for _, pg := range s.Pages {
		if !strings.HasPrefix(pg, "fr/") {
			continue
		}
		n++
		p.Navigate(h.URL(pg))
		st := browsertest.Eval[noJSState](p, readable)
		if st.Scripted {
			t.Fatalf("%s: scripts ran although they are off", pg)
		}
		if st.H1 == "" || !st.H1Shown || st.MainText < 40 {
			t.Errorf("%s (no JavaScript): heading %q shown %v, %d characters of content", pg, st.H1, st.H1Shown, st.MainText)
		}
		if got := browsertest.Eval[int](p, `document.querySelectorAll('nav.languages a[hreflang="en"]').length`); got != 1 {
			t.Errorf("%s: %d links to English in the switcher", pg, got)
		}
	}
	if n < 15 {
		t.Fatalf("only %d French pages", n)
	}
}

// TestSheetsAcrossLanguages: a tick and a header field filled in on the
// French checklist, and a field of the French template, show on the English
// pages, and the other way round: the browser keeps them under keys made
// from the source's texts, which the translation does not change.
func TestSheetsAcrossLanguages(t *testing.T) {
	t.Parallel()
	s := bilingualSite(t)
	tb := openTab(t, "")
	const tick = "#tick-desk-officer-4f375f0f"
	tb.Navigate(browsertest.FileURL(s.Dir, "fr/checklists/desk-officer/index.html"))
	if got := tb.eval(`document.querySelector('label[for="tick-desk-officer-4f375f0f"]').textContent`); got != "Proposer un espace à l'écart." {
		t.Fatalf("the French checklist's first item reads %q", got)
	}
	tb.click(`label[for="tick-desk-officer-4f375f0f"]`)
	tb.typeInto("#cl-desk-officer-officer", "Agent Martin")
	tb.Navigate(browsertest.FileURL(s.Dir, "fr/protocols/desk-record/index.html"))
	tb.typeInto("#field-what-the-person-asked-for", "Un rendez-vous demain.")

	tb.Navigate(browsertest.FileURL(s.Dir, "checklists/desk-officer/index.html"))
	if !tb.checked(tick) {
		t.Error("the tick given in French is not shown in English")
	}
	if got := tb.value("#cl-desk-officer-officer"); got != "Agent Martin" {
		t.Errorf("officer in English = %q", got)
	}
	tb.click(`label[for="tick-desk-officer-04bf4a9f"]`)
	tb.Navigate(browsertest.FileURL(s.Dir, "protocols/desk-record/index.html"))
	if got := tb.value("#field-what-the-person-asked-for"); got != "Un rendez-vous demain." {
		t.Errorf("template field in English = %q", got)
	}

	tb.Navigate(browsertest.FileURL(s.Dir, "fr/checklists/desk-officer/index.html"))
	if !tb.checked("#tick-desk-officer-04bf4a9f") {
		t.Error("the tick given in English is not shown in French")
	}
	if errs := tb.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
