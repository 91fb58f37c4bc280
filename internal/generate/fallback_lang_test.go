package generate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// editFile replaces from with to in the file name of dir, failing when the
// file does not hold from (the example changed under the test).
func editFile(t *testing.T, dir, name, from, to string) {
	t.Helper()
	name = filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), from, to, 1)
	if edited == string(data) {
		t.Fatalf("%s does not hold %q: update the test", name, from)
	}
	if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

// langOf is the language of n: the lang attribute of n or of its nearest
// ancestor that has one.
func langOf(n *html.Node) string {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "lang" {
					return a.Val
				}
			}
		}
	}
	return ""
}

// textsIn calls f with every text node in the body of doc that holds one
// of texts, and the text it holds.
func textsIn(doc *html.Node, texts []string, f func(n *html.Node, text string)) {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			for _, s := range texts {
				if strings.Contains(n.Data, s) {
					f(n, s)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(cascadia.MustCompile("body").MatchFirst(doc))
}

// bilingualStale is the bilingual example with a publication date, one
// recommendation's English text changed since its French translation
// (next-steps, stale), and the source's French name removed (so that a
// source, a role, a result, a recommendation and a page are untranslated).
func bilingualStale(t *testing.T) string {
	dir := copyBilingual(t)
	editFile(t, dir, "content/site.yaml", "published: 2026-11-30\n", "published: 2026-03-01\n")
	editFile(t, dir, "content/expected-results/01-welcome.yaml", "Explain the next steps before", "Explain the next steps clearly before")
	if err := os.WriteFile(filepath.Join(dir, "translations/fr/sources.yaml"), []byte("sources: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFallbackLangEverywhere: on every page of the French site, each text
// shown in English because it is not translated yet sits in an element
// with lang="en", wherever it appears (the home page, the guidance
// navigation, the footer, lists, citations, role and source names, the
// self-assessment, the print edition), and each translated text does not.
// The English pages mark nothing.
func TestFallbackLangEverywhere(t *testing.T) {
	out := buildDir(t, bilingualStale(t))
	english := []string{
		"Reports are recorded completely",                         // result
		"Every report is recorded in full on the day it is made.", // its statement
		"Record every report on the day it is made.",              // recommendation
		"Supervisor",                          // role
		"Glossary",                            // page
		"Front desk practice notes (example)", // source
	}
	french := []string{
		"Chaque personne est accueillie et écoutée",
		"Proposer un espace à l'écart",
		"Expliquer la suite", // stale, but translated: shown in French
		"Agent d'accueil",
		"À propos de cet exemple",
		"Liste de contrôle de l'accueil", // a checklist
	}
	// Where each text must be found at least once, so that the test
	// cannot pass for want of the texts it looks for.
	mustHave := map[string][]string{
		"fr/index.html":                          {english[0], english[1], english[2], english[3], english[4], french[0], french[3], french[4]},
		"fr/results/welcome/index.html":          {english[0], english[4]}, // guidance navigation, footer
		"fr/results/records/index.html":          {english[0], english[2]},
		"fr/sources/index.html":                  {english[5], english[2], french[1]},
		"fr/checklists/index.html":               {english[3], french[5]},
		"fr/print/index.html":                    {english[0], english[1], english[2], english[3], english[5], french[0], french[3]},
		"fr/self-assessment/index.html":          {english[0], english[2], french[1]},
		"fr/recommendations/same-day/index.html": {english[3], english[5], english[0]},
	}
	found := map[string]map[string]bool{}
	err := fs.WalkDir(os.DirFS(out), "fr", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		found[p] = map[string]bool{}
		doc := parsePage(t, out, p)
		textsIn(doc, english, func(n *html.Node, s string) {
			found[p][s] = true
			if got := langOf(n); got != "en" {
				t.Errorf("%s: untranslated %q in <%s> is in lang %q, want en", p, s, n.Parent.Data, got)
			}
		})
		textsIn(doc, french, func(n *html.Node, s string) {
			found[p][s] = true
			if got := langOf(n); got != "fr" {
				t.Errorf("%s: translated %q in <%s> is in lang %q, want fr", p, s, n.Parent.Data, got)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for page, texts := range mustHave {
		for _, s := range texts {
			if !found[page][s] {
				t.Errorf("%s does not show %q", page, s)
			}
		}
	}
	// The source language's pages have nothing to mark.
	for _, p := range []string{"index.html", "results/records/index.html", "print/index.html", "sources/index.html", "self-assessment/index.html"} {
		checkPage(t, out, p, []expect{{sel: "main [lang], footer [lang], aside [lang]", count: 0}})
	}
}

// TestFallbackNoticesInLists: untranslated titles on the home page and in
// the lists of checklists and templates carry a short mark in French; the print edition and the self-assessment, which
// show a recommendation's whole text, carry its notice.
func TestFallbackNoticesInLists(t *testing.T) {
	out := buildDir(t, bilingualStale(t))
	checkPage(t, out, "fr/index.html", []expect{
		{sel: "#result-records h3 .fallback-mark", count: 1, text: "pas encore traduit"},
		{sel: "#result-welcome .fallback-mark", count: 0},
		{sel: ".fallback-mark:not([lang=fr])", count: 0}, // in French, inside an English title
		{sel: "#result-records .rec-text[lang=en] .fallback-mark[lang=fr]", count: 1},
		{sel: ".role-grid li:has(a[lang=en]) .fallback-mark", count: 1}, // Supervisor
		{sel: ".role-grid .fallback-mark", count: 1},
	})
	// The lists of checklists and templates mark those not translated:
	// here, none; with their translations removed, each.
	for _, p := range []string{"fr/checklists/index.html", "fr/protocols/index.html"} {
		checkPage(t, out, p, []expect{{sel: ".fallback-mark", count: 0}})
	}
	dir := bilingualStale(t)
	for _, name := range []string{"translations/fr/checklists/desk-officer.yaml", "translations/fr/protocols/desk-record.md"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	untranslated := buildDir(t, dir)
	checkPage(t, untranslated, "fr/checklists/index.html", []expect{{sel: "h2 .fallback-mark", count: 1, text: "pas encore traduit"}})
	checkPage(t, untranslated, "fr/protocols/index.html", []expect{{sel: "li[lang=en] h2 .fallback-mark[lang=fr]", count: 1, text: "pas encore traduit"}})
	checkPage(t, out, "fr/print/index.html", []expect{
		{sel: "#rec-same-day .translation-notice", count: 1, text: "n’a pas encore été traduit"},
		{sel: "#result-records .translation-notice", count: 2}, // the result's and its recommendation's
		{sel: "#rec-private-space .translation-notice", count: 0},
		{sel: "#rec-next-steps .translation-notice", count: 1, text: "publié le 1er mars 2026"},
	})
	checkPage(t, out, "fr/self-assessment/index.html", []expect{
		{sel: "#sa-rec-same-day .translation-notice", count: 1},
		{sel: "#sa-rec-private-space .translation-notice", count: 0},
	})
	checkPage(t, out, "index.html", []expect{{sel: ".fallback-mark, .translation-notice", count: 0}})
}

// TestStaleNoticeDated: with a publication date in site.yaml, the notice
// over a stale translation says the original published that day is not
// the one translated; without one, it says only that the original changed.
// Its link names the original's language in that language.
func TestStaleNoticeDated(t *testing.T) {
	dir := bilingualStale(t)
	out := buildDir(t, dir)
	checkPage(t, out, "fr/recommendations/next-steps/index.html", []expect{
		{sel: ".translation-notice", count: 1, text: "Le texte d’origine publié le 1er mars 2026 n’est pas celui"},
		{sel: ".translation-notice a", count: 1, attr: "lang", is: ""},
		{sel: ".translation-notice a", count: 1, attr: "hreflang", is: "en"},
		{sel: ".translation-notice a span[lang=en]", count: 1, text: "English"},
	})
	editFile(t, dir, "content/site.yaml", "published: 2026-03-01\n", "")
	out = buildDir(t, dir)
	checkPage(t, out, "fr/recommendations/next-steps/index.html", []expect{
		{sel: ".translation-notice", count: 1, text: "Le texte d’origine a changé depuis cette traduction"},
	})
}

// TestSiteTitleFallback: a translation that leaves the site's title and
// tagline untranslated shows them in the source language, marked so in the
// header, on the home page and in the print edition; translated, they are
// not marked.
func TestSiteTitleFallback(t *testing.T) {
	out := buildDir(t, bilingual)
	checkPage(t, out, "fr/index.html", []expect{
		{sel: ".site-title span", count: 1, text: "Signalements à l'accueil", attr: "lang", is: ""},
		{sel: "main h1", count: 1, attr: "lang", is: ""},
	})
	dir := copyBilingual(t)
	if err := os.WriteFile(filepath.Join(dir, "translations/fr/site.yaml"), []byte("title:\ntagline:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = buildDir(t, dir)
	checkPage(t, out, "fr/index.html", []expect{
		{sel: ".site-title span[lang=en]", count: 1, text: "Front desk reports"},
		{sel: "main h1[lang=en]", count: 1, text: "Front desk reports"},
		{sel: "main .tagline[lang=en]", count: 1, text: "Taking a report"},
	})
	checkPage(t, out, "fr/print/index.html", []expect{
		{sel: "h1[lang=en]", count: 1, text: "Front desk reports"},
		{sel: ".tagline[lang=en]", count: 1},
	})
	checkPage(t, out, "index.html", []expect{{sel: "main [lang], .site-title [lang]", count: 0}})
}
