package tmplexec

import (
	"fmt"
	"io"
	"reflect"
)

// The executor below follows text/template's exec.go step by step (the
// names in comments are its functions), so that a layout prints the same
// values in the same way. Where text/template would report an error, or do
// something this package does not (maps, nil receivers, iterators), it
// returns an error, and the caller runs html/template instead.

// maxDepth is text/template's limit on nested template calls.
const maxDepth = 100000

type op interface {
	exec(s *state, dot reflect.Value) error
}

type state struct {
	w     io.Writer
	sw    io.StringWriter
	vars  []variable
	base  int // the first variable of the template being executed
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

// Execute runs the program with data as dot and $, writing to w. On any
// error, part of the page may have been written; the caller discards it.
func (p *Program) Execute(w io.Writer, data any) (err error) {
	defer func() {
		// A method of the data panicked. text/template turns that into
		// an error; html/template, run again, will say which.
		if r := recover(); r != nil {
			err = fmt.Errorf("tmplexec: panic: %v", r)
		}
	}()
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s := &state{w: w, vars: make([]variable, 1, 16)}
	if sw, ok := w.(io.StringWriter); ok {
		s.sw = sw
	} else {
		s.sw = stringWriter{w}
	}
	s.vars[0] = variable{"$", value}
	return p.root.exec(s, value)
}

type stringWriter struct{ w io.Writer }

func (w stringWriter) WriteString(s string) (int, error) { return w.w.Write([]byte(s)) }

func (s *state) push(name string, v reflect.Value) {
	s.vars = append(s.vars, variable{name, v})
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

// lookup returns the index of the innermost variable called name.
func (s *state) lookup(name string) (int, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return i, nil
		}
	}
	return 0, unsupported("undefined variable %s", name)
}

type listOp struct{ ops []op }

func (l *listOp) exec(s *state, dot reflect.Value) error {
	for _, o := range l.ops {
		if err := o.exec(s, dot); err != nil {
			return err
		}
	}
	return nil
}

type textOp []byte

func (t textOp) exec(s *state, _ reflect.Value) error {
	_, err := s.w.Write(t)
	return err
}

// printOp is an action that prints: its value, through the escapers
// html/template put at the end of its pipeline.
type printOp struct {
	pipe     *pipeline
	escapers []escaper
}

func (p *printOp) exec(s *state, dot reflect.Value) error {
	v, err := s.pipeline(dot, p.pipe)
	if err != nil {
		return err
	}
	str, ct, err := stringify(v)
	if err != nil {
		return err
	}
	last := len(p.escapers) - 1
	for _, e := range p.escapers[:last] {
		if str, err = e.apply(str, ct); err != nil {
			return err
		}
		ct = contentPlain // an escaper returns a plain string
	}
	return p.escapers[last].write(s.sw, str, ct)
}

// declOp is an action that declares or assigns variables.
type declOp struct{ pipe *pipeline }

func (d *declOp) exec(s *state, dot reflect.Value) error {
	_, err := s.pipeline(dot, d.pipe)
	return err
}

// branchOp is if or with (walkIfOrWith).
type branchOp struct {
	pipe           *pipeline
	list, elseList *listOp
	with           bool
}

func (b *branchOp) exec(s *state, dot reflect.Value) error {
	defer s.pop(s.mark())
	val, err := s.pipeline(dot, b.pipe)
	if err != nil {
		return err
	}
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		return unsupported("if/with of %v", val)
	}
	switch {
	case truth && b.with:
		return b.list.exec(s, val)
	case truth:
		return b.list.exec(s, dot)
	case b.elseList != nil:
		return b.elseList.exec(s, dot)
	}
	return nil
}

// rangeOp is range over an array or a slice (walkRange); anything else it
// ranges over is left to html/template.
type rangeOp struct{ *branchOp }

func (r *rangeOp) exec(s *state, dot reflect.Value) error {
	defer s.pop(s.mark())
	val, err := s.pipeline(dot, r.pipe)
	if err != nil {
		return err
	}
	val, _ = indirect(val)
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		n := val.Len()
		for i := 0; i < n; i++ {
			if err := r.iteration(s, i, val.Index(i)); err != nil {
				return err
			}
		}
		if n > 0 {
			return nil
		}
	case reflect.Invalid:
		// An invalid value ranges over nothing.
	default:
		return unsupported("range over %s", val.Kind())
	}
	if r.elseList != nil {
		return r.elseList.exec(s, dot)
	}
	return nil
}

func (r *rangeOp) iteration(s *state, i int, elem reflect.Value) error {
	decl := r.pipe.decl
	if len(decl) > 0 {
		if r.pipe.assign {
			// With two variables the index comes first; with one, the
			// element.
			target := elem
			if len(decl) > 1 {
				target = reflect.ValueOf(i)
			}
			if err := s.set(decl[0], target); err != nil {
				return err
			}
		} else {
			s.vars[len(s.vars)-1].value = elem
		}
	}
	if len(decl) > 1 {
		if r.pipe.assign {
			if err := s.set(decl[1], elem); err != nil {
				return err
			}
		} else {
			s.vars[len(s.vars)-2].value = reflect.ValueOf(i)
		}
	}
	defer s.pop(s.mark())
	return r.list.exec(s, elem)
}

// callOp is {{template "name" pipeline}}: the template runs with its own
// variables, $ being the new dot.
type callOp struct {
	pipe *pipeline
	body *listOp
}

func (c *callOp) exec(s *state, dot reflect.Value) error {
	if s.depth == maxDepth {
		return unsupported("template calls nested too deeply")
	}
	var newDot reflect.Value
	if c.pipe != nil {
		var err error
		if newDot, err = s.pipeline(dot, c.pipe); err != nil {
			return err
		}
	}
	mark, base := s.mark(), s.base
	s.base = mark
	s.push("$", newDot)
	s.depth++
	err := c.body.exec(s, newDot)
	s.depth--
	s.pop(mark)
	s.base = base
	return err
}

func (s *state) set(name string, v reflect.Value) error {
	i, err := s.lookup(name)
	if err != nil {
		return err
	}
	s.vars[i].value = v
	return nil
}
