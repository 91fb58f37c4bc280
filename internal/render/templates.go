package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync/atomic"

	"github.com/riskguide/riskguide/internal/tmplexec"
)

// pageKinds are the page templates in layouts/, one per kind of page.
var pageKinds = []string{"home", "result", "recommendation", "checklists", "checklist", "print-checklists", "self-assessment", "protocols", "protocol", "print-protocols", "sources", "print", "search", "page"}

// templates holds the parsed layouts: one template set per page kind, each a
// clone of the frame and partials with that kind's file added.
type templates struct {
	byKind map[string]*template.Template
	// compiled are the same layouts, escaped by html/template, compiled
	// for tmplexec, which runs them several times faster. A page kind whose
	// layouts it cannot run has none, and runs on html/template alone.
	compiled map[string]*tmplexec.Program
	// declined counts the pages a compiled layout left to html/template.
	declined atomic.Int64
}

// errNotCompiled reports that the compiled layout declined a page (or
// failed on it); the page is rendered again, from fresh data, by
// html/template, whose output and errors are the reference.
var errNotCompiled = errors.New("compiled layout declined the page")

// funcs is the small set of helpers layouts may call; everything else is a
// method of the page data.
var funcs = template.FuncMap{
	// add is for numbering in loops.
	"add": func(a, b int) int { return a + b },
	// join joins strings with a separator.
	"join": strings.Join,
}

func parseTemplates(theme fs.FS, msgs *Messages) (*templates, error) {
	base := template.New("baseof.html").Funcs(funcs)
	src, err := fs.ReadFile(theme, "layouts/baseof.html")
	if err != nil {
		return nil, fmt.Errorf("layouts/baseof.html: %w", err)
	}
	if _, err := base.Parse(string(src)); err != nil {
		return nil, layoutError(err)
	}
	partials, err := fs.Glob(theme, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range partials {
		if err := parseInto(base, theme, p); err != nil {
			return nil, err
		}
	}
	t := &templates{byKind: map[string]*template.Template{}, compiled: map[string]*tmplexec.Program{}}
	f := newFolder(msgs)
	for _, kind := range pageKinds {
		k, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseInto(k, theme, "layouts/"+kind+".html"); err != nil {
			return nil, err
		}
		if err := f.fold(k); err != nil {
			return nil, err
		}
		t.byKind[kind] = k
		if p, err := tmplexec.Compile(k, "baseof.html", funcs); err == nil {
			t.compiled[kind] = p
		}
	}
	return t, nil
}

func parseInto(t *template.Template, theme fs.FS, name string) error {
	src, err := fs.ReadFile(theme, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// Named by the path under layouts/, so that errors point at the file.
	if _, err := t.New(strings.TrimPrefix(name, "layouts/")).Parse(string(src)); err != nil {
		return layoutError(err)
	}
	return nil
}

// layoutError makes template errors name the layouts/ folder, so that a
// site author can find the file.
func layoutError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	return fmt.Errorf("layouts/%s", msg)
}

// execute renders a page with its kind's compiled layout, if it has one,
// or else with html/template. It returns errNotCompiled if the compiled
// layout did not render the page: the page must then be made again and
// given to executeHTML.
func (t *templates) execute(w io.Writer, kind string, data any) error {
	if p := t.compiled[kind]; p != nil {
		if err := p.Execute(w, data); err != nil {
			t.declined.Add(1)
			return errNotCompiled
		}
		return nil
	}
	return t.executeHTML(w, kind, data)
}

// executeHTML renders a page with html/template.
func (t *templates) executeHTML(w io.Writer, kind string, data any) error {
	k := t.byKind[kind]
	if k == nil {
		return fmt.Errorf("no layout for page kind %q", kind)
	}
	if err := k.ExecuteTemplate(w, "baseof.html", data); err != nil {
		return layoutError(err)
	}
	return nil
}

// executePartial renders one named template of a page kind's set with data.
func (t *templates) executePartial(w io.Writer, kind, name string, data any) error {
	k := t.byKind[kind]
	if k == nil {
		return fmt.Errorf("no layout for page kind %q", kind)
	}
	if err := k.ExecuteTemplate(w, name, data); err != nil {
		return layoutError(err)
	}
	return nil
}
