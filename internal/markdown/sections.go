package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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

// Sections splits src at its headings of level 2 and 3. The ids are those
// Render gives the headings on page p, when p's ids are in the same state:
// the text is parsed the same way, by the same generator of ids.
func (r *Renderer) Sections(src string, p *Page) []Section {
	if src == "" {
		return nil
	}
	source := []byte(src)
	md := r.plain
	if mayAutolink(src) {
		md = r.md
	}
	parses.Add(1)
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(r.context(p)))
	var out []Section
	var cur Section
	var b strings.Builder
	flush := func() {
		cur.Text = collapseSpace(b.String())
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
					cur = Section{ID: string(v), Title: strings.TrimSpace(plainText(h, source)), Level: h.Level}
					continue
				}
			}
		}
		b.WriteString(plainText(n, source))
		b.WriteByte(' ')
	}
	flush()
	return out
}
