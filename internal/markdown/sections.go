package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Section is the part of a text under one of its headings of level 2 or 3,
// as the search index shows it: a result can lead to the section that
// holds the words.
type Section struct {
	// ID and Title are the heading's element id and plain text; both are
	// "" for the text before the first heading.
	ID, Title string
	Level     int
	Text      string // the plain text of the section, without its heading
}

// sections splits a parsed text at its headings of level 2 and 3; none
// when it has none with an id.
func sections(doc ast.Node, source []byte) []Section {
	var out []Section
	var cur Section
	var b strings.Builder
	headed := false
	flush := func() {
		cur.Text = strings.Join(strings.Fields(b.String()), " ")
		if cur.ID != "" || cur.Text != "" {
			out = append(out, cur)
		}
		b.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && (h.Level == 2 || h.Level == 3) {
			if id, ok := h.AttributeString("id"); ok {
				if v, ok := id.([]byte); ok && len(v) > 0 {
					flush()
					headed = true
					cur = Section{ID: string(v), Title: strings.TrimSpace(plainText(h, source)), Level: h.Level}
					continue
				}
			}
		}
		b.WriteString(plainText(n, source))
		b.WriteByte(' ')
	}
	if !headed {
		return nil
	}
	flush()
	return out
}
