package render

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// Interface strings without arguments, such as {{.T "rec.guidance"}}, print
// the same text on every page. Each such action costs a method call and an
// escaping function, both through reflection, and on a large site they were
// the largest single share of the build. A folder replaces them, in the
// escaped templates, by the text they print: the same bytes, computed once.
//
// Only T can be folded this way: it is the one method of page data that
// depends on nothing but its key. Actions whose escaping is one of the
// three plain contexts below are folded; any other context (a URL, a
// script) is left to run as written, and so is a key the strings lack,
// which then fails the page as before.

// foldContexts are html/template's escapers for text, a quoted attribute
// and RCDATA (<title>, <textarea>), each with a template that puts a value
// in that context, so that folded text is escaped by html/template itself.
// They are parsed once; a template is safe to execute concurrently.
var foldContexts = map[string]foldContext{
	"_html_template_htmlescaper":   newFoldContext("", ""),
	"_html_template_attrescaper":   newFoldContext(`<p title="`, `">`),
	"_html_template_rcdataescaper": newFoldContext("<title>", "</title>"),
}

type foldContext struct {
	before, after string
	t             *template.Template
}

func newFoldContext(before, after string) foldContext {
	return foldContext{before, after, template.Must(template.New("fold").Parse(before + "{{.}}" + after))}
}

// escape escapes s as html/template does in this context.
func (c foldContext) escape(s string) (string, error) {
	var b bytes.Buffer
	if err := c.t.Execute(&b, s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), c.before), c.after), nil
}

// newFolder returns a folder for one set of layouts; it remembers the text
// of each string in each context for all page kinds.
func newFolder(msgs *Messages) *folder {
	return &folder{msgs: msgs, cache: map[[2]string]string{}}
}

// fold escapes the templates of one page kind, starting from baseof.html,
// and folds their interface strings.
func (f *folder) fold(t *template.Template) error {
	// Escaping happens on first execution; data nil stops the execution
	// at once, after escaping. Only escaping errors matter here.
	err := t.ExecuteTemplate(io.Discard, "baseof.html", nil)
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return layoutError(err)
	}
	for _, tm := range t.Templates() {
		if tm.Tree != nil && tm.Tree.Root != nil {
			if err := f.list(tm.Tree.Root); err != nil {
				return err
			}
		}
	}
	return nil
}

type folder struct {
	msgs  *Messages
	cache map[[2]string]string // escaper, key -> escaped text
}

func (f *folder) list(l *parse.ListNode) error {
	if l == nil {
		return nil
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			text, ok, err := f.action(n)
			if err != nil {
				return err
			}
			if ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			if err := f.branch(&n.BranchNode); err != nil {
				return err
			}
		case *parse.RangeNode:
			if err := f.branch(&n.BranchNode); err != nil {
				return err
			}
		case *parse.WithNode:
			if err := f.branch(&n.BranchNode); err != nil {
				return err
			}
		case *parse.ListNode:
			if err := f.list(n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *folder) branch(b *parse.BranchNode) error {
	if err := f.list(b.List); err != nil {
		return err
	}
	return f.list(b.ElseList)
}

// action returns the text an action always prints, if it is an interface
// string without arguments in a plain context.
func (f *folder) action(n *parse.ActionNode) (string, bool, error) {
	p := n.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 {
		return "", false, nil
	}
	call := p.Cmds[0].Args
	if len(call) != 2 || !isT(call[0]) {
		return "", false, nil
	}
	key, ok := call[1].(*parse.StringNode)
	if !ok {
		return "", false, nil
	}
	esc := p.Cmds[1].Args
	if len(esc) != 1 {
		return "", false, nil
	}
	id, ok := esc[0].(*parse.IdentifierNode)
	if !ok {
		return "", false, nil
	}
	ctx, ok := foldContexts[id.Ident]
	if !ok {
		return "", false, nil
	}
	ck := [2]string{id.Ident, key.Text}
	if text, ok := f.cache[ck]; ok {
		return text, true, nil
	}
	s, err := f.msgs.Format(key.Text)
	if err != nil {
		return "", false, nil // left to fail the page, with its position
	}
	text, err := ctx.escape(s)
	if err != nil {
		return "", false, err
	}
	f.cache[ck] = text
	return text, true, nil
}

// isT reports whether a node calls a method T: .T, $.T, $page.T or
// .Page.T. Whatever it is called on, a T that runs without error is the
// interface strings' (page data and Chrome share it; no site type has a T),
// so folding it cannot change what a working layout prints.
func isT(n parse.Node) bool {
	var ident []string
	switch n := n.(type) {
	case *parse.FieldNode:
		ident = n.Ident
	case *parse.VariableNode:
		ident = n.Ident
		if len(ident) < 2 {
			return false // $T is a variable, not a call
		}
	default:
		return false
	}
	return len(ident) > 0 && ident[len(ident)-1] == "T"
}
