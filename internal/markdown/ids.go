package markdown

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// IDs hands out element ids that are unique on one HTML page. The page's own
// template ids are reserved first so that a heading called "Main" cannot take
// the skip link's target.
type IDs struct {
	used map[string]bool
}

// NewIDs returns a generator with the given ids already taken.
func NewIDs(reserved ...string) *IDs {
	ids := &IDs{used: map[string]bool{}}
	for _, r := range reserved {
		ids.used[r] = true
	}
	return ids
}

// Generate implements parser.IDs: a slug of value, made unique.
func (s *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
		if kind == KindField {
			base = "field"
		}
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: records an id written by hand.
func (s *IDs) Put(value []byte) { s.used[string(value)] = true }

// Slug makes a lower-case, hyphenated ASCII-and-letters id from text.
func Slug(s string) string {
	out := make([]rune, 0, len(s))
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = append(out, unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return string(out)
}
