// Package tmplexec executes layouts that html/template has already escaped,
// faster than html/template executes them, and with the same output.
//
// html/template decides how every value is escaped: it rewrites each action
// of a layout so that its pipeline ends in escaping functions chosen for the
// action's context (text, a quoted attribute, a URL). text/template then
// runs the rewritten layout, and calls every field, method and escaping
// function through reflect; on a large site that was most of the build.
// This package runs the same rewritten parse trees. It reads fields through
// indices resolved once per type, and runs the escaping functions as plain
// Go, written to match html/template's byte for byte (tests compare the two
// on every page of the default site and of a synthetic one, and on fuzzed
// values in every context).
//
// It runs only what it knows: Compile rejects a layout that uses a function
// or construct outside its subset, and Execute fails on anything else: a
// value it does not handle (a map, a nil pointer, HTML in an attribute,
// with ErrUnsupported) or an error of the data's own methods. The caller
// then executes the page with html/template, so the output, and the message
// of any error, is always html/template's.
package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
)

// ErrUnsupported reports that a layout or a value is outside what this
// package runs; html/template should execute the page instead.
var ErrUnsupported = errors.New("tmplexec: not supported")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// Program is one compiled template and the templates it calls.
type Program struct {
	root *listOp
}

// Compile compiles the template called name in set, and every template it
// calls. html/template must have escaped it already (by executing it once).
// funcs are the functions the set was parsed with.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: set, funcs: funcs, lists: map[string]*listOp{}}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	lists map[string]*listOp // compiled templates by name, for calls
}

func (c *compiler) template(name string) (*listOp, error) {
	if l, ok := c.lists[name]; ok {
		return l, nil // also a template being compiled: recursion
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		// A template html/template derived for another context is not
		// in the set; nor is one that is not defined.
		return nil, unsupported("template %q not in the set", name)
	}
	l := &listOp{}
	c.lists[name] = l
	ops, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	l.ops = ops.ops
	return l, nil
}

func (c *compiler) list(l *parse.ListNode) (*listOp, error) {
	out := &listOp{}
	if l == nil {
		return out, nil
	}
	for _, n := range l.Nodes {
		op, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if op != nil {
			out.ops = append(out.ops, op)
		}
	}
	return out, nil
}

func (c *compiler) node(n parse.Node) (op, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return textOp(n.Text), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.branch(&n.BranchNode, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, true)
	case *parse.RangeNode:
		b, err := c.branch(&n.BranchNode, false)
		if err != nil {
			return nil, err
		}
		return &rangeOp{b.(*branchOp)}, nil
	case *parse.TemplateNode:
		body, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		var p *pipeline
		if n.Pipe != nil {
			if p, err = c.pipeline(n.Pipe); err != nil {
				return nil, err
			}
		}
		return &callOp{pipe: p, body: body}, nil
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, unsupported("%s", n)
}

