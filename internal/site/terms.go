package site

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is what the guidance calls one of its concepts, written as it reads
// in the middle of a sentence ("requirement", "ASVS chapter").
type Term struct {
	Singular string
	Plural   string
}

// Terms is the site's vocabulary: the terms: block of site.yaml, over the
// built-in words. Interface strings name a concept by placeholder rather
// than by word, so that one line of site.yaml renames it everywhere.
type Terms struct {
	Recommendation Term
	ExpectedResult Term
	Checklist      Term
	Template       Term
}

// TermIDs are the keys of the terms: block, in the order documented.
var TermIDs = []string{"recommendation", "expected_result", "checklist", "template"}

// DefaultTerms are the words of the built-in guidance.
func DefaultTerms() Terms {
	return Terms{
		Recommendation: Term{"recommendation", "recommendations"},
		ExpectedResult: Term{"expected result", "expected results"},
		Checklist:      Term{"checklist", "checklists"},
		Template:       Term{"template", "templates"},
	}
}

// ByID returns the term of a terms: key, and whether there is one.
func (t *Terms) ByID(id string) (*Term, bool) {
	switch id {
	case "recommendation":
		return &t.Recommendation, true
	case "expected_result":
		return &t.ExpectedResult, true
	case "checklist":
		return &t.Checklist, true
	case "template":
		return &t.Template, true
	}
	return nil, false
}

// termPlaceholder matches a placeholder such as {recommendation},
// {Recommendations} or {expected_results}.
var termPlaceholder = regexp.MustCompile(`\{([A-Za-z_]+)\}`)

// Placeholder returns the text of one placeholder's name: the term's id for
// the singular, with an s for the plural, with a capital first letter for
// a term that starts a sentence. ok is false for a name that is not a
// term's.
func (t Terms) Placeholder(name string) (string, bool) {
	lower := strings.ToLower(name[:1]) + name[1:]
	capital := lower != name
	plural := false
	term, ok := t.ByID(lower)
	if !ok {
		if term, ok = t.ByID(strings.TrimSuffix(lower, "s")); !ok || !strings.HasSuffix(lower, "s") {
			return "", false
		}
		plural = true
	}
	s := term.Singular
	if plural {
		s = term.Plural
	}
	if s == "" {
		// A site made without the loader (in a test) has no terms set.
		if t != DefaultTerms() {
			return DefaultTerms().Placeholder(name)
		}
	}
	if capital {
		s = Capitalize(s)
	}
	return s, true
}

// Expand replaces the term placeholders in s by the site's words; braces
// that name no term are left as they are.
func (t Terms) Expand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return termPlaceholder.ReplaceAllStringFunc(s, func(m string) string {
		if w, ok := t.Placeholder(m[1 : len(m)-1]); ok {
			return w
		}
		return m
	})
}

// UnknownPlaceholders lists the placeholders in s that look like a term's
// but name none, such as {recomendation}.
func (t Terms) UnknownPlaceholders(s string) []string {
	var out []string
	for _, m := range termPlaceholder.FindAllStringSubmatch(s, -1) {
		if _, ok := t.Placeholder(m[1]); !ok {
			out = append(out, m[0])
		}
	}
	return out
}

// Capitalize upper-cases the first letter of s, for a term that starts a
// sentence or a heading; the rest is kept as written ("ASVS chapter").
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
