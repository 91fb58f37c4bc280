package render

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
	"github.com/riskguide/riskguide/internal/synth"
)

// renderAll renders s into memory with o, whose theme and source default to
// the built-in ones.
func renderAll(t *testing.T, s *site.Site, o Options) (map[string][]byte, *renderer, error) {
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
	out := publish.NewMemory()
	err = r.render(out)
	return out.Contents(), r, err
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

// TestLayoutErrorsNameTheLayout: a layout that fails fails with
// html/template's message, naming the layout and the line.
func TestLayoutErrorsNameTheLayout(t *testing.T) {
	theme := themeWith{"layouts/page.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{.T \"no.such.string\"}}{{end}}")}}
	s := defaultSite(t)
	_, _, err := renderAll(t, s, Options{Theme: theme})
	if err == nil {
		t.Fatal("the build passed")
	}
	if !strings.Contains(err.Error(), "layouts/page.html:3") || !strings.Contains(err.Error(), "no.such.string") {
		t.Fatalf("error %q does not name the layout, line and string", err)
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
				out, _, err := renderAll(t, s, Options{PlainText: plain, Prepared: p})
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

// TestLayoutsMayUseTheWholeTemplateLanguage: a site's own layout may call
// any of html/template's functions (printf here).
func TestLayoutsMayUseTheWholeTemplateLanguage(t *testing.T) {
	theme := themeWith{"layouts/page.html": {Data: []byte(`{{define "main"}}<h1>{{printf "%s (%d)" .Title 3}}</h1>{{end}}`)}}
	got, _, err := renderAll(t, defaultSite(t), Options{Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got["about/index.html"], []byte(" (3)</h1>")) {
		t.Error("the free page does not show its layout")
	}
}
