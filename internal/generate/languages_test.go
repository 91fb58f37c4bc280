package generate

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
)

// bilingual is the example site in English and French.
const bilingual = "../../docs/examples/bilingual"

// copyBilingual copies the example into a folder the test may edit.
func copyBilingual(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(bilingual)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func buildDir(t *testing.T, dir string) string {
	t.Helper()
	src, err := FindSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := BuildSource(src, Options{Out: out, Workers: 2}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// TestEveryPageInBothLanguages: each page of the source language has its
// French twin under fr/, and on both the switcher links each language's
// copy of the same page, with hreflang and lang.
func TestEveryPageInBothLanguages(t *testing.T) {
	out := buildDir(t, bilingual)
	var pages []string
	err := fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "fr/") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 15 {
		t.Fatalf("only %d English pages", len(pages))
	}
	sel := cascadia.MustCompile("nav.languages li > *")
	for _, p := range pages {
		for lang, name := range map[string]string{"en": p, "fr": "fr/" + p} {
			doc := parsePage(t, out, name)
			if got := attr(cascadia.MustCompile("html").MatchFirst(doc), "lang"); got != lang {
				t.Errorf("%s: html lang %q, want %q", name, got, lang)
			}
			items := sel.MatchAll(doc)
			if len(items) != 2 {
				t.Fatalf("%s: switcher has %d entries, want 2", name, len(items))
			}
			for i, want := range []string{"en", "fr"} {
				it := items[i]
				if attr(it, "lang") != want {
					t.Errorf("%s: switcher entry %d has lang %q, want %q", name, i, attr(it, "lang"), want)
				}
				if want == lang {
					if it.Data != "span" || attr(it, "aria-current") != "page" {
						t.Errorf("%s: the current language is not marked as such", name)
					}
					continue
				}
				if attr(it, "hreflang") != want {
					t.Errorf("%s: link to %s has hreflang %q", name, want, attr(it, "hreflang"))
				}
				target := path.Join(path.Dir(name), attr(it, "href"))
				twin := p
				if want == "fr" {
					twin = "fr/" + p
				}
				if target != twin {
					t.Errorf("%s: switcher links %s to %s, want %s", name, want, target, twin)
				}
			}
		}
	}
}

// TestFallbackNotice: an untranslated recommendation is shown in English
// under a notice in French, the passage marked lang="en"; a translated one
// has no notice; the English pages never have one.
func TestFallbackNotice(t *testing.T) {
	out := buildDir(t, bilingual)
	checkPage(t, out, "fr/recommendations/same-day/index.html", []expect{
		{sel: ".translation-notice", count: 1, text: "pas encore été tradui"},
		{sel: ".translation-notice a", count: 1, attr: "href", is: "../../../recommendations/same-day/index.html"},
		{sel: "h1.rec-title", count: 1, attr: "lang", is: "en", text: "Record every report"},
		{sel: "#guidance + .prose", count: 1, attr: "lang", is: "en"},
	})
	checkPage(t, out, "fr/recommendations/private-space/index.html", []expect{
		{sel: ".translation-notice", count: 0},
		{sel: "h1.rec-title", count: 1, attr: "lang", is: "", text: "Proposer un espace à l'écart"},
		{sel: ".roles .tag", count: 1, text: "Agent d'accueil"},
		{sel: "ul.evidence li", count: 1, text: "Notes de pratique de l'accueil"},
	})
	checkPage(t, out, "fr/glossary/index.html", []expect{
		{sel: ".translation-notice", count: 1},
		{sel: "h1", count: 1, attr: "lang", is: "en", text: "Glossary"},
	})
	checkPage(t, out, "fr/results/records/index.html", []expect{
		{sel: ".rec-text", count: 1, attr: "lang", is: "en"},
	})
	checkPage(t, out, "recommendations/same-day/index.html", []expect{{sel: ".translation-notice", count: 0}})
}

// TestStaleTranslation: once a source text changes, its translation is
// reported at its source_hash line, and its page says it may be out of
// date, linking to the source text.
func TestStaleTranslation(t *testing.T) {
	dir := copyBilingual(t)
	src := filepath.Join(dir, "content/expected-results/01-welcome.yaml")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "Explain the next steps before", "Explain the next steps clearly before", 1)
	if edited == string(data) {
		t.Fatal("the example's text changed: update the test")
	}
	if err := os.WriteFile(src, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	s, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	stale := s.Stale()
	if len(stale) != 1 {
		t.Fatalf("stale translations: %v, want one", stale)
	}
	const want = "translations/fr/expected-results/01-welcome.yaml:20:18"
	if got := stale[0].Pos.String(); got != want {
		t.Errorf("stale translation reported at %s, want %s (%s)", got, want, stale[0].Message)
	}
	if !strings.Contains(stale[0].Message, `"next-steps"`) {
		t.Errorf("message does not name the recommendation: %s", stale[0].Message)
	}
	out := buildDir(t, dir)
	checkPage(t, out, "fr/recommendations/next-steps/index.html", []expect{
		{sel: ".translation-notice", count: 1, text: "peut ne plus être à jour"},
		{sel: ".translation-notice a", count: 1, attr: "href", is: "../../../recommendations/next-steps/index.html"},
		{sel: "h1.rec-title", count: 1, text: "Expliquer la suite"},
	})
	checkPage(t, out, "fr/recommendations/private-space/index.html", []expect{{sel: ".translation-notice", count: 0}})
}

// TestTranslationLinksChecked: a broken reference in a translated text is
// a problem at its place in the translation file, as in the source.
func TestTranslationLinksChecked(t *testing.T) {
	dir := copyBilingual(t)
	name := filepath.Join(dir, "translations/fr/expected-results/01-welcome.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "Dire qui la contactera,", "Dire qui la contactera ([voir](rec:nope)),", 1)
	if edited == string(data) {
		t.Fatal("the example's text changed: update the test")
	}
	if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	want := `translations/fr/expected-results/01-welcome.yaml:23:38: unknown cross-reference target "rec:nope": no recommendation with id "nope"`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("problems: %v\nwant: %s", diags, want)
	}
}

// TestLanguageDefaultTerms: a language with built-in interface strings
// names the site's concepts in its own words when the site gives none.
func TestLanguageDefaultTerms(t *testing.T) {
	dir := copyBilingual(t)
	if err := os.WriteFile(filepath.Join(dir, "translations/fr/site.yaml"), []byte("title: Signalements à l'accueil\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := buildDir(t, dir)
	checkPage(t, out, "fr/recommendations/same-day/index.html", []expect{
		{sel: "p.eyebrow", count: 1, text: "Recommandation 2.1"},
		{sel: "nav.breadcrumb li:nth-child(2)", count: 1, text: "Résultat attendu 2"},
	})
	checkPage(t, out, "recommendations/same-day/index.html", []expect{{sel: "p.eyebrow", count: 1, text: "Recommendation 2.1"}})
}

// TestBrokenTranslationsKeepOutput: problems in the translations of two
// languages are all reported by one build, which leaves the previous
// output as it was, in every language.
func TestBrokenTranslationsKeepOutput(t *testing.T) {
	dir := copyBilingual(t)
	out := buildDir(t, dir)
	before, err := os.ReadFile(filepath.Join(out, "fr/about/index.html"))
	if err != nil {
		t.Fatal(err)
	}

	edit := func(name, old, new string) {
		t.Helper()
		name = filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(name)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		edited := strings.Replace(string(data), old, new, 1)
		if edited == string(data) {
			t.Fatalf("%s: %q not found: update the test", name, old)
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("content/site.yaml", "languages: [en, fr]", "languages: [en, fr, de]")
	edit("translations/fr/pages/about.md", "Ce site est", "Voir [ceci](rec:gone). Ce site est")
	edit("translations/de/pages/about.md", "", "---\ntitle: Über dieses Beispiel\nsource_hash: b3f352ed55b1\n---\n\nSiehe [dies](page:gone).\n")

	src, err := FindSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = BuildSource(src, Options{Out: out, Workers: 2})
	want := `translations/de/pages/about.md:6:14: unknown cross-reference target "page:gone": no page with id "gone"` + "\n" +
		`translations/fr/pages/about.md:7:13: unknown cross-reference target "rec:gone": no recommendation with id "gone"`
	if fmt.Sprint(err) != want {
		t.Errorf("build problems:\n%v\nwant:\n%s", err, want)
	}
	after, err := os.ReadFile(filepath.Join(out, "fr/about/index.html"))
	if err != nil || string(after) != string(before) {
		t.Errorf("the failed build changed the previous output (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "de")); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote de/ (%v)", err)
	}
}

// TestIndicatorsTranslated: a recommendation's indicators are translated
// by place with its other texts: shown in French on the French pages
// (recommendation, result, print edition, self-assessment), part of the
// text a translation is checked against, and held to the source's number.
func TestIndicatorsTranslated(t *testing.T) {
	dir := copyBilingual(t)
	out := buildDir(t, dir)
	const french = "Une pièce à l'écart est libre pendant les heures d'ouverture."
	for _, page := range []string{"fr/recommendations/private-space/index.html", "fr/print/index.html", "fr/self-assessment/index.html"} {
		doc := parsePage(t, out, page)
		var found bool
		for _, li := range cascadia.MustCompile("li").MatchAll(doc) {
			if strings.TrimSpace(text(li)) == french {
				found = true
				if lang := attr(li.Parent, "lang"); lang != "" {
					t.Errorf("%s: the translated indicators' list has lang=%q", page, lang)
				}
			}
			if strings.Contains(text(li), "A private room is free") {
				t.Errorf("%s: the English indicator is shown", page)
			}
		}
		if !found {
			t.Errorf("%s: the French indicator is not shown", page)
		}
	}

	// The source's indicator changes: the translation is out of date.
	editFile(t, dir, "content/expected-results/01-welcome.yaml", "A private room is free during opening hours.", "A private room is free at all hours.")
	s, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if stale := s.Stale(); len(stale) != 1 || !strings.Contains(stale[0].String(), `translations/fr/expected-results/01-welcome.yaml:11:18: fr translation of recommendation "private-space" is out of date`) {
		t.Errorf("after editing an indicator, stale: %v", stale)
	}

	// One indicator too many.
	editFile(t, dir, "translations/fr/expected-results/01-welcome.yaml", "      - Une pièce", "      - Un registre est tenu.\n      - Une pièce")
	_, diags = Load(Source{FS: os.DirFS(dir), Name: dir})
	want := "translations/fr/expected-results/01-welcome.yaml:18:7: the translated recommendation's indicators: 2, the source's: 1; translate each, in the source's order"
	if len(diags) == 0 || diags[0].String() != want {
		t.Errorf("two indicators for one: %v\nwant: %s", diags, want)
	}
}
