package load

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Content files are large and plainly written: mappings and lists in block
// style, one-line values, [flow, lists] of ids, and | blocks of Markdown.
// yaml.v3 reads them a character at a time and was the largest single cost
// of loading a large site. fastYAML reads that plain subset a line at a
// time and builds the same nodes yaml.v3 would (kind, style, tag, value,
// line, column and children; not comments, which nothing here reads).
//
// Anything outside the subset (tabs, anchors, tags, folded or indented
// blocks, multi-line or escaped quoted values, flow mappings, documents
// markers, a value yaml.v3 would read as a number or a date) makes it give
// up on the whole file, and yaml.v3 reads it instead, errors included.
// fastyaml_test.go compares the two on every content file of the default
// and synthetic sites, and on fuzzed input.

// fastYAML returns the root node of src, or nil if src is outside the
// subset.
func fastYAML(src []byte) *yaml.Node {
	if !plainText(src) {
		return nil
	}
	p := &fastParser{lines: make([]fastLine, 0, bytes.Count(src, []byte("\n"))+1)}
	for len(src) > 0 {
		line := src
		end := bytes.IndexByte(src, '\n')
		if end >= 0 {
			line, src = src[:end], src[end+1:]
		} else {
			src = nil
			p.noFinalBreak = true
		}
		p.lines = append(p.lines, newFastLine(string(line)))
	}
	p.next()
	if p.i == len(p.lines) || p.lines[p.i].indent != 0 {
		return nil
	}
	var root *yaml.Node
	if p.lines[p.i].isItem() {
		root = p.sequence(0)
	} else {
		root = p.mapping(0)
	}
	if p.failed {
		return nil
	}
	if p.next(); p.i != len(p.lines) {
		return nil // something left over, less indented than the root
	}
	return root
}

