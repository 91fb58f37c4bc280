package check

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/site"
)

// ReadMessages reads the interface strings of a language from a file
// system. It is load.Messages, handed to check by its caller: load, check
// and render never import each other.
type ReadMessages func(theme fs.FS, lang string) (*i18n.Messages, error)

// Messages reports the problems of a site's own interface strings,
// each at its file:line:col: a key that neither the built-in strings nor the
// site's own layouts know, a placeholder (%s, %d) that differs from the
// built-in string's, and an empty string. builtin holds the built-in
// layouts/i18n files, which read reads.
func Messages(src, builtin fs.FS, read ReadMessages) site.Diagnostics {
	var diags site.Diagnostics
	files, err := fs.Glob(src, i18n.Dir+"/*.yaml")
	if err != nil || len(files) == 0 {
		return nil
	}
	sort.Strings(files)
	// A site with layouts of its own may bring strings of its own.
	layoutKeys := map[string]bool{}
	eachLayoutKey(src, func(_ site.Text, key string, _ int) { layoutKeys[key] = true })
	for _, name := range files {
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		msgs, err := read(builtin, lang)
		if err != nil {
			continue
		}
		ref := msgs.WithPrefix("") // every built-in string, by key
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
			want, known := ref[k.Value]
			if !known {
				// A plural form of a known string (see pluralForm).
				for _, suffix := range i18n.PluralForms {
					if base, ok := strings.CutSuffix(k.Value, suffix); ok {
						want, known = ref[base]
					}
				}
			}
			switch {
			case !known && !layoutKeys[k.Value]:
				diags.Add(nodePos(name, k), "unknown interface string %q: no built-in string or layout of the site has this key%s", k.Value, suggest(k.Value, ref))
				continue
			case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
				diags.Add(nodePos(name, v), "interface string %q must be text", k.Value)
				continue
			case strings.TrimSpace(v.Value) == "":
				diags.Add(nodePos(name, v), "interface string %q is empty; leave the key out to keep the built-in text", k.Value)
				continue
			}
			if n := strings.Count(v.Value, "|") + 1; k.Value == "date.months" && n != 12 {
				diags.Add(nodePos(name, v), "interface string \"date.months\" names %d months, separated by |; it needs twelve, January first", n)
			}
			for _, p := range site.DefaultTerms().UnknownPlaceholders(v.Value) {
				if !slices.Contains(i18n.ScalePlaceholders, p) {
					diags.Add(nodePos(name, v), "interface string %q: %s names no term (terms are %s, as {recommendation}, {Recommendations})", k.Value, p, strings.Join(site.TermIDs, ", "))
				}
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
func missingStrings(name, lang string, root *yaml.Node, ref map[string]string, builtin fs.FS) site.Diagnostics {
	primary, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{lang, primary} {
		if _, err := fs.Stat(builtin, i18n.Dir+"/"+l+".yaml"); err == nil {
			return nil
		}
	}
	lacking := maps.Clone(ref)
	for i := 0; i+1 < len(root.Content); i += 2 {
		delete(lacking, root.Content[i].Value)
	}
	if len(lacking) == 0 {
		return nil
	}
	missing := slices.Sorted(maps.Keys(lacking))
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

// eachLayoutKey calls f with each key a layout of fsys passes to T: the
// layout's text, and where the key starts in it.
func eachLayoutKey(fsys fs.FS, f func(layout site.Text, key string, at int)) {
	fs.WalkDir(fsys, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		layout := site.Text{Value: string(data), Pos: site.Pos{File: p, Line: 1, Col: 1}, Block: true}
		for _, m := range layoutKey.FindAllStringSubmatchIndex(layout.Value, -1) {
			f(layout, layout.Value[m[2]:m[3]], m[2])
		}
		return nil
	})
}

// LayoutKeys reports each interface string that a layout of theme
// asks for by name (T "key") and that no language of s has, at the
// layout's line and column: the mistake is found by check, before any
// page is rendered, where the layout says it. read reads the strings of
// each language from theme.
func LayoutKeys(theme fs.FS, s *site.Site, read ReadMessages) site.Diagnostics {
	langs := s.Config.Languages
	if len(langs) == 0 {
		langs = []string{s.Config.Language}
	}
	var msgs []map[string]string
	for _, lang := range langs {
		m, err := read(theme, lang)
		if err != nil {
			return nil // the build reports it
		}
		msgs = append(msgs, m.WithPrefix(""))
	}
	var diags site.Diagnostics
	eachLayoutKey(theme, func(layout site.Text, key string, at int) {
		var lacking []string
		for i, m := range msgs {
			if _, ok := m[key]; !ok {
				lacking = append(lacking, langs[i])
			}
		}
		pos := layout.PosAt(at)
		switch {
		case len(lacking) == len(msgs):
			diags.Add(pos, "no interface string %q in layouts/i18n: add it to layouts/i18n/%s.yaml%s", key, i18n.FallbackLanguage, suggest(key, msgs[0]))
		case len(lacking) > 0:
			diags.Add(pos, "no interface string %q in %s: add it to layouts/i18n/<language>.yaml", key, strings.Join(lacking, ", "))
		}
	})
	return diags
}
