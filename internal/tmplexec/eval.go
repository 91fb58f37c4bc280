package tmplexec

import (
	"fmt"
	"reflect"
	"sync/atomic"
)

var (
	errorType        = reflect.TypeFor[error]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	stringType       = reflect.TypeFor[string]()
	intType          = reflect.TypeFor[int]()
)

type pipeline struct {
	decl   []string
	assign bool
	cmds   []command
}

// command is one command of a pipeline. final is the previous command's
// value, passed as the last argument, when hasFinal.
type command interface {
	eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error)
}

// pipeline evaluates a pipeline and declares or assigns its variables
// (evalPipeline).
func (s *state) pipeline(dot reflect.Value, p *pipeline) (reflect.Value, error) {
	var value reflect.Value
	for i, cmd := range p.cmds {
		v, err := cmd.eval(s, dot, value, i > 0)
		if err != nil {
			return reflect.Value{}, err
		}
		// An empty interface is looked into, as text/template does.
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = reflect.ValueOf(v.Interface())
		}
		value = v
	}
	for _, name := range p.decl {
		if p.assign {
			if err := s.set(name, value); err != nil {
				return reflect.Value{}, err
			}
		} else {
			s.push(name, value)
		}
	}
	return value, nil
}

type argKind uint8

const (
	argDot argKind = iota
	argEval
	argString
	argBool
	argInt
)

// arg is an argument of a command: dot, something evaluated, or a constant.
type arg struct {
	kind  argKind
	cmd   command       // argEval
	text  string        // argString
	num   int64         // argInt
	value reflect.Value // the constant as an empty interface would hold it
}

// value evaluates an argument as a builtin function receives it, a
// reflect.Value (evalArg with reflectValueType, unwrapped).
func (s *state) value(dot reflect.Value, a arg) (reflect.Value, error) {
	switch a.kind {
	case argDot:
		return dot, nil
	case argEval:
		return a.cmd.eval(s, dot, reflect.Value{}, false)
	}
	return a.value, nil
}

// evalArg evaluates an argument for a parameter of type typ.
func (s *state) evalArg(dot reflect.Value, typ reflect.Type, a arg) (reflect.Value, error) {
	switch a.kind {
	case argDot, argEval:
		v, err := s.value(dot, a)
		if err != nil {
			return v, err
		}
		return validateType(v, typ)
	}
	switch {
	case typ.Kind() == reflect.Interface && typ.NumMethod() == 0:
		return a.value, nil
	case a.kind == argString && typ.Kind() == reflect.String,
		a.kind == argBool && typ.Kind() == reflect.Bool,
		a.kind == argInt && typ == intType:
		if a.value.Type() == typ {
			return a.value, nil
		}
		v := reflect.New(typ).Elem()
		v.Set(a.value.Convert(typ))
		return v, nil
	}
	return reflect.Value{}, unsupported("argument for %s", typ)
}

// validateType makes v fit a parameter of type typ, as text/template does.
func validateType(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return v, unsupported("invalid value for %s", typ)
	}
	if v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		if v.IsNil() {
			return v, unsupported("nil pointer for %s", typ)
		}
		return v.Elem(), nil
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr(), nil
	}
	return v, unsupported("%s for %s", v.Type(), typ)
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}

// argCmd is a command that is a single value: dot, a constant, or a
// parenthesised pipeline.
type argCmd struct{ a arg }

func (c *argCmd) eval(s *state, dot, _ reflect.Value, hasFinal bool) (reflect.Value, error) {
	if hasFinal {
		return reflect.Value{}, unsupported("argument to a non-function")
	}
	return s.value(dot, c.a)
}

type pipeCmd struct{ p *pipeline }

func (c *pipeCmd) eval(s *state, dot, _ reflect.Value, hasFinal bool) (reflect.Value, error) {
	if hasFinal {
		return reflect.Value{}, unsupported("argument to a non-function")
	}
	return s.pipeline(dot, c.p)
}

// fieldCmd is .A.B.C with arguments to the last (evalFieldNode).
type fieldCmd struct {
	fields []*field
	args   []arg
}

func (c *fieldCmd) eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	return s.fieldChain(dot, dot, c.fields, c.args, final, hasFinal)
}

// varCmd is $x.A.B (evalVariableNode).
type varCmd struct {
	name   string
	fields []*field
	args   []arg
}

