package markdown

import (
	"slices"
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// IDs hands out element ids that are unique on one HTML page. The page's own
// template ids are reserved first so that a heading called "Main" cannot take
// the skip link's target.
type IDs struct {
	reserved []string        // taken from the start; shared, never changed
	used     map[string]bool // made when the first id is
	prefix   string          // starts every generated id
	// next is, for each slug, the suffix to try first when it is taken
	// again: every smaller one is taken already. A page that repeats a
	// heading n times then costs n steps, not n*n/2.
	next map[string]int
}

// NewIDs returns a generator with the given ids already taken. It keeps
// reserved as it is: every page passes the same list, and most pages never
// generate an id.
func NewIDs(reserved ...string) *IDs { return &IDs{reserved: reserved} }

// NewPrefixedIDs is NewIDs for ids that all start with prefix, for a page
// that shows several texts, each with ids of its own.
func NewPrefixedIDs(prefix string, reserved ...string) *IDs {
	return &IDs{reserved: reserved, prefix: prefix}
}

func (s *IDs) taken(id string) bool { return s.used[id] || slices.Contains(s.reserved, id) }

func (s *IDs) take(id string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	s.used[id] = true
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
	base = s.prefix + base
	id := base
	if s.taken(id) {
		if s.next == nil {
			s.next = map[string]int{}
		}
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.taken(id); id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.take(id)
	return []byte(id)
}

// Taken reports whether any id has been generated or recorded, beyond the
// reserved ones.
func (s *IDs) Taken() bool { return len(s.used) > 0 }

// Put implements parser.IDs: records an id written by hand.
func (s *IDs) Put(value []byte) { s.take(string(value)) }

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
