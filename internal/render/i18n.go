package render

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Messages are the interface strings of one language, read from
// layouts/i18n/<lang>.yaml (a flat map of key to text) over English.
type Messages struct {
	lang string
	m    map[string]string
}

// fallbackLanguage is the language whose file must exist and whose strings
// stand in for any a translation lacks.
const fallbackLanguage = "en"

// LoadMessages reads the strings for lang. A language is looked up in full
// (pt-BR), then by its primary subtag (pt), then falls back to English.
func LoadMessages(theme fs.FS, lang string) (*Messages, error) {
	msgs := &Messages{lang: lang, m: map[string]string{}}
	if err := msgs.merge(theme, fallbackLanguage, true); err != nil {
		return nil, err
	}
	primary, _, _ := strings.Cut(lang, "-")
	for _, l := range []string{primary, lang} {
		if l != fallbackLanguage {
			if err := msgs.merge(theme, l, false); err != nil {
				return nil, err
			}
		}
	}
	return msgs, nil
}

func (m *Messages) merge(theme fs.FS, lang string, required bool) error {
	name := "layouts/i18n/" + lang + ".yaml"
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
	for k, v := range strs {
		m.m[k] = v
	}
	return nil
}

// Lookup returns the string for key, or the key itself when it is missing.
func (m *Messages) Lookup(key string) string {
	if s, ok := m.m[key]; ok {
		return s
	}
	return key
}

// Format returns the string for key with fmt-style args applied.
func (m *Messages) Format(key string, args ...any) (string, error) {
	s, ok := m.m[key]
	if !ok {
		return "", fmt.Errorf("no interface string %q in layouts/i18n/%s.yaml", key, fallbackLanguage)
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
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
