package generate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/cascadia"
)

// termsBlock renames all four concepts.
const termsBlock = `terms:
  recommendation: {singular: requirement, plural: requirements}
  expected_result: {singular: chapter, plural: chapters}
  checklist: {singular: role sheet, plural: role sheets}
  template: {singular: form, plural: forms}
`

// termsSite is the small site speaking of requirements, chapters, role
// sheets and forms; its own content names none of the built-in words.
func termsSite() fstest.MapFS {
	fsys := smallSite()
	fsys["content/site.yaml"].Data = append(fsys["content/site.yaml"].Data, termsBlock...)
	fsys["checklists/officer.yaml"].Data = []byte(strings.Replace(string(fsys["checklists/officer.yaml"].Data), "Officer checklist", "Officer sheet", 1))
	return fsys
}

// builtinWords are the built-in names of the renamed concepts.
var builtinWords = regexp.MustCompile(`(?i)recommendation|expected result|checklist|template`)

// TestTermsRenameEveryPage: with a terms: block, no page shows the
// built-in words, in its text or in the labels a screen reader reads, and
// every page kind shows the site's words.
func TestTermsRenameEveryPage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, termsSite(), out)
	pages := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(out, p)
		doc := parsePage(t, out, rel)
		body := cascadia.MustCompile("body").MatchFirst(doc)
		var shown []string
		shown = append(shown, text(body))
		for _, n := range cascadia.MustCompile("[aria-label], [title], [placeholder], [alt]").MatchAll(doc) {
			shown = append(shown, attr(n, "aria-label"), attr(n, "title"), attr(n, "placeholder"), attr(n, "alt"))
		}
		shown = append(shown, text(cascadia.MustCompile("title").MatchFirst(doc)))
		for _, s := range shown {
			if m := builtinWords.FindStringIndex(s); m != nil {
				t.Errorf("%s shows a built-in word: …%s…", rel, s[max(0, m[0]-40):min(len(s), m[1]+40)])
			}
		}
		return nil
	})
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
	for page, checks := range map[string][]expect{
		"index.html":                       {{"main", -1, "requirements", "", ""}},
		"results/training/index.html":      {{"p.eyebrow", 1, "Chapter 1", "", ""}, {"main", -1, "Requirements", "", ""}},
		"recommendations/train/index.html": {{"nav.breadcrumb", 1, "Chapter 1Requirement 1.1", "", ""}},
		"checklists/index.html":            {{"h1", 1, "Role sheets", "", ""}},
		"checklists/officer/index.html":    {{"main", -1, "Role sheet", "", ""}},
		"protocols/index.html":             {{"h1", 1, "Forms", "", ""}},
		"protocols/safety-plan/index.html": {{"main", -1, "Form", "", ""}},
		"print/checklists/index.html":      {{"h1", 1, "All role sheets", "", ""}},
		"print/protocols/index.html":       {{"h1", 1, "All forms", "", ""}},
		"print/index.html":                 {{"main", -1, "Chapter: Officers", "", ""}},
		"sources/index.html":               {{"main li a[href*=recommendations]", -1, "Requirement 1.1", "", ""}},
		"self-assessment/index.html": {
			{"main", -1, "Requirement", "", ""},
			// The CSV export's headings.
			{`[data-msg="csv.rec"]`, 1, "Requirement", "", ""},
			{`[data-msg="csv.result"]`, 1, "Chapter", "", ""},
		},
		// The search filters, and the kinds search.js names.
		"search/index.html": {{"main", -1, "Requirements", "", ""}, {"main", -1, "Chapters", "", ""}},
	} {
		checkPage(t, out, page, checks)
	}
	index, err := os.ReadFile(filepath.Join(out, "search/data/index.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"kind.rec":"Requirement"`, `"kind.result":"Chapter"`, `"kind.checklist":"Role sheet"`, `"kind.protocol":"Form"`} {
		if !strings.Contains(string(index), w) {
			t.Errorf("search index messages lack %s", w)
		}
	}
}

// TestTermsAreChecked: a terms: block is decoded strictly, at positions.
func TestTermsAreChecked(t *testing.T) {
	fsys := smallSite()
	fsys["content/site.yaml"].Data = append(fsys["content/site.yaml"].Data, `terms:
  recomendation: {singular: a, plural: b}
  checklist: {singular: sheet}
  template: {singular: "{form}", plural: forms}
`...)
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("nav.guidance: \"All {requirements}\"\n")}
	_, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`content/site.yaml:8:3: unknown key "recomendation" in terms`,
		`content/site.yaml:9:14: terms: checklist is missing required key "plural"`,
		`content/site.yaml:10:24: term "{form}": one line of words`,
		`layouts/i18n/en.yaml:1:15: interface string "nav.guidance": {requirements} names no term`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}
