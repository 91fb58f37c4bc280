package e2e

import (
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestSearchFrench searches the French site of the bilingual example as its
// reader would, from disk and under nginx's sub-path with the strict CSP:
// a plural finds the text with the singular (French Snowball stemming), the
// results are French pages of the French site, and an English word finds
// only what the French site shows untranslated, marked lang=en.
func TestSearchFrench(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := bilingualSite(t)
	for _, h := range hosts(t, s) {
		t.Run(h.Name, func(t *testing.T) {
			t.Parallel()
			p := b.NewPage(t)
			p.Navigate(h.URL("fr/search/index.html") + "?q=signalements")
			waitResults(t, p)
			hrefs := browsertest.Eval[[]string](p, `Array.from(document.querySelectorAll('#search-results > li h2 a')).map(a => a.href)`)
			var singular bool
			for _, href := range hrefs {
				if !strings.Contains(href, "/fr/") {
					t.Errorf("a French result leads out of the French site: %s", href)
				}
				singular = singular || strings.Contains(href, "fr/recommendations/private-space/")
			}
			if !singular {
				t.Errorf("signalements did not find 1.2 (signalement, singular) among %v", hrefs)
			}
			if langs := browsertest.Eval[string](p, `Array.from(document.querySelectorAll('#search-results [lang]')).map(e => e.lang).join(' ')`); langs != "" {
				t.Errorf("French results carry lang %q", langs)
			}
			marks := browsertest.Eval[string](p, `Array.from(document.querySelectorAll('#search-results mark')).map(m => m.textContent.toLowerCase()).join(' ')`)
			if !strings.Contains(marks, "signalement") {
				t.Errorf("marked words: %q", marks)
			}
			if lang := browsertest.Eval[string](p, `document.documentElement.lang`); lang != "fr" {
				t.Errorf("search page lang %q", lang)
			}
			p.CheckClean()

			p.Navigate(h.URL("fr/search/index.html") + "?q=recorded")
			waitResults(t, p)
			// Each is shown in English, and says so: its title and text
			// carry lang=en.
			for _, r := range browsertest.Eval[[]map[string]string](p, `Array.from(document.querySelectorAll('#search-results > li')).map(li => ({
				href: li.querySelector('h2 a').href,
				title: li.querySelector('h2 a').lang,
				snippet: li.querySelector('.search-snippet').lang
			}))`) {
				if !strings.Contains(r["href"], "fr/recommendations/same-day/") && !strings.Contains(r["href"], "fr/results/records/") && !strings.Contains(r["href"], "fr/glossary/") {
					t.Errorf("the English word found %s, which the French site shows in French", r["href"])
				}
				if r["title"] != "en" || r["snippet"] != "en" {
					t.Errorf("%s is shown in English with lang %q (title), %q (text), want en", r["href"], r["title"], r["snippet"])
				}
			}
			p.CheckClean()
		})
	}
}
