package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/testfs"
)

// A kind of content whose layout has no page data of its own (a new kind)
// still gets a page for each entry, from its layout alone: here the free
// pages, with their kind of page taken out of pageKinds.
func TestKindWithOnlyALayoutGetsItsPages(t *testing.T) {
	saved := pageKinds
	t.Cleanup(func() { pageKinds = saved })
	pageKinds = slices.DeleteFunc(slices.Clone(pageKinds), func(p pageKind) bool { return p.name == "page" })

	m, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	m["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1 class="entry">{{.Title}}</h1><p>{{.Entry.Key}}</p>{{end}}`)}
	s, diags := load.Load(m)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	out := publish.NewMemory()
	if err := Render(s, withMessages(t, s, Options{Theme: m, Source: m, Workers: 1}), out); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Pages {
		page := string(out.Contents()[p.ID+"/index.html"])
		if want := `<h1 class="entry">` + p.Title + `</h1><p>` + p.ID + `</p>`; !strings.Contains(page, want) {
			t.Errorf("%s/index.html lacks %q", p.ID, want)
		}
	}
}