func (c *varCmd) eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	i, err := s.lookup(c.name)
	if err != nil {
		return reflect.Value{}, err
	}
	v := s.vars[i].value
	if len(c.fields) == 0 {
		if len(c.args) > 0 || hasFinal {
			return reflect.Value{}, unsupported("argument to a variable")
		}
		return v, nil
	}
	return s.fieldChain(dot, v, c.fields, c.args, final, hasFinal)
}

func (s *state) fieldChain(dot, receiver reflect.Value, fields []*field, args []arg, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	n := len(fields)
	var err error
	for _, f := range fields[:n-1] {
		if receiver, err = s.field(dot, f, nil, reflect.Value{}, false, receiver); err != nil {
			return receiver, err
		}
	}
	return s.field(dot, fields[n-1], args, final, hasFinal, receiver)
}

// field is one name in a chain. What the name means for a type of
// receiver (a method or a field, and where) is resolved once and kept:
// nearly every action sees one type only.
type field struct {
	name string
	last atomic.Pointer[resolved]
}

func newFields(names []string) []*field {
	out := make([]*field, len(names))
	for i, n := range names {
		out[i] = &field{name: n}
	}
	return out
}

type resolved struct {
	typ    reflect.Type
	addr   bool         // the receiver was addressable: *T's methods count
	method int          // index in the method set, or -1 for a field
	mtype  reflect.Type // the method's type without its receiver
	index  []int        // the field
}

// field evaluates one name on a receiver (evalField).
func (s *state) field(dot reflect.Value, f *field, args []arg, final reflect.Value, hasFinal bool, receiver reflect.Value) (reflect.Value, error) {
	if !receiver.IsValid() {
		return receiver, unsupported("%s of no value", f.name)
	}
	receiver, isNil := indirect(receiver)
	if isNil {
		return receiver, unsupported("%s of nil", f.name)
	}
	addr := receiver.CanAddr()
	r := f.last.Load()
	if r == nil || r.typ != receiver.Type() || r.addr != addr {
		var err error
		if r, err = resolve(receiver.Type(), addr, f.name); err != nil {
			return receiver, err
		}
		f.last.Store(r)
	}
	if r.method >= 0 {
		ptr := receiver
		if addr {
			ptr = receiver.Addr()
		}
		return s.call(dot, ptr.Method(r.method), r.mtype, args, final, hasFinal)
	}
	if len(args) > 0 || hasFinal {
		return receiver, unsupported("field %s with arguments", f.name)
	}
	if len(r.index) == 1 {
		return receiver.Field(r.index[0]), nil
	}
	v, err := receiver.FieldByIndexErr(r.index)
	if err != nil {
		return v, unsupported("%v", err)
	}
	return v, nil
}

func resolve(t reflect.Type, addr bool, name string) (*resolved, error) {
	r := &resolved{typ: t, addr: addr, method: -1}
	pt := t
	if addr {
		pt = reflect.PointerTo(t)
	}
	if m, ok := pt.MethodByName(name); ok {
		in := make([]reflect.Type, m.Type.NumIn()-1)
		for i := range in {
			in[i] = m.Type.In(i + 1)
		}
		out := make([]reflect.Type, m.Type.NumOut())
		for i := range out {
			out[i] = m.Type.Out(i)
		}
		r.method = m.Index
		r.mtype = reflect.FuncOf(in, out, m.Type.IsVariadic())
		return r, nil
	}
	if t.Kind() == reflect.Struct {
		if sf, ok := t.FieldByName(name); ok && sf.IsExported() {
			r.index = sf.Index
			return r, nil
		}
	}
	return nil, unsupported("%s in %s", name, t)
}

// funcCmd calls one of the set's functions.
type funcCmd struct {
	name string
	fn   reflect.Value
	args []arg
}

func (c *funcCmd) eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	return s.call(dot, c.fn, c.fn.Type(), c.args, final, hasFinal)
}

