package load

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
	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/site"
)

var builtinStrings = fstest.MapFS{
	"layouts/i18n/en.yaml": {Data: []byte("skip: Skip to content\nrec.label: \"{Recommendation} %s\"\nhome.intro: \"%d and %d\"\n")},
	"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\n")},
}

// TestMessagesMergeKeyByKey: the site's file over the built-in one of its
// language, over English; terms fill the placeholders.
func TestMessagesMergeKeyByKey(t *testing.T) {
	own := fstest.MapFS{"layouts/i18n/fr.yaml": {Data: []byte("rec.label: \"Exigence %s\"\n")}}
	m, err := Messages(layered{own, builtinStrings}, "fr-CA")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"skip": "Aller au contenu", "rec.label": "Exigence %s", "home.intro": "%d and %d", "none": "none"} {
		if got := m.Lookup(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// TestPluralForms: a count takes its language's plural form, from the
// file that words it; a site's own wording without forms is used for every
// number, not mixed with the built-in forms.
func TestPluralForms(t *testing.T) {
	builtin := fstest.MapFS{
		"layouts/i18n/en.yaml": {Data: []byte("n: \"%d texts\"\nn.one: \"%d text\"\nm: \"%d items\"\nm.one: \"%d item\"\n")},
		"layouts/i18n/fr.yaml": {Data: []byte("n: \"%d textes\"\nn.one: \"%d texte\"\n")},
		"layouts/i18n/pl.yaml": {Data: []byte("n: \"%d tekstów\"\nn.one: \"%d tekst\"\nn.few: \"%d teksty\"\n")},
	}
	own := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("m: \"Items: %d\"\n")}}
	for _, c := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "n", 1, "1 text"}, {"en", "n", 0, "0 texts"}, {"en", "n", 2, "2 texts"},
		{"fr", "n", 0, "0 texte"}, {"fr", "n", 1, "1 texte"}, {"fr", "n", 2, "2 textes"},
		{"pl", "n", 1, "1 tekst"}, {"pl", "n", 3, "3 teksty"}, {"pl", "n", 22, "22 teksty"},
		{"pl", "n", 12, "12 tekstów"}, {"pl", "n", 5, "5 tekstów"},
		// The site words m its own way: its text for every number, and
		// no built-in form mixed in.
		{"en", "m", 1, "Items: 1"}, {"en", "m", 2, "Items: 2"},
		// French has no words of its own for m, so English's, with forms.
		{"fr", "m", 1, "Items: 1"},
	} {
		msgs, err := Messages(layered{own, builtin}, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := msgs.Format(c.key, c.n); got != c.want {
			t.Errorf("%s %s(%d) = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}

// layered is a site's files over the built-in ones, as build's overlay.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	for _, layer := range l {
		if f, err := layer.Open(name); err == nil {
			return f, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (l layered) Layers() []fs.FS { return l }

// TestDates: a date of site.yaml reads as its language writes it, with the
// built-in strings; a value that is not a date is shown as written.
func TestDates(t *testing.T) {
	for _, c := range []struct{ lang, iso, want string }{
		{"en", "2026-11-30", "30 November 2026"},
		{"de", "2026-03-05", "5. März 2026"},
		{"fr", "2026-03-01", "1er mars 2026"},
		{"fr", "2026-03-02", "2 mars 2026"},
		{"es", "2027-06-14", "14 de junio de 2027"},
		{"pl", "2026-11-30", "30 listopada 2026"},
		{"en", "2026-13-01", "2026-13-01"},
		{"en", "soon", "soon"},
	} {
		msgs, err := Messages(riskguide.Default, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := msgs.Date(c.iso); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.lang, c.iso, got, c.want)
		}
	}
}

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
	en, _ := read(i18n.Dir + "/en.yaml")
	files, _ := fs.Glob(riskguide.Default, i18n.Dir+"/*.yaml")
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
	for _, suffix := range i18n.PluralForms {
		if base, ok := strings.CutSuffix(key, suffix); ok && en[base] != "" {
			return base, true
		}
	}
	return key, false
}

// TestFrenchStringsSpaced loads the built-in French strings as a French
// site does: wherever French typography needs a narrow no-break space, one
// is there, and no ordinary space is left before a mark or inside « ».
func TestFrenchStringsSpaced(t *testing.T) {
	s := &site.Site{Config: site.Config{Language: "fr", Terms: site.DefaultTerms()}, Scale: site.DefaultScale()}
	msgs, err := SiteMessages(riskguide.Default, s)
	if err != nil {
		t.Fatal(err)
	}
	spaced := 0
	for k, v := range msgs.WithPrefix("") {
		for _, bad := range []string{" :", " ;", " ?", " !", "\u00a0:", "« ", " »"} {
			if strings.Contains(v, bad) {
				t.Errorf("%s = %q: %q has an ordinary space where French needs a narrow no-break one", k, v, bad)
			}
		}
		for _, r := range []string{"«", "»"} {
			if strings.Contains(v, r) && !strings.Contains(v, "«\u202f") && !strings.Contains(v, "\u202f»") {
				t.Errorf("%s = %q: « » without narrow spaces", k, v)
			}
		}
		if strings.Contains(v, "\u202f") {
			spaced++
		}
	}
	if spaced < 20 {
		t.Errorf("only %d French strings have a narrow no-break space; the rules were not applied", spaced)
	}
}

// countedNoun finds a number followed by the word it counts, and the word
// before the number: "opisują %d oczekiwanych", "z %d zaleceń".
var countedNoun = regexp.MustCompile(`(\p{L}+)?\s*%d\s+\p{Ll}`)

// TestPolishCountsNatural holds the built-in Polish strings of the pages
// to natural counts: no "(liczba: %d)" workaround, and a sentence whose
// first number counts a noun has the forms Polish needs for 1 and for 2-4
// (.one, .few; the key itself is the form for 5 and up), unless the number
// follows a word that fixes the noun's case whatever the number (z, niż).
// The page scripts' strings are checked with the scripts' plural rules.
func TestPolishCountsNatural(t *testing.T) {
	msgs, err := Messages(riskguide.Default, "pl")
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for k, v := range msgs.WithPrefix("") {
		if strings.HasPrefix(k, "assessment.js.") || strings.HasPrefix(k, "js.") || strings.HasSuffix(k, ".one") || strings.HasSuffix(k, ".few") || strings.HasSuffix(k, ".many") {
			continue
		}
		if strings.Contains(strings.ToLower(v), "liczba: %d") {
			t.Errorf("pl %s = %q: write the count as Polish says it, not \"liczba: %%d\"", k, v)
		}
		m := countedNoun.FindStringSubmatch(v)
		if m == nil || m[1] == "z" || m[1] == "niż" {
			continue
		}
		counted++
		for _, form := range []string{".one", ".few"} {
			if _, ok := msgs.Forms(k)[form]; !ok {
				t.Errorf("pl %s = %q counts a noun but has no %s form", k, v, form)
			}
		}
	}
	if counted == 0 {
		t.Error("no Polish sentence counts a noun: the check found nothing to check")
	}
}
