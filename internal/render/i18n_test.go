package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
)

var builtinStrings = fstest.MapFS{
	"layouts/i18n/en.yaml": {Data: []byte("skip: Skip to content\nrec.label: \"{Recommendation} %s\"\nhome.intro: \"%d and %d\"\n")},
	"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\n")},
}

// TestMessagesMergeKeyByKey: the site's file over the built-in one of its
// language, over English; terms fill the placeholders.
func TestMessagesMergeKeyByKey(t *testing.T) {
	site := fstest.MapFS{"layouts/i18n/fr.yaml": {Data: []byte("rec.label: \"Exigence %s\"\n")}}
	m, err := LoadMessages(layered{site, builtinStrings}, "fr-CA")
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
	site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("m: \"Items: %d\"\n")}}
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
		msgs, err := LoadMessages(layered{site, builtin}, c.lang)
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

// FuzzCheckMessages: any bytes as a site's interface strings give problems
// with a position, never a panic.
func FuzzCheckMessages(f *testing.F) {
	f.Add([]byte("rec.label: \"Requirement %d\"\nskip: \"\"\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("skip: {a: b}\nx: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: data}}
		for _, d := range CheckMessages(site, builtinStrings) {
			if !strings.HasPrefix(d.Pos.File, "layouts/i18n/") || d.Message == "" {
				t.Fatalf("problem without file or message: %+v", d)
			}
		}
	})
}

// TestCheckPluralForms: a site may add plural forms of a built-in string,
// held to its placeholders; a form of no known string is unknown.
func TestCheckPluralForms(t *testing.T) {
	site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("home.intro.one: \"%d and %d\"\nhome.intro.few: \"%d only\"\nnothing.one: \"%d\"\n")}}
	var got []string
	for _, d := range CheckMessages(site, builtinStrings) {
		got = append(got, d.String())
	}
	want := []string{
		`layouts/i18n/en.yaml:2:17: interface string "home.intro.few" has placeholders %d, but the built-in text "%d and %d" has %d %d, filled in that order`,
		`layouts/i18n/en.yaml:3:1: unknown interface string "nothing.one": no built-in string or layout of the site has this key`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

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
		msgs, err := LoadMessages(riskguide.Default, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := msgs.Date(c.iso); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.lang, c.iso, got, c.want)
		}
	}
}

// TestCheckMonthNames: a site's month names come twelve.
func TestCheckMonthNames(t *testing.T) {
	site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("date.months: \"Jan|Feb\"\n")}}
	diags := CheckMessages(site, riskguide.Default)
	want := `layouts/i18n/en.yaml:1:14: interface string "date.months" names 2 months, separated by |; it needs twelve, January first`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("problems: %v\nwant: %s", diags, want)
	}
}

// TestPluralFormsCLDR: the plural form of a whole number is CLDR's, in any
// language CLDR knows, not only those with built-in strings. The expected
// forms are CLDR's rules written out (cldr plurals.xml, integers).
func TestPluralFormsCLDR(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    []int
		want string
	}{
		{"en", []int{1}, "one"}, {"en", []int{0, 2, 11, 21}, "other"},
		{"fr", []int{0, 1}, "one"}, {"fr", []int{2, 10}, "other"}, {"fr-CA", []int{1}, "one"},
		{"pl", []int{1}, "one"}, {"pl", []int{2, 3, 4, 22, 24, 102}, "few"}, {"pl", []int{0, 5, 11, 12, 13, 14, 21, 25, 112}, "many"},
		{"cs", []int{1}, "one"}, {"cs", []int{2, 3, 4}, "few"}, {"cs", []int{0, 5, 11, 21, 22, 101}, "other"},
		{"lt", []int{1, 21, 31, 101}, "one"}, {"lt", []int{2, 9, 22, 29}, "few"}, {"lt", []int{0, 10, 11, 12, 19, 20, 30, 111}, "other"},
		{"sl", []int{1, 101}, "one"}, {"sl", []int{2, 102}, "two"}, {"sl", []int{3, 4, 103}, "few"}, {"sl", []int{0, 5, 100}, "other"},
		{"de", []int{1}, "one"}, {"de", []int{0, 2}, "other"},
	} {
		for _, n := range c.n {
			if got := pluralForm(c.lang, n); got != c.want {
				t.Errorf("pluralForm(%s, %d) = %s, want %s", c.lang, n, got, c.want)
			}
		}
	}
}
