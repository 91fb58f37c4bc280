package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
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

// KindRows is the node kind of a rows marker.
var KindRows = ast.NewNodeKind("Rows")

// Rows is the marker [[rows: N]] in a table row: the row is shown N times,
// so that a template such as a referral record prints with N blank rows.
type Rows struct {
	ast.BaseInline
	Count int
}

// Kind implements ast.Node.
func (*Rows) Kind() ast.NodeKind { return KindRows }

// Dump implements ast.Node.
func (n *Rows) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Count": strconv.Itoa(n.Count)}, nil)
}

// MaxRows bounds the rows a marker asks for: more would not fit a page.
const MaxRows = 40

var rowsMarker = regexp.MustCompile(`^\[\[\s*rows:\s*([0-9]+)\s*\]\]`)

// ParseRows recognises a rows marker, [[rows: N]], at the start of s. It
// returns N as written and the length of the syntax; n is 0 when s does not
// start with a marker.
func ParseRows(s string) (count, n int) {
	m := rowsMarker.FindStringSubmatch(s)
	if m == nil {
		return 0, 0
	}
	count, err := strconv.Atoi(m[1])
	if err != nil {
		count = MaxRows + 1
	}
	return count, len(m[0])
}

type fields struct{}

func (fields) Extend(m goldmark.Markdown) {
	// Before the link parser (priority 200), which also starts at '['.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(fieldParser{}, 199)),
		// After the table transformer (priority 0), which makes the rows.
		parser.WithASTTransformers(util.Prioritized(rowsTransformer{}, 50)))
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
	if count, n := ParseRows(string(line)); n > 0 {
		block.Advance(n)
		return &Rows{Count: count}
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
	// A marker outside a table row (which the loader reports) shows nothing.
	reg.Register(KindRows, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

// rowsTransformer repeats each table row that holds a rows marker as many
// times as it asks, each copy with fields of its own, and drops the marker.
type rowsTransformer struct{}

func (rowsTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	var markers []*Rows
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*Rows); ok && entering {
			markers = append(markers, m)
		}
		return ast.WalkContinue, nil
	})
	for _, m := range markers {
		row := m.Parent()
		for row != nil && row.Kind() != extast.KindTableRow {
			row = row.Parent()
		}
		m.Parent().RemoveChild(m.Parent(), m)
		if row == nil || m.Count < 2 || m.Count > MaxRows {
			continue
		}
		after := row
		for i := 2; i <= m.Count; i++ {
			c := cloneRow(row.(*extast.TableRow), i, pc)
			row.Parent().InsertAfter(row.Parent(), after, c)
			after = c
		}
	}
}

// cloneRow copies a table row for its nth showing. A copy holds the row's
// text and fields (each field new, with an id of its own and its label
// numbered for screen readers); other inline content is copied as its text.
func cloneRow(row *extast.TableRow, nth int, pc parser.Context) *extast.TableRow {
	out := extast.NewTableRow(row.Alignments)
	for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
		c := extast.NewTableCell()
		if tc, ok := cell.(*extast.TableCell); ok {
			c.Alignment = tc.Alignment
		}
		cloneInline(cell, c, nth, pc)
		out.AppendChild(out, c)
	}
	return out
}

func cloneInline(from, to ast.Node, nth int, pc parser.Context) {
	for n := from.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *Field:
			label := n.Label + " " + strconv.Itoa(nth)
			f := &Field{Label: label, Multiline: n.Multiline}
			f.ID = "field-" + string(pc.IDs().Generate([]byte(n.Label), KindField))
			to.AppendChild(to, f)
		case *ast.Text:
			t := ast.NewTextSegment(n.Segment)
			t.SetSoftLineBreak(n.SoftLineBreak())
			t.SetRaw(n.IsRaw())
			to.AppendChild(to, t)
		case *ast.String:
			to.AppendChild(to, ast.NewString(n.Value))
		case *ast.Emphasis:
			e := ast.NewEmphasis(n.Level)
			cloneInline(n, e, nth, pc)
			to.AppendChild(to, e)
		default:
			cloneInline(n, to, nth, pc)
		}
	}
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
		fmt.Fprintf(w, `<span class="field field-multi"><label%s for="%s">%s</label><textarea id="%[2]s" name="%[2]s" rows="4" data-field></textarea></span>`, labelClass, id, label)
	} else {
		fmt.Fprintf(w, `<span class="field"><label%s for="%s">%s</label> <input type="text" id="%[2]s" name="%[2]s" data-field></span>`, labelClass, id, label)
	}
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
