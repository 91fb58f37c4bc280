package generate

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMissingInterfaceStringFails: a layout that asks for an interface
// string no file has fails the build, naming the layout's line and column
// and the key, instead of printing the key on the page; the same layout
// with a key that exists builds (the positive control).
func TestMissingInterfaceStringFails(t *testing.T) {
	layout := func(key string) []byte {
		return []byte(`{{define "main"}}<h1>{{.Title}}</h1>
<p>{{.T "` + key + `"}}</p>{{.Body}}{{end}}
`)
	}
	fsys := smallSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: layout("nav.guidance")}
	if _, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true}); err != nil {
		t.Fatalf("a layout with a known key: %v", err)
	}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: layout("no.such.key")}
	_, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	if err == nil {
		t.Fatal("a layout asking for a missing interface string built")
	}
	for _, want := range []string{"layouts/page.html:2:", `"no.such.key"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not name %s", err, want)
		}
	}
}

// TestCheckFindsMissingInterfaceString: check (Load, which renders
// nothing) reports a layout's missing interface string at the layout's
// line and column, in every language of the site, with the likely key.
func TestCheckFindsMissingInterfaceString(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}<h1>{{.Title}}</h1>\n<p>{{.T \"nav.guidanse\"}}</p>{{.Body}}{{end}}\n")}
	_, diags := Load(Source{FS: fsys, Name: "test"})
	want := `layouts/page.html:2:10: no interface string "nav.guidanse" in layouts/i18n: add it to layouts/i18n/en.yaml (did you mean "nav.guidance"?)`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("check reported %v, want %s", diags, want)
	}
}
