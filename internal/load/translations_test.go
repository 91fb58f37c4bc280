package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTranslationsStrict: translation files are read as strictly as the
// source: unknown keys, ids the source lacks, a unit translated twice and
// a missing source_hash are problems at their file:line:col; a language
// listed before the source language is one too.
func TestTranslationsStrict(t *testing.T) {
	fsys := minimal()
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test guidance\nlanguages: [en, fr]\n")}
	fsys["translations/fr/expected-results/01-first.yaml"] = &fstest.MapFile{Data: []byte(`id: first
source_hash: abc
titel: Premier
recommendations:
  - id: train
    text: Former.
  - id: nope
    source_hash: abc
    text: Rien.
  - id: train
    source_hash: abc
    text: Former encore.
`)}
	fsys["translations/fr/pages/gone.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Parti\nsource_hash: abc\n---\n\nTexte.\n")}
	_, diags := Load(fsys)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`translations/fr/expected-results/01-first.yaml:3:1: unknown key "titel" in translated expected result (allowed: id, recommendations, source_hash, statement, summary, title)`,
		`translations/fr/expected-results/01-first.yaml:5:5: translated recommendation is missing required key "source_hash"`,
		`translations/fr/expected-results/01-first.yaml:7:9: translated recommendation "nope": the source has no recommendation with this id`,
		`translations/fr/expected-results/01-first.yaml:10:9: translated recommendation "train" is translated twice (first at translations/fr/expected-results/01-first.yaml:5:5)`,
		`translations/fr/pages/gone.md:1:1: translated page "gone": the source has no page with this id`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test guidance\nlanguage: en\nlanguages: [fr, en]\n")}
	_, diags = Load(fsys)
	if len(diags) == 0 || !strings.Contains(diags[0].Message, "first language must be the source language") {
		t.Errorf("languages not starting with the source language: %v", diags)
	}
}

// TestLanguageCodes: language codes are BCP 47 tags, unique whatever their
// case (fr and FR would be one folder on a disk that ignores case), and a
// page named like one of the site's languages, whose folder it would
// replace, is a problem at its file.
func TestLanguageCodes(t *testing.T) {
	for _, tc := range []struct{ languages, want string }{
		{"[en, fr, FR]", `content/site.yaml:2:21: language "FR" is listed twice (as "fr" before)`},
		{"[en, fr, xx-abcdefghi]", `content/site.yaml:2:21: language "xx-abcdefghi" is not a BCP 47 tag such as en, fr or pt-BR`},
		{"[en, fr-x-]", `content/site.yaml:2:17: language "fr-x-" is not a BCP 47 tag such as en, fr or pt-BR`},
	} {
		fsys := minimal()
		fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test guidance\nlanguages: " + tc.languages + "\n")}
		_, diags := Load(fsys)
		if len(diags) != 1 || diags[0].String() != tc.want {
			t.Errorf("languages: %s: problems %v, want %s", tc.languages, diags, tc.want)
		}
	}
	fsys := minimal()
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test guidance\nlanguages: [en, FR]\n")}
	fsys["content/pages/fr.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Français\n---\nTexte.\n")}
	_, diags := Load(fsys)
	if want := `content/pages/fr.md:1:1: page "fr" would replace the FR pages' folder FR/ (languages: in content/site.yaml): rename the file`; len(diags) != 1 || diags[0].String() != want {
		t.Errorf("a page named like a language: %v, want %s", diags, want)
	}
}
