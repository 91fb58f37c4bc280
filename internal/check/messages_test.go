package check

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/load"
)

var builtinStrings = fstest.MapFS{
	"layouts/i18n/en.yaml": {Data: []byte("skip: Skip to content\nrec.label: \"{Recommendation} %s\"\nhome.intro: \"%d and %d\"\n")},
	"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\n")},
}

// FuzzCheckMessages: any bytes as a site's interface strings give problems
// with a position, never a panic.
func FuzzCheckMessages(f *testing.F) {
	f.Add([]byte("rec.label: \"Requirement %d\"\nskip: \"\"\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("skip: {a: b}\nx: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		own := fstest.MapFS{"layouts/i18n/en.yaml": {Data: data}}
		for _, d := range Messages(own, builtinStrings, load.Messages) {
			if !strings.HasPrefix(d.Pos.File, "layouts/i18n/") || d.Message == "" {
				t.Fatalf("problem without file or message: %+v", d)
			}
		}
	})
}

// TestCheckPluralForms: a site may add plural forms of a built-in string,
// held to its placeholders; a form of no known string is unknown.
func TestCheckPluralForms(t *testing.T) {
	own := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("home.intro.one: \"%d and %d\"\nhome.intro.few: \"%d only\"\nnothing.one: \"%d\"\n")}}
	var got []string
	for _, d := range Messages(own, builtinStrings, load.Messages) {
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

// TestCheckMonthNames: a site's month names come twelve.
func TestCheckMonthNames(t *testing.T) {
	own := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("date.months: \"Jan|Feb\"\n")}}
	diags := Messages(own, riskguide.Default, load.Messages)
	want := `layouts/i18n/en.yaml:1:14: interface string "date.months" names 2 months, separated by |; it needs twelve, January first`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("problems: %v\nwant: %s", diags, want)
	}
}

// TestCheckMissingStrings: a site's file for a language with no built-in
// strings is reported for the keys it lacks (they would show in English);
// one for a built-in language needs only the keys it changes; an extra key
// is reported either way.
func TestCheckMissingStrings(t *testing.T) {
	own := fstest.MapFS{
		"layouts/i18n/cs.yaml": {Data: []byte("skip: Přeskočit na obsah\n")},
		"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\nrec.lable: \"x %s\"\n")},
	}
	var got []string
	for _, d := range Messages(own, builtinStrings, load.Messages) {
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
