package render

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
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
	r, err := newRenderer(s, withMessages(t, s, o))
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
	theme := themeWith{"layouts/page.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{.NoSuchField}}{{end}}")}}
	s := defaultSite(t)
	_, _, err := renderAll(t, s, Options{Theme: theme})
	if err == nil {
		t.Fatal("the build passed")
	}
	if !strings.Contains(err.Error(), "layouts/page.html:3") || !strings.Contains(err.Error(), "NoSuchField") {
		t.Fatalf("error %q does not name the layout, line and field", err)
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
