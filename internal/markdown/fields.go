package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindField is the node kind of a fill-in field.
var KindField = ast.NewNodeKind("Field")

// Field is a fill-in field: [[Label]] for one line, [[Label...]] for several.
type Field struct {
	ast.BaseInline
	Label     string
	Multiline bool
	ID        string
}

// Kind implements ast.Node.
func (*Field) Kind() ast.NodeKind { return KindField }

// Dump implements ast.Node.
func (n *Field) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// ParseField recognises a field at the start of s. It returns the label,
// whether the field spans several lines, and the length of the syntax; n is 0
// when s does not start with a field. A label is one line of text without
// brackets.
func ParseField(s string) (label string, multiline bool, n int) {
	if !strings.HasPrefix(s, "[[") {
		return "", false, 0
	}
	// The label ends at the first bracket or line end, which must be "]]".
	// Looking no further keeps a line of many "[[" linear.
	end := strings.IndexAny(s[2:], "[]\n")
	if end < 0 || !strings.HasPrefix(s[2+end:], "]]") {
		return "", false, 0
	}
	end += 2
	inner := s[2:end]
	if strings.HasSuffix(inner, "...") {
		multiline = true
		inner = strings.TrimSuffix(inner, "...")
	} else if strings.HasSuffix(inner, "…") {
		multiline = true
		inner = strings.TrimSuffix(inner, "…")
	}
	label = strings.TrimSpace(inner)
	if label == "" {
		return "", false, 0
	}
	return label, multiline, end + 2
}

type fields struct{}

func (fields) Extend(m goldmark.Markdown) {
	// Before the link parser (priority 200), which also starts at '['.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(fieldParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(fieldRenderer{}, 100)))
}

type fieldParser struct{}

func (fieldParser) Trigger() []byte { return []byte{'['} }

func (fieldParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2 || line[1] != '[' {
		return nil
	}
	// Only the field, not the rest of a long line, is copied to a string.
	if end := bytes.IndexAny(line[2:], "[]\n"); end >= 0 {
		line = line[:min(len(line), end+4)]
	}
	label, multi, n := ParseField(string(line))
	if n == 0 {
		return nil
	}
	block.Advance(n)
	f := &Field{Label: label, Multiline: multi}
	f.ID = "field-" + string(pc.IDs().Generate([]byte(label), KindField))
	return f
}

type fieldRenderer struct{}

func (fieldRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindField, renderField)
}

// renderField writes a labelled control. The browser keeps its value
// (assets/js/fields.js); on paper the CSS draws a ruled space under the label.
func renderField(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	f := node.(*Field)
	id := util.EscapeHTML([]byte(f.ID))
	label := util.EscapeHTML([]byte(f.Label))
	// In a table the column heading names the field for sighted readers, on
	// screen and on paper; the label stays for screen readers.
	labelClass := ""
	if inTableCell(node) {
		labelClass = ` class="visually-hidden"`
	}
	if f.Multiline {
		w.WriteString(`<span class="field field-multi"><label`)
		w.WriteString(labelClass)
		w.WriteString(` for="`)
		w.Write(id)
		w.WriteString(`">`)
		w.Write(label)
		w.WriteString(`</label><textarea id="`)
		w.Write(id)
		w.WriteString(`" name="`)
		w.Write(id)
		w.WriteString(`" rows="4" data-field></textarea></span>`)
		return ast.WalkContinue, nil
	}
	w.WriteString(`<span class="field"><label`)
	w.WriteString(labelClass)
	w.WriteString(` for="`)
	w.Write(id)
	w.WriteString(`">`)
	w.Write(label)
	w.WriteString(`</label> <input type="text" id="`)
	w.Write(id)
	w.WriteString(`" name="`)
	w.Write(id)
	w.WriteString(`" data-field></span>`)
	return ast.WalkContinue, nil
}

func inTableCell(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == extast.KindTableCell {
			return true
		}
	}
	return false
}
