package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
)

// templates holds the parsed layouts: one template set per page kind, each a
// clone of the frame and partials with that kind's file added.
type templates struct {
	byKind map[string]*template.Template
}

// funcs is the small set of helpers layouts may call; everything else is a
// method of the page data.
var funcs = template.FuncMap{
	// add is for numbering in loops.
	"add": func(a, b int) int { return a + b },
	// join joins strings with a separator.
	"join": strings.Join,
}

func parseTemplates(theme fs.FS) (*templates, error) {
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
	t := &templates{byKind: map[string]*template.Template{}}
	for _, pk := range allPageKinds() {
		kind := pk.name
		k, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseInto(k, theme, "layouts/"+kind+".html"); err != nil {
			return nil, err
		}
		if err := escape(k); err != nil {
			return nil, err
		}
		t.byKind[kind] = k
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

// escape has html/template escape a page kind's layouts now, so that a
// layout html/template cannot escape fails the build before any page is
// rendered. Escaping happens on first execution; nil data stops the
// execution at once, after escaping, so only escaping errors matter here.
func escape(t *template.Template) error {
	err := t.ExecuteTemplate(io.Discard, "baseof.html", nil)
	var escErr *template.Error
	if errors.As(err, &escErr) {
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

// execute renders one named template of a page kind's set with data: a
// whole page is "baseof.html".
func (t *templates) execute(w io.Writer, kind, name string, data any) error {
	k := t.byKind[kind]
	if k == nil {
		return fmt.Errorf("no layout for page kind %q", kind)
	}
	if err := k.ExecuteTemplate(w, name, data); err != nil {
		return layoutError(err)
	}
	return nil
}
