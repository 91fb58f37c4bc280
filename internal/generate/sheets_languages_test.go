package generate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// storageKeys lists what the browser keeps a page's entries under: each
// tick's data-tick key and each field's id, with the data-store of its
// container, in document order.
func storageKeys(t *testing.T, out, name string) []string {
	t.Helper()
	doc := parsePage(t, out, name)
	var keys []string
	for _, n := range cascadia.MustCompile("[data-store] [data-tick], [data-store] [data-field]").MatchAll(doc) {
		store := ""
		for p := n.Parent; p != nil; p = p.Parent {
			if v := attr(p, "data-store"); v != "" {
				store = v
				break
			}
		}
		keys = append(keys, store+" "+attr(n, "data-tick")+attr(n, "id"))
	}
	return keys
}

// TestChecklistAndTemplateTranslated: the French checklist and template
// show their translated texts, on their pages and in the print packs, and the browser keeps their ticks and entries under the
// same keys as the English pages', so that what is typed in one language
// shows in the other.
func TestChecklistAndTemplateTranslated(t *testing.T) {
	out := buildDir(t, bilingual)
	checkPage(t, out, "fr/checklists/desk-officer/index.html", []expect{
		{sel: ".translation-notice", count: 0},
		{sel: "h1", count: 1, attr: "lang", is: "", text: "Liste de contrôle de l'accueil"},
		{sel: ".checklist label", count: 5},
		{sel: ".checklist li label", count: 2, text: "Proposer un espace à l'écart."},
		{sel: ".checklist-fields label, .checklist .field label", count: 3, text: "Agent"},
	})
	checkPage(t, out, "fr/protocols/desk-record/index.html", []expect{
		{sel: ".translation-notice", count: 0},
		{sel: "h1", count: 1, text: "Fiche d'accueil"},
		{sel: ".protocol-body label", count: 3, text: "Heure"},
	})
	for _, page := range []string{"checklists/desk-officer/index.html", "protocols/desk-record/index.html", "print/checklists/index.html", "print/protocols/index.html"} {
		en, fr := storageKeys(t, out, page), storageKeys(t, out, "fr/"+page)
		if len(en) == 0 || !slices.Equal(en, fr) {
			t.Errorf("%s: the browser keeps the French entries under other keys than the English:\n en %q\n fr %q", page, en, fr)
		}
	}
	for page, want := range map[string]string{
		"fr/print/checklists/index.html": "Proposer un espace à l'écart.",
		"fr/print/protocols/index.html":  "Ce que la personne a demandé",
		// The printed sheets' margins name the sheet in its language.
		"fr/assets/css/sheets.css": `@top-left { content: "Fiche d'accueil";`,
	} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(html.UnescapeString(string(data)), want) {
			t.Errorf("%s does not have the translated text %q", page, want)
		}
	}
}

// TestChecklistTranslationFallback: a checklist and a template with no
// translation are shown in English under a notice, marked lang="en"; once
// their source changes, their translations are reported at source_hash and
// their pages say they may be out of date.
func TestChecklistTranslationFallback(t *testing.T) {
	dir := copyBilingual(t)
	for _, name := range []string{"translations/fr/checklists/desk-officer.yaml", "translations/fr/protocols/desk-record.md"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	out := buildDir(t, dir)
	checkPage(t, out, "fr/checklists/desk-officer/index.html", []expect{
		{sel: ".translation-notice", count: 1, text: "pas encore été traduite"},
		{sel: "h1", count: 1, attr: "lang", is: "en", text: "Front desk checklist"},
		// The checklist's texts are in English; the page's own words
		// around them (the notes' label) stay French.
		{sel: ".checklist-items li:first-child label", count: 1, attr: "lang", is: "en"},
		{sel: ".checklist-section:first-of-type h2", count: 1, attr: "lang", is: "en"},
		{sel: ".checklist-notes label", count: 1, attr: "lang", is: ""},
	})
	checkPage(t, out, "fr/protocols/desk-record/index.html", []expect{
		{sel: ".translation-notice", count: 1},
		{sel: ".translation-notice a", count: 1, attr: "href", is: "../../../protocols/desk-record/index.html"},
		{sel: "h1", count: 1, attr: "lang", is: "en", text: "Desk record"},
		{sel: ".protocol-body", count: 1, attr: "lang", is: "en"},
	})
}

func TestChecklistTranslationStale(t *testing.T) {
	dir := copyBilingual(t)
	edit := func(name, from, to string) {
		t.Helper()
		name = filepath.Join(dir, name)
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(data), from, to, 1)
		if edited == string(data) {
			t.Fatal("the example's text changed: update the test")
		}
		if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("checklists/desk-officer.yaml", "Offer a private space.", "Offer a private room.")
	edit("content/protocols/desk-record.md", "in their own words", "in their own words, with the date")
	s, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var at []string
	for _, d := range s.Stale() {
		at = append(at, d.Pos.String())
	}
	want := []string{"translations/fr/checklists/desk-officer.yaml:3:14", "translations/fr/protocols/desk-record.md:5:14"}
	if !slices.Equal(at, want) {
		t.Errorf("stale translations reported at %q, want %q", at, want)
	}
	out := buildDir(t, dir)
	for _, page := range []string{"fr/checklists/desk-officer/index.html", "fr/protocols/desk-record/index.html"} {
		checkPage(t, out, page, []expect{{sel: ".translation-notice", count: 1, text: "peut ne plus être à jour"}})
	}
}

// TestChecklistTranslationShape: a translated checklist or template that
// leaves out an item or a field is a problem at its place, since texts and
// fields are matched to the source's by place.
func TestChecklistTranslationShape(t *testing.T) {
	dir := copyBilingual(t)
	name := filepath.Join(dir, "translations/fr/checklists/desk-officer.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), "      - Expliquer les étapes suivantes.\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	proto := filepath.Join(dir, "translations/fr/protocols/desk-record.md")
	data, err = os.ReadFile(proto)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(proto, []byte(strings.Replace(string(data), "| [[Heure]] | [[Agent]] |", "| [[Heure]] | |", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "translations/fr/checklists/desk-officer.yaml:12:7: this section's items: 1, the source's: 2") ||
		!strings.HasPrefix(got[1], "translations/fr/protocols/desk-record.md:1:1: the translated template's fields: 2, the source's: 3") {
		t.Errorf("problems:\n%s", strings.Join(got, "\n"))
	}
}

// TestAlternateLinks: each page's head names the same page in every
// language, itself included, with hreflang, as search engines and browsers
// expect of a page published in several languages.
func TestAlternateLinks(t *testing.T) {
	out := buildDir(t, bilingual)
	checkPage(t, out, "fr/protocols/desk-record/index.html", []expect{
		{sel: `head link[rel=alternate]`, count: 2},
		{sel: `head link[rel=alternate][hreflang=en]`, count: 1, attr: "href", is: "../../../protocols/desk-record/index.html"},
		{sel: `head link[rel=alternate][hreflang=fr]`, count: 1, attr: "href", is: "../../../fr/protocols/desk-record/index.html"},
	})
	checkPage(t, out, "index.html", []expect{
		{sel: `head link[rel=alternate][hreflang=en]`, count: 1, attr: "href", is: "index.html"},
		{sel: `head link[rel=alternate][hreflang=fr]`, count: 1, attr: "href", is: "fr/index.html"},
	})
}
