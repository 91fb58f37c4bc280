package render

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/site"
	"github.com/riskguide/riskguide/internal/synth"
)

// renderAll renders s into memory with o, whose theme and source default to
// the built-in ones. With htmlOnly, every page is executed by html/template,
// as before layouts were compiled.
func renderAll(t *testing.T, s *site.Site, o Options, htmlOnly bool) (map[string][]byte, *renderer, error) {
	t.Helper()
	if o.Theme == nil {
		o.Theme = riskguide.Default
	}
	o.Source = riskguide.Default
	o.Workers = 1 // so that a failing build fails on the same page each time
	r, err := newRenderer(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if htmlOnly {
		r.tmpl.compiled = nil
	}
	var mu sync.Mutex
	out := map[string][]byte{}
	err = r.render(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		out[p] = bytes.Clone(data)
		return nil
	})
	return out, r, err
}

func sameOutput(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for p, w := range want {
		if g, ok := got[p]; !ok || !bytes.Equal(g, w) {
			t.Fatalf("%s differs from html/template's", p)
		}
	}
}

func loadDir(t *testing.T, dir string) *site.Site {
	t.Helper()
	s, diags := load.Load(os.DirFS(dir))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

// TestCompiledLayoutsMatchHTMLTemplate renders the default site and a
// synthetic one with compiled layouts and with html/template alone: every
// file must be the same, and the compiled layouts must have rendered every
// page themselves.
func TestCompiledLayoutsMatchHTMLTemplate(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 300, 7); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*site.Site{"default": defaultSite(t), "synthetic": loadDir(t, dir)} {
		t.Run(name, func(t *testing.T) {
			got, r, err := renderAll(t, s, Options{}, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range pageKinds {
				if r.tmpl.compiled[kind] == nil {
					t.Errorf("the %s layout is not compiled", kind)
				}
			}
			if n := r.tmpl.declined.Load(); n > 0 {
				t.Errorf("compiled layouts left %d pages to html/template", n)
			}
			want, _, err := renderAll(t, s, Options{}, true)
			if err != nil {
				t.Fatal(err)
			}
			sameOutput(t, got, want)
		})
	}
}

// themeWith is the default theme with some layouts replaced.
type themeWith fstest.MapFS

func (th themeWith) Open(name string) (fs.File, error) {
	if f, err := fstest.MapFS(th).Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return riskguide.Default.Open(name)
}

// TestDeclinedPagesAreRenderedByHTMLTemplate gives the free pages a layout
// the compiled form cannot finish (Markdown, then the same HTML in an
// attribute, which html/template strips of tags). Each such page is made
// again and rendered by html/template: the output is html/template's, with
// the same Markdown ids as if it had rendered it from the start.
func TestDeclinedPagesAreRenderedByHTMLTemplate(t *testing.T) {
	theme := themeWith{"layouts/page.html": {Data: []byte(`{{define "main"}}{{$h := .Markdown .Page.Body}}` +
		`<div>{{$h}}</div>{{.Markdown .Page.Body}}<p title="{{$h}}"></p>{{end}}`)}}
	s := defaultSite(t)
	got, r, err := renderAll(t, s, Options{Theme: theme}, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.tmpl.compiled["page"] == nil {
		t.Fatal("the page layout is not compiled")
	}
	if n, pages := r.tmpl.declined.Load(), int64(len(s.Pages)); n != pages || n == 0 {
		t.Fatalf("%d pages declined, want the %d free pages", n, pages)
	}
	want, _, err := renderAll(t, s, Options{Theme: theme}, true)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, got, want)
}

// TestCompiledLayoutErrorsAreHTMLTemplates: a layout that fails fails with
// html/template's message, naming the layout and the line.
func TestCompiledLayoutErrorsAreHTMLTemplates(t *testing.T) {
	theme := themeWith{"layouts/page.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{index .Site.Roles 999}}{{end}}")}}
	s := defaultSite(t)
	_, _, err := renderAll(t, s, Options{Theme: theme}, false)
	if err == nil {
		t.Fatal("the build passed")
	}
	_, _, want := renderAll(t, s, Options{Theme: theme}, true)
	if err.Error() != want.Error() || !strings.Contains(err.Error(), "layouts/page.html:3") {
		t.Fatalf("error %q, want html/template's %q", err, want)
	}
}

// TestPreparedMarkdownIsTheSame: Markdown converted while the checker
// parsed it gives the same site as Markdown converted while rendering, and
// the checker finds the same links and text either way.
func TestPreparedMarkdownIsTheSame(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 120, 3); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*site.Site{"default": defaultSite(t), "synthetic": loadDir(t, dir)} {
		t.Run(name, func(t *testing.T) {
			prep := Prepare(s)
			diags, plain := check.AfterLoadText(s, nil, func() check.Analyzer { return prep.Analyzer() })
			wantDiags, wantPlain := check.AfterLoadText(s, nil, nil)
			if len(diags) > 0 || len(wantDiags) > 0 || !maps.Equal(plain, wantPlain) {
				t.Fatalf("diagnostics %v and %v; plain texts differ: %v", diags, wantDiags, !maps.Equal(plain, wantPlain))
			}
			shared, perPage := 0, 0
			prep.shared.m.Range(func(_, v any) bool {
				if v.(sharedText).pageFree {
					shared++
				} else {
					perPage++
				}
				return true
			})
			if shared < len(s.AllRecommendations()) {
				t.Fatalf("%d texts prepared for every page, %d for each page", shared, perPage)
			}
			render := func(p *Prepared) map[string][]byte {
				out, _, err := renderAll(t, s, Options{PlainText: plain, Prepared: p}, false)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			sameOutput(t, render(prep), render(nil))
			// And the render does take its Markdown from prep.
			g := s.AllRecommendations()[0].Guidance.Value
			prep.shared.m.Store(g, sharedText{html: "<p>prepared-sentinel</p>", pageFree: true})
			if out := render(prep); !bytes.Contains(out[recPath(s.AllRecommendations()[0].ID)], []byte("prepared-sentinel")) {
				t.Fatal("the render converted the guidance itself")
			}
		})
	}
}

// TestUncompiledLayoutsRunOnHTMLTemplate: a layout that uses what the
// compiled form does not know (printf here) is not compiled, and its pages
// are html/template's.
func TestUncompiledLayoutsRunOnHTMLTemplate(t *testing.T) {
	theme := themeWith{"layouts/page.html": {Data: []byte(`{{define "main"}}<h1>{{printf "%s (%d)" .Title 3}}</h1>{{end}}`)}}
	s := defaultSite(t)
	got, r, err := renderAll(t, s, Options{Theme: theme}, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.tmpl.compiled["page"] != nil || r.tmpl.compiled["recommendation"] == nil {
		t.Fatal("the page layout was compiled, or the others were not")
	}
	want, _, err := renderAll(t, s, Options{Theme: theme}, true)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, got, want)
	if !bytes.Contains(got["about/index.html"], []byte(" (3)</h1>")) {
		t.Error("the free page does not show its layout")
	}
}