// action compiles an action: it prints a value through html/template's
// escapers, or, with a declaration, sets variables and prints nothing.
func (c *compiler) action(n *parse.ActionNode) (op, error) {
	if len(n.Pipe.Decl) > 0 {
		p, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		return &declOp{p}, nil
	}
	cmds := n.Pipe.Cmds
	var chain []escaper
	for len(cmds) > 0 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 {
			break
		}
		e, ok := escapers[id.Ident]
		if !ok {
			break
		}
		chain = append([]escaper{e}, chain...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(chain) == 0 || len(cmds) == 0 {
		return nil, unsupported("action without a known escaper: %s", n)
	}
	p, err := c.pipeline(&parse.PipeNode{Cmds: cmds})
	if err != nil {
		return nil, err
	}
	return &printOp{pipe: p, escapers: chain}, nil
}

func (c *compiler) branch(b *parse.BranchNode, with bool) (op, error) {
	p, err := c.pipeline(b.Pipe)
	if err != nil {
		return nil, err
	}
	list, err := c.list(b.List)
	if err != nil {
		return nil, err
	}
	var elseList *listOp
	if b.ElseList != nil {
		if elseList, err = c.list(b.ElseList); err != nil {
			return nil, err
		}
	}
	return &branchOp{pipe: p, list: list, elseList: elseList, with: with}, nil
}

func (c *compiler) pipeline(p *parse.PipeNode) (*pipeline, error) {
	out := &pipeline{assign: p.IsAssign}
	for _, v := range p.Decl {
		out.decl = append(out.decl, v.Ident[0])
	}
	for _, cmd := range p.Cmds {
		cc, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		out.cmds = append(out.cmds, cc)
	}
	return out, nil
}

// command compiles one command of a pipeline: its first word says what it
// is, the rest are arguments.
func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args, err := c.args(cmd.Args[1:])
	if err != nil {
		return nil, err
	}
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return &fieldCmd{fields: newFields(n.Ident), args: args}, nil
	case *parse.VariableNode:
		return &varCmd{name: n.Ident[0], fields: newFields(n.Ident[1:]), args: args}, nil
	case *parse.IdentifierNode:
		return c.function(n.Ident, args)
	}
	if len(args) > 0 {
		return nil, unsupported("%s is not a function", cmd.Args[0])
	}
	a, err := c.arg(cmd.Args[0])
	if err != nil {
		return nil, err
	}
	return &argCmd{a}, nil
}

func (c *compiler) args(nodes []parse.Node) ([]arg, error) {
	var out []arg
	for _, n := range nodes {
		a, err := c.arg(n)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// arg compiles an argument. A constant keeps its node, since text/template
// gives it the type of the parameter it is passed to.
func (c *compiler) arg(n parse.Node) (arg, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return arg{kind: argDot}, nil
	case *parse.FieldNode:
		return arg{kind: argEval, cmd: &fieldCmd{fields: newFields(n.Ident)}}, nil
	case *parse.VariableNode:
		return arg{kind: argEval, cmd: &varCmd{name: n.Ident[0], fields: newFields(n.Ident[1:])}}, nil
	case *parse.PipeNode:
		p, err := c.pipeline(n)
		if err != nil {
			return arg{}, err
		}
		return arg{kind: argEval, cmd: &pipeCmd{p}}, nil
	case *parse.IdentifierNode:
		f, err := c.function(n.Ident, nil)
		if err != nil {
			return arg{}, err
		}
		return arg{kind: argEval, cmd: f}, nil
	case *parse.StringNode:
		return arg{kind: argString, text: n.Text, value: reflect.ValueOf(n.Text)}, nil
	case *parse.BoolNode:
		return arg{kind: argBool, value: reflect.ValueOf(n.True)}, nil
	case *parse.NumberNode:
		// Only what text/template makes an int: no floats, no overflow.
		if !n.IsInt || isFloatText(n.Text) || int64(int(n.Int64)) != n.Int64 {
			return arg{}, unsupported("number %s", n.Text)
		}
		return arg{kind: argInt, value: reflect.ValueOf(int(n.Int64)), num: n.Int64}, nil
	}
	return arg{}, unsupported("argument %s", n)
}

// isFloatText reports whether text/template would read a number as a float.
func isFloatText(s string) bool {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') || len(s) > 0 && s[0] == '\'' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', 'e', 'E', 'p', 'P':
			return true
		}
	}
	return false
}

// function compiles a call of a builtin or of one of the set's functions.
func (c *compiler) function(name string, args []arg) (command, error) {
	switch name {
	case "and", "or", "not", "eq", "ne", "len", "print":
		return &builtinCmd{name: name, args: args}, nil
	}
	if fn, ok := c.funcs[name]; ok {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func || !goodFunc(v.Type()) {
			return nil, unsupported("function %s", name)
		}
		return &funcCmd{name: name, fn: v, args: args}, nil
	}
	return nil, unsupported("function %s", name)
}

// goodFunc reports whether text/template can call a function of type t: one
// result, or two where the second is an error.
func goodFunc(t reflect.Type) bool {
	return t.NumOut() == 1 || t.NumOut() == 2 && t.Out(1) == errorType
}
