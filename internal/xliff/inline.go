// Package xliff exchanges a site's translatable texts with the tools
// translators use (CAT tools: Trados, memoQ, OmegaT, Weblate), in XLIFF 1.2:
// one trans-unit per text of a unit (a recommendation's text, its guidance,
// each indicator), the Markdown's inline markup as inline codes that a
// translator moves but cannot break: links and emphasis as a pair, fields
// ([[...]]), code spans and autolinks as <ph>. Each code keeps its id, and
// its Markdown is taken back from the source text on import, so that a link's
// address or a field's label cannot be changed by mistake. Codes are written
// as <bpt>/<ept> pairs and <ph>, holding their Markdown; <g> and <x/>, which
// some tools write back, are read too.
package xliff

import (
	"fmt"
	"strings"

	"github.com/riskguide/riskguide/internal/markdown"
)

// code is one piece of Markdown syntax of a text: a pair (open, close)
// around translatable text for a <g>, or native alone for an <x/>.
type code struct {
	paired      bool
	open, close string // a <g>'s
	native      string // an <x/>'s
	ctype       string
}

// segment is a text split into plain text and inline codes.
type segment struct {
	parts []part
	codes []*code // by id - 1
}

// part is plain text, or code id with its inner parts (a <g>'s content).
type part struct {
	text  string
	id    int // 0 for text
	inner []part
}

// parse splits a Markdown text into text and codes; ids count from 1 in
// order of appearance.
func parse(md string) *segment {
	s := &segment{}
	s.parts = s.inline(md)
	return s
}

func (s *segment) add(c *code) int {
	s.codes = append(s.codes, c)
	return len(s.codes)
}

// inline splits md. It knows the inline Markdown of riskguide's texts: fields,
// code spans, autolinks, links ([text](dest)) and emphasis (** __ * _) with
// a closing delimiter later in the same text; anything else is text.
func (s *segment) inline(md string) []part {
	var out []part
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, part{text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(md); {
		rest := md[i:]
		if rest[0] == '\\' && len(rest) > 1 {
			text.WriteString(rest[:2])
			i += 2
			continue
		}
		if _, _, n := markdown.ParseField(rest); n > 0 {
			flush()
			out = append(out, part{id: s.add(&code{native: rest[:n], ctype: "x-field"})})
			i += n
			continue
		}
		if rest[0] == '`' {
			ticks := len(rest) - len(strings.TrimLeft(rest, "`"))
			if j := strings.Index(rest[ticks:], rest[:ticks]); j >= 0 {
				n := ticks + j + ticks
				flush()
				out = append(out, part{id: s.add(&code{native: rest[:n], ctype: "x-code"})})
				i += n
				continue
			}
		}
		if rest[0] == '<' {
			if j := strings.IndexByte(rest, '>'); j > 0 && !strings.ContainsAny(rest[1:j], " \n<") && strings.Contains(rest[1:j], ":") {
				flush()
				out = append(out, part{id: s.add(&code{native: rest[:j+1], ctype: "x-autolink"})})
				i += j + 1
				continue
			}
		}
		if rest[0] == '[' {
			if end := closing(rest); end > 0 && strings.HasPrefix(rest[end:], "](") {
				if k := strings.IndexByte(rest[end+2:], ')'); k >= 0 && !strings.Contains(rest[end+2:end+2+k], "\n") {
					flush()
					c := &code{paired: true, open: "[", close: rest[end : end+2+k+1], ctype: "link"}
					id := s.add(c)
					out = append(out, part{id: id, inner: s.inline(rest[1:end])})
					i += end + 2 + k + 1
					continue
				}
			}
		}
		if rest[0] == '*' || rest[0] == '_' {
			delim := rest[:1]
			ctype := "italic"
			if len(rest) > 1 && rest[1] == rest[0] {
				delim, ctype = rest[:2], "bold"
			}
			inner := rest[len(delim):]
			if j := strings.Index(inner, delim); j > 0 && !strings.HasPrefix(inner, " ") && !strings.HasSuffix(inner[:j], " ") && !strings.Contains(inner[:j], "\n\n") {
				flush()
				c := &code{paired: true, open: delim, close: delim, ctype: ctype}
				id := s.add(c)
				out = append(out, part{id: id, inner: s.inline(inner[:j])})
				i += len(delim) + j + len(delim)
				continue
			}
		}
		text.WriteByte(rest[0])
		i++
	}
	flush()
	return out
}

// closing returns the index of the "]" that closes the "[" at s[0], or -1.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		case '\n':
			if i+1 < len(s) && s[i+1] == '\n' {
				return -1
			}
		}
	}
	return -1
}

// markdownOf writes parts back as Markdown, each code as codes has it.
func markdownOf(parts []part, codes []*code) string {
	var b strings.Builder
	for _, p := range parts {
		if p.id == 0 {
			b.WriteString(p.text)
			continue
		}
		c := codes[p.id-1]
		if !c.paired {
			b.WriteString(c.native)
			continue
		}
		b.WriteString(c.open)
		b.WriteString(markdownOf(p.inner, codes))
		b.WriteString(c.close)
	}
	return b.String()
}

// xmlOf writes parts as the content of a <source> or <target>: a pair of
// codes as <bpt>/<ept> and a code alone as <ph>, each holding its Markdown,
// so that a tool that shows codes as their native text (Translate Toolkit's
// PO conversion does) still has the markup.
func xmlOf(parts []part, codes []*code) string {
	var b strings.Builder
	for _, p := range parts {
		if p.id == 0 {
			b.WriteString(escape(p.text))
			continue
		}
		c := codes[p.id-1]
		if !c.paired {
			fmt.Fprintf(&b, `<ph id="%d" ctype="%s">%s</ph>`, p.id, c.ctype, escape(c.native))
			continue
		}
		fmt.Fprintf(&b, `<bpt id="%d" ctype="%s">%s</bpt>%s<ept id="%d">%s</ept>`, p.id, c.ctype, escape(c.open), xmlOf(p.inner, codes), p.id, escape(c.close))
	}
	return b.String()
}

// matchCodes renumbers the codes of a translation t by the source's: each
// of t's codes takes the id of the first unused source code with the same
// Markdown. A code the source lacks stays text, as written.
func matchCodes(t, src *segment) []part {
	used := make([]bool, len(src.codes))
	var walk func(ps []part) []part
	walk = func(ps []part) []part {
		var out []part
		for _, p := range ps {
			if p.id == 0 {
				out = append(out, p)
				continue
			}
			c := t.codes[p.id-1]
			id := 0
			for i, sc := range src.codes {
				if !used[i] && sc.paired == c.paired && sc.open == c.open && sc.close == c.close && sc.native == c.native {
					used[i], id = true, i+1
					break
				}
			}
			if id == 0 {
				out = append(out, part{text: markdownOf([]part{p}, t.codes)})
				continue
			}
			out = append(out, part{id: id, inner: walk(p.inner)})
		}
		return out
	}
	return walk(t.parts)
}

func escape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;") // XML reads a bare CR as LF
	return r.Replace(s)
}
