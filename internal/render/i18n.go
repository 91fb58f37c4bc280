package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/riskguide/riskguide/internal/site"
)

// Messages are the interface strings of one language. They are read from
// layouts/i18n/<lang>.yaml, a flat map of key to text, key by key: a site's
// file names only the strings it changes, and every other string comes from
// the built-in file of that language, then from English.
type Messages struct {
	lang string
	m    map[string]string
}

// fallbackLanguage is the language whose built-in file must exist and whose
// strings stand in for any a translation lacks.
const fallbackLanguage = "en"

// i18nDir is where the interface strings are kept, in the built-in files and
// in a site folder.
const i18nDir = "layouts/i18n"

// Layered is a file system made of layers, the first one's files over the
// next's: a site folder over the built-in defaults. Interface strings are
// merged across the layers key by key rather than file by file.
type Layered interface {
	fs.FS
	Layers() []fs.FS
}

// layers returns the layers of theme, the built-in one last.
func layers(theme fs.FS) []fs.FS {
	if l, ok := theme.(Layered); ok {
		return l.Layers()
	}
	return []fs.FS{theme}
}

// languageChain is the order in which a language's files are merged, each
// over the one before: English, the primary subtag (pt), the full tag
// (pt-BR).
func languageChain(lang string) []string {
	chain := []string{fallbackLanguage}
	primary, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{primary, lang} {
		if l != "" && l != chain[len(chain)-1] {
			chain = append(chain, l)
		}
	}
	return chain
}

// LoadMessages reads the strings for lang. A language is looked up in full
// (pt-BR), then by its primary subtag (pt), then falls back to English; for
// each, the site's file is merged key by key over the built-in one.
func LoadMessages(theme fs.FS, lang string) (*Messages, error) {
	msgs := &Messages{lang: lang, m: map[string]string{}}
	ls := layers(theme)
	for i, l := range languageChain(lang) {
		for j := len(ls) - 1; j >= 0; j-- {
			required := i == 0 && j == len(ls)-1
			if err := msgs.merge(ls[j], l, required); err != nil {
				return nil, err
			}
		}
	}
	return msgs, nil
}

// SiteMessages loads the interface strings of site s (LoadMessages) with
// its terms and its assessment scale written in (UseTerms, UseScale): what
// its pages and its search index say.
func SiteMessages(theme fs.FS, s *site.Site) (*Messages, error) {
	msgs, err := LoadMessages(theme, s.Config.Language)
	if err != nil {
		return nil, err
	}
	msgs.UseTerms(msgs.languageTerms(s.Config.Terms))
	msgs.UseScale(s.Scale)
	msgs.useTypography()
	return msgs, nil
}

// languageTerms returns t with each term that is still the built-in English
// word replaced by the language's own default (terms.<id> in its interface
// strings, "singular|plural"), so that a French site says "recommandation"
// without a terms: block. A term the site names stays the site's.
func (m *Messages) languageTerms(t site.Terms) site.Terms {
	def := site.DefaultTerms()
	for _, id := range site.TermIDs {
		cur, _ := t.ByID(id)
		d, _ := def.ByID(id)
		v, ok := m.m["terms."+id]
		if !ok || *cur != *d {
			continue
		}
		if sing, plur, ok := strings.Cut(v, "|"); ok && sing != "" && plur != "" {
			*cur = site.Term{Singular: sing, Plural: plur}
		}
	}
	return t
}

