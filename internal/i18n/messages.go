// Package i18n holds the interface strings of one language and writes with
// them: a count in the plural form its language needs (CLDR's rules, from
// golang.org/x/text), a date in the language's words, French spacing. It is
// a package of its own, beside the model, so that site stays standard
// library only and load, check and render share one type without
// importing each other.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/riskguide/riskguide/internal/site"
)

// Messages are the interface strings of one language. They are read from
// layouts/i18n/<lang>.yaml, a flat map of key to text, key by key: a site's
// file names only the strings it changes, and every other string comes from
// the built-in file of that language, then from English. load reads them
// (load.Messages) and check reports on a site's files (check.Messages);
// render, search and report write with them.
type Messages struct {
	lang string
	m    map[string]string
}

// New returns the strings strs, by key, of language lang. load
// calls it once it has merged the files of the language.
func New(lang string, strs map[string]string) *Messages {
	return &Messages{lang: lang, m: strs}
}

// FallbackLanguage is the language whose built-in file must exist and whose
// strings stand in for any a translation lacks: load falls back on it, and
// check names its file as the place for a string no language has.
const FallbackLanguage = "en"

// Dir is where the interface strings are kept, in the built-in files and
// in a site folder: load reads them there, check reports at their files.
const Dir = "layouts/i18n"

// UseTerms writes the site's words into the strings: a placeholder such as
// {recommendation} or {Expected_results} becomes the term of site.yaml's
// terms: block (see site.Terms). It is done once, when the strings load,
// so every page, script and print shows the same word.
func (m *Messages) UseTerms(t site.Terms) { m.rewrite(t.Expand) }

// UseScale writes the lowest and highest score of the self-assessment's
// scale into the strings that name them ({min_score}, {max_score}).
func (m *Messages) UseScale(sc site.Scale) {
	r := strings.NewReplacer("{min_score}", strconv.Itoa(sc.Min()), "{max_score}", strconv.Itoa(sc.Max()))
	m.rewrite(r.Replace)
}

// rewrite replaces every string s by f(s).
func (m *Messages) rewrite(f func(string) string) {
	for k, v := range m.m {
		m.m[k] = f(v)
	}
}

// ScalePlaceholders are the placeholders UseScale fills in, which check
// accepts in a site's strings beside the terms'.
var ScalePlaceholders = []string{"{min_score}", "{max_score}"}

// Lookup returns the string for key, or the key itself when it is missing.
func (m *Messages) Lookup(key string) string {
	if s, ok := m.m[key]; ok {
		return s
	}
	return key
}

// Forms returns the plural forms the strings have of key (see pluralForm),
// by suffix: ".one", ".few"...; the page's scripts choose among them.
func (m *Messages) Forms(key string) map[string]string {
	out := map[string]string{}
	for _, suffix := range PluralForms {
		if s, ok := m.m[key+suffix]; ok {
			out[suffix] = s
		}
	}
	return out
}

// Format returns the string for key with fmt-style args applied. A key no
// file has is an error: the template that asked for it stops, and the build
// and check report it at the layout's line instead of showing a raw key.
func (m *Messages) Format(key string, args ...any) (string, error) {
	s, ok := m.m[key]
	if !ok {
		return "", fmt.Errorf("no interface string %q in layouts/i18n", key)
	}
	// A count takes the form its number needs, where the language has one:
	// "1 recommendation", "2 recommendations".
	if n, isInt := firstInt(args); isInt {
		if form, ok := m.m[key+"."+pluralForm(m.lang, n)]; ok {
			s = form
		}
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}

// Text is Format for a key the program itself names. Every such key is a
// built-in English string, which every language falls back on (see
// render's TestProgramKeysAreBuiltIn), so it is never missing.
func (m *Messages) Text(key string, args ...any) string {
	s, _ := m.Format(key, args...)
	return s
}

// Date writes a date of site.yaml (YYYY-MM-DD) as the language writes it,
// "30 November 2026", "30. November 2026": the month names are date.months
// (twelve, separated by |) and the order date.format (day, month name,
// year). A value that is not such a date is shown as written.
func (m *Messages) Date(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	months := strings.Split(m.Lookup("date.months"), "|")
	if err != nil || len(months) != 12 {
		return iso
	}
	s, _ := m.Format("date.format", t.Day(), months[t.Month()-1], t.Year())
	return s
}

// A string that says a count may have a variant per plural form of its
// language, under the key with .zero, .one, .two, .few or .many added; the
// string under the key itself is the form of every other number. pluralForm
// names the form a whole number takes in language lang, after the Unicode
// CLDR plural rules as golang.org/x/text carries them, so that any language
// CLDR knows (Czech, Lithuanian, Slovenian...) gets its own forms; the page's
// scripts use the browser's Intl.PluralRules, the same rules.
func pluralForm(lang string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if n < 0 {
		n = -n // the rules are those of the number's absolute value
	}
	switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// PluralForms are the suffixes of a count's variants: CLDR's plural
// categories but "other", which is the key itself. load keeps a string's
// forms with it, check accepts them as keys of a site's strings, and render
// hands them to the page's scripts.
var PluralForms = []string{".zero", ".one", ".two", ".few", ".many"}

func firstInt(args []any) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	n, ok := args[0].(int)
	return n, ok
}

// WithPrefix returns the strings whose keys start with prefix, keyed by the
// rest of the key: the strings a script needs. With prefix "", every string.
func (m *Messages) WithPrefix(prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range m.m {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] = v
		}
	}
	return out
}
