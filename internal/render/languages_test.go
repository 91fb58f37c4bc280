package render

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	yaml "go.yaml.in/yaml/v3"

	riskguide "github.com/riskguide/riskguide"
)

// verbs are a string's fmt verbs and term placeholders' count: what the
// layouts fill in, which a translation must keep.
var verbs = regexp.MustCompile(`%[sd]`)

// TestBuiltinTranslationsMatchEnglish: every built-in interface file has
// exactly English's keys (plural forms apart), each with the same fmt verbs
// in the same order, and says it needs a native speaker's review.
func TestBuiltinTranslationsMatchEnglish(t *testing.T) {
	read := func(name string) (map[string]string, []byte) {
		data, err := fs.ReadFile(riskguide.Default, name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m, data
	}
	en, _ := read(i18nDir + "/en.yaml")
	files, _ := fs.Glob(riskguide.Default, i18nDir+"/*.yaml")
	var langs []string
	for _, name := range files {
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		if lang == "en" {
			continue
		}
		langs = append(langs, lang)
		m, data := read(name)
		if !strings.Contains(string(data), "NEEDS REVIEW") {
			t.Errorf("%s does not say it needs a native speaker's review", name)
		}
		for k, v := range en {
			got, ok := m[k]
			if _, form := pluralBase(k, en); !ok && !form {
				t.Errorf("%s: missing key %q", name, k)
			}
			if ok {
				if a, b := verbs.FindAllString(v, -1), verbs.FindAllString(got, -1); !slices.Equal(a, b) {
					t.Errorf("%s: %q has verbs %v, English has %v", name, k, b, a)
				}
			}
		}
		for k, v := range m {
			if _, ok := en[k]; ok {
				continue
			}
			base, form := pluralBase(k, en)
			want, ok := en[base]
			switch {
			case !ok:
				t.Errorf("%s: extra key %q, which English does not have", name, k)
			case form && !slices.Equal(verbs.FindAllString(want, -1), verbs.FindAllString(v, -1)):
				t.Errorf("%s: %q has other verbs than %q", name, k, base)
			}
		}
	}
	for _, want := range []string{"fr", "de", "es", "it", "pl", "pt", "nl"} {
		if !slices.Contains(langs, want) {
			t.Errorf("no built-in interface strings for %s", want)
		}
	}
}

// pluralBase returns the key a plural form belongs to (home.role.count for
// home.role.count.one), and whether key is one, a string of en having that
// key: each language has the forms its grammar needs, not English's.
func pluralBase(key string, en map[string]string) (string, bool) {
	for _, suffix := range pluralForms {
		if base, ok := strings.CutSuffix(key, suffix); ok && en[base] != "" {
			return base, true
		}
	}
	return key, false
}

// TestCheckMissingStrings: a site's file for a language with no built-in
// strings is reported for the keys it lacks (they would show in English);
// one for a built-in language needs only the keys it changes; an extra key
// is reported either way.
func TestCheckMissingStrings(t *testing.T) {
	site := fstest.MapFS{
		"layouts/i18n/cs.yaml": {Data: []byte("skip: Přeskočit na obsah\n")},
		"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\nrec.lable: \"x %s\"\n")},
	}
	var got []string
	for _, d := range CheckMessages(site, builtinStrings) {
		got = append(got, d.String())
	}
	want := []string{
		`layouts/i18n/cs.yaml:1:1: 2 interface strings missing, which pages in cs would show in English: home.intro, rec.label (translate them from the built-in layouts/i18n/en.yaml)`,
		`layouts/i18n/fr.yaml:2:1: unknown interface string "rec.lable": no built-in string or layout of the site has this key`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