func (m *Messages) merge(theme fs.FS, lang string, required bool) error {
	name := i18nDir + "/" + lang + ".yaml"
	data, err := fs.ReadFile(theme, name)
	if err != nil {
		if !required && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	var strs map[string]string
	if err := yaml.Unmarshal(data, &strs); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	for k := range strs {
		// A string's plural forms belong with it: a file that words a
		// count its own way, without forms, is not mixed with another
		// file's (another language's, or the built-in one's).
		for _, suffix := range pluralForms {
			if _, own := strs[k+suffix]; !own {
				delete(m.m, k+suffix)
			}
		}
	}
	for k, v := range strs {
		// An empty string is reported by check; the built-in one stands.
		if v != "" {
			m.m[k] = v
		}
	}
	return nil
}

// UseTerms writes the site's words into the strings: a placeholder such as
// {recommendation} or {Expected_results} becomes the term of site.yaml's
// terms: block (see site.Terms). It is done once, when the strings load,
// so every page, script and print shows the same word.
func (m *Messages) UseTerms(t site.Terms) {
	for k, v := range m.m {
		m.m[k] = t.Expand(v)
	}
}

// UseScale writes the lowest and highest score of the self-assessment's
// scale into the strings that name them ({min_score}, {max_score}).
func (m *Messages) UseScale(sc site.Scale) {
	lo, hi := sc.Min(), sc.Max()
	r := strings.NewReplacer("{min_score}", strconv.Itoa(lo), "{max_score}", strconv.Itoa(hi))
	for k, v := range m.m {
		if strings.Contains(v, "_score}") {
			m.m[k] = r.Replace(v)
		}
	}
}

// scalePlaceholders are the placeholders UseScale fills in.
var scalePlaceholders = []string{"{min_score}", "{max_score}"}

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
	for _, suffix := range pluralForms {
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
// TestProgramKeysAreBuiltIn), so it is never missing.
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

// pluralForms are the suffixes of a count's variants: CLDR's plural
// categories but "other", which is the key itself.
var pluralForms = []string{".zero", ".one", ".two", ".few", ".many"}

func firstInt(args []any) (int, bool) {
	if len(args) == 0 {
		return 0, false
	}
	n, ok := args[0].(int)
	return n, ok
}

// WithPrefix returns the strings whose keys start with prefix, keyed by the
// rest of the key: the strings a script needs.
func (m *Messages) WithPrefix(prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range m.m {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] = v
		}
	}
	return out
}