// call calls a function or method (evalCall).
func (s *state) call(dot, fun reflect.Value, typ reflect.Type, args []arg, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return reflect.Value{}, unsupported("too few arguments")
		}
	} else if numIn != typ.NumIn() {
		return reflect.Value{}, unsupported("wrong number of arguments")
	}
	if !goodFunc(typ) {
		return reflect.Value{}, unsupported("function of type %s", typ)
	}
	argv := make([]reflect.Value, numIn)
	i := 0
	var err error
	for ; i < numFixed && i < len(args); i++ {
		if argv[i], err = s.evalArg(dot, typ.In(i), args[i]); err != nil {
			return reflect.Value{}, err
		}
	}
	if typ.IsVariadic() {
		et := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			if argv[i], err = s.evalArg(dot, et, args[i]); err != nil {
				return reflect.Value{}, err
			}
		}
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		if argv[i], err = validateType(final, t); err != nil {
			return reflect.Value{}, err
		}
	}
	out := fun.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, fmt.Errorf("tmplexec: %w", out[1].Interface().(error))
	}
	if out[0].Type() == reflectValueType {
		return reflect.Value{}, unsupported("function returning reflect.Value")
	}
	return out[0], nil
}

// builtinCmd is one of text/template's builtin functions that layouts use.
type builtinCmd struct {
	name string
	args []arg
}

func (c *builtinCmd) eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	n := len(c.args)
	if hasFinal {
		n++
	}
	vals := func() ([]reflect.Value, error) {
		out := make([]reflect.Value, 0, n)
		for _, a := range c.args {
			v, err := s.value(dot, a)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		if hasFinal {
			out = append(out, final)
		}
		return out, nil
	}
	switch c.name {
	case "and", "or":
		if n == 0 {
			return reflect.Value{}, unsupported("%s without arguments", c.name)
		}
		// Arguments are evaluated only until one decides.
		var v reflect.Value
		for _, a := range c.args {
			var err error
			if v, err = s.value(dot, a); err != nil {
				return v, err
			}
			if truth(v) == (c.name == "or") {
				return v, nil
			}
		}
		if hasFinal {
			v = final
		}
		return v, nil
	case "not":
		if n != 1 {
			return reflect.Value{}, unsupported("not with %d arguments", n)
		}
		v, err := vals()
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(!truth(v[0])), nil
	case "eq", "ne":
		if n < 2 || c.name == "ne" && n != 2 {
			return reflect.Value{}, unsupported("%s with %d arguments", c.name, n)
		}
		v, err := vals()
		if err != nil {
			return reflect.Value{}, err
		}
		equal, err := eq(v[0], v[1:])
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(equal == (c.name == "eq")), nil
	case "len":
		if n != 1 {
			return reflect.Value{}, unsupported("len with %d arguments", n)
		}
		v, err := vals()
		if err != nil {
			return reflect.Value{}, err
		}
		item, isNil := indirect(v[0])
		switch item.Kind() {
		case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
			if !isNil {
				return reflect.ValueOf(item.Len()), nil
			}
		}
		return reflect.Value{}, unsupported("len of %s", item.Kind())
	case "print":
		v, err := vals()
		if err != nil {
			return reflect.Value{}, err
		}
		ifaces := make([]any, len(v))
		for i, x := range v {
			if x.IsValid() {
				ifaces[i] = x.Interface()
			}
		}
		return reflect.ValueOf(fmt.Sprint(ifaces...)), nil
	}
	return reflect.Value{}, unsupported("builtin %s", c.name)
}

// indirect goes through pointers and interfaces to a value, stopping at nil.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the value inside an interface, or no value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// isTrue is text/template's truth: non-zero, non-empty, non-nil.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

type basic uint8

const (
	notBasic basic = iota
	boolKind
	intKind
	uintKind
	floatKind
	stringKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.String:
		return stringKind
	}
	return notBasic
}

// eq is text/template's eq for basic kinds; other comparisons are left to
// text/template.
func eq(a reflect.Value, others []reflect.Value) (bool, error) {
	a = indirectInterface(a)
	ka := basicKind(a)
	for _, b := range others {
		b = indirectInterface(b)
		kb := basicKind(b)
		truth := false
		switch {
		case ka != kb:
			switch {
			case ka == intKind && kb == uintKind:
				truth = a.Int() >= 0 && uint64(a.Int()) == b.Uint()
			case ka == uintKind && kb == intKind:
				truth = b.Int() >= 0 && a.Uint() == uint64(b.Int())
			case a.IsValid() && b.IsValid():
				return false, unsupported("incompatible types for comparison")
			}
		case ka == boolKind:
			truth = a.Bool() == b.Bool()
		case ka == intKind:
			truth = a.Int() == b.Int()
		case ka == uintKind:
			truth = a.Uint() == b.Uint()
		case ka == floatKind:
			truth = a.Float() == b.Float()
		case ka == stringKind:
			truth = a.String() == b.String()
		default:
			return false, unsupported("comparison of %s", a.Kind())
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}
