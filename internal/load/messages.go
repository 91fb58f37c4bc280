package load

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/site"
)

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
	chain := []string{i18n.FallbackLanguage}
	primary, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{primary, lang} {
		if l != "" && l != chain[len(chain)-1] {
			chain = append(chain, l)
		}
	}
	return chain
}

// Messages reads the interface strings for lang. A language is looked up
// in full (pt-BR), then by its primary subtag (pt), then falls back to
// English; for each, the site's file is merged key by key over the built-in
// one.
func Messages(theme fs.FS, lang string) (*i18n.Messages, error) {
	strs := map[string]string{}
	ls := layers(theme)
	for i, l := range languageChain(lang) {
		for j := len(ls) - 1; j >= 0; j-- {
			required := i == 0 && j == len(ls)-1
			if err := merge(strs, ls[j], l, required); err != nil {
				return nil, err
			}
		}
	}
	return i18n.New(lang, strs), nil
}

// SiteMessages reads the interface strings of site s (Messages) with its
// terms and its assessment scale written in (UseTerms, UseScale): what its
// pages and its search index say.
func SiteMessages(theme fs.FS, s *site.Site) (*i18n.Messages, error) {
	msgs, err := Messages(theme, s.Config.Language)
	if err != nil {
		return nil, err
	}
	msgs.UseTerms(languageTerms(msgs, s.Config.Terms))
	msgs.UseScale(s.Scale)
	msgs.UseTypography()
	return msgs, nil
}

// languageTerms returns t with each term that is still the built-in English
// word replaced by the language's own default (terms.<id> in its interface
// strings, "singular|plural"), so that a French site says "recommandation"
// without a terms: block. A term the site names stays the site's.
func languageTerms(m *i18n.Messages, t site.Terms) site.Terms {
	def := site.DefaultTerms()
	own := m.WithPrefix("terms.")
	for _, id := range site.TermIDs {
		cur, _ := t.ByID(id)
		d, _ := def.ByID(id)
		v, ok := own[id]
		if !ok || *cur != *d {
			continue
		}
		if sing, plur, ok := strings.Cut(v, "|"); ok && sing != "" && plur != "" {
			*cur = site.Term{Singular: sing, Plural: plur}
		}
	}
	return t
}

// merge reads the strings of lang in theme over strs, key by key; a file
// that is not there is no error unless required.
func merge(strs map[string]string, theme fs.FS, lang string, required bool) error {
	name := i18n.Dir + "/" + lang + ".yaml"
	data, err := fs.ReadFile(theme, name)
	if err != nil {
		if !required && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	var file map[string]string
	if err := yaml.Unmarshal(data, &file); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	for k, v := range file {
		// A string's plural forms belong with it: a file that words a
		// count its own way, without forms, is not mixed with another
		// file's (another language's, or the built-in one's). Only keys
		// the file lacks are deleted, so the order of the keys is free.
		for _, suffix := range i18n.PluralForms {
			if _, own := file[k+suffix]; !own {
				delete(strs, k+suffix)
			}
		}
		// An empty string is reported by check; the built-in one stands.
		if v != "" {
			strs[k] = v
		}
	}
	return nil
}