// CheckMessages reports the problems of a site's own interface strings,
// each at its file:line:col: a key that neither the built-in strings nor the
// site's own layouts know, a placeholder (%s, %d) that differs from the
// built-in string's, and an empty string. builtin holds the built-in
// layouts/i18n files.
func CheckMessages(src, builtin fs.FS) site.Diagnostics {
	var diags site.Diagnostics
	files, err := fs.Glob(src, i18nDir+"/*.yaml")
	if err != nil || len(files) == 0 {
		return nil
	}
	sort.Strings(files)
	layoutKeys := siteLayoutKeys(src)
	for _, name := range files {
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		ref, err := LoadMessages(builtin, lang)
		if err != nil {
			continue
		}
		data, err := fs.ReadFile(src, name)
		if err != nil {
			diags.Add(site.Pos{File: name}, "%v", err)
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			diags.Add(site.Pos{File: name}, "%v", strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode {
			diags.Add(nodePos(name, root), "interface strings must be a map of key: text")
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			want, known := ref.m[k.Value]
			if !known {
				// A plural form of a known string (see pluralForm).
				for _, suffix := range pluralForms {
					if base, ok := strings.CutSuffix(k.Value, suffix); ok {
						want, known = ref.m[base]
					}
				}
			}
			switch {
			case !known && !layoutKeys[k.Value]:
				diags.Add(nodePos(name, k), "unknown interface string %q: no built-in string or layout of the site has this key%s", k.Value, suggest(k.Value, ref.m))
				continue
			case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
				diags.Add(nodePos(name, v), "interface string %q must be text", k.Value)
				continue
			case strings.TrimSpace(v.Value) == "":
				diags.Add(nodePos(name, v), "interface string %q is empty; leave the key out to keep the built-in text", k.Value)
				continue
			}
			if k.Value == "date.months" {
				if n := len(strings.Split(v.Value, "|")); n != 12 {
					diags.Add(nodePos(name, v), "interface string \"date.months\" names %d months, separated by |; it needs twelve, January first", n)
				}
			}
			for _, p := range site.DefaultTerms().UnknownPlaceholders(v.Value) {
				if slices.Contains(scalePlaceholders, p) {
					continue
				}
				diags.Add(nodePos(name, v), "interface string %q: %s names no term (terms are %s, as {recommendation}, {Recommendations})", k.Value, p, strings.Join(site.TermIDs, ", "))
			}
			if known {
				if got, exp := placeholders(v.Value), placeholders(want); got != exp {
					diags.Add(nodePos(name, v), "interface string %q has placeholders %s, but the built-in text %q has %s, filled in that order", k.Value, describeVerbs(got), want, describeVerbs(exp))
				}
			}
		}
		diags = append(diags, missingStrings(name, lang, root, ref, builtin)...)
	}
	return diags
}

// missingStrings reports, for a site's file of a language riskguide has no
// built-in strings for, the built-in keys it lacks: they would show in
// English on pages in another language. A language with built-in strings
// needs no complete file: the site's changes only what it names.
func missingStrings(name, lang string, root *yaml.Node, ref *Messages, builtin fs.FS) site.Diagnostics {
	primary, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{lang, primary} {
		if _, err := fs.Stat(builtin, i18nDir+"/"+l+".yaml"); err == nil {
			return nil
		}
	}
	have := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		have[root.Content[i].Value] = true
	}
	var missing []string
	for k := range ref.m {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	list := strings.Join(missing[:min(len(missing), 5)], ", ")
	if len(missing) > 5 {
		list += fmt.Sprintf(" and %d more", len(missing)-5)
	}
	var ds site.Diagnostics
	ds.Add(nodePos(name, root), "%d interface strings missing, which pages in %s would show in English: %s (translate them from the built-in layouts/i18n/en.yaml)", len(missing), lang, list)
	return ds
}

func nodePos(file string, n *yaml.Node) site.Pos {
	return site.Pos{File: file, Line: n.Line, Col: n.Column}
}

// verb matches a fmt verb as the interface strings use them: an optional
// argument index and flags, then a letter; %% is a literal percent sign.
var verb = regexp.MustCompile(`%(%|(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z])`)

// placeholders lists a string's fmt verbs in order, as "%s %d".
func placeholders(s string) string {
	var vs []string
	for _, m := range verb.FindAllString(s, -1) {
		if m != "%%" {
			vs = append(vs, m)
		}
	}
	return strings.Join(vs, " ")
}

func describeVerbs(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

// suggest names a known key that differs from key only by case or by one
// character, the likely intended one.
func suggest(key string, known map[string]string) string {
	var best string
	for k := range known {
		if strings.EqualFold(k, key) || oneEdit(k, key) {
			if best == "" || k < best {
				best = k
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// oneEdit reports whether a and b differ by at most one character changed,
// added or removed.
func oneEdit(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[min(i+1, len(b)):]
	}
	return a[i+1:] == b[i:]
}

// layoutKey finds the keys a layout passes to T.
var layoutKey = regexp.MustCompile(`\bT\s+"([^"]+)"`)

// siteLayoutKeys returns the interface string keys the site's own layouts
// ask for: a site with layouts of its own may bring strings of its own.
func siteLayoutKeys(src fs.FS) map[string]bool {
	keys := map[string]bool{}
	eachLayoutKey(src, func(_ string, _ []byte, key string, _ int) { keys[key] = true })
	return keys
}

// eachLayoutKey calls f with each key a layout of fsys passes to T: the
// layout's name and text, and where the key starts in it.
func eachLayoutKey(fsys fs.FS, f func(name string, data []byte, key string, at int)) {
	fs.WalkDir(fsys, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		for _, m := range layoutKey.FindAllSubmatchIndex(data, -1) {
			f(p, data, string(data[m[2]:m[3]]), m[2])
		}
		return nil
	})
}

// CheckLayoutKeys reports each interface string that a layout of theme
// asks for by name (T "key") and that no language of s has, at the
// layout's line and column: the mistake is found by check, before any
// page is rendered, where the layout says it.
func CheckLayoutKeys(theme fs.FS, s *site.Site) site.Diagnostics {
	langs := s.Config.Languages
	if len(langs) == 0 {
		langs = []string{s.Config.Language}
	}
	var msgs []*Messages
	for _, lang := range langs {
		m, err := LoadMessages(theme, lang)
		if err != nil {
			return nil // the build reports it
		}
		msgs = append(msgs, m)
	}
	var diags site.Diagnostics
	eachLayoutKey(theme, func(name string, data []byte, key string, at int) {
		var lacking []string
		for _, m := range msgs {
			if _, ok := m.m[key]; !ok {
				lacking = append(lacking, m.lang)
			}
		}
		pos := site.Pos{File: name, Line: 1 + bytes.Count(data[:at], []byte("\n")), Col: at - bytes.LastIndexByte(data[:at], '\n')}
		switch {
		case len(lacking) == len(msgs):
			diags.Add(pos, "no interface string %q in layouts/i18n: add it to layouts/i18n/%s.yaml%s", key, fallbackLanguage, suggest(key, msgs[0].m))
		case len(lacking) > 0:
			diags.Add(pos, "no interface string %q in %s: add it to layouts/i18n/<language>.yaml", key, strings.Join(lacking, ", "))
		}
	})
	return diags
}