// plainText reports whether src is made of what yaml.v3 reads as ordinary
// characters and line feeds: no tabs, no other line breaks (CR, NEL, LS,
// PS), no byte order mark, and nothing its reader refuses.
func plainText(src []byte) bool {
	if len(src) == 0 {
		return false
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF,
			r > 0xD7FF && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

type fastLine struct {
	text string // without its indentation
	// indent is the column offset of text: the spaces before it, or, for a
	// mapping that starts on a list item's line, where its first key
	// starts. Only ASCII comes before text, so bytes count columns.
	indent int
	kind   lineKind
}

type lineKind uint8

const (
	lineContent lineKind = iota
	lineEmpty            // nothing at all
	lineSpaces           // spaces only
	lineComment
)

func newFastLine(s string) fastLine {
	text := strings.TrimLeft(s, " ")
	l := fastLine{text: text, indent: len(s) - len(text)}
	switch {
	case s == "":
		l.kind = lineEmpty
	case text == "":
		l.kind = lineSpaces
	case text[0] == '#':
		l.kind = lineComment
	}
	return l
}

func (l fastLine) isItem() bool { return l.text == "-" || strings.HasPrefix(l.text, "- ") }

type fastParser struct {
	lines        []fastLine
	i            int // the line being read
	failed       bool
	noFinalBreak bool // the last line has no line break after it
}

// next skips blank and comment lines. A comment line is transparent in
// YAML, whatever its indentation, outside block scalars.
func (p *fastParser) next() {
	for p.i < len(p.lines) && p.lines[p.i].kind != lineContent {
		p.i++
	}
}

func (p *fastParser) fail() *yaml.Node {
	p.failed = true
	return nil
}

// line is a 1-based line number for a node on the current line.
func (p *fastParser) line() int { return p.i + 1 }

// mapping reads a block mapping whose keys are at indent.
func (p *fastParser) mapping(indent int) *yaml.Node {
	l := p.lines[p.i]
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line(), Column: l.indent + 1}
	for !p.failed {
		p.next()
		if p.i == len(p.lines) {
			break
		}
		l := p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent || l.isItem() {
			return p.fail()
		}
		key, rest, ok := splitKey(l.text)
		if !ok {
			return p.fail()
		}
		k := p.plain(key, l.indent)
		if k == nil {
			return p.fail()
		}
		col := l.indent + len(key) + 1 // after the colon
		v := p.value(rest, col, indent, true)
		if v == nil {
			return p.fail()
		}
		n.Content = append(n.Content, k, v)
	}
	if p.failed {
		return nil
	}
	return n
}

// splitKey splits "key: rest" or "key:" where key is a simple name, short
// enough for YAML to read it as a key (its limit is 1,024 characters).
func splitKey(s string) (key, rest string, ok bool) {
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == 0 || i > 256 || i == len(s) || s[i] != ':' || i+1 < len(s) && s[i+1] != ' ' {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// sequence reads a block sequence whose dashes are at indent.
func (p *fastParser) sequence(indent int) *yaml.Node {
	first := p.lines[p.i]
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line(), Column: first.indent + 1}
	for !p.failed {
		p.next()
		if p.i == len(p.lines) {
			break
		}
		l := p.lines[p.i]
		if l.indent < indent || l.indent == indent && !l.isItem() {
			break
		}
		if l.indent > indent || l.text == "-" {
			return p.fail()
		}
		rest := l.text[2:]
		trimmed := strings.TrimLeft(rest, " ")
		col := l.indent + 2 + len(rest) - len(trimmed)
		if _, _, ok := splitKey(trimmed); ok {
			// A mapping that starts on the item's line: read the line as
			// if its text began at the key.
			p.lines[p.i] = fastLine{text: trimmed, indent: col}
			item := p.mapping(col)
			if item == nil {
				return p.fail()
			}
			n.Content = append(n.Content, item)
			continue
		}
		item := p.value(trimmed, col, indent, false)
		if item == nil {
			return p.fail()
		}
		n.Content = append(n.Content, item)
	}
	if p.failed {
		return nil
	}
	return n
}

// value reads the value after a key's colon or an item's dash. rest is the
// rest of the line from just after the colon; col is its column offset.
// parent is the indentation of the mapping or sequence holding the value.
// It leaves p.i on the line after the value.
func (p *fastParser) value(rest string, col, parent int, inMapping bool) *yaml.Node {
	trimmed := strings.TrimLeft(rest, " ")
	col += len(rest) - len(trimmed)
	if trimmed == "" {
		if !inMapping {
			return nil
		}
		// A nested block on the following lines.
		p.i++
		p.next()
		if p.i == len(p.lines) {
			return nil // an empty value
		}
		l := p.lines[p.i]
		switch {
		case l.indent > parent && l.isItem():
			return p.sequence(l.indent)
		case l.indent > parent:
			return p.mapping(l.indent)
		case l.indent == parent && l.isItem():
			return p.sequence(l.indent) // a list at its key's indentation
		}
		return nil // an empty value
	}
	line := p.line()
	var n *yaml.Node
	switch trimmed[0] {
	case '|':
		return p.literal(trimmed, col, parent)
	case '[':
		n = p.flowSequence(trimmed, col)
	case '\'':
		n = singleQuoted(trimmed)
	case '"':
		n = doubleQuoted(trimmed)
	default:
		n = p.plain(strings.TrimRight(trimmed, " "), col)
	}
	if n == nil {
		return nil
	}
	n.Line, n.Column = line, col+1
	// A value on one line: what follows must not continue it.
	p.i++
	for p.i < len(p.lines) && p.lines[p.i].kind != lineContent {
		if p.lines[p.i].kind == lineComment && p.lines[p.i].indent > parent {
			return nil
		}
		p.i++
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > parent {
		return nil
	}
	return n
}

// plain makes a node of a one-line plain value, if yaml.v3 would read it
// as the same string: no indicator at its start, no ": " or " #" in it.
func (p *fastParser) plain(v string, col int) *yaml.Node {
	if v == "" || strings.ContainsAny(v[:1], "-?:,[]{}#&*!|>'\"%@`") ||
		strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return nil
	}
	tag := plainTag(v)
	if tag == "" {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: p.line(), Column: col + 1}
}

// plainTag is the tag yaml.v3 resolves a plain value to. Most values start
// with a letter that cannot begin a number, a date, a boolean or null; the
// few others (a year, a date, a version) are resolved by yaml.v3 itself.
func plainTag(v string) string {
	switch c := v[0]; {
	case c == '+' || c == '-' || c == '.' || '0' <= c && c <= '9':
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "<<":
		default:
			return "!!str"
		}
	default:
		return "!!str"
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(v), &doc); err != nil || len(doc.Content) != 1 ||
		doc.Content[0].Kind != yaml.ScalarNode || doc.Content[0].Value != v || doc.Content[0].Style != 0 {
		return ""
	}
	if t := doc.Content[0].Tag; t != "!!merge" {
		return t
	}
	return ""
}

// singleQuoted reads a 'quoted' value that ends on its line.
func singleQuoted(s string) *yaml.Node {
	var b strings.Builder
	i := 1
	for {
		j := strings.IndexByte(s[i:], '\'')
		if j < 0 {
			return nil // goes on to the next line
		}
		b.WriteString(s[i : i+j])
		i += j + 1
		if i < len(s) && s[i] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		break
	}
	if strings.TrimRight(s[i:], " ") != "" {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: b.String(), Style: yaml.SingleQuotedStyle}
}

// doubleQuoted reads a "quoted" value without escapes that ends on its line.
func doubleQuoted(s string) *yaml.Node {
	end := strings.IndexAny(s[1:], "\"\\")
	if end < 0 || s[1+end] != '"' || strings.TrimRight(s[2+end:], " ") != "" {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s[1 : 1+end], Style: yaml.DoubleQuotedStyle}
}

// flowSequence reads [a, b, c] of simple names on one line.
func (p *fastParser) flowSequence(s string, col int) *yaml.Node {
	end := strings.IndexByte(s, ']')
	if end < 0 || strings.TrimRight(s[end+1:], " ") != "" {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	inner := s[1:end]
	if strings.TrimLeft(inner, " ") == "" {
		return n
	}
	off := col + 1
	for _, item := range strings.Split(inner, ",") {
		v := strings.Trim(item, " ")
		if v == "" {
			return nil
		}
		for i := 0; i < len(v); i++ {
			if !isNameByte(v[i]) && v[i] != '.' && v[i] != '/' {
				return nil
			}
		}
		c := p.plain(v, off+len(item)-len(strings.TrimLeft(item, " ")))
		if c == nil {
			return nil
		}
		n.Content = append(n.Content, c)
		off += len(item) + 1
	}
	return n
}

// literal reads a | block: "|", "|-" or "|+", then lines indented more than
// parent. Its node is at the indicator.
func (p *fastParser) literal(head string, col, parent int) *yaml.Node {
	var chomp byte
	switch head {
	case "|":
	case "|-", "|+":
		chomp = head[1]
	default:
		return nil // an indentation indicator, a comment or anything else
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.LiteralStyle, Line: p.line(), Column: col + 1}
	p.i++
	// The block's indentation is that of its first line with text. Lines
	// of spaces only are left to yaml.v3: their length matters.
	indent := -1
	for j := p.i; j < len(p.lines); j++ {
		if k := p.lines[j].kind; k == lineSpaces {
			return nil
		} else if k != lineEmpty {
			indent = p.lines[j].indent
			break
		}
	}
	if indent <= parent {
		return nil // an empty block
	}
	// The block ends at the first line with text that is less indented.
	end, size := p.i, 1
	for ; end < len(p.lines); end++ {
		l := p.lines[end]
		if l.kind == lineSpaces {
			return nil
		}
		if l.kind != lineEmpty && l.indent < indent {
			break
		}
		size += max(l.indent-indent, 0) + len(l.text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	breaks := 0 // line breaks owed before the next text
	for ; p.i < end; p.i++ {
		l := p.lines[p.i]
		if l.kind == lineEmpty {
			breaks++
			continue
		}
		if b.Len() > 0 {
			breaks++ // the break ending the previous line of text
		}
		for ; breaks > 0; breaks-- {
			b.WriteByte('\n')
		}
		for range l.indent - indent {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	if p.i == len(p.lines) && p.noFinalBreak {
		return nil // the last line has no break for chomping to act on
	}
	switch chomp {
	case 0:
		b.WriteByte('\n')
	case '+':
		for breaks++; breaks > 0; breaks-- {
			b.WriteByte('\n')
		}
	}
	n.Value = b.String()
	return n
}
